#!/usr/bin/perl
# t0012-crash: the crash harness, tiny (`make crashtest` runs it at 200 cycles; docs/testing.md
# "Crash harness"): 5 kill -9 cycles under concurrent writers with the volatile page cache,
# 0 acknowledged writes lost, 0 orphans, integrity and chain after every restart; the
# negative control (synchronous=OFF) detects loss, the orphan control an orphan. Also its
# parts: `peerdesk db check` on a sound, a damaged and a missing database; the test settings
# refused where they do not belong (PEERDESK_TEST_SYNCHRONOUS in a release build, bad values
# in a debug build).
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Copy qw(copy);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir = newdir();
my $db  = "$dir/demo.db";
run_ok('init --demo', 'init', '--db', $db, '--demo');

# ---- db check ----
my $r = run_ok('db check on a sound database', 'db', 'check', '--db', $db);
like($r->{out}, qr/^integrity_check ok: \Q$db\E$/m, '  ... says so');
copy($db, "$dir/damaged.db") or die;
{
    # Scribble over the middle of page 4 (a b-tree page of some table or index).
    open my $fh, '+<:raw', "$dir/damaged.db" or die;
    my $psize = unpack 'n', do { seek $fh, 16, 0; read $fh, my $b, 2; $b };
    $psize = 65536 if $psize == 1;
    seek $fh, 3 * $psize + 8, 0;
    print $fh "\xff" x 64;
    close $fh;
}
$r = run_exit(1, 'db check on a damaged database fails (exit 1)', 'db', 'check', '--db',
              "$dir/damaged.db");
like($r->{err}, qr/fails the integrity check: \S/, '  ... with SQLite\'s complaint') or diag(describe($r));
$r = run_exit(2, 'db check on a missing file cannot run (exit 2)', 'db', 'check', '--db',
              "$dir/missing.db");
ok(!-e "$dir/missing.db", '  ... and creates nothing');

# ---- the test settings ----
$r = run_exit(2, 'debug build: PEERDESK_TEST_SYNCHRONOUS=normal is refused',
              {env => {PEERDESK_TEST_SYNCHRONOUS => 'normal'}}, 'audit', 'verify', '--db', $db);
like($r->{err}, qr/PEERDESK_TEST_SYNCHRONOUS must be off or unset/, '  ... saying what it takes');
$r = run_exit(2, 'debug build: PEERDESK_TEST_VOLATILE=yes is refused',
              {env => {PEERDESK_TEST_VOLATILE => 'yes'}}, 'audit', 'verify', '--db', $db);
like($r->{err}, qr/PEERDESK_TEST_VOLATILE must be 1 or unset/, '  ... saying what it takes');
my $release = "$ROOT/build/release/peerdesk";
SKIP: {
    skip 'no release build (make build)', 2 unless -x $release;
    my $out = `PEERDESK_TEST_SYNCHRONOUS=off '$release' audit verify --db '$db' 2>&1`;
    is($? >> 8, 2, 'release build: PEERDESK_TEST_SYNCHRONOUS=off is refused');
    like($out, qr/PEERDESK_TEST_SYNCHRONOUS is honoured by debug builds only: unset it/,
         '  ... saying so');
}

# ---- the harness, tiny ----
SKIP: {
    skip 'no build/bench/loadgen (make bench-tools)', 5 unless -x "$ROOT/build/bench/loadgen";
    my $out = `cd '$ROOT' && PEERDESK='$BIN' perl tests/crash/run --cycles 5 --writers 4 --negative 2 --max-delay 0.8 --dir '$dir/crash' 2>&1`;
    is($? >> 8, 0, 'tests/crash/run: 5 cycles and the negative control pass') or diag($out);
    like($out, qr/crash harness: 5 cycles, [1-9]\d* acknowledged writes, 0 lost, 0 orphans, 0 integrity failures, 0 audit chain failures/,
         '  ... writes acknowledged, none lost, none without its audit entry, integrity and chain hold');
    like($out, qr/negative control \(synchronous=OFF, 2 cycles\): detected [1-9]\d* lost/,
         '  ... and with synchronous=OFF it detects acknowledged writes lost');
    like($out, qr/orphan control \(a note added without peerdesk\): detected 1 orphan/,
         '  ... and it counts a note without its audit entry as an orphan');
    like($out, qr/seed \d+/, '  ... printing its seed');
    diag(join "\n", grep {/crash harness:|negative control|orphan control/} split /\n/, $out);
}
done_testing;
