#!/usr/bin/perl
# tests/pg/backup.t: `peerdesk backup` and `peerdesk restore` on PostgreSQL (`make pg`):
#
#   make debug && PEERDESK=build/debug/peerdesk prove -v tests/pg/backup.t
#
# A throwaway cluster under build/pg/backup (tests/pg/cluster). The demo database is dumped
# with `peerdesk backup` (pg_dump --format=custom), restored with `peerdesk restore` into an
# empty database; the restored audit chain holds and holds the backup's own db.backup entry,
# the demo's notes are there; a restore into a database that holds peerdesk's tables is
# refused without --force and replaces them with it; a truncated dump and a missing pg_dump
# are refused with a clear message.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskPG;

my $DIR = "$ROOT/build/pg/backup";

plan skip_all => "no peerdesk binary at $BIN (make debug)" unless -x $BIN;

cluster_start($DIR);
my %url = map { $_ => cluster_url($DIR, $_) } qw(live restored);
sub psql { my ($u, $sql) = @_; return run('psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', $u, '-c', $sql) }

my ($rc, $out) = run($BIN, 'init', '--demo', '--db', $url{live});
is($rc, 0, 'init --demo') or diag($out);
my $dump = "$DIR/live.dump";
($rc, $out) = run($BIN, 'backup', '--db', $url{live}, '--out', $dump);
is($rc, 0, 'backup with pg_dump') or diag($out);
like($out, qr/backup written: \Q$dump\E \(\d+ bytes.*\n.*pg_restore reads the dump; audit chain holds: \d+ entries/,
     '  ... checked with pg_restore --list and the audit chain');
is((stat $dump)[2] & 07777, 0600, '  ... mode 0600');
($rc, $out) = run($BIN, 'backup', '--db', $url{live}, '--out', $dump);
is($rc, 1, 'a second backup to the same file is refused');
like($out, qr/exists: give another name, or --force/, '  ... saying so');
($rc, $out) = run({PATH => '/nonexistent'}, $BIN, 'backup', '--db', $url{live}, '--out', "$DIR/x.dump");
is($rc, 1, 'without pg_dump on PATH the backup fails');
like($out, qr/pg_dump is not on PATH/, '  ... saying so');
ok(!-e "$DIR/x.dump" && !glob("$DIR/x.dump.partial-*"), '  ... and leaves no file');

($rc, $out) = run($BIN, 'restore', '--from', $dump, '--db', $url{restored});
is($rc, 0, 'restore into an empty database') or diag($out);
like($out, qr/audit chain holds: \d+ entries/, '  ... the restored chain holds');
($rc, $out) = run($BIN, 'audit', 'verify', '--db', $url{restored});
is($rc, 0, 'audit verify on the restored database') or diag($out);
($rc, $out) = psql($url{restored}, "SELECT string_agg(event || ' ' || action, ',' ORDER BY seq) FROM audit_log"
                   . " WHERE event IN ('db.backup', 'db.restore')");
is($out, "db.backup E,db.restore C\n", 'the restored log holds the backup\'s entry and the restore\'s');
my ($rc1, $n1) = psql($url{live}, 'SELECT count(*) FROM note');
my ($rc2, $n2) = psql($url{restored}, 'SELECT count(*) FROM note');
chomp($n1, $n2);
ok($n1 > 0 && $n1 == $n2, "the notes are there ($n2)");
($rc, $out) = psql($url{restored}, "UPDATE audit_log SET event = 'x' WHERE seq = 1");
isnt($rc, 0, 'the restored audit_log is append-only (its triggers came along)');

($rc, $out) = run($BIN, 'restore', '--from', $dump, '--db', $url{restored});
is($rc, 1, 'restore into a database with peerdesk\'s tables is refused');
like($out, qr/holds peerdesk's tables .* --force/, '  ... saying so');
($rc, $out) = run($BIN, 'restore', '--from', $dump, '--db', $url{restored}, '--force');
is($rc, 0, 'with --force it replaces them') or diag($out);
($rc, $out) = psql($url{restored}, "SELECT count(*) FROM audit_log WHERE event = 'db.restore'");
is($out, "1\n", '  ... (one db.restore entry: the tables are the dump\'s again)');

open my $in, '<:raw', $dump or die;
read $in, my $part, (-s $dump) / 2;
close $in;
open my $o, '>:raw', "$DIR/half.dump" or die;
print $o $part;
close $o;
my $fresh = cluster_url($DIR, 'fresh');
($rc, $out) = run($BIN, 'restore', '--from', "$DIR/half.dump", '--db', $fresh);
is($rc, 1, 'a truncated dump is refused');
like($out, qr/nothing restored/, '  ... saying nothing was restored') or diag($out);
($rc, $out) = psql($fresh, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
is($out, "0\n", '  ... and the database stays empty (one transaction)');
done_testing();
