#!/usr/bin/perl
# t0004-config: where settings come from (docs/config.md): flag > environment > config file >
# default, observed through `serve`'s "listening on" line (loopback addresses 127.0.0.x, port
# 0); bad values and unknown names are errors that say where; PEERDESK_DB replaces --db.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir = newdir();
my $db  = "$dir/pd.db";
run_ok('init', 'init', '--db', $db);

sub write_conf
{
    my ($name, $text) = @_;
    open my $fh, '>', "$dir/$name" or die;
    print $fh $text;
    close $fh;
    return "$dir/$name";
}
my $conf = write_conf('file.conf', "# the file's choice\n\nlisten = 127.0.0.3:0   \nthreads=2\n");

sub listens_on
{
    my ($name, $want, @rest) = @_;
    my $s = serve_first_line(@rest);
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    like($s->{line} // '', qr{^peerdesk: listening on http://\Q$want\E:[1-9]\d*$}, $name)
      or diag(describe($s));
    is($s->{exit}, 0, "  ... and stops cleanly on SIGTERM") or diag(describe($s));
}

# ---- precedence ---------------------------------------------------------------------------
listens_on('flag only: --listen', '127.0.0.4', '--db', $db, '--listen', '127.0.0.4:0');
listens_on('config file only (--config)', '127.0.0.3', '--db', $db, '--config', $conf);
listens_on('config file only (PEERDESK_CONFIG)', '127.0.0.3', {env => {PEERDESK_CONFIG => $conf}},
           '--db', $db);
listens_on('environment beats the config file', '127.0.0.2',
           {env => {PEERDESK_LISTEN => '127.0.0.2:0'}}, '--db', $db, '--config', $conf);
listens_on('the flag beats environment and file', '127.0.0.1',
           {env => {PEERDESK_LISTEN => '127.0.0.2:0', PEERDESK_CONFIG => $conf}},
           '--db', $db, '--listen=127.0.0.1:0');
listens_on('--config beats PEERDESK_CONFIG', '127.0.0.5',
           {env => {PEERDESK_CONFIG => $conf}}, '--db', $db,
           '--config', write_conf('other.conf', "listen = 127.0.0.5:0\n"));
listens_on('db from the config file', '127.0.0.6',
           '--config', write_conf('db.conf', "db = $db\nlisten = 127.0.0.6:0\n"));

# the default shows in help (not bound here: 8080 may be taken)
my $h = run_ok('help', 'help');
like($h->{out}, qr/^\s+--listen\s+PEERDESK_LISTEN\s.*\[127\.0\.0\.1:8080\]$/m, 'the default listen is 127.0.0.1:8080');

# ---- bad values ---------------------------------------------------------------------------
for my $bad (['--threads 0', ['--threads', '0']], ['--threads 257', ['--threads', '257']],
             ['--threads many', ['--threads', 'many']])
{
    my $r = run_exit('non-zero', "serve $bad->[0] is refused", 'serve', '--db', $db, @{$bad->[1]},
                     '--listen', '127.0.0.1:0');
    like($r->{err}, qr/\bthreads\b.*1 to 256/, '  ... naming threads and its range');
    unlike($r->{out}, qr/listening/, '  ... and does not serve');
}
my $r = run_exit('non-zero', 'PEERDESK_THREADS=0 is refused', {env => {PEERDESK_THREADS => '0'}},
                 'serve', '--db', $db, '--listen', '127.0.0.1:0');
like($r->{err}, qr/\bthreads\b/, '  ... naming threads');
$r = run_exit('non-zero', 'threads = 0 in the config file is refused', 'serve', '--db', $db,
              '--listen', '127.0.0.1:0', '--config', write_conf('t0.conf', "threads = 0\n"));
like($r->{err}, qr/\bthreads\b/, '  ... naming threads');
$r = run_exit('non-zero', 'session-idle-minutes 31 (beyond SECURITY.md 15) is refused',
              'serve', '--db', $db, '--listen', '127.0.0.1:0', '--session-idle-minutes', '31');
like($r->{err}, qr/session-idle-minutes/, '  ... naming it');
$r = run_exit('non-zero', 'session-max-hours 13 is refused', 'serve', '--db', $db,
              '--listen', '127.0.0.1:0', '--session-max-hours=13');
like($r->{err}, qr/session-max-hours/, '  ... naming it');
$r = run_exit('non-zero', 'secure-cookie maybe is refused', 'serve', '--db', $db,
              '--listen', '127.0.0.1:0', '--secure-cookie=maybe');
like($r->{err}, qr/secure-cookie/, '  ... naming it');
for my $bad (['nginx', qr/'nginx' is not an IP address/], ['10.0.0.1/8', qr/bits set after the \/8/],
             ['127.0.0.1,', qr/empty entry/], ['::/129', qr/prefix must be 0 to 128/])
{
    $r = run_exit('non-zero', "serve --trusted-proxy '$bad->[0]' is refused", 'serve', '--db', $db,
                  '--listen', '127.0.0.1:0', '--trusted-proxy', $bad->[0]);
    like($r->{err}, qr/trusted-proxy: .*$bad->[1]/, '  ... naming trusted-proxy and saying why');
    unlike($r->{out}, qr/listening/, '  ... and does not serve');
}
$r = run_exit('non-zero', 'PEERDESK_TRUSTED_PROXY with a host name is refused',
              {env => {PEERDESK_TRUSTED_PROXY => '127.0.0.1, proxy.example.org'}}, 'org', 'list',
              '--db', $db);
like($r->{err}, qr/trusted-proxy: 'proxy\.example\.org'/, '  ... naming trusted-proxy and the entry');
$r = run_exit('non-zero', 'trusted-proxy = 10.0.0.0/33 in the config file is refused', 'org', 'list',
              '--db', $db, '--config', write_conf('tp.conf', "trusted-proxy = 10.0.0.0/33\n"));
like($r->{err}, qr/trusted-proxy:.*tp\.conf:1/s, '  ... naming trusted-proxy and file:line');
listens_on('a good trusted-proxy list is accepted', '127.0.0.7', '--db', $db, '--listen',
           '127.0.0.7:0', '--trusted-proxy', ' 127.0.0.1, 10.0.0.0/8,::1 , fd00::/8');

# ---- unknown names ------------------------------------------------------------------------
my $typo = write_conf('typo.conf', "# ok\nlisten = 127.0.0.1:0\nthread = 2\n");
$r = run_exit('non-zero', 'an unknown key in the config file is an error', 'org', 'list', '--db', $db,
              '--config', $typo);
like($r->{err}, qr/\Q$typo\E:3:.*unknown setting 'thread'/, '  ... with file:line and the key');
$r = run_exit('non-zero', 'a line without = in the config file is an error', 'org', 'list', '--db', $db,
              '--config', write_conf('noeq.conf', "listen 127.0.0.1:0\n"));
like($r->{err}, qr/noeq\.conf:1:/, '  ... with file:line');
$r = run_exit('non-zero', 'a config file that does not exist is an error', 'org', 'list', '--db', $db,
              '--config', "$dir/nosuch.conf");
like($r->{err}, qr/nosuch\.conf/, '  ... naming the file');
$r = run_exit('non-zero', 'an unknown flag is an error', 'org', 'list', '--db', $db, '--colour');
like($r->{err}, qr/unknown option --colour/, '  ... naming the flag');
like($r->{err}, qr/peerdesk help org list/, '  ... and pointing to help');
$r = run_exit('non-zero', 'a flag of another command is an error here', 'org', 'list', '--db', $db,
              '--email', 'x@example.test');
like($r->{err}, qr/unknown option --email/, '  ... naming the flag');
$r = run_exit('non-zero', 'a flag without its value is an error', 'org', 'list', '--db');
like($r->{err}, qr/--db needs a value/, '  ... saying so');

# ---- PEERDESK_DB --------------------------------------------------------------------------
run_ok('org add with PEERDESK_DB instead of --db', {env => {PEERDESK_DB => $db}},
       'org', 'add', '--slug', 'envorg', '--name', 'From The Environment');
$r = run_ok('org list with --db', 'org', 'list', '--db', $db);
like($r->{out}, qr/^envorg\tFrom The Environment\t/m, '  ... wrote to that database');
my $other = "$dir/other.db";
run_ok('init a second database', 'init', '--db', $other);
$r = run_ok('--db beats PEERDESK_DB', {env => {PEERDESK_DB => $db}}, 'org', 'list', '--db', $other);
is($r->{out}, '', '  ... (the second database has no organisations)');

done_testing();
