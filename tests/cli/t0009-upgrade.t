#!/usr/bin/perl
# t0009-upgrade: a database made by an earlier peerdesk is migrated at start, only after a
# copy of it (docs/upgrade.md). The fixtures in tests/upgrade/fixtures/ are the demo database
# as the peerdesk of each earlier schema version made it (tools/upgrade-fixture). For each:
# `serve` copies it (a checked copy at its old version, mode 0600, its audit log unchanged),
# migrates it, says so, and serves it: the demo generalist logs in and reads her dossiers with
# every note they had; the audit chain holds, the old entries keep their hashes, and db.backup
# and db.migrate are recorded. A second start changes nothing. On the previous version also:
# `migrate = no` and an unusable backup-dir refuse and leave the file as it was, `migrate =
# yes` migrates without a copy, `init` copies too; a database newer than this peerdesk is
# refused by serve and init alike.
use strict;
use warnings;
use Cwd qw(abs_path);
use Digest::SHA qw(sha256_hex);
use File::Basename qw(basename dirname);
use HTTP::Tiny;
use JSON::PP ();
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir  = newdir();
my $http = HTTP::Tiny->new(timeout => 30);
my @fixtures = sort glob("$ROOT/tests/upgrade/fixtures/schema-*.db.gz");
ok(@fixtures >= 1, scalar(@fixtures) . ' fixtures of earlier schema versions') or BAIL_OUT('no fixtures');

# The schema version this peerdesk has: a fresh database tells.
run_ok('a fresh database', 'init', '--db', "$dir/fresh.db");
my ($current) = sq_lines("$dir/fresh.db", 'SELECT max(version) FROM schema_version');

sub slurp { open my $fh, '<:raw', $_[0] or return ''; local $/; <$fh> // '' }
sub file_sha { return sha256_hex(slurp($_[0])) }

sub unpack_fixture
{
    my ($fixture, $to) = @_;
    mkdir dirname($to);
    system("gzip -dc '$fixture' > '$to'") == 0 or die "gunzip $fixture: $?";
    return $to;
}

sub chain { return join "\n", sq_lines($_[0], 'SELECT seq || " " || hash FROM audit_log ORDER BY seq') }

sub backups { my @b = glob(dirname($_[0]) . '/' . basename($_[0]) . '-schema*.backup'); return @b }
sub nbackups { my @b = backups(@_); return scalar @b }

# PRAGMA integrity_check, less the false "NULL value in T.C" lines SQLite 3.40/3.41 print for
# WITHOUT ROWID tables (docs/backup.md, Limits): "ok" when nothing else is said.
sub integrity
{
    my ($db) = @_;
    my %wr = map { $_ => 1 } sq_lines($db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                          . " AND sql LIKE '%WITHOUT ROWID%'");
    my @said = grep { !(/^NULL value in (\w+)\.\w+$/ && $wr{$1}) } sq_lines($db, 'PRAGMA integrity_check');
    return @said ? join("\n", @said) : 'ok';
}

# The previous version gets the refusals and the other ways in.
my ($previous) = $fixtures[-1] =~ /schema-(\d+)\.db\.gz$/;

for my $fixture (@fixtures) {
    my ($v) = $fixture =~ /schema-(\d+)\.db\.gz$/;
    $v += 0;
    my $db = unpack_fixture($fixture, "$dir/v$v/peerdesk.db");
    my $log = "$dir/v$v/serve.log";
    note("schema version $v");
    is((sq_lines($db, 'SELECT max(version) FROM schema_version'))[0], $v, "v$v: the fixture is at schema version $v");
    ok($v < $current, "v$v: older than this peerdesk ($current)");
    my $chain_before = chain($db);
    my $has_notes = sq($db, "SELECT count(*) FROM sqlite_master WHERE name = 'note'") =~ /1/;
    my %notes;
    if ($has_notes) {
        for my $row (sq_rows($db, 'SELECT id, dossier_id FROM note')) {
            push @{$notes{$row->{dossier_id}}}, $row->{id};
        }
    }

    if ($v == $previous) {
        my $sha = file_sha($db);
        my $r = serve_first_line('--db', $db, '--listen', '127.0.0.1:0', '--migrate', 'no');
        ok(!defined $r->{line} && $r->{exit}, "v$v: migrate = no: serve refuses to start");
        like($r->{err}, qr/schema version $v and this peerdesk needs $current.*migrate = no/s,
             "v$v:   ... saying both versions and the setting") or diag($r->{err});
        $r = serve_first_line('--db', $db, '--listen', '127.0.0.1:0', '--backup-dir', "$dir/none");
        ok(!defined $r->{line} && $r->{exit}, "v$v: a backup-dir that does not exist: serve refuses");
        like($r->{err}, qr/backup-dir.*\Q$dir\E\/none is not a directory/, "v$v:   ... naming it")
            or diag($r->{err});
        $r = serve_first_line('--db', $db, '--listen', '127.0.0.1:0', '--migrate', 'later');
        like($r->{err}, qr/migrate: must be after-backup, yes or no/, "v$v: a bad migrate value is refused")
            or diag($r->{err});
        is(file_sha($db), $sha, "v$v:   ... and after all three the file is as it was");
        is(nbackups($db), 0, "v$v:   ... with no copy left");
    }

    # ---- the default: copy, then migrate, then serve ----
    my ($pid, $url) = serve_bg($log, '--db', $db, '--listen', '127.0.0.1:0');
    ok($pid, "v$v: serve migrates the database and starts") or diag(slurp($log));
    next unless $pid;
    my $said = slurp($log);
    like($said, qr/schema version $v, this peerdesk has $current: copying it to \S+ before migrating/,
         "v$v:   ... saying it copies first");
    like($said, qr/migration $current of $current \([a-z_]+\): applied in [\d.]+ s/,
         "v$v:   ... and each migration with its time");
    like($said, qr/migrated from schema version $v to $current/, "v$v:   ... and the result");
    my @copies = backups($db);
    is(scalar @copies, 1, "v$v: one copy beside the database") or diag(join ' ', glob("$dir/v$v/*"));
    my $copy = $copies[0] // '';
    like(basename($copy), qr/^peerdesk\.db-schema$v-\d{8}T\d{6}Z\.backup$/, "v$v:   ... named by version and time");
    is(((stat $copy)[2] // 0) & 07777, 0600, "v$v:   ... mode 0600");
    is(integrity($copy), 'ok', "v$v:   ... integrity_check ok");
    is((sq_lines($copy, 'SELECT max(version) FROM schema_version'))[0], $v, "v$v:   ... at version $v");
    is(chain($copy), $chain_before, "v$v:   ... with the audit log as it was");

    my $s = demo_login($url, 'sanne@peerdesk.test');
    is($s->{status}, 200, "v$v: the demo generalist logs in on the migrated database");
    if (%notes) {
        my $res = $http->get("$url/api/v1/dossiers", {headers => {Cookie => $s->{cookie}}});
        is($res->{status}, 200, "v$v:   ... lists her dossiers") or diag($res->{content});
        my $list = eval { JSON::PP->new->decode($res->{content}) } // {};
        my @ids = map { $_->{id} } @{$list->{items} // []};
        my @mine = grep { $notes{$_} } @ids;
        ok(@mine, "v$v:   ... among them dossiers with notes (" . scalar(@mine) . ')');
        my ($missing, $read) = (0, 0);
        for my $d (@mine) {
            $res = $http->get("$url/api/v1/dossiers/$d/timeline", {headers => {Cookie => $s->{cookie}}});
            $missing += 1000 unless $res->{status} == 200;
            for my $n (@{$notes{$d}}) { $read++; $missing++ unless ($res->{content} // '') =~ /"\Q$n\E"/ }
        }
        is($missing, 0, "v$v:   ... and reads every note they had ($read) in their timelines");
    }
    is(serve_stop($pid), 0, "v$v: the server stops cleanly");

    my $r = run_ok("v$v: the audit chain holds after the migration", 'audit', 'verify', '--db', $db);
    my $after = chain($db);
    is(substr($after, 0, length $chain_before), $chain_before, "v$v: the entries from before keep their hashes");
    my @new = sq_lines($db, "SELECT event || ' ' || action || ' ' || coalesce(record_id, '') FROM audit_log"
                          . " WHERE event IN ('db.backup', 'db.migrate') ORDER BY seq");
    is_deeply(\@new, ["db.backup E $copy", "db.migrate U $v-$current"], "v$v: the copy and the migration are in the log");

    # ---- a second start: nothing to do ----
    my $sha = file_sha($db);
    $r = serve_first_line('--db', $db, '--listen', '127.0.0.1:0');
    like($r->{line} // '', qr/listening on/, "v$v: a second start serves at once");
    unlike($r->{err}, qr/copying|migration \d+ of/, "v$v:   ... without a copy or a migration");
    is(nbackups($db), 1, "v$v:   ... and no new copy");

    if ($v == $previous) {
        # migrate = yes: no copy.
        my $db2 = unpack_fixture($fixture, "$dir/v$v-yes/peerdesk.db");
        ($pid, $url) = serve_bg("$dir/v$v-yes/serve.log", '--db', $db2, '--listen', '127.0.0.1:0',
                                '--migrate', 'yes');
        ok($pid, "v$v: migrate = yes: serve migrates and starts") or diag(slurp("$dir/v$v-yes/serve.log"));
        serve_stop($pid) if $pid;
        like(slurp("$dir/v$v-yes/serve.log"), qr/migrating WITHOUT a copy first \(migrate = yes\)/,
             "v$v:   ... warning that there is no copy");
        is(nbackups($db2), 0, "v$v:   ... and there is none");
        is_deeply([sq_lines($db2, "SELECT event FROM audit_log WHERE event IN ('db.backup', 'db.migrate')")],
                  ['db.migrate'], "v$v:   ... the log has the migration only");

        # init copies too, into the backup-dir given.
        my $db3 = unpack_fixture($fixture, "$dir/v$v-init/peerdesk.db");
        mkdir "$dir/v$v-init/copies";
        $r = run_ok("v$v: init migrates an older database", 'init', '--db', $db3, '--backup-dir',
                    "$dir/v$v-init/copies");
        like($r->{err}, qr/migrated from schema version $v to $current in [\d.]+ s; the copy from before is \Q$dir\E\/v$v-init\/copies\/peerdesk\.db-schema$v-/,
             "v$v:   ... after a copy into the backup-dir, and says where it is");

        # Newer than this peerdesk: refused by serve and init, the file untouched.
        sq($db3, "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', '2030-01-01T00:00:00.000Z')");
        my $sha3 = file_sha($db3);
        $r = serve_first_line('--db', $db3, '--listen', '127.0.0.1:0');
        ok(!defined $r->{line} && $r->{exit}, "a database newer than this peerdesk: serve refuses");
        like($r->{err}, qr/schema version 999 is newer than this peerdesk \($current\)/, '  ... saying so')
            or diag($r->{err});
        $r = run_exit(1, 'init refuses it too', 'init', '--db', $db3);
        like($r->{err}, qr/schema version 999 is newer than this peerdesk/, '  ... saying so');
        is(file_sha($db3), $sha3, '  ... and the file is as it was');
        is(nbackups($db3), 0, '  ... no copy taken beside it');
    }
}

done_testing();
