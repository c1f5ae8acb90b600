#!/usr/bin/perl
# tests/http/run.t: black-box HTTP tests. Each tests/http/*.test (or each file named in
# $HTTP_TESTS, space separated) runs against a fresh database and a fresh `peerdesk serve`;
# every step is one TAP test named "FILE-STEM: label". The server must never die during a
# file and must exit 0 on SIGTERM. Format and examples: docs/testing.md.
#
#   PEERDESK=build/debug/peerdesk prove tests/http/run.t
#   HTTP_TESTS=tests/http/0004-bad-input.test prove -v tests/http/run.t
#   PEERDESK_TEST_PG=postgres://peerdesk@127.0.0.1:PORT prove tests/http/run.t   # make http-pg
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(basename dirname);
use File::Temp qw(tempdir);
use JSON::PP ();
use POSIX qw(:sys_wait_h);
use Time::HiRes qw(sleep time);
use Test::More;

use lib dirname(abs_path(__FILE__)) . '/lib';
use B ();
use PeerdeskHTTP qw(parse_case json_match json_path base32_decode totp_code http_request
  header_values expand_template decode_escapes eval_count test_db test_db_drop);

my $ROOT     = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $PASSWORD = 'correct horse battery staple';
my $JSON     = JSON::PP->new->canonical->allow_nonref;
my $BIN      = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
$SIG{PIPE} = 'IGNORE';

my @files = $ENV{HTTP_TESTS} ? split(' ', $ENV{HTTP_TESTS}) : sort glob("$ROOT/tests/http/*.test");
@files = map { m{^/} || -e $_ ? $_ : "$ROOT/$_" } @files;
plan skip_all => 'no tests/http/*.test files' unless @files;

for my $file (@files) {
    my $stem = basename($file) =~ s/\.test$//r;
    subtest $stem => sub { run_file($file, $stem) };
}
done_testing();

# ---- one file -----------------------------------------------------------------------------

sub run_file
{
    my ($file, $stem) = @_;
    my $text = do { local $/; open my $fh, '<', $file or die "$file: $!"; <$fh> };
    my $case = eval { parse_case($text, $file) };
    if (!$case) {
        fail("$stem: parse");
        diag($@);
        return;
    }
    my $dir = tempdir("peerdesk-http-$stem-XXXXXX", TMPDIR => 1, CLEANUP => !$ENV{HTTP_KEEP});
    diag("$stem: files kept in $dir") if $ENV{HTTP_KEEP};
    my $t = {stem => $stem, dir => $dir, db => undef, jars => {},
             vars => {today => POSIX::strftime('%Y-%m-%d', gmtime),
                      map { ("today_plus_$_" => POSIX::strftime('%Y-%m-%d', gmtime(time + $_ * 86400))) } 1 .. 30},
             totp_last => {}, responses => {}, current => undef, audit_seq => 0};

    my $setup_error = setup($t, $case);
    my $server_error;
    if (!$setup_error) {
        $server_error = start_server($t);
    }
    my $why = $setup_error // $server_error;
    ok(!$why, "$stem: setup (init, orgs, users, serve)") or diag($why);
    if ($why) {
        diag_file("$dir/server.log", 'server stderr') if $server_error;
        # Nothing is skipped: every step is reported, as not run.
        fail("$stem: $_->{label} (not run: setup failed)") for @{$case->{steps}};
        stop_server($t) if $t->{pid};
        drop_db($t);
        return;
    }

    for my $step (@{$case->{steps}}) {
        my $name = "$stem: $step->{label}";
        if (my $death = server_died($t)) {
            fail("$name (not run: the server died: $death)");
            next;
        }
        my @problems = eval { run_step($t, $step) };
        @problems = ("runner error: $@") if $@;
        # A dropped connection may be the server dying: give it a moment to be reaped.
        my $death = grep(/^no response/, @problems) ? wait_death($t, 1) : server_died($t);
        push @problems, "THE SERVER DIED during this step: $death" if $death;
        ok(!@problems, $name) or diag(join "\n", "$step->{label} (line $step->{line}):", @problems);
    }

    my $death = wait_death($t, 0.2);
    ok(!$death, "$stem: the server stayed up") or diag("the server died: $death");
    if (!$death) {
        my $exit = stop_server($t);
        ok($exit eq 'exit 0', "$stem: the server stops cleanly on SIGTERM") or diag("it ended with $exit");
    }
    diag_file("$dir/server.log", 'server stderr') unless Test::More->builder->is_passing;
    drop_db($t);
}

# A PostgreSQL case database goes when its case is done (kept with HTTP_KEEP, like DIR).
sub drop_db
{
    my ($t) = @_;
    return if !$t->{db} || $ENV{HTTP_KEEP};
    eval { test_db_drop($t->{db}); 1 } or diag("$t->{stem}: $@");
}

sub diag_file
{
    my ($path, $what) = @_;
    return unless -s $path;
    open my $fh, '<', $path or return;
    my @l = <$fh>;
    @l = ('[... ' . (@l - 200) . " lines ...]\n", @l[-200 .. -1]) if @l > 200;
    diag("---- $what ($path):\n" . join('', @l) . "---- end of $what");
}

# ---- processes ----------------------------------------------------------------------------

# run_cmd(T, STDIN_TEXT, ARGS...) -> (exit status, combined output)
sub run_cmd
{
    my ($t, $stdin, @args) = @_;
    my $in  = "$t->{dir}/cmd.in";
    my $out = "$t->{dir}/cmd.out";
    open my $fh, '>', $in or die "$in: $!";
    print $fh $stdin // '';
    close $fh;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', $in or die;
        open STDOUT, '>', $out or die;
        open STDERR, '>&', \*STDOUT or die;
        exec $BIN, @args or do { print STDERR "exec $BIN: $!\n"; POSIX::_exit(127) };
    }
    waitpid $pid, 0;
    my $rc = $?;
    my $text = do { local $/; open my $o, '<', $out; <$o> // '' };
    unlink $in;
    return ($rc, $text);
}

sub describe_status
{
    my ($rc) = @_;
    return 'signal ' . ($rc & 127) . ($rc & 128 ? ' (core dumped)' : '') if $rc & 127;
    return 'exit ' . ($rc >> 8);
}

sub setup
{
    my ($t, $case) = @_;
    return "no peerdesk binary at $BIN (build it: make debug; or set PEERDESK)" unless -x $BIN;
    $t->{db} = eval { test_db($t->{dir}, $t->{stem}) } // return "creating the database: $@";
    my @cmds = (['init', '--db', $t->{db}], ['org', 'add', '--db', $t->{db}, '--slug', 'test',
                 '--name', 'Testorganisatie']);
    push @cmds, ['org', 'add', '--db', $t->{db}, '--slug', $_->[0], '--name', $_->[1]]
      for @{$case->{orgs}};
    for my $c (@cmds) {
        my ($rc, $out) = run_cmd($t, '', @$c);
        return "peerdesk @$c: " . describe_status($rc) . "\n$out" if $rc;
    }
    for my $u (@{$case->{users}}) {
        my @c = ('user', 'add', '--db', $t->{db}, '--org', $u->{org}, '--email', $u->{email},
                 '--name', $u->{name}, '--role', $u->{roles});
        my ($rc, $out) = run_cmd($t, "$PASSWORD\n", @c);
        return "peerdesk @c: " . describe_status($rc) . "\n$out" if $rc;
    }
    return undef;
}

sub start_server
{
    my ($t) = @_;
    my $out = "$t->{dir}/server.out";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', '/dev/null' or die;
        open STDOUT, '>', $out or die;
        open STDERR, '>', "$t->{dir}/server.log" or die;
        exec $BIN, 'serve', '--db', $t->{db}, '--listen', '127.0.0.1:0'
          or do { print STDERR "exec $BIN: $!\n"; POSIX::_exit(127) };
    }
    $t->{pid} = $pid;
    my $deadline = time + 10;
    while (time < $deadline) {
        if (open my $fh, '<', $out) {
            while (<$fh>) {
                if (m{^peerdesk: listening on http://127\.0\.0\.1:(\d+)\s*$}) {
                    $t->{port} = $1;
                    return undef;
                }
            }
        }
        if (my $death = server_died($t)) {
            return "peerdesk serve ended before listening: $death";
        }
        sleep 0.05;
    }
    return "peerdesk serve printed no 'peerdesk: listening on http://127.0.0.1:PORT' within 10 s";
}

# undef while the server runs; else how it ended (and forget the pid).
sub server_died
{
    my ($t) = @_;
    return $t->{died} if $t->{died};
    return 'never started' unless $t->{pid};
    my $r = waitpid $t->{pid}, WNOHANG;
    return undef if $r == 0;
    $t->{died} = describe_status($?);
    return $t->{died};
}

# server_died, polled for up to SECONDS
sub wait_death
{
    my ($t, $seconds) = @_;
    my $deadline = time + $seconds;
    while (1) {
        my $d = server_died($t);
        return $d if $d || time >= $deadline;
        sleep 0.05;
    }
}

sub stop_server
{
    my ($t) = @_;
    return $t->{died} if $t->{died};
    kill 'TERM', $t->{pid};
    my $deadline = time + 5;
    while (time < $deadline) {
        my $r = waitpid $t->{pid}, WNOHANG;
        return describe_status($?) if $r == $t->{pid};
        sleep 0.05;
    }
    kill 'KILL', $t->{pid};
    waitpid $t->{pid}, 0;
    return 'no exit within 5 s of SIGTERM (killed)';
}

# ---- audit --------------------------------------------------------------------------------

# New audit entries after SEQ, without the audit.read entries that our own
# `peerdesk audit list` calls write (actor "cli"). Returns (error, entries, last seq seen).
sub audit_after
{
    my ($t, $after) = @_;
    my (@entries, $last);
    $last = $after;
    for (1 .. 100) {
        my ($rc, $out) = run_cmd($t, '', 'audit', 'list', '--db', $t->{db}, '--after', $last, '--json');
        return ("peerdesk audit list: " . describe_status($rc) . "\n$out") if $rc;
        my $theirs = 0;
        for my $line (split /\n/, $out) {
            next unless $line =~ /^\s*\{/;
            my $en = eval { $JSON->decode($line) } or return ("audit list: bad JSON line: $line");
            $last = $en->{seq} if $en->{seq} > $last;
            my $own = ($en->{event} // '') eq 'audit.read' && ($en->{access_basis} // '') eq 'cli'
              && !defined $en->{actor_user_id};
            next if $own;
            push @entries, $en;
            $theirs++;
        }
        return (undef, \@entries, $last) unless $theirs;    # a page with only our own read: done
    }
    return ('audit list: more than 100 pages of entries');
}

# ---- sessions -----------------------------------------------------------------------------

sub jar
{
    my ($t, $name) = @_;
    return $t->{jars}{$name} //= {name => $name};
}

# Request with a jar's cookie and CSRF token; remember what the answer sets.
sub send_request
{
    my ($t, $jar, $method, $path, $headers, $body, $opts) = @_;
    $opts //= {};
    my @h = @$headers;
    my %has = map { lc($_->[0]) => 1 } @h;
    if ($jar && $jar->{cookie} && !$has{cookie}) {
        push @h, ['Cookie', $jar->{cookie}];
    }
    if ($jar && $jar->{cookie} && $jar->{csrf} && $method !~ /^(GET|HEAD)$/ && !$opts->{no_csrf}
        && !$has{'x-csrf-token'})
    {
        push @h, ['X-CSRF-Token', $jar->{csrf}];
    }
    if (defined $body && length $body && !$has{'content-type'}) {
        push @h, ['Content-Type', 'application/json'];
    }
    my $req = "$method $path HTTP/1.1\r\nHost: 127.0.0.1:$t->{port}\r\nConnection: close\r\n";
    $req .= "$_->[0]: $_->[1]\r\n" for @h;
    $req .= 'Content-Length: ' . length($body // '') . "\r\n"
      if !$has{'content-length'} && (defined $body || $method =~ /^(POST|PUT|PATCH|DELETE)$/);
    $req .= "\r\n" . ($body // '');
    my $resp = http_request($t->{port}, $req, 5);
    remember($t, $jar, $resp, $method, $path) if $jar && !$resp->{error};
    return $resp;
}

sub decode_body
{
    my ($resp) = @_;
    return $resp->{json} if exists $resp->{json};
    my ($ct) = header_values($resp, 'Content-Type');
    $resp->{json} = undef;
    $resp->{json_error} = undef;
    if (defined $resp->{body} && length $resp->{body} && ($ct // '') =~ m{[/+]json\b}) {
        $resp->{json} = eval { JSON::PP->new->allow_nonref->decode($resp->{body}) };
        $resp->{json_error} = $@ if $@;
    }
    return $resp->{json};
}

sub remember
{
    my ($t, $jar, $resp, $method, $path) = @_;
    for my $sc (header_values($resp, 'Set-Cookie')) {
        my ($pair) = split /;/, $sc, 2;
        my ($name, $value) = $pair =~ /^\s*([^=]+?)\s*=\s*(.*?)\s*$/ or next;
        my $gone = $value eq '' || $sc =~ /;\s*max-age\s*=\s*0\b/i
          || $sc =~ /;\s*expires\s*=[^;]*\b19[0-9]{2}\b/i;
        if ($gone) {
            delete $jar->{cookie} if ($jar->{cookie} // '') =~ /^\Q$name\E=/;
        } else {
            $jar->{cookie} = "$name=$value";
        }
    }
    my $j = decode_body($resp);
    if (ref $j eq 'HASH') {
        $jar->{csrf}  = $j->{csrf_token} if defined $j->{csrf_token} && !ref $j->{csrf_token};
        $jar->{level} = $j->{level}      if defined $j->{level} && !ref $j->{level} && $resp->{status} < 300;
        $jar->{email} = $j->{user}{email}
          if ref $j->{user} eq 'HASH' && defined $j->{user}{email} && !ref $j->{user}{email};
        # a TOTP secret belongs to the user, whichever jar enrolled it
        $t->{secrets}{$jar->{email} // $jar->{name}} = $j->{secret}
          if $method eq 'POST' && $path eq '/api/v1/me/totp' && defined $j->{secret} && !ref $j->{secret};
    }
}

# A TOTP code for SECRET (base32) that the server has not seen yet: time step max(now,
# last used + 1), waiting for the next 30 s boundary when that would be beyond now + 1.
sub fresh_totp
{
    my ($t, $secret) = @_;
    my $key  = base32_decode($secret);
    my $now  = int(time / 30);
    my $last = $t->{totp_last}{$secret} // -1;
    my $step = $now > $last ? $now : $last + 1;
    if ($step > $now + 1) {
        my $wait = ($step - 1) * 30 - time + 0.2;
        sleep $wait if $wait > 0;
        $now = int(time / 30);
    }
    $t->{totp_last}{$secret} = $step;
    return totp_code($key, $step);
}

# A 6-digit code valid for none of the steps T-1..T+1.
sub wrong_totp
{
    my ($secret) = @_;
    my $key = base32_decode($secret);
    my $now = int(time / 30);
    my %valid = map { totp_code($key, $_) => 1 } $now - 1 .. $now + 2;
    my $c = (totp_code($key, $now) + 500000) % 1000000;
    $c = ($c + 1) % 1000000 while $valid{sprintf '%06d', $c};
    return sprintf '%06d', $c;
}

sub level_of
{
    my ($j) = @_;
    return undef unless ref $j eq 'HASH';
    return $j->{level} if defined $j->{level};
    return $j->{session}{level} if ref $j->{session} eq 'HASH';
    return undef;
}

# Log EMAIL in from scratch, through TOTP enrolment or the TOTP step as needed.
# Returns undef or a description of what went wrong.
sub login
{
    my ($t, $email, $password) = @_;
    my $jar = jar($t, $email);
    delete @$jar{qw(cookie csrf level)};
    my $fail = sub {
        my ($what, $resp) = @_;
        return "login as $email: $what: "
          . ($resp->{error} // "HTTP $resp->{status}\n" . ($resp->{body} // ''));
    };
    my $r = send_request($t, $jar, 'POST', '/api/v1/session', [],
                         $JSON->encode({email => $email, password => $password // $PASSWORD}));
    return $fail->('POST /api/v1/session', $r) if $r->{error} || $r->{status} != 200;
    my $level = level_of(decode_body($r)) // '';
    if ($level eq 'totp_enrol') {
        $r = send_request($t, $jar, 'POST', '/api/v1/me/totp', [], undef);
        return $fail->('POST /api/v1/me/totp', $r) if $r->{error} || $r->{status} != 200;
        my $secret = (decode_body($r) // {})->{secret};
        return $fail->('POST /api/v1/me/totp gave no secret', $r) unless defined $secret && !ref $secret;
        $r = send_request($t, $jar, 'POST', '/api/v1/me/totp/verify', [],
                          $JSON->encode({code => fresh_totp($t, $secret)}));
        return $fail->('POST /api/v1/me/totp/verify', $r) if $r->{error} || $r->{status} != 200;
        $level = level_of(decode_body($r)) // '';
    } elsif ($level eq 'totp') {
        return "login as $email: the server wants a TOTP code, but no secret is known for this "
          . "user (enrol in an earlier step)"
          unless $t->{secrets}{$email};
        $r = send_request($t, $jar, 'POST', '/api/v1/session/totp', [],
                          $JSON->encode({code => fresh_totp($t, $t->{secrets}{$email})}));
        return $fail->('POST /api/v1/session/totp', $r) if $r->{error} || $r->{status} != 200;
        $level = level_of(decode_body($r)) // '';
    }
    return $fail->("ended at level '$level', not 'full'", $r) unless $level eq 'full';
    $jar->{cookie} or return $fail->('no session cookie was set', $r);
    return undef;
}

# ---- one step -----------------------------------------------------------------------------

sub run_step
{
    my ($t, $step) = @_;
    my %d;
    my $body_override;
    for my $dv (@{$step->{directives}}) {
        my ($k, $arg) = @$dv;
        if ($k eq 'anon') {
            $t->{current} = undef;
        } elsif ($k eq 'session') {
            $arg =~ /^\S+$/ or return ('%session wants a name');
            $t->{current} = $arg;
            jar($t, $arg);
        } elsif ($k eq 'as' || $k eq 'login') {
            my ($email, $pw) = split ' ', $arg, 2;
            defined $email or return ("%$k wants an email");
            my $jar = jar($t, $email);
            if ($k eq 'login' || !$jar->{cookie} || ($jar->{level} // '') ne 'full') {
                my $err = login($t, $email, $pw);
                return ($err) if $err;
            }
            $t->{current} = $email;
        } elsif ($k eq 'sleep') {
            $arg =~ /^\d+(?:\.\d+)?$/ or return ('%sleep wants seconds');
            sleep $arg;
        } elsif ($k eq 'body-hex') {
            (my $hex = $arg) =~ s/\s+//g;
            $hex =~ /^(?:[0-9A-Fa-f]{2})*$/ or return ('%body-hex wants an even number of hex digits');
            $body_override = pack 'H*', $hex;
        } elsif ($k eq 'body-repeat') {
            my ($char, $count) = split ' ', $arg;
            defined $count or return ('%body-repeat wants TEXT COUNT');
            $body_override = $char x eval_count($count);
        } elsif ($k eq 'no-csrf') {
            $d{no_csrf} = 1;
        } elsif ($k eq 'repeat') {
            $d{repeat} = $arg;
        } elsif ($k eq 'clock-minute-left') {
            # for limits counted per clock minute: start in a minute with enough of it left
            my $left = 60 - (time - 60 * int(time / 60));
            sleep $left + 0.05 if $left < $arg;
        }
    }

    my $funcs = {totp => sub {
        my ($name, $kind) = @_;
        die "{{totp:$name}}: nothing saved as $name\n" unless exists $t->{vars}{$name};
        my $secret = $t->{vars}{$name};
        return wrong_totp($secret) if $kind eq 'wrong';
        return fresh_totp($t, $secret) if $kind eq '';
        my $last = $t->{totp_last}{$secret} // die "{{totp-last:$name}}: no code used yet\n";
        return totp_code(base32_decode($secret), $last);
    }};
    my $x = sub { expand_template($_[0], $t->{vars}, $funcs) };

    # audit marker: entries written by the identity set-up above do not count
    my @audit = grep { $_->{kind} eq 'audit' } @{$step->{expect}};
    if (@audit) {
        my ($err, undef, $last) = audit_after($t, $t->{audit_seq});
        return ($err) if $err;
        $t->{audit_seq} = $last;
    }

    return run_cli_step($t, $step, $x, \@audit) if $step->{cli};

    my $jar = defined $t->{current} ? jar($t, $t->{current}) : undef;
    my $count = $d{repeat} // 1;
    my ($resp, @p);
    for my $n (1 .. $count) {
        local $t->{vars}{i} = $n if $d{repeat};
        my $t0 = time;
        if ($step->{raw}) {
            my @l = map { decode_escapes($x->($_)) } @{$step->{raw}};
            pop @l while @l && $l[-1] eq '';
            my $blank = grep { $_ eq '' } @l;
            my $bytes = join("\r\n", @l) . ($blank ? '' : "\r\n\r\n");
            $resp = http_request($t->{port}, $bytes, 5);
        } else {
            my $body = defined $body_override ? $body_override : $x->($step->{body});
            my @h = map { [$_->[0], $x->($_->[1])] } @{$step->{headers}};
            $resp = send_request($t, $jar, $step->{method}, $x->($step->{path}), \@h, $body, \%d);
        }
        $resp->{elapsed} = time - $t0;
        my $which = $d{repeat} ? "request $n of $count: " : '';
        return ("${which}no response: $resp->{error}") if $resp->{error};
        return ("${which}malformed response: $resp->{bad}") if $resp->{bad};
        decode_body($resp);
        $t->{responses}{$step->{label}} = $resp;

        if (@audit && $n == $count) {
            my ($err, $entries, $last) = audit_after($t, $t->{audit_seq});
            return ("audit: $err") if $err;
            $t->{audit_seq} = $last;
            $resp->{audit} = $entries;
        }
        # every answer meets every expectation; the audit count covers all of them, at the end
        for my $e (@{$step->{expect}}) {
            next if $e->{kind} eq 'audit' && $n < $count;
            push @p, map {"$which$_"} check($t, $e, $resp, $jar);
        }
        last if @p;
    }
    if (@p) {
        my $b = $resp->{body} // '';
        $b = substr($b, 0, 2000) . '...' if length $b > 2000;
        push @p, "response: HTTP $resp->{status} $resp->{reason}",
          (map {"  $_->[0]: $_->[1]"} @{$resp->{headers}}), "  body: $b";
    }
    return @p;
}

# A %cli step: `peerdesk ARGS --db DB` while the server runs, with %cli-stdin as its input.
sub run_cli_step
{
    my ($t, $step, $x, $audit) = @_;
    my @args = map { $x->($_) } @{$step->{cli}};
    my $stdin = $x->($step->{cli_stdin} // '');
    my ($rc, $out) = run_cmd($t, $stdin, @args, '--db', $t->{db});
    my $resp = {cli => 1, rc => $rc, output => $out};
    $t->{responses}{$step->{label}} = $resp;
    if (@$audit) {
        my ($err, $entries, $last) = audit_after($t, $t->{audit_seq});
        return ("audit: $err") if $err;
        $t->{audit_seq} = $last;
        $resp->{audit} = $entries;
    }
    my @p;
    my ($want) = map { $_->{code} } grep { $_->{kind} eq 'exit' } @{$step->{expect}};
    my $got = describe_status($rc);
    push @p, "peerdesk @args: $got, expected exit " . ($want // 0) if $got ne 'exit ' . ($want // 0);
    push @p, "peerdesk @args: a sanitizer report" if $out =~ /AddressSanitizer|LeakSanitizer|runtime error:/;
    for my $e (@{$step->{expect}}) {
        next if $e->{kind} eq 'exit';
        if ($e->{kind} eq 'output-contains') {
            push @p, "line $e->{line}: the output does not contain '$e->{text}'" if index($out, $e->{text}) < 0;
            next;
        }
        push @p, check($t, $e, $resp, undef);
    }
    push @p, "command: peerdesk @args --db $t->{db}", "output:\n$out" if @p;
    return @p;
}

# The expected JSON with {{NAME}} expanded in every string (keys stay as written), so a
# step can say {"client_id":"{{CLIENT}}"}.
sub expand_json
{
    my ($j, $vars) = @_;
    return [map { expand_json($_, $vars) } @$j] if ref $j eq 'ARRAY';
    return {map { ($_ => expand_json($j->{$_}, $vars)) } keys %$j} if ref $j eq 'HASH';
    return $j if !defined $j || ref $j;
    # Only strings: a regex on a number would make JSON::PP see it as a string afterwards.
    my $flags = B::svref_2object(\$j)->FLAGS;
    return $j if !($flags & B::SVp_POK) || ($flags & (B::SVp_IOK | B::SVp_NOK)) || $j !~ /\{\{/;
    return expand_template($j, $vars);
}

sub check
{
    my ($t, $e, $resp, $jar) = @_;
    my $k = $e->{kind};
    my $at = "line $e->{line}: ";
    if ($k eq 'status') {
        return () if grep { $_ == $resp->{status} } @{$e->{codes}};
        return ($at . 'status ' . $resp->{status} . ', expected ' . join(' or ', @{$e->{codes}}));
    }
    if ($k eq 'headers') {
        my @p;
        for my $h (@{$e->{headers}}) {
            my ($name, $want) = @$h;
            my @got = header_values($resp, $name);
            if (!@got) {
                push @p, "${at}header $name missing";
            } elsif ($want =~ /^~(.*)$/) {
                my $re = $1;
                push @p, "${at}header $name: '@got' does not match /$re/" unless grep {/$re/} @got;
            } elsif (!grep { $_ eq $want } @got) {
                push @p, "${at}header $name: '" . join("', '", @got) . "', expected '$want'";
            }
        }
        return @p;
    }
    if ($k eq 'no-header') {
        my @got = header_values($resp, $e->{name});
        return @got ? ("${at}header $e->{name} present ('@got'), expected none") : ();
    }
    if ($k eq 'json') {
        return ("${at}response body is not JSON: " . ($resp->{json_error} // 'no JSON content type'))
          unless defined $resp->{json} || ($resp->{body} // '') eq 'null';
        my $want = eval { expand_json($e->{json}, $t->{vars}) };
        return ("${at}$@") unless defined $want || !defined $e->{json};
        return map { "$at$_" } json_match($want, $resp->{json});
    }
    if ($k eq 'body-contains') {
        return index($resp->{body} // '', $e->{text}) >= 0 ? () : ("${at}body does not contain '$e->{text}'");
    }
    if ($k eq 'body-lacks') {
        my $text = eval { expand_template($e->{text}, $t->{vars}) };
        return ("${at}$@") unless defined $text;
        return index($resp->{body} // '', $text) < 0 ? () : ("${at}body contains '$text'");
    }
    if ($k eq 'save') {
        if ($e->{from} eq 'cookie') {
            return ("${at}save $e->{name}: no session cookie") unless $jar && $jar->{cookie};
            $t->{vars}{$e->{name}} = $jar->{cookie};
            return ();
        }
        my ($found, $v) = json_path($resp->{json}, $e->{from});
        return ("${at}save $e->{name}: $e->{from} not in the response") unless $found;
        $t->{vars}{$e->{name}} = ref $v ? $JSON->encode($v) : $v;
        return ();
    }
    if ($k eq 'same-as') {
        my $other = $t->{responses}{$e->{label}} or return ("${at}same-as: step '$e->{label}' has no response");
        return ("${at}same-as: step '$e->{label}' is a %cli step") if $other->{cli};
        my @p;
        push @p, "${at}status $resp->{status}, but '$e->{label}' had $other->{status}"
          if $resp->{status} != $other->{status};
        my ($ct1) = header_values($resp, 'Content-Type');
        my ($ct2) = header_values($other, 'Content-Type');
        push @p, "${at}Content-Type '" . ($ct1 // '') . "', but '$e->{label}' had '" . ($ct2 // '') . "'"
          if ($ct1 // '') ne ($ct2 // '');
        my $strip = sub {
            my $j = $_[0];
            return $JSON->encode($j) unless ref $j eq 'HASH';
            my %c = %$j;
            delete @c{qw(trace_id instance)};
            return $JSON->encode(\%c);
        };
        my ($a, $b) = map { defined $_->{json} ? $strip->($_->{json}) : 'body:' . ($_->{body} // '') } $resp, $other;
        push @p, "${at}body differs from '$e->{label}' (trace_id/instance ignored):\n  here:  $a\n  there: $b"
          if $a ne $b;
        return @p;
    }
    if ($k eq 'audit') {
        my $entries = $resp->{audit};
        my @p;
        my $show = join '', map { "\n  " . $JSON->encode($_) } @$entries;
        push @p, "${at}" . scalar(@$entries) . " audit entries written, expected $e->{count}$show"
          if @$entries != $e->{count};
        # filter values may name saved values: on_behalf_user_id={{GEN_ID}}
        my %f;
        for my $k (keys %{$e->{filter}}) {
            my $v = eval { expand_template($e->{filter}{$k}, $t->{vars}) };
            return ("${at}audit filter $k: $@") unless defined $v;
            $f{$k} = $v;
        }
        if (%f) {
            my $hit = grep {
                my $en = $_;
                !grep { ($en->{$_} // 'null') ne $f{$_} } keys %f
            } @$entries;
            push @p, "${at}no new audit entry has " . join(' ', map {"$_=$f{$_}"} sort keys %f) . $show
              unless $hit;
        }
        return @p;
    }
    return ("${at}unknown expectation $k");
}
