#!/usr/bin/perl
# t0006-retention: `peerdesk retention` (docs/client-rights.md). On the demo database,
# nothing has passed its retention; after two clients' dossiers are closed and back-dated
# to 1999 (with the sqlite3 tool), and a third's to 2015, and a closed rights request to
# 2015, --dry-run lists exactly the two clients and the request and changes nothing;
# --apply erases the two clients (every row of theirs, with progress lines), removes the
# register row (an open erasure request of an erased client is done by it), writes
# client.erase entries as the actor "cli" on the basis "retention",
# and the audit chain still holds; a second --apply has nothing to do. The third client
# (16 years in a 20-year rule) and every other client stay.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir = newdir();
my $db  = "$dir/pd.db";
run_ok('init --demo', 'init', '--db', $db, '--demo');
sub n { my $v = sq($db, $_[0]); chomp $v; $v }

my $clients = n('SELECT count(*) FROM client');
ok($clients >= 10, "the demo has clients ($clients)");
my $r = run_ok('retention on the fresh demo', 'retention', '--db', $db);
like($r->{out}, qr/^0 client\(s\) and 0 rights request\(s\) past retention$/m,
     'nothing has passed its retention') or diag(describe($r));

# ---- back-dating: two clients long ago, one 16 years ago, one closed request ----
my @codes = split /\n/, sq($db, 'SELECT code FROM client ORDER BY code LIMIT 3');
my ($old1, $old2, $recent) = @codes;
my %id = map { $_ => n("SELECT id FROM client WHERE code = '$_'") } @codes;
sub backdate
{
    my ($code, $when) = @_;
    sq($db, "UPDATE dossier SET status = 'closed', closed_on = '$when', closure_reason = 'goal_reached',"
       . " updated_at = '${when}T10:00:00.000Z' WHERE client_id = '$id{$code}';"
       . " UPDATE dossier_closure SET created_at = '${when}T10:00:00.000Z' WHERE dossier_id IN"
       . " (SELECT id FROM dossier WHERE client_id = '$id{$code}');"
       . " UPDATE client SET updated_at = '${when}T10:00:00.000Z' WHERE id = '$id{$code}';");
}
backdate($old1, '1999-03-01');
backdate($old2, '2001-06-15');
backdate($recent, '2015-01-10');
my $org    = n("SELECT org_id FROM client WHERE code = '$old1'");
my $worker = n('SELECT id FROM worker LIMIT 1');
sq($db, "INSERT INTO client_right_request (id, org_id, reference, client_id, kind, received_on,"
   . " due_on, status, done_on, created_by, created_at, updated_at) VALUES"
   . " ('01890000-0000-7000-8000-00000000abcd', '$org', 'AVG-2015-0001', '$id{$recent}', 'access',"
   . " '2015-05-01', '2015-06-01', 'done', '2015-05-20', '$worker', '2015-05-01T09:00:00.000Z',"
   . " '2015-05-20T09:00:00.000Z')");
sq($db, "INSERT INTO client_right_request (id, org_id, reference, client_id, kind, received_on,"
   . " due_on, note, created_by, created_at, updated_at) VALUES ('01890000-0000-7000-8000-00000000abce',"
   . " '$org', 'AVG-2019-0001', '$id{$old1}', 'erasure', '2019-01-02', '2019-02-02', 'Wissen a.u.b.',"
   . " '$worker', '2019-01-02T09:00:00.000Z', '2019-01-02T09:00:00.000Z')");
my $notes_old = n("SELECT count(*) FROM note WHERE dossier_id IN (SELECT id FROM dossier WHERE"
                  . " client_id IN ('$id{$old1}', '$id{$old2}'))");
my $seq0 = n('SELECT max(seq) FROM audit_log');

# ---- the dry run lists and changes nothing ----
$r = run_ok('retention --dry-run', 'retention', '--db', $db, '--dry-run');
like($r->{out}, qr/^2 client\(s\) and 1 rights request\(s\) past retention$/m,
     'two clients and one request have passed') or diag(describe($r));
like($r->{out}, qr/^client\t\S+\t\Q$old1\E\tlast change 1999-03-01\texpired 2019-03-01$/m,
     "it lists $old1 with its last change and expiry") or diag(describe($r));
like($r->{out}, qr/^client\t\S+\t\Q$old2\E\t/m, "and $old2");
unlike($r->{out}, qr/\t\Q$recent\E\t/, "not $recent (16 years of 20)");
like($r->{out}, qr/^rights_request\t\S+\tAVG-2015-0001\tclosed 2015-05-20$/m, 'and the request');
like($r->{out}, qr/dry run: nothing changed/, 'it says nothing changed');
is(n('SELECT count(*) FROM client'), $clients, 'every client is still there');
is(n("SELECT count(*) FROM audit_log WHERE seq > $seq0 AND event = 'retention.scan'"
     . " AND actor_role = 'cli' AND actor_user_id IS NULL"), 1, 'the scan is audited, by cli');

run_exit(2, '--dry-run and --apply together are refused', 'retention', '--db', $db, '--dry-run',
         '--apply');

# ---- apply ----
$r = run_ok('retention --apply', 'retention', '--db', $db, '--apply');
like($r->{out}, qr/^\[1\/3\] erased client \Q$old1\E \(\d+ rows\)$/m, 'progress: the first client')
  or diag(describe($r));
like($r->{out}, qr/^\[2\/3\] erased client \Q$old2\E /m, 'the second');
like($r->{out}, qr/^\[3\/3\] removed rights_request AVG-2015-0001$/m, 'then the register row');
like($r->{out}, qr/full-text index merged, WAL truncated/, 'and the purge');
is(n('SELECT count(*) FROM client'), $clients - 2, 'two clients fewer');
is(n("SELECT count(*) FROM client WHERE id IN ('$id{$old1}', '$id{$old2}')"), 0, 'the two are gone');
is(n("SELECT count(*) FROM client WHERE id = '$id{$recent}'"), 1, "$recent stays");
is(n("SELECT count(*) FROM dossier WHERE client_id IN ('$id{$old1}', '$id{$old2}')"), 0,
   'their dossiers are gone');
is(n('SELECT count(*) FROM note n WHERE NOT EXISTS (SELECT 1 FROM dossier d WHERE d.id = n.dossier_id)'),
   0, 'no note is left without its dossier');
is(n("SELECT count(*) FROM client_right_request WHERE reference = 'AVG-2015-0001'"), 0,
   'the expired register row is gone');
is(n("SELECT count(*) FROM audit_log WHERE seq > $seq0 AND event = 'client.erase' AND action = 'D'"
     . " AND actor_role = 'cli' AND access_basis = 'retention' AND client_id IN"
     . " ('$id{$old1}', '$id{$old2}')"), 2, 'two client.erase entries by cli on the basis retention');
is(n("SELECT count(*) FROM audit_log WHERE seq > $seq0 AND event = 'rights_request.delete'"), 1,
   'and one for the register row');
is(sq($db, "SELECT client_id IS NULL, note IS NULL, status, done_on = date('now') FROM"
      . " client_right_request WHERE reference = 'AVG-2019-0001'"), "1|1|done|1\n",
   'the open erasure request of an erased client is done, without the client or its note');
ok($notes_old > 0, "the erased clients had notes ($notes_old)");
is(n("SELECT count(*) FROM note_fts WHERE note_fts MATCH 'a*' AND rowid NOT IN (SELECT rowid FROM note)"),
   0, 'the full-text index points at no erased note');
ok(!-s "$db-wal", 'the WAL is empty');
run_ok('audit verify holds after the erasures', 'audit', 'verify', '--db', $db);

$r = run_ok('a second --apply', 'retention', '--db', $db, '--apply');
like($r->{out}, qr/^nothing to do$/m, 'has nothing to do') or diag(describe($r));

done_testing();
