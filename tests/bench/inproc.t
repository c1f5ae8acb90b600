#!/usr/bin/perl
# inproc: the in-process benchmarks (bench/floor, bench/match; docs/performance.md) run on a
# tiny bench-gen database and report what they measured: one JSON object each, with every
# call succeeded. No timing is asserted: only that the figures are there and make sense.
#
#   make bench-tools build/release/peerdesk && prove tests/bench/inproc.t
#
# $PEERDESK (default build/release/peerdesk) makes the data; $BENCH_BIN (default
# build/bench) holds the programs.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;

BEGIN { $ENV{PEERDESK} //= 'build/release/peerdesk' }
use lib dirname(abs_path(__FILE__)) . '/../cli/lib';
use PeerdeskCLI;

my $bench = $ENV{BENCH_BIN} // "$ROOT/build/bench";
for my $p (qw(floor match)) {
    BAIL_OUT("no $bench/$p (build it: make bench-tools)") unless -x "$bench/$p";
}

# Run a bench program: like run_exit, with its JSON report decoded (undef if none).
sub bench
{
    my ($want, $name, $prog, @args) = @_;
    local $PeerdeskCLI::BIN = "$bench/$prog";
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $r = run_exit($want, $name, {timeout => 30}, @args);
    $r->{json} = eval { JSON::PP::decode_json($r->{out}) } if $r->{out} =~ /\S/;
    return $r;
}

sub has_fields
{
    my ($j, $name, @fields) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my @missing = grep { !defined $j->{$_} } @fields;
    ok(!@missing, "$name: the report has @fields") or diag("missing: @missing");
}

my $dir = newdir();
my $db  = "$dir/bench.db";
run_ok('bench-gen at scale 0.0005', 'bench-gen', '--db', $db, '--scale', '0.0005');

# ---- floor ----
my $r = bench(0, 'floor timeline for 0.3 s', 'floor', '--db', $db, '--what', 'timeline',
              '--duration', '0.3', '--threads', 2, '--pairs', 50);
my $j = $r->{json} // {};
has_fields($j, 'timeline', qw(what backend threads ops failures seconds ops_per_s latency_us pairs
                              workers items_per_op));
is($j->{what}, 'timeline', 'timeline: says what it measured');
is($j->{backend}, 'sqlite', 'timeline: on SQLite');
is($j->{threads}, 2, 'timeline: with the threads asked for');
cmp_ok($j->{ops} // 0, '>', 0, 'timeline: made calls');
is($j->{failures}, 0, 'timeline: every call succeeded');
is($j->{pairs}, 50, 'timeline: over the pairs asked for');
cmp_ok($j->{items_per_op} // 0, '>', 0, 'timeline: the pages hold items');
my $l = $j->{latency_us} // {};
has_fields($l, 'timeline latency', qw(p50 p95 p99 max));
ok(0 < ($l->{p50} // 0) && $l->{p50} <= $l->{p95} && $l->{p95} <= $l->{p99}
   && $l->{p99} <= $l->{max}, 'timeline: the percentiles are ordered');
cmp_ok(abs($j->{ops_per_s} - $j->{ops} / $j->{seconds}), '<', 1 + $j->{ops_per_s} / 100,
       'timeline: ops_per_s is ops over seconds');
my $reads = sq($db, "SELECT count(*) FROM audit_log WHERE event = 'timeline.read'");
chomp $reads;
is($reads, $j->{ops}, 'timeline: one audit entry per call');

$r = bench(0, 'floor search for 0.3 s', 'floor', '--db', $db, '--what', 'search',
           '--duration', '0.3');
$j = $r->{json} // {};
has_fields($j, 'search', qw(ops failures ops_per_s latency_us workers hits_per_op));
cmp_ok($j->{ops} // 0, '>', 0, 'search: made calls');
is($j->{failures}, 0, 'search: every call succeeded');
cmp_ok($j->{hits_per_op} // 0, '>', 0, 'search: the common words are found');

$r = bench(0, 'floor access for 0.3 s, the client filled to 300 audit rows', 'floor', '--db',
           $db, '--what', 'access', '--duration', '0.3', '--audit-rows', 300);
$j = $r->{json} // {};
has_fields($j, 'access', qw(ops failures ops_per_s latency_us client_audit_rows_at_start
                            rows_per_op));
is($j->{threads}, 1, 'access: one thread unless asked');
cmp_ok($j->{ops} // 0, '>', 0, 'access: made calls');
is($j->{failures}, 0, 'access: every call succeeded');
is($j->{client_audit_rows_at_start}, 300, 'access: the client has the rows asked for');
cmp_ok($j->{rows_per_op} // 0, '>=', 300, 'access: each report lists them');
like($r->{err}, qr/adding privacy\@bench\.test/, 'access: it says it added a privacy officer');
run_ok('the audit chain still holds', 'audit verify', '--db', $db);
$r = bench(0, 'floor access again', 'floor', '--db', $db, '--what', 'access', '--duration', '0.1');
unlike($r->{err}, qr/adding privacy/, 'access: the privacy officer is made only once');
cmp_ok($r->{json}{client_audit_rows_at_start} // 0, '>', 300,
       'access: the busiest client is found (its reports added rows)');

# ---- match ----
$r = bench(0, 'match with 20 and 40 experts', 'match', '--experts', '20,40', '--reps', 5);
$j = $r->{json} // {};
has_fields($j, 'match', qw(what reps sizes linearity));
is(scalar @{$j->{sizes} // []}, 2, 'match: one row per size');
for my $row (@{$j->{sizes} // []}) {
    my $n = $row->{experts} // 0;
    is($row->{ranked}, $n, "match $n: the endpoint ranked every expert");
    # 5 reps: load_rank and warm calls hit (10); the first load_rank and each cold call build
    is($row->{directory}{builds}, 6, "match $n: the directory was built once, then per change");
    is($row->{directory}{hits}, 9, "match $n: the warm calls found it in memory");
    for my $k (qw(pure load_rank endpoint cold)) {
        my $f = $row->{$k} // {};
        ok(0 < ($f->{p50_us} // 0) && $f->{p50_us} <= $f->{p99_us}, "match $n: $k p50 <= p99");
        cmp_ok(abs($f->{us_per_expert} - $f->{p50_us} / $n), '<', 0.001 + $f->{p50_us} / $n / 100,
               "match $n: $k us_per_expert is p50 over experts");
    }
}
has_fields($j->{linearity} // {}, 'match linearity', qw(pure load_rank endpoint cold));

# ---- refusals ----
$r = bench(2, 'floor without --db', 'floor', '--what', 'timeline');
like($r->{err}, qr/--db/, 'naming --db');
$r = bench(2, 'floor with an unknown --what', 'floor', '--db', $db, '--what', 'everything');
like($r->{err}, qr/--what/, 'naming --what');
$r = bench(2, 'floor with a bad --threads', 'floor', '--db', $db, '--what', 'search',
           '--threads', 0);
like($r->{err}, qr/--threads/, 'naming --threads');
$r = bench(2, 'floor with an unknown option', 'floor', '--db', $db, '--fast');
like($r->{err}, qr/--fast/, 'naming it');
$r = bench(1, 'floor on a missing database', 'floor', '--db', "$dir/none.db", '--what', 'search');
like($r->{err}, qr/does not exist/, 'saying so');
ok(!-e "$dir/none.db", 'and makes none');
$r = bench(2, 'match with a bad --experts', 'match', '--experts', '10,lots');
like($r->{err}, qr/--experts/, 'naming --experts');

done_testing();
