#!/usr/bin/perl
# t0007-bench-gen: `peerdesk bench-gen` (docs/performance.md) at a tiny scale: the counts are
# the PERFORMANCE.md volumes times the scale, two runs with one seed hold the same rows
# (counts and note text), another seed different text, the audit chain holds, the server
# starts on the result, and an existing database or a bad --scale is refused.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir   = newdir();
my $scale = 0.0005;
sub n { my $v = sq($_[0], $_[1]); chomp $v; $v }
sub vol { my $v = int($_[0] * $scale + 0.5); $v < 1 ? 1 : $v }

my $r = run_ok('bench-gen at scale 0.0005', 'bench-gen', '--db', "$dir/a.db", '--scale', $scale,
               '--seed', 7);
like($r->{err}, qr/^bench-gen: done: .* in [0-9.]+ s$/m, 'a final summary on stderr')
  or diag(describe($r));

my %want = (client => vol(200000), request => vol(250000), note => vol(3000000),
            consultation => vol(400000));
for my $t (sort keys %want) {
    is(n("$dir/a.db", "SELECT count(*) FROM $t"), $want{$t}, "$want{$t} rows in $t");
}
is(n("$dir/a.db", "SELECT count(*) FROM worker WHERE email LIKE 'expert%'"), vol(300), 'experts');
is(n("$dir/a.db", "SELECT count(*) FROM worker WHERE email LIKE 'generalist%'"), vol(6000),
   'generalists');
is(n("$dir/a.db", "SELECT count(*) FROM note_fts WHERE note_fts MATCH 'huisbezoek'") > 0, 1,
   'the note search index is filled');
my $span = n("$dir/a.db", "SELECT julianday(max(opened_on)) - julianday(min(opened_on)) FROM dossier");
cmp_ok($span, '>', 365, "dossiers open over years ($span days)");

run_ok('bench-gen again with the same seed', 'bench-gen', '--db', "$dir/b.db", '--scale', $scale,
       '--seed', 7);
run_ok('bench-gen with another seed', 'bench-gen', '--db', "$dir/c.db", '--scale', $scale,
       '--seed', 8);
my $q = 'SELECT count(*), sum(length(body)) FROM note';
my $q2 = 'SELECT (SELECT count(*) FROM request) || "/" || (SELECT count(*) FROM consultation)';
is(n("$dir/b.db", $q), n("$dir/a.db", $q), 'the same seed gives the same notes');
is(n("$dir/b.db", $q2), n("$dir/a.db", $q2), 'the same seed gives the same counts');
isnt(n("$dir/c.db", $q), n("$dir/a.db", $q), 'another seed gives other note text');

run_ok('the audit chain holds', 'audit verify', '--db', "$dir/a.db");
my $s = serve_first_line('--db', "$dir/a.db", '--listen', '127.0.0.1:0');
like($s->{line} // '', qr{^peerdesk: listening on http://127\.0\.0\.1:[1-9]},
     'the server starts on the generated database') or diag(describe($s));

$r = run_exit(1, 'an existing database is refused', 'bench-gen', '--db', "$dir/a.db",
              '--scale', $scale);
like($r->{err}, qr/exists and is not empty/, 'it says why');
is(n("$dir/a.db", 'SELECT count(*) FROM client'), $want{client}, 'and leaves it alone');
$r = run_exit('non-zero', 'a bad scale is refused', 'bench-gen', '--db', "$dir/d.db",
              '--scale', 'lots');
like($r->{err}, qr/--scale/, 'naming --scale');
ok(!-s "$dir/d.db", 'and no database is made');

done_testing();
