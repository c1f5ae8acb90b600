#!/usr/bin/perl
# tests/authz/export.t: the client export is complete (SECURITY.md 10; issue 6). Schema
# driven: every table of the migrated database that holds a client's data, directly (a
# client_id, dossier_id or request_id column) or through a foreign key to such a table
# (intensity -> assignment, note_code -> note, ...), must contribute rows to the export of a
# client who has data in all of them. A table added later without export support fails here.
#
# How: a fresh organisation; through the real API a generalist, an expert, a stand-in
# generalist and a privacy officer give one client a row in every such table (consent,
# assignment with intensity, request with codes, note with codes, evaluation, referral,
# bridging, consultation, case discussion with experts, break-the-glass, closing with
# outcomes, a rights request). The schema is read from sqlite_master of the server's own database; then the
# privacy officer's export must carry `tables.<name> >= 1` for every table found.
#
#   PEERDESK=build/debug/peerdesk prove -v tests/authz/export.t
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use POSIX qw(strftime);
use Test::More;

use lib dirname(abs_path(__FILE__)) . '/../http/lib';
use PeerdeskHTTP qw(srv_new srv_cmd srv_start srv_stop srv_login srv_call);

my $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $BIN  = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
plan skip_all => "no peerdesk binary at $BIN (make debug, or set PEERDESK)" unless -x $BIN;
BAIL_OUT('no sqlite3 command line tool (make deps installs it)') if system('sqlite3 -version >/dev/null 2>&1');
$SIG{PIPE} = 'IGNORE';

my $TODAY = strftime('%Y-%m-%d', gmtime);

# Tables with a client reference that the export leaves out on purpose, each with the reason.
my %EXCLUDED = (
    audit_log => 'the log is exported as access_report (the same entries as the access report), '
      . 'not as rows; checked below',
    note_fts => 'the full-text index is derived from note.body, which is exported',
);
# The columns that point at a client's data without a declared foreign key.
my @CLIENT_COLUMNS = qw(client_id dossier_id request_id);
# Where the walk starts: the client itself.
my $ROOT_TABLE = 'client';

my %W = (
    gea  => 'generalist',
    stan => 'generalist',
    eva  => 'expert',
    piet => 'privacy_officer',
);
sub email { "$_[0]\@example.test" }

my $s = eval { srv_new($BIN, keep => $ENV{EXPORT_KEEP}) };
BAIL_OUT("setup: $@") unless $s;
for my $k (sort keys %W) {
    my ($rc, $out) = srv_cmd($s, "$PeerdeskHTTP::SRV_PASSWORD\n", 'user', 'add', '--org', 'test',
                             '--email', email($k), '--name', ucfirst($k) . ' Test', '--role', $W{$k});
    BAIL_OUT("user add $k: $out") if $rc;
}
my $err = srv_start($s);
BAIL_OUT("serve: $err") if $err;

my %logged;
sub call
{
    my ($who, $method, $path, $body, $want, $headers) = @_;
    unless ($logged{$who}++) {
        my $e = srv_login($s, email($who), $PeerdeskHTTP::SRV_PASSWORD);
        BAIL_OUT($e) if $e;
    }
    my $r = srv_call($s, email($who), $method, $path, $body, $headers);
    my $st = $r->{status} // 0;
    BAIL_OUT("$who $method $path: want $want, got $st: " . ($r->{error} // $r->{body} // ''))
      if $want && $st != $want;
    return $r->{json};
}

# ---- fixtures: one client with a row in every table ----

my $eva_id = call('eva', 'GET', '/api/v1/me', undef, 200)->{user}{id};
my $c = call('gea', 'POST', '/api/v1/clients', {code => 'EXP-1', goal_type => 'stabilise'}, 201);
my ($client, $dossier) = ($c->{client}{id}, $c->{dossier}{id});
my $D = "/api/v1/dossiers/$dossier";
call('gea', 'POST', "$D/consents",
     {kind => 'expert_involvement', given => JSON::PP::true(), recorded_on => $TODAY}, 201);
call('gea', 'POST', "$D/assignments",
               {worker_id => $eva_id, role => 'bridging_expert', start_on => $TODAY,
                intensity => {pattern => 'presence_1_2_week', agreed_on => $TODAY}}, 201);
call('gea', 'POST', "$D/requests",
     {reasons => ['stuck'], areas => ['debt'], themes => ['loneliness'],
      match_basis => 'specific_diagnosis', phase => 'stuck', channel => 'phone',
      question => 'Wie kan aansluiten?', client_informed => JSON::PP::true(),
      client_informed_on => $TODAY}, 201);
call('gea', 'POST', "$D/notes",
     {kind => 'visit', contact_on => $TODAY, minutes => 30, body => 'Kennismaking.',
      activities => ['daily_tasks_together'], approaches => ['being_there']}, 201);
call('eva', 'POST', "$D/evaluations", {planned_on => $TODAY}, 201);
call('eva', 'POST', "$D/referrals",
     {service => 'debt_counselling', referred_on => $TODAY, accompanied => JSON::PP::true()}, 201);
call('eva', 'POST', "$D/bridging",
     {awaited => 'specialist_mental_health', waiting_since => $TODAY, keeper_id => $eva_id}, 201);
call('eva', 'POST', '/api/v1/consultations',
     {channel => 'corridor', theme => 'living_with_vulnerability', summary => 'Meedenken.',
      response => 'advice', dossier_id => $dossier}, 201);
call('eva', 'POST', '/api/v1/case-discussions',
     {held_on => $TODAY, outcome => 'expert_joins', summary => 'Eva sluit aan.',
      dossier_id => $dossier, expert_ids => [$eva_id]}, 201);
call('stan', 'POST', '/api/v1/break-glass',
     {client_id => $client, reason => 'Crisis at night; Gea cannot be reached.',
      password => $PeerdeskHTTP::SRV_PASSWORD}, 201);
call('piet', 'POST', '/api/v1/rights-requests', {client_code => 'EXP-1', kind => 'access'}, 201);
my $version = call('gea', 'GET', $D, undef, 200)->{version};
call('gea', 'POST', "$D/close",
     {reason => 'goal_reached', outcomes_client => ['continued_without_support'],
      outcomes_generalist => ['client_perspective'], note => 'Gaat zelfstandig verder.'}, 200, [['If-Match', qq("$version")]]);

# ---- the schema: every table that reaches a client ----

my @rows = `sqlite3 -readonly '$s->{db}' "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' UNION ALL SELECT m.name, '>' || f.\\"table\\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"`;
BAIL_OUT("sqlite3 could not read the schema of $s->{db}") if $? || !@rows;
my (%cols, %fks);
for (@rows) {
    chomp;
    my ($t, $c) = split /\|/, $_, 2;
    if ($c =~ s/^>//) { $fks{$t}{$c} = 1 } else { $cols{$t}{$c} = 1 }
}
my %client_tables = ($ROOT_TABLE => 'the client');
for my $t (keys %cols) {
    my ($col) = grep { $cols{$t}{$_} } @CLIENT_COLUMNS;
    $client_tables{$t} = "column $col" if $col;
}
for (my $more = 1; $more;) {    # what references such a table holds client data too
    $more = 0;
    for my $t (sort keys %cols) {
        next if $client_tables{$t};
        my ($via) = grep { $client_tables{$_} } sort keys %{$fks{$t} // {}};
        next unless $via;
        $client_tables{$t} = "references $via";
        $more = 1;
    }
}
ok(scalar(keys %client_tables) >= 15, 'the schema walk finds the client tables')
  or diag(join ', ', sort keys %client_tables);
ok($client_tables{$_}, "$_ is found by the walk") for qw(consent dossier note intensity note_code);

# ---- the export ----

my $x = call('piet', 'GET', "/api/v1/clients/$client/export", undef, 200);
is($x->{format}, 'peerdesk-client-export', 'the export names its format');
is($x->{client}{id}, $client, 'the export is of the client');
for my $t (sort keys %client_tables) {
    if ($EXCLUDED{$t}) {
        note("$t left out: $EXCLUDED{$t}");
        next;
    }
    my $n = $x->{tables}{$t};
    ok(defined $n && $n >= 1, "$t ($client_tables{$t}) contributes to the export")
      or diag("tables: " . join(', ', map { "$_=$x->{tables}{$_}" } sort keys %{$x->{tables}}));
}
ok(!exists $x->{tables}{$_}, "$_ is not exported as rows") for sort keys %EXCLUDED;
my @report = @{$x->{access_report} // []};
ok(scalar(grep { ($_->{client_id} // '') eq $client } @report) >= 10,
   'the access report holds the entries about the client');
ok(scalar(grep { $_->{break_glass} } @report), 'the break-the-glass reads stand out in it');
my ($note) = map { @{$_->{notes} // []} } @{$x->{dossiers} // []};
is($note && $note->{body}, 'Kennismaking.', 'the note text is exported');

srv_stop($s);
done_testing();
