#!/usr/bin/perl
# t0008-backup: the restore drill, fast (docs/backup.md; `make backup-drill` runs it with
# BACKUP_DRILL_NOTES for longer). A demo database is served and written to; `peerdesk backup`
# copies it while a writer keeps posting notes through the server; the copy is restored to a
# new path; the restore passes integrity_check and `audit verify`, holds the backup's own
# db.backup entry, and a server started on it shows the dossier read before the backup with
# its notes. Negative controls: an existing out file, a truncated, a corrupted and a tampered
# backup, a too new schema, an existing target and a target in use are all refused, and no
# half-written file is left behind.
use strict;
use warnings;
use Cwd qw(abs_path);
use Digest::SHA qw(sha256_hex);
use File::Basename qw(dirname);
use File::Copy qw(copy);
use HTTP::Tiny;
use POSIX ();
use Test::More;
use Time::HiRes qw(sleep time);
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir  = newdir();
my $live = "$dir/live.db";
my $bak  = "$dir/backup.db";
my $rest = "$dir/restored.db";
my $MIN_NOTES = $ENV{BACKUP_DRILL_NOTES} // 20;    # written before the backup
my $http = HTTP::Tiny->new(timeout => 20);
sub slurp { open my $fh, '<:raw', $_[0] or return ''; local $/; <$fh> // '' }

# Start `peerdesk serve` on DB at a free port; returns (pid, base URL).
sub serve
{
    my ($db) = @_;
    my ($pid, $url) = serve_bg("$dir/serve.log", '--db', $db, '--listen', '127.0.0.1:0');
    BAIL_OUT("serve $db did not start: " . slurp("$dir/serve.log")) unless $pid;
    return ($pid, $url);
}

sub stop { return serve_stop(@_) }
sub login { return demo_login(@_) }

my @day = gmtime;
my $today = sprintf('%04d-%02d-%02d', $day[5] + 1900, $day[4] + 1, $day[3]);

sub post_note
{
    my ($url, $s, $dossier, $body) = @_;
    return $http->post("$url/api/v1/dossiers/$dossier/notes",
                       {headers => {'Content-Type' => 'application/json', Cookie => $s->{cookie},
                                    'X-CSRF-Token' => $s->{csrf}},
                        content => qq({"kind":"phone","contact_on":"$today","body":"$body"})});
}

# ---- a served demo database with reads and writes ----------------------------------------------
run_ok('init --demo', 'init', '--db', $live, '--demo');
my ($srv, $url) = serve($live);
my $sanne = login($url, 'sanne@peerdesk.test');
is($sanne->{status}, 200, 'sanne logs in on the live server');
my $res = $http->get("$url/api/v1/search?q=schuld", {headers => {Cookie => $sanne->{cookie}}});
my ($dossier) = ($res->{content} // '') =~ /"dossier_id":"([0-9a-f-]{36})"/;
ok($dossier, 'she finds a dossier of hers') or diag($res->{content});
my $marker = 'Voor de back-up geschreven ' . sha256_hex($dir . time);
$res = post_note($url, $sanne, $dossier, $marker);
is($res->{status}, 201, 'she writes a note before the backup') or diag($res->{content});
my ($marker_id) = ($res->{content} // '') =~ /"id":"([0-9a-f-]{36})"/;
$res = $http->get("$url/api/v1/dossiers/$dossier/timeline", {headers => {Cookie => $sanne->{cookie}}});
like($res->{content}, qr/\Q$marker\E/, 'and reads it in the dossier\'s timeline');

# A writer that keeps posting notes through the server, logging the time of each 201.
my $log = "$dir/writer.log";
my $writer = fork // die "fork: $!";
if (!$writer) {
    open my $fh, '>', $log or POSIX::_exit(1);
    $fh->autoflush(1);
    for (my $i = 1;; $i++) {
        my $r = post_note($url, $sanne, $dossier, "Schrijver tijdens de back-up $i");
        printf $fh "%d %.6f\n", $r->{status}, time;
    }
}
my $deadline = time + 60;
sleep 0.05 while time < $deadline && (() = slurp($log) =~ /^201 /mg) < $MIN_NOTES;

# ---- backup while serving and being written to ---------------------------------------------
my $t0 = time;
my $r = run_ok('backup while the server is written to', 'backup', '--db', $live, '--out', $bak);
my $t1 = time;
sleep 0.3;
kill 'KILL', $writer;
waitpid $writer, 0;
like($r->{out}, qr/^backup written: \Q$bak\E \(\d+ bytes/m, 'it says where the backup is') or diag(describe($r));
like($r->{out}, qr/integrity_check ok; schema version \d+; audit chain holds: \d+ entries checked/,
     '  ... that the copy passed integrity_check and its audit chain holds');
my @writes = map { [split ' '] } split /\n/, slurp($log);
my @ok = grep { $_->[0] == 201 } @writes;
ok(@ok >= $MIN_NOTES, scalar(@ok) . ' notes written by the writer');
is(scalar(grep { $_->[0] != 201 } @writes), 0, 'every write succeeded, also during the backup');
my $during = grep { $_->[1] > $t0 && $_->[1] < $t1 } @ok;
ok($during > 0, "the server kept writing during the backup ($during notes in "
   . sprintf('%.2f', $t1 - $t0) . ' s)');
is(stop($srv), 0, 'the live server stops cleanly');
is((stat $bak)[2] & 07777, 0600, 'the backup file is mode 0600 (it holds client data)');
my @partial = glob("$dir/*.partial-*");
is(scalar @partial, 0, 'no temporary file is left');
my @live_backup = sq_lines($live, "SELECT event || ' ' || action || ' ' || outcome || ' ' || actor_role"
                                    . " FROM audit_log WHERE event = 'db.backup'");
is_deeply(\@live_backup, ['db.backup E success cli'], 'the live log holds one db.backup entry (action E)');

# ---- restore to a new path and check it --------------------------------------------------------
$r = run_ok('restore into a new path', 'restore', '--from', $bak, '--db', $rest);
like($r->{out}, qr/integrity_check ok; schema version \d+; audit chain holds/, '  ... checked')
  or diag(describe($r));
ok(!-e "$rest-wal" || !-s "$rest-wal", '  ... no WAL content beside it');
# SQLite 3.40 reports "NULL value in T.C" for some WITHOUT ROWID tables whatever they hold
# (docs/backup.md); every other line would be damage.
my %wr = map { $_ => 1 } sq_lines($rest, "SELECT name FROM pragma_table_list WHERE wr = 1");
my @bad = grep { $_ ne 'ok' && !(/^NULL value in (\w+)\.\w+$/ && $wr{$1}) }
  sq_lines($rest, 'PRAGMA integrity_check(100000)');
is_deeply(\@bad, [], "sqlite3 integrity_check finds no damage in the restored database") or diag(join "\n", @bad[0 .. 4]);
$r = run_ok('audit verify on the restored database', 'audit', 'verify', '--db', $rest);
like($r->{out}, qr/audit chain holds/, '  ... the chain holds');
my @events = sq_lines($rest, "SELECT event || ' ' || action FROM audit_log WHERE event IN ('db.backup', 'db.restore') ORDER BY seq");
is_deeply(\@events, ['db.backup E', 'db.restore C'], 'the restored log holds the backup\'s own entry, then the restore\'s');
my $copied = sq($rest, "SELECT count(*) FROM note WHERE body LIKE 'Schrijver tijdens de back-up %'") + 0;
ok($copied >= $MIN_NOTES && $copied <= @ok, "the restore holds the notes written before the backup ($copied of " . @ok . ')');

my ($srv2, $url2) = serve($rest);
my $s2 = login($url2, 'sanne@peerdesk.test');
is($s2->{status}, 200, 'sanne logs in on a server started on the restored database');
$res = $http->get("$url2/api/v1/dossiers/$dossier/timeline", {headers => {Cookie => $s2->{cookie}}});
is($res->{status}, 200, 'she reads the dossier she read before the backup') or diag($res->{content});
like($res->{content}, qr/Schrijver tijdens de back-up \d+"/, '  ... with the notes the writer wrote before it');
$res = $http->get("$url2/api/v1/notes/$marker_id", {headers => {Cookie => $s2->{cookie}}});
like($res->{content}, qr/\Q$marker\E/, '  ... and the note she wrote before the backup')
  or diag($res->{content});

# Restoring over a database a server has open is refused, also with --force.
copy($bak, "$dir/again.db") or die;
$r = run_exit(1, 'restore --force over a database a server has open is refused', 'restore', '--from',
              "$dir/again.db", '--db', $rest, '--force');
like($r->{err}, qr/process \d+ has \Q$rest\E open: stop peerdesk serve/, '  ... naming the process')
  or diag(describe($r));
is(stop($srv2), 0, 'the second server stops cleanly');
my $before = sha256_hex(slurp($rest));
$r = run_exit(1, 'restore over an existing database without --force is refused', 'restore', '--from',
              $bak, '--db', $rest);
like($r->{err}, qr/exists: restore into a new path, or give --force/, '  ... saying so');
is(sha256_hex(slurp($rest)), $before, '  ... and the database is untouched');
$r = run_ok('restore --force over a stopped database', 'restore', '--from', $bak, '--db', $rest, '--force');
is(sq($rest, "SELECT count(*) FROM audit_log WHERE event = 'db.restore'") + 0, 1,
   '  ... replaces it (one db.restore entry: the file is the backup again)');

# ---- negative controls ---------------------------------------------------------------------------
my $bak_sum = sha256_hex(slurp($bak));
$r = run_exit(1, 'backup to an existing file is refused', 'backup', '--db', $live, '--out', $bak);
like($r->{err}, qr/\Q$bak\E exists: give another name, or --force/, '  ... saying so');
is(sha256_hex(slurp($bak)), $bak_sum, '  ... and the file is untouched');
$r = run_exit(1, 'backup onto the database itself is refused, also with --force', 'backup', '--db', $live,
              '--out', $live, '--force');
like($r->{err}, qr/is the database itself/, '  ... saying so');
$r = run_exit(2, 'backup without --out is refused', 'backup', '--db', $live);
like($r->{err}, qr/out/, '  ... naming --out');
$r = run_ok('backup --force replaces an existing file', 'backup', '--db', $live, '--out', $bak, '--force');

sub refused
{
    my ($what, $file, $re) = @_;
    my $target = "$dir/target-" . ($file =~ s{.*/}{}r);
    my $r = run_exit(1, "restore of $what is refused", 'restore', '--from', $file, '--db', $target);
    like($r->{err}, $re, "  ... $re") or diag(describe($r));
    like($r->{err}, qr/nothing restored/, '  ... saying nothing was restored');
    ok(!-e $target, '  ... and no database is created');
}

my $size = -s $bak;
open my $in, '<:raw', $bak or die;
read $in, my $head, $size - 4096 * 3;
close $in;
open my $out, '>:raw', "$dir/truncated.db" or die;
print $out $head;
close $out;
refused('a truncated backup', "$dir/truncated.db", qr/truncated or damaged: its header says \d+ pages/);

copy($bak, "$dir/corrupted.db") or die;
open my $fh, '+<:raw', "$dir/corrupted.db" or die;
seek $fh, 9 * 4096, 0;
print $fh "\xAB" x 64;
close $fh;
refused('a corrupted backup', "$dir/corrupted.db", qr/integrity: .*fails the integrity check: \S/);

# A hash in the audit log changed in place (entry 3's hash, or entry 4's copy of it as its
# prev_hash, whichever the file holds first): the file is sound, the chain is not.
my ($h3) = sq_lines($bak, 'SELECT hash FROM audit_log WHERE seq = 3');
my $bytes = slurp($bak);
my $at = index($bytes, $h3);
ok($at > 0, 'the hash of entry 3 is in the file');
substr($bytes, $at, 1) = substr($h3, 0, 1) eq 'a' ? 'b' : 'a';
open $out, '>:raw', "$dir/tampered.db" or die;
print $out $bytes;
close $out;
refused('a backup with a changed audit entry', "$dir/tampered.db", qr/audit chain .* is broken at entry seq [34]: entry changed/);

copy($bak, "$dir/newer.db") or die;
sq("$dir/newer.db", "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', '2100-01-01')");
refused('a backup from a newer peerdesk', "$dir/newer.db", qr/schema version 999, newer than this peerdesk/);

open $out, '>', "$dir/notes.txt" or die;
print $out "not a database\n" x 500;
close $out;
refused('a file that is not a database', "$dir/notes.txt", qr/not a SQLite database/);
refused('a missing file', "$dir/missing.db", qr/cannot read/);
is(scalar(() = glob("$dir/*.restore-*")), 0, 'no temporary file is left by the refused restores');

done_testing();
