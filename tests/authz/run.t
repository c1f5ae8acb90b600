#!/usr/bin/perl
# tests/authz/run.t: the authorisation matrix (tests/authz/matrix.tsv) as tests (SECURITY.md
# 7-8, issue 3 acceptance). One organisation (and a second one) is built through the real
# API: an expert team with a coordinator and experts, a neighbourhood team of generalists, a
# client with a dossier, a request allocated to an expert, a bridging and a generalist
# assignment, a second open request, a note, an evaluation and a break-the-glass grant.
# Then every cell of the matrix is one request as the worker with that relationship:
#
#   allow[:S]  answers S (default 200) and writes audit entries with outcome=success, the
#              actor, and the responsible generalist as on_behalf_user_id;
#   deny[:S]   answers exactly (status, problem+json minus trace_id/instance) what the same
#              request answers with random, non-existent ids, with status S when given, and
#              writes exactly one audit entry with outcome=denied (none for a 401: the
#              disabled worker's session is gone, so there is no actor to log).
#
# A row whose route is not in the server's route table (GET /api/v1/openapi.json) fails
# every cell. TAP lines: "METHOD PATH as RELATIONSHIP: allow|deny".
#
#   PEERDESK=build/debug/peerdesk prove tests/authz/
#   AUTHZ_KEEP=1 prove -v tests/authz/run.t      # keep the temp dir (db, server.log)
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use JSON::PP ();
use POSIX qw(strftime);
use Test::More;

use lib dirname(abs_path(__FILE__)) . '/../http/lib';
use PeerdeskHTTP qw(srv_new srv_cmd srv_start srv_stop srv_login srv_call srv_audit_after
  header_values json_path);

my $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $BIN  = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
plan skip_all => "no peerdesk binary at $BIN (make debug, or set PEERDESK)" unless -x $BIN;
$SIG{PIPE} = 'IGNORE';

my $J      = JSON::PP->new->canonical->allow_nonref;
my $TODAY  = strftime('%Y-%m-%d', gmtime);
my @COLS   = qw(responsible assigned_expert bridging coordinator unrelated_generalist other_org
  break_glass disabled manager researcher);

# ---- the matrix ---------------------------------------------------------------------------

my @rows;
{
    open my $fh, '<', dirname(abs_path(__FILE__)) . '/matrix.tsv' or die "matrix.tsv: $!";
    my $header;
    while (my $l = <$fh>) {
        chomp $l;
        next if $l =~ /^\s*(#|$)/;
        my @f = split /\t/, $l;
        if (!$header) {
            $header = \@f;
            is_deeply([@f[4 .. $#f]], \@COLS, 'matrix.tsv: the relationship columns')
              or BAIL_OUT('matrix.tsv columns changed');
            next;
        }
        die "matrix.tsv line $.: " . scalar(@f) . " fields\n" unless @f == 4 + @COLS;
        my %row = (method => $f[0], path => $f[1], body => $f[2], if_match => $f[3], line => $.);
        for my $i (0 .. $#COLS) {
            $f[4 + $i] =~ /^(allow|deny)(?::(\d{3}))?$/ or die "matrix.tsv line $.: bad cell '$f[4 + $i]'\n";
            $row{cells}{$COLS[$i]} = {verdict => $1, status => $2};
        }
        push @rows, \%row;
    }
}

# Body templates: {{name}} is a fixture id, a worker id (w_...) or {{today}}.
my %BODY = (
    client_new      => '{"code":"AZ-{{uniq}}","goal_type":"stabilise"}',
    client_patch    => '{"birth_year":1984}',
    handover        => '{"worker_id":"{{w_helper}}"}',
    dossier_patch   => '{"keep_warm":true}',
    consent         => '{"kind":"plan","given":true,"recorded_on":"{{today}}"}',
    intensity       => '{"pattern":"alternating_weekly","agreed_on":"{{today}}"}',
    note_new        => '{"kind":"visit","contact_on":"{{today}}","minutes":45,"body":"Samen boodschappen gedaan; rustig gesprek.","activities":["daily_tasks_together"],"approaches":["being_there"]}',
    evaluation_new  => '{"planned_on":"{{today}}"}',
    evaluation_held => '{"held_on":"{{today}}","summary":"Doelen besproken met client."}',
    referral_new    => '{"service":"debt_counselling","referred_on":"{{today}}","accompanied":true}',
    bridging_new    => '{"awaited":"specialist_mental_health","waiting_since":"{{today}}","keeper_id":"{{w_expert}}"}',
    assignment_add  => '{"worker_id":"{{w_helper}}","role":"generalist","start_on":"{{today}}","intensity":{"pattern":"alternating_weekly","agreed_on":"{{today}}"}}',
    decision_advice => '{"outcome":"advice_only","note":"Advies gegeven, geen inzet nodig."}',
    request_new     => '{"reasons":["stuck"],"areas":["debt"],"themes":["loneliness"],"match_basis":"specific_diagnosis","phase":"stuck","channel":"phone","question":"Wie kan meedenken over schulden en eenzaamheid?","client_informed":true,"client_informed_on":"{{today}}"}',
    close           => '{"reason":"goal_reached","outcomes_client":["continued_without_support"],"note":"Gaat zelfstandig verder."}',
    reopen          => '{"reason":"Opnieuw aangemeld."}',
);

# ---- the fixture --------------------------------------------------------------------------

my %W = (    # relationship/name -> [email, roles, org]
    admin     => ['ada@example.test', 'admin', 'test'],
    gen       => ['gerda@example.test', 'generalist', 'test'],
    gen2      => ['gijs@example.test', 'generalist', 'test'],
    bg        => ['bram@example.test', 'generalist', 'test'],
    helper    => ['hanna@example.test', 'generalist', 'test'],
    dis       => ['dirk@example.test', 'generalist', 'test'],
    coord     => ['cor@example.test', 'coordinator,expert', 'test'],
    expert    => ['eva@example.test', 'expert', 'test'],
    bexp      => ['bas@example.test', 'expert', 'test'],
    mgr       => ['mira@example.test', 'manager', 'test'],
    res       => ['rob@example.test', 'researcher', 'test'],
    oth       => ['otto@example.test', 'generalist', 'other'],
);
# The fixture steps that make each relationship (a cell fails, saying so, when one failed).
my %NEEDS = (assigned_expert => ['the coordinator reviews the request and assigns the expert'],
             bridging => ['the responsible generalist adds bexp as bridging_expert'],
             coordinator => ['the generalist submits a second request, left open for the coordinator',
                             'the coordinator takes the second request into review',
                             'admin creates the expert team with the coordinator and two experts'],
             break_glass => ['an unrelated generalist breaks the glass for the client'],
             disabled => ['the responsible generalist adds dis as generalist',
                          'the disabled worker is disabled at the console']);
my %REL = (responsible => 'gen', assigned_expert => 'expert', bridging => 'bexp',
           coordinator => 'coord', unrelated_generalist => 'gen2', other_org => 'oth',
           break_glass => 'bg', disabled => 'dis', manager => 'mgr', researcher => 'res');

my $s = eval { srv_new($BIN, keep => $ENV{AUTHZ_KEEP}) };
BAIL_OUT("setup: $@") unless $s;
diag("files kept in $s->{dir}") if $ENV{AUTHZ_KEEP};
{
    my ($rc, $out) = srv_cmd($s, '', 'org', 'add', '--slug', 'other', '--name', 'Andere organisatie');
    BAIL_OUT("org add: $out") if $rc;
    for my $k (sort keys %W) {
        my ($email, $roles, $org) = @{$W{$k}};
        ($rc, $out) = srv_cmd($s, "$PeerdeskHTTP::SRV_PASSWORD\n", 'user', 'add', '--org', $org,
                              '--email', $email, '--name', ucfirst($k) . ' Test', '--role', $roles);
        BAIL_OUT("user add $email: $out") if $rc;
    }
}
my $err = srv_start($s);
BAIL_OUT("serve: $err") if $err;

my %V = (today => $TODAY);    # template values: fixture ids, w_<name> worker ids
my %FIX_OK;

sub email { $W{$_[0]}[0] }

sub call
{
    my ($who, $method, $path, $body, $headers) = @_;
    $body = expand($body) if defined $body && !ref $body;
    return srv_call($s, defined $who ? email($who) : undef, $method, expand($path), $body, $headers);
}

sub expand
{
    my ($t) = @_;
    return $t unless defined $t;
    $t =~ s/\{\{uniq\}\}/sprintf '%04d', ++$V{_uniq}/ge;
    $t =~ s/\{\{(\w+)\}\}/defined $V{$1} ? $V{$1} : "{{MISSING:$1}}"/ge;
    return $t;
}

sub show { my $r = shift; $r->{error} // "HTTP $r->{status} " . substr($r->{body} // '', 0, 600) }

# One fixture step: a TAP test; on success keep the values.
sub fixture
{
    my ($name, $code) = @_;
    my $why = eval { $code->() };
    $why = "died: $@" if $@;
    ok(!$why, "fixture: $name") or diag($why);
    $FIX_OK{$name} = !$why;
    return !$why;
}

# The first value at one of these JSON paths.
sub pick
{
    my ($j, @paths) = @_;
    for my $p (@paths) {
        my ($found, $v) = json_path($j, $p);
        return $v if $found && defined $v && !ref $v;
    }
    return undef;
}

for my $k (sort keys %W) {
    fixture("login $k", sub {
        my $e = srv_login($s, email($k));
        return $e if $e;
        my $r = call($k, 'GET', '/api/v1/me');
        $V{"w_$k"} = pick($r->{json}, '$.user.id') or return 'no $.user.id in /me: ' . show($r);
        return undef;
    });
}

fixture('admin creates the expert team with the coordinator and two experts', sub {
    my $r = call('admin', 'POST', '/api/v1/teams', {kind => 'expert_team', name => 'TED', area_id => undef});
    return show($r) unless $r->{status} == 201;
    my $team = $r->{json}{id};
    for my $m (qw(coord expert bexp)) {
        $r = call('admin', 'POST', "/api/v1/teams/$team/members", {worker_id => $V{"w_$m"}});
        return "member $m: " . show($r) unless $r->{status} == 201;
    }
    return undef;
});

fixture('admin creates the neighbourhood team of the generalists', sub {
    my $r = call('admin', 'POST', '/api/v1/teams', {kind => 'neighbourhood_team', name => 'Buurtteam Noord', area_id => undef});
    return show($r) unless $r->{status} == 201;
    my $team = $r->{json}{id};
    for my $m (qw(gen gen2 bg helper dis)) {
        $r = call('admin', 'POST', "/api/v1/teams/$team/members", {worker_id => $V{"w_$m"}});
        return "member $m: " . show($r) unless $r->{status} == 201;
    }
    return undef;
});

fixture('the generalist registers a client with a dossier', sub {
    my $r = call('gen', 'POST', '/api/v1/clients', {code => 'AZ-0001', goal_type => 'progress'});
    return show($r) unless $r->{status} == 201;
    $V{client}  = pick($r->{json}, '$.client.id')  or return 'no $.client.id: ' . show($r);
    $V{dossier} = pick($r->{json}, '$.dossier.id') or return 'no $.dossier.id: ' . show($r);
    return undef;
});

fixture('the generalist submits a request', sub {
    my $r = call('gen', 'POST', '/api/v1/dossiers/{{dossier}}/requests', $BODY{request_new});
    return show($r) unless $r->{status} == 201;
    $V{request1} = pick($r->{json}, '$.id', '$.request.id') or return 'no request id: ' . show($r);
    $V{v_request1} = pick($r->{json}, '$.version');
    return undef;
});

fixture('the coordinator reviews the request and assigns the expert', sub {
    return 'no request' unless $V{request1};
    my $r = call('coord', 'POST', '/api/v1/requests/{{request1}}/review', undef,
                 [['If-Match', '"' . ($V{v_request1} // 1) . '"']]);
    return 'review: ' . show($r) unless $r->{status} == 200;
    $r = call('coord', 'POST', '/api/v1/requests/{{request1}}/decision',
              '{"outcome":"assigned","expert_id":"{{w_expert}}","start_on":"{{today}}","pattern":"joint_2x_week","agreed_on":"{{today}}"}',
              [['If-Match', '"' . (pick($r->{json}, '$.version') // 2) . '"']]);
    return 'decision: ' . show($r) unless $r->{status} == 200;
    $r = call('gen', 'GET', '/api/v1/dossiers/{{dossier}}');
    my ($a) = grep { ($_->{worker_id} // '') eq $V{w_expert} && ($_->{role} // '') eq 'expert' }
      @{ref $r->{json} eq 'HASH' && ref $r->{json}{assignments} eq 'ARRAY' ? $r->{json}{assignments} : []};
    return 'the dossier shows no expert assignment for the expert: ' . show($r) unless $a;
    $V{assignment} = $a->{id};
    return undef;
});

for my $x (['bexp', 'bridging_expert', 'presence_1_2_week'], ['dis', 'generalist', 'alternating_weekly']) {
    my ($who, $role, $pattern) = @$x;
    fixture("the responsible generalist adds $who as $role", sub {
        my $r = call('gen', 'POST', '/api/v1/dossiers/{{dossier}}/assignments',
                     {worker_id => $V{"w_$who"}, role => $role, start_on => $TODAY,
                      intensity => {pattern => $pattern, agreed_on => $TODAY}});
        return $r->{status} == 201 ? undef : show($r);
    });
}

fixture('the generalist submits a second request, left open for the coordinator', sub {
    my $r = call('gen', 'POST', '/api/v1/dossiers/{{dossier}}/requests', $BODY{request_new});
    return show($r) unless $r->{status} == 201;
    $V{request} = pick($r->{json}, '$.id', '$.request.id') or return 'no request id: ' . show($r);
    return undef;
});

fixture('the coordinator takes the second request into review', sub {
    return 'no request' unless $V{request};
    my $r = call('coord', 'POST', '/api/v1/requests/{{request}}/review', undef,
                 [['If-Match', '"' . current_version('request') . '"']]);
    return $r->{status} == 200 ? undef : show($r);
});

fixture('the generalist writes a note', sub {
    my $r = call('gen', 'POST', '/api/v1/dossiers/{{dossier}}/notes', $BODY{note_new});
    return show($r) unless $r->{status} == 201;
    $V{note} = pick($r->{json}, '$.id', '$.note.id') or return 'no note id: ' . show($r);
    return undef;
});

fixture('the expert plans an evaluation', sub {
    my $r = call('expert', 'POST', '/api/v1/dossiers/{{dossier}}/evaluations', $BODY{evaluation_new});
    return show($r) unless $r->{status} == 201;
    $V{evaluation} = pick($r->{json}, '$.id', '$.evaluation.id') or return 'no evaluation id: ' . show($r);
    $V{v_evaluation} = pick($r->{json}, '$.version');
    return undef;
});

fixture('an unrelated generalist breaks the glass for the client', sub {
    my $r = call('bg', 'POST', '/api/v1/break-glass',
                 {client_id => $V{client} // '', reason => 'Crisis: client belt, vaste hulpverlener afwezig.',
                  password => $PeerdeskHTTP::SRV_PASSWORD});
    return $r->{status} == 201 ? undef : show($r);
});

fixture('the disabled worker is disabled at the console', sub {
    my ($rc, $out) = srv_cmd($s, '', 'user', 'disable', '--email', email('dis'));
    return $rc ? "user disable: $out" : undef;
});

# ---- the route table ----------------------------------------------------------------------

my %ROUTE;    # "METHOD /path/{}" -> operation
{
    my $r = call(undef, 'GET', '/api/v1/openapi.json');
    BAIL_OUT('no OpenAPI document: ' . show($r)) unless $r->{status} == 200 && ref $r->{json} eq 'HASH';
    for my $p (keys %{$r->{json}{paths}}) {
        (my $norm = $p) =~ s/\{[^}]*\}/{}/g;
        $ROUTE{uc($_) . " $norm"} = $r->{json}{paths}{$p}{$_} for keys %{$r->{json}{paths}{$p}};
    }
}

# ---- the cells ----------------------------------------------------------------------------

sub random_uuid
{
    my @b = map { int rand 256 } 1 .. 16;
    $b[6] = ($b[6] & 0x0f) | 0x70;
    $b[8] = ($b[8] & 0x3f) | 0x80;
    my $h = join '', map { sprintf '%02x', $_ } @b;
    return join '-', substr($h, 0, 8), substr($h, 8, 4), substr($h, 12, 4), substr($h, 16, 4), substr($h, 20);
}

# The record's current version, read as the responsible generalist (or remembered).
sub current_version
{
    my ($what) = @_;
    my ($path, $find) = $what eq 'client' ? ('/api/v1/clients/{{client}}', undef)
      : $what eq 'dossier'    ? ('/api/v1/dossiers/{{dossier}}', undef)
      : $what eq 'assignment' ? ('/api/v1/dossiers/{{dossier}}', 'assignment')
      : $what eq 'request'    ? ('/api/v1/requests/{{request}}', undef)
      :                         (undef, undef);
    if ($path) {
        my $r = call('gen', 'GET', $path);
        if (!$find) {
            my ($etag) = header_values($r, 'ETag');
            return $1 if defined $etag && $etag =~ /^(?:W\/)?"?(\d+)"?$/;
            return pick($r->{json}, '$.version') // $V{"v_$what"};
        }
        my ($a) = grep { ($_->{id} // '') eq ($V{assignment} // '') }
          @{ref $r->{json} eq 'HASH' && ref $r->{json}{assignments} eq 'ARRAY' ? $r->{json}{assignments} : []};
        return $a && defined $a->{version} ? $a->{version} : $V{"v_$what"} // 1;
    }
    return $V{"v_$what"} // 1;
}

sub strip_problem
{
    my ($r) = @_;
    my ($ct) = header_values($r, 'Content-Type');
    my $j = $r->{json};
    my $body = ref $j eq 'HASH' ? $J->encode({map { $_ => $j->{$_} } grep { !/^(trace_id|instance)$/ } keys %$j})
      : 'body:' . ($r->{body} // '');
    return ($r->{status}, $ct // '', $body);
}

my %PLACE = map { $_ => 1 } qw(client dossier note request assignment evaluation);

for my $row (@rows) {
    (my $norm = $row->{path}) =~ s/\{[^}]*\}/{}/g;
    my $route = $ROUTE{"$row->{method} $norm"};
    my @order = ((grep { $row->{cells}{$_}{verdict} eq 'deny' } @COLS),
                 (grep { $row->{cells}{$_}{verdict} eq 'allow' } @COLS));
    my @holes = grep { $PLACE{$_} && !defined $V{$_} } $row->{path} =~ /\{(\w+)\}/g;
    for my $rel (@order) {
        my $cell = $row->{cells}{$rel};
        my $name = "$row->{method} $row->{path} as $rel: $cell->{verdict}";
        if (!$route) {
            fail($name);
            diag("  not in the route table (matrix.tsv line $row->{line})") if $rel eq $order[0];
            next;
        }
        if (@holes) {
            fail($name);
            diag("  the fixture has no {@holes} (see the failed fixture steps)") if $rel eq $order[0];
            next;
        }
        my $who = $REL{$rel};
        if ($rel ne 'disabled' && !$FIX_OK{"login $who"}) {
            fail($name);
            diag("  $who could not log in");
            next;
        }
        my @unmet = grep { !$FIX_OK{$_} } @{$NEEDS{$rel} // []};
        my $unmet = @unmet ? "  (relationship not established: fixture '" . join("', '", @unmet) . "' failed)" : '';
        my $tmpl_body = $row->{body} eq '-' ? undef : $BODY{$row->{body}} // die "no body template $row->{body}\n";
        my @h;
        push @h, ['If-Match', '"' . current_version($row->{if_match}) . '"'] if $row->{if_match} ne '-';

        (my $path = $row->{path}) =~ s/\{(\w+)\}/{{$1}}/g;
        my ($err0, undef, $seq) = srv_audit_after($s, 0);
        my $r = call($who, $row->{method}, $path, $tmpl_body, \@h);
        my ($err1, $entries) = srv_audit_after($s, $seq);
        my @p;
        push @p, "no response: $r->{error}" if $r->{error};
        push @p, "audit: " . ($err0 // $err1) if $err0 || $err1;
        $entries //= [];
        my $shown = join '', map { "\n    " . $J->encode($_) } @$entries;

        if (!@p && $cell->{verdict} eq 'allow') {
            my $want = $cell->{status} // 200;
            push @p, "status $r->{status}, expected $want" if $r->{status} != $want;
            my @mine = grep { ($_->{outcome} // '') eq 'success' && ($_->{actor_user_id} // '') eq $V{"w_$who"} } @$entries;
            push @p, "no audit entry with outcome=success by this worker$shown" unless @mine;
            my $behalf = $row->{path} =~ /\{/ ? $V{w_gen} : $V{"w_$who"};
            my @bad = grep { defined $_->{client_id} && ($_->{on_behalf_user_id} // '') ne $behalf } @mine;
            push @p, "audit entries not on behalf of the responsible generalist:$shown" if @bad;
            push @p, "denied entries for an allowed request:$shown" if grep { ($_->{outcome} // '') eq 'denied' } @$entries;
            if ($r->{status} == $want && $row->{if_match} ne '-' && ref $r->{json} eq 'HASH' && defined $r->{json}{version}) {
                $V{"v_$row->{if_match}"} = $r->{json}{version};
            }
        } elsif (!@p) {
            push @p, "status $r->{status}, expected " . ($cell->{status} // 'a 4xx')
              if ($cell->{status} && $r->{status} != $cell->{status}) || $r->{status} < 400 || $r->{status} >= 500;
            # the same request about objects that do not exist (rows with an object only)
            if ($row->{path} =~ /\{/) {
                local @V{keys %PLACE} = map { random_uuid() } keys %PLACE;
                my $m = call($who, $row->{method}, $path, $tmpl_body, \@h);
                my @a = strip_problem($r);
                my @b = strip_problem($m);
                push @p, "answer differs from a missing object's (existence leak):\n    here:    @a\n    missing: @b"
                  if "@a" ne "@b";
            }
            if ($r->{status} == 401) {
                push @p, "a 401 wrote audit entries:$shown" if @$entries;
            } else {
                my @den = grep { ($_->{outcome} // '') eq 'denied' } @$entries;
                push @p, scalar(@$entries) . " audit entries, expected exactly one with outcome=denied$shown"
                  unless @$entries == 1 && @den == 1;
            }
        }
        push @p, $unmet if @p && $unmet;
        ok(!@p, $name) or diag(join "\n", map {"  $_"} @p, 'response: ' . show($r));
    }
}

my $stop = srv_stop($s);
is($stop, 'exit 0', 'the server stops cleanly on SIGTERM');
if (!Test::More->builder->is_passing && -s "$s->{dir}/server.log") {
    open my $fh, '<', "$s->{dir}/server.log";
    my @l = <$fh>;
    @l = @l[-80 .. -1] if @l > 80;
    diag("---- server.log (last lines):\n" . join('', @l));
}
done_testing();
