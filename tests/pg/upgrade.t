#!/usr/bin/perl
# tests/pg/upgrade.t: a PostgreSQL database made by the previous schema version's peerdesk is
# migrated at start after a pg_dump copy (docs/upgrade.md; `make pg`):
#
#   make debug && PEERDESK=build/debug/peerdesk prove -v tests/pg/upgrade.t
#
# The previous version's binary is built from the git history (the last line of
# tests/upgrade/fixtures/MANIFEST, by tools/upgrade-fixture --build; about 30 s the first
# time, kept under build/upgrade/). With it: `init --demo` on a throwaway cluster. Then this
# peerdesk: serve without backup-dir refuses (PostgreSQL has no default place for the copy)
# and changes nothing; serve with one writes a pg_dump archive pg_restore can read, migrates,
# serves the demo generalist her dossiers; the audit chain holds with its old entries
# unchanged, db.backup and db.migrate recorded.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use HTTP::Tiny;
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use lib dirname(abs_path(__FILE__)) . '/../cli/lib';
use PeerdeskPG;
use PeerdeskCLI qw(serve_bg serve_stop demo_login);

my $DIR = "$ROOT/build/pg/upgrade";

plan skip_all => "no peerdesk binary at $BIN (make debug)" unless -x $BIN;

sub slurp { open my $fh, '<:raw', $_[0] or return ''; local $/; <$fh> // '' }

my ($last) = grep { /^schema-/ } reverse split /\n/, slurp("$ROOT/tests/upgrade/fixtures/MANIFEST");
my (undef, $prev, $commit) = split ' ', $last // '';
BAIL_OUT('no fixture line in tests/upgrade/fixtures/MANIFEST') unless $commit;
plan skip_all => "commit $commit is not in this clone's history (shallow?): cannot build the previous version"
    if system("git -C '$ROOT' cat-file -e '$commit^{commit}' 2>/dev/null") != 0;
ok($commit, "the previous schema version ($prev) and its commit ($commit) from MANIFEST");
my ($rc, $old) = run("$ROOT/tools/upgrade-fixture", '--build', $commit);
($old) = $old =~ m{^(/\S+/peerdesk)$}m;
ok($rc == 0 && $old && -x $old, "the previous version's binary is built") or BAIL_OUT("cannot build $commit");

cluster_start($DIR);
my $url = cluster_url($DIR, 'up');
sub psql { my ($sql) = @_; my ($r, $o) = run('psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', $url, '-c', $sql); chomp $o; return $o }

my $out;
($rc, $out) = run($old, 'init', '--demo', '--db', $url);
is($rc, 0, "the previous peerdesk makes the demo database") or diag($out);
is(psql('SELECT max(version) FROM schema_version'), $prev, "  ... at schema version $prev");
my $chain = psql('SELECT string_agg(seq || \' \' || hash, \',\' ORDER BY seq) FROM audit_log');
my $notes = psql('SELECT count(*) FROM note');

($rc, $out) = run($BIN, 'serve', '--db', $url, '--listen', '127.0.0.1:0');
is($rc, 1, 'serve without backup-dir refuses to migrate');
like($out, qr/backup-dir.*on PostgreSQL, name a directory for the copy/, '  ... saying what to give') or diag($out);
is(psql('SELECT max(version) FROM schema_version'), $prev, '  ... and the database is as it was');

mkdir "$DIR/copies";
my ($pid, $base_url) = serve_bg("$DIR/serve.log", '--db', $url, '--listen', '127.0.0.1:0', '--backup-dir',
                                "$DIR/copies");
ok($pid, 'with a backup-dir it copies, migrates and serves') or diag(slurp("$DIR/serve.log"));
my @copies = glob("$DIR/copies/postgresql-schema$prev-*.backup");
is(scalar @copies, 1, "  ... one copy, postgresql-schema$prev-<time>.backup");
($rc, $out) = run('pg_restore', '--list', $copies[0] // '/nonexistent');
is($rc, 0, '  ... a pg_dump archive pg_restore reads');
my $current = psql('SELECT max(version) FROM schema_version');
ok($current > $prev, "  ... the database is at schema version $current");
my $s = demo_login($base_url, 'sanne@peerdesk.test');
is($s->{status}, 200, 'the demo generalist logs in');
my $res = HTTP::Tiny->new(timeout => 20)->get("$base_url/api/v1/dossiers", {headers => {Cookie => $s->{cookie}}});
like($res->{content} // '', qr/"client_code":"BT-\d+"/, '  ... and lists her dossiers');
is(serve_stop($pid), 0, 'the server stops cleanly') if $pid;

($rc, $out) = run($BIN, 'audit', 'verify', '--db', $url);
is($rc, 0, 'the audit chain holds') or diag($out);
my $after = psql('SELECT string_agg(seq || \' \' || hash, \',\' ORDER BY seq) FROM audit_log');
is(substr($after, 0, length $chain), $chain, '  ... the entries from before keep their hashes');
is(psql("SELECT string_agg(event || ' ' || action, ',' ORDER BY seq) FROM audit_log"
        . " WHERE event IN ('db.backup', 'db.migrate')"), 'db.backup E,db.migrate U',
   '  ... the copy and the migration are recorded');
is(psql('SELECT count(*) FROM note'), $notes, "  ... every note is still there ($notes)");
done_testing();
