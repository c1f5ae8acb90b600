#!/usr/bin/perl
# tests/authz/erasure.t: erasure hard-deletes (SECURITY.md 11; issue 6 acceptance): after
# POST /api/v1/clients/{id}/erase a canary string written into every free-text field of
# the client is gone from the database file, its WAL and -shm (raw bytes), the full-text
# index (search and the FTS5 vocabulary of the shadow tables) and later exports, while
# the client.erase audit entry remains and `peerdesk audit verify` still holds.
#
# How: like export.t, a generalist, an expert, a stand-in and a privacy officer give one
# client a row in every client table through the real API, with the canary in the
# client's name and contact, two notes (a visit and a contact attempt), the request's
# question, an evaluation summary, a referral note, the closing note, a consultation and
# a case discussion linked to the dossier, the break-the-glass reason and the rights
# request's note and extension reason. The notes are read and searched, so the canary is
# in the index and the WAL; the test first proves it can see the canary there. The
# canary is lower case (as the tokenizer stores it) with a random hex tail: FTS5
# prefix-compresses terms but always stores a term's tail, so the tail is what is
# searched for in the raw bytes.
#
#   PEERDESK=build/debug/peerdesk prove -v tests/authz/erasure.t
#   ERASURE_KEEP=1 ...   keeps the temp dir (database, server.log)
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use JSON::PP ();
use POSIX qw(strftime);
use Test::More;

use lib dirname(abs_path(__FILE__)) . '/../http/lib';
use PeerdeskHTTP qw(srv_new srv_cmd srv_start srv_stop srv_login srv_call srv_audit_after);

my $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $BIN  = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
plan skip_all => "no peerdesk binary at $BIN (make debug, or set PEERDESK)" unless -x $BIN;
BAIL_OUT('no sqlite3 command line tool (make deps installs it)') if system('sqlite3 -version >/dev/null 2>&1');
$SIG{PIPE} = 'IGNORE';

my $TODAY = strftime('%Y-%m-%d', gmtime);
my $TAIL  = join '', map { sprintf '%04x', int rand 65536 } 1 .. 4;    # 16 hex digits
my $CANARY = "qqzkanarie$TAIL";                                          # one token
my $CODE_TAIL = join '', map { sprintf '%04x', int rand 65536 } 1 .. 3;
my $CODE  = "ER-$CODE_TAIL";

my %W = (gea => 'generalist', stan => 'generalist', eva => 'expert', piet => 'privacy_officer',
         rita => 'researcher');
sub email { "$_[0]\@example.test" }

my $s = eval { srv_new($BIN, keep => $ENV{ERASURE_KEEP}) };
BAIL_OUT("setup: $@") unless $s;
diag("kept in $s->{dir}") if $ENV{ERASURE_KEEP};
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
    return $r;
}
sub j { call(@_)->{json} }
sub im { [['If-Match', qq("$_[0]")]] }

# The raw bytes of the database file and its companions, and whether they hold $needle.
sub file_bytes { my ($p) = @_; return '' unless -e $p; open my $fh, '<:raw', $p or die "$p: $!"; local $/; <$fh> // '' }
sub holds { my ($p, $needle) = @_; my $b = file_bytes($p); my $n = () = $b =~ /\Q$needle\E/g; $n }
sub where_found
{
    my ($needle) = @_;
    return join ', ', map { "$_=" . holds("$s->{db}$_", $needle) } ('', '-wal', '-shm');
}
sub sql
{
    my ($q) = @_;
    my @out = `sqlite3 -readonly '$s->{db}' "$q" 2>&1`;
    chomp @out;
    return @out;
}

# ---- a client with the canary everywhere ----

my $eva_id = j('eva', 'GET', '/api/v1/me', undef, 200)->{user}{id};
my $c = j('gea', 'POST', '/api/v1/clients',
          {code => $CODE, goal_type => 'stabilise', name => "Ellis $CANARY",
           contact => "06-12345678 $CANARY"}, 201);
my ($client, $dossier) = ($c->{client}{id}, $c->{dossier}{id});
my $D = "/api/v1/dossiers/$dossier";
j('gea', 'POST', "$D/consents",
  {kind => 'expert_involvement', given => JSON::PP::true(), recorded_on => $TODAY}, 201);
j('gea', 'POST', "$D/assignments",
  {worker_id => $eva_id, role => 'bridging_expert', start_on => $TODAY,
   intensity => {pattern => 'presence_1_2_week', agreed_on => $TODAY}}, 201);
j('gea', 'POST', "$D/requests",
  {reasons => ['stuck'], areas => ['debt'], themes => ['loneliness'],
   match_basis => 'specific_diagnosis', phase => 'stuck', channel => 'phone',
   question => "Wie kan aansluiten bij $CANARY?", client_informed => JSON::PP::true(),
   client_informed_on => $TODAY}, 201);
my $note = j('gea', 'POST', "$D/notes",
             {kind => 'visit', contact_on => $TODAY, minutes => 30,
              body => "Kennismaking; $CANARY vertelde over de schulden.",
              activities => ['daily_tasks_together'], approaches => ['being_there']}, 201);
j('eva', 'POST', "$D/notes",
  {kind => 'visit', contact_on => $TODAY, attempt => JSON::PP::true(),
   body => "Niet thuis bij $CANARY."}, 201);
my $ev = j('eva', 'POST', "$D/evaluations", {planned_on => $TODAY}, 201);
j('eva', 'PATCH', "$D/evaluations/$ev->{id}",
  {held_on => $TODAY, summary => "Doelen van $CANARY besproken."}, 200, im($ev->{version}));
j('eva', 'POST', "$D/referrals",
  {service => 'debt_counselling', referred_on => $TODAY, accompanied => JSON::PP::true(),
   note => "Samen met $CANARY naar de schuldhulp."}, 201);
j('eva', 'POST', "$D/bridging",
  {awaited => 'specialist_mental_health', waiting_since => $TODAY, keeper_id => $eva_id}, 201);
my $cons = j('eva', 'POST', '/api/v1/consultations',
             {channel => 'corridor', theme => 'living_with_vulnerability',
              summary => "Meedenken over $CANARY.", response => 'advice', dossier_id => $dossier}, 201);
my $cd = j('eva', 'POST', '/api/v1/case-discussions',
           {held_on => $TODAY, outcome => 'expert_joins', summary => "Casus $CANARY besproken.",
            dossier_id => $dossier, expert_ids => [$eva_id]}, 201);
j('stan', 'POST', '/api/v1/break-glass',
  {client_id => $client, reason => "Crisis bij $CANARY; Gea is niet bereikbaar.",
   password => $PeerdeskHTTP::SRV_PASSWORD}, 201);
my $version = j('gea', 'GET', $D, undef, 200)->{version};
j('gea', 'POST', "$D/close",
  {reason => 'goal_reached', outcomes_client => ['continued_without_support'],
   outcomes_generalist => ['client_perspective'], note => "$CANARY gaat zelfstandig verder."},
  200, im($version));

# A second client stays: the erasure touches one client only.
my $other = j('gea', 'POST', '/api/v1/clients', {code => 'BLIJFT-1', goal_type => 'progress'}, 201);
j('gea', 'POST', "/api/v1/dossiers/$other->{dossier}{id}/notes",
  {kind => 'visit', contact_on => $TODAY, body => 'Andere cliënt, blijft bewaard.'}, 201);

# The rights request, with the canary in its note and in the extension reason.
my $rq = j('piet', 'POST', '/api/v1/rights-requests',
           {client_code => $CODE, kind => 'erasure', note => "Brief van $CANARY ontvangen."}, 201);
$rq = j('piet', 'POST', "/api/v1/rights-requests/$rq->{id}/extend",
        {months => 1, reason => "Veel gegevens van $CANARY bij derden."}, 200, im($rq->{version}));

# Read and search: the canary is in the index, in pages read and written, in the WAL.
j('gea', 'GET', "/api/v1/notes/$note->{id}", undef, 200);
my $found = j('gea', 'GET', "/api/v1/search?q=$CANARY", undef, 200);
is(scalar @{$found->{items} // []}, 2, 'before: the search finds both notes with the canary');
my $x = j('piet', 'GET', "/api/v1/clients/$client/export", undef, 200);
like(JSON::PP->new->canonical->encode($x), qr/\Q$CANARY\E/, 'before: the export holds the canary');
my $RESEARCH = '/api/v1/research/export?free_text=true&reason=erasure+test';
like(call('rita', 'GET', $RESEARCH, undef, 200)->{body}, qr/\Q$TAIL\E/,
     'before: a research export with free text holds the canary');
ok(holds($s->{db}, $TAIL) + holds("$s->{db}-wal", $TAIL) > 0,
   'before: the canary is in the database file or its WAL (the test can see it)')
  or diag(where_found($TAIL));

# ---- refusals write nothing ----

my $r = call('piet', 'POST', "/api/v1/clients/$client/erase",
             {request_id => $rq->{id}, confirm_code => 'ER-wrong'});
is($r->{status}, 422, 'a wrong confirmation code is 422');
is($r->{json}{field} // ($r->{json}{errors} // [{}])->[0]{field}, 'confirm_code',
   'naming confirm_code') or diag($r->{body});
$r = call('gea', 'POST', "/api/v1/clients/$client/erase",
          {request_id => $rq->{id}, confirm_code => $CODE});
is($r->{status}, 403, 'a generalist cannot erase');
like(call('gea', 'GET', "/api/v1/clients/$client", undef, 200)->{body}, qr/Ellis \Q$CANARY\E/,
     'after the refusals the client is still there');

# ---- the erasure ----

my $seq0 = (sql('SELECT max(seq) FROM audit_log'))[0];
my $er = j('piet', 'POST', "/api/v1/clients/$client/erase",
           {request_id => $rq->{id}, confirm_code => $CODE}, 200);
my %rows = map { $_->{table} => $_ } @{$er->{removed} // []};
is($rows{client}{rows}, 1, 'the answer counts the client row');
is($rows{note}{rows}, 2, 'and both notes');
is($rows{note_fts}{rows}, 2, 'and their index entries');
is($rows{consultation}{how}, 'unlinked', 'the consultation is unlinked, not deleted');
ok($er->{purge}{fts_optimized} && $er->{purge}{wal_truncated}, 'the index was merged and the WAL truncated')
  or diag(JSON::PP->new->encode($er->{purge}));

# ---- the proof: raw bytes first, before any other process opens the database ----

for my $f ('', '-wal', '-shm') {
    is(holds("$s->{db}$f", $TAIL), 0, "the canary is gone from the database file$f") ;
    is(holds("$s->{db}$f", $CODE_TAIL), 0, "the client's code is gone from the database file$f");
}
ok(!-e "$s->{db}-wal" || -s "$s->{db}-wal" == 0, 'the WAL is empty after the checkpoint')
  or diag('WAL bytes: ' . -s "$s->{db}-wal");

$found = j('gea', 'GET', "/api/v1/search?q=$CANARY", undef, 200);
is(scalar @{$found->{items} // []}, 0, 'the search no longer finds the canary');
my @vocab = sql("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, note_fts, 'row');"
                . " SELECT count(*) FROM temp.v WHERE term LIKE '%$TAIL%';"
                . " SELECT count(*) FROM temp.v WHERE term = 'bewaard';"
                . " SELECT count(*) FROM note_fts_data WHERE instr(block, '$TAIL') > 0;"
                . " SELECT count(*) FROM note_fts_idx WHERE instr(term, '$TAIL') > 0;");
is_deeply(\@vocab, [0, 1, 0, 0],
          'the FTS shadow tables hold no token of the canary (and still the other client\'s)')
  or diag("@vocab");

# Every table with a client reference holds nothing of the client's ids any more.
my @ids = ($client, $dossier);
my $inlist = join ',', map { "'$_'" } @ids;
for my $t (qw(client consent dossier break_glass)) {
    my $col = $t eq 'client' ? 'id' : $t eq 'dossier' ? 'id' : 'client_id';
    is((sql("SELECT count(*) FROM $t WHERE $col = '$client'"))[0], 0, "$t holds no row of the client");
}
for my $t (qw(dossier_outcome assignment request note evaluation referral bridging
              dossier_closure consultation case_discussion)) {
    is((sql("SELECT count(*) FROM $t WHERE dossier_id IN ($inlist)"))[0], 0,
       "$t holds no row of the client's dossier");
}
is((sql("SELECT count(*) FROM consultation WHERE id = '$cons->{id}'"))[0], 1,
   'the expert\'s consultation stays, unlinked');
is((sql("SELECT count(*) FROM case_discussion_expert WHERE discussion_id = '$cd->{id}'"))[0], 1,
   'the case discussion keeps the experts who joined');
is((sql("SELECT count(*) FROM note"))[0], 1, 'the other client\'s note stays');

# ---- what remains ----

$r = call('piet', 'GET', "/api/v1/clients/$client/export");
is($r->{status}, 404, 'a later export of the client is 404');
unlike(call('rita', 'GET', $RESEARCH, undef, 200)->{body}, qr/\Q$TAIL\E/,
       'a later research export, free text included, holds no canary');
$r = call('piet', 'GET', "/api/v1/clients/$other->{client}{id}/export");
unlike($r->{body} // '', qr/\Q$TAIL\E/, 'another client\'s export holds no canary');
my $left = j('piet', 'GET', "/api/v1/rights-requests/$rq->{id}", undef, 200);
is($left->{status}, 'done', 'the erasure request is closed as done');
is($left->{client}, undef, 'the register keeps the request without the client');
is($left->{note}, undef, 'and without its note');
like($left->{reference}, qr/^AVG-\d{4}-\d{4}$/, 'the opaque reference remains');
ok($left->{erased_at}, 'erased_at is set');
unlike(JSON::PP->new->encode(j('piet', 'GET', '/api/v1/rights-requests', undef, 200)),
       qr/\Q$TAIL\E|\Q$CODE\E/, 'the register list shows neither canary nor code');

my ($aerr, $entries) = srv_audit_after($s, $seq0);
BAIL_OUT($aerr) if $aerr;
my ($entry) = grep { $_->{event} eq 'client.erase' && $_->{outcome} eq 'success' } @$entries;
ok($entry, 'the audit log holds the client.erase entry');
is($entry && $entry->{client_id}, $client, 'naming the client');
is($entry && $entry->{action}, 'D', 'as a deletion');
is($entry && $entry->{record_id}, $rq->{id}, 'with the rights request as its record');
is($entry && $entry->{access_basis}, 'privacy_officer', 'on the privacy officer\'s basis');
ok((sql("SELECT count(*) FROM audit_log WHERE client_id = '$client' AND seq <= $seq0"))[0] >= 10,
   'the entries written about the client before the erasure stay');

my ($vrc, $vout) = srv_cmd($s, '', 'audit', 'verify');
is($vrc, 0, 'peerdesk audit verify still holds') or diag($vout);

# Nothing the officer did afterwards brought the canary back.
srv_stop($s);
for my $f ('', '-wal') {
    is(holds("$s->{db}$f", $TAIL), 0, "after the server stopped: no canary in the database file$f");
}
done_testing();
