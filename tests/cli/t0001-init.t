#!/usr/bin/perl
# t0001-init: `peerdesk init` creates a database at the current schema version, is harmless
# to run again, prints the demo logins exactly once, and refuses to run without --db.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir = newdir();
my $db  = "$dir/pd.db";
my @migrations = glob("$ROOT/src/store/migrations/[0-9]*.sql");
my $current    = scalar @migrations;

# ---- a new database -----------------------------------------------------------------------
my $r = run_ok('init creates a database', 'init', '--db', $db);
ok(-s $db, 'the database file exists');
like($r->{err}, qr/schema version 0 to $current\b/, "init says it migrated from 0 to $current")
  or diag(describe($r));
is(sq($db, 'SELECT max(version) FROM schema_version'), "$current\n",
   'the database records that version');
is(sq($db, 'SELECT count(*) FROM audit_log'), "0\n", 'a new database has an empty audit log');

run_ok('org add on the new database', 'org', 'add', '--db', $db, '--slug', 'keep', '--name', 'Keep Me');

# ---- again --------------------------------------------------------------------------------
$r = run_ok('init again is harmless (exit 0)', 'init', '--db', $db);
like($r->{err}, qr/is at schema version $current\b/, "init again says it is at version $current")
  or diag(describe($r));
unlike($r->{err}, qr/migrated/, 'and migrates nothing');
$r = run_ok('org list after the second init', 'org', 'list', '--db', $db);
like($r->{out}, qr/^keep\tKeep Me\t[0-9a-f-]{36}$/m, 'the data survived the second init');

# ---- --demo ------------------------------------------------------------------------------
my $demo = run_ok('init --demo', 'init', '--db', $db, '--demo');
like($demo->{out}, qr/password: (\S+)/, 'init --demo prints the demo password');
my @logins = $demo->{out} =~ /^\s+(\S+\@\S+)\s/mg;
cmp_ok(scalar @logins, '>=', 10, 'init --demo prints one login per role') or diag($demo->{out});
for my $role (qw(admin coordinator generalist expert coach trainer student manager researcher
                 privacy_officer))
{
    like($demo->{out}, qr/^\s+\S+\@\S+\s.*\b\Q$role\E\b/m, "a demo login has role $role");
}
my ($more) = $demo->{out} =~ /and (\d+) more generalists/;
ok($more, 'init --demo says how many more generalists there are') or diag($demo->{out});
like($demo->{out}, qr/Work of the past months: [1-9]\d* clients, [1-9]\d* requests, [1-9]\d* notes/,
     'init --demo says how much work the demo holds');
$r = run_ok('user list --org demo', 'user', 'list', '--db', $db, '--org', 'demo');
my %listed = map { ((split /\t/)[0] => 1) } split /\n/, $r->{out};
is_deeply([grep { !$listed{$_} } @logins], [], 'every printed login is a demo worker');
is(scalar(keys %listed), scalar(@logins) + ($more // 0),
   'the demo has the printed logins plus the generalists it counted');
my $total = scalar keys %listed;

$r = run_ok('init --demo a second time (exit 0)', 'init', '--db', $db, '--demo');
is($r->{out}, '', 'the second --demo prints no logins');
like($r->{err}, qr/demo organisation exists already/, 'it says the demo exists already');
$r = run_ok('user list --org demo again', 'user', 'list', '--db', $db, '--org', 'demo');
is(scalar(split /\n/, $r->{out}), $total, 'no demo workers were added twice');

# ---- errors -------------------------------------------------------------------------------
$r = run_exit('non-zero', 'init without --db fails', {cwd => $dir}, 'init');
like($r->{err}, qr/missing --db/, 'and says --db is missing');
is_deeply([grep { !m{/pd\.db(?:-wal|-shm)?$} } glob("$dir/*")], [], 'and creates no file');

$r = run_exit('non-zero', 'init in a directory that does not exist fails',
              'init', '--db', "$dir/no/such/dir/pd.db");
like($r->{err}, qr{cannot open the database \Q$dir\E/no/such/dir/pd\.db}, 'naming the path');

open my $fh, '>', "$dir/notes.txt" or die;
print $fh "not a database\n" x 100;
close $fh;
$r = run_exit('non-zero', 'init on a file that is not a database fails', 'init', '--db', "$dir/notes.txt");
like($r->{err}, qr/cannot open the database/, 'saying it cannot open it');
is(-s "$dir/notes.txt", 1500, 'and leaves the file alone');

$r = run_exit('non-zero', 'init with an unknown option fails', 'init', '--db', $db, '--bogus');
like($r->{err}, qr/unknown option --bogus/, 'naming the option');

done_testing();
