#!/usr/bin/perl
# t0005-help: `peerdesk help` lists every command and every setting; `help CMD` shows each
# command's usage; unknown commands fail and point to help.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my @commands = ('init', 'serve', 'org add', 'org list', 'user add', 'user list', 'user disable',
                'user passwd', 'audit verify', 'audit list', 'retention', 'db grant', 'db check', 'backup', 'restore', 'help',
                'version');

my $r = run_ok('peerdesk help', 'help');
for my $c (@commands) {
    like($r->{out}, qr/^  \Q$c\E {2,}\S/m, "help lists '$c' with a summary");
}
my @listed = $r->{out} =~ /^  ([a-z]+(?: [a-z]+)?) {2,}\S/mg;
is_deeply([sort @listed], [sort @commands], 'and no other command');
like($r->{out}, qr/peerdesk help COMMAND/, 'and says how to get help on one');

# every setting of docs/config.md, with its environment variable
my $doc = do { open my $fh, '<', "$ROOT/docs/config.md" or die; local $/; <$fh> };
my @settings = $doc =~ /^\| `([a-z-]+)` \| `(PEERDESK_[A-Z_]+)` \|/mg;
ok(@settings >= 14, 'docs/config.md lists the settings');
while (my ($flag, $env) = splice @settings, 0, 2) {
    like($r->{out}, qr/^  --\Q$flag\E\s+\Q$env\E\s/m, "help shows --$flag with $env (as in docs/config.md)");
}

$r = run_ok('peerdesk --help', '--help');
like($r->{out}, qr/^  user add /m, '--help lists the commands too');
$r = run_exit(1, 'peerdesk without a command fails', );
like($r->{err}, qr/^usage: peerdesk <command>/m, '  ... and prints the command list on stderr');

for my $c (@commands) {
    $r = run_ok("help $c", 'help', split(' ', $c));
    like($r->{out}, qr/^usage: peerdesk \Q$c\E\b/, "  ... shows the usage of $c");
}
$r = run_ok('help user add', 'help', 'user', 'add');
like($r->{out}, qr/^usage: peerdesk user add --db PATH --org SLUG --email E --name N --role R\[,R\.\.\.\]$/m,
     'help user add shows the full usage line');
like($r->{out}, qr/standard input/, '  ... and where the password comes from');

$r = run_exit('non-zero', 'help nosuch fails', 'help', 'nosuch');
like($r->{err}, qr/nosuch/, '  ... naming it');
is($r->{out}, '', '  ... with nothing on stdout');
$r = run_exit('non-zero', 'peerdesk nosuch fails', 'nosuch');
like($r->{err}, qr/'nosuch' is not a command/, '  ... saying so');
like($r->{err}, qr/peerdesk help/, '  ... and points to peerdesk help');
$r = run_exit('non-zero', 'peerdesk user nosuch fails', 'user', 'nosuch');
like($r->{err}, qr/peerdesk help/, '  ... and points to peerdesk help');

$r = run_ok('peerdesk version', 'version');
like($r->{out}, qr/^peerdesk \d+\.\d+\.\d+/, 'prints a version');

done_testing();
