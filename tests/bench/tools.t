#!/usr/bin/perl
# tests/bench/tools.t: the benchmark programs of bench/ (docs/performance.md "Benchmark
# tools"), built in build/bench/ (`make bench-tools`). Runs wire, drives it with loadgen
# (load, ledger, SIGTERM, idle mode), drives loadgen against a small chunked / closing
# server written here, checks connect errors against a closed port and usage errors, and
# runs fsync briefly. Counts and shapes only: no timing is asserted. Core Perl modules only.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use IO::Select;
use IO::Socket::INET;
use JSON::PP ();
use POSIX qw(:sys_wait_h);
use Test::More;
use Time::HiRes qw(sleep time);

my $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my %bin = map { $_ => "$ROOT/build/bench/$_" } qw(loadgen wire fsync);
for (sort keys %bin) {
    BAIL_OUT("no $bin{$_} (build it: make bench-tools)") unless -x $bin{$_};
}
$SIG{PIPE} = 'IGNORE';
my $dir  = tempdir('peerdesk-bench-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $json = JSON::PP->new;
my @kids;
END { local $?; kill 'KILL', @kids if @kids; waitpid $_, 0 for @kids }

# run(NAME, [ARGS], timeout) -> { exit, signal, out, err, json } of one program run.
sub run
{
    my ($prog, $args, $timeout) = @_;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN,  '<', '/dev/null'  or POSIX::_exit(126);
        open STDOUT, '>', "$dir/out" or POSIX::_exit(126);
        open STDERR, '>', "$dir/err" or POSIX::_exit(126);
        exec $bin{$prog}, @$args or POSIX::_exit(127);
    }
    my $deadline = time + ($timeout // 10);
    my $st;
    while (1) {
        if (waitpid($pid, WNOHANG) == $pid) { $st = $?; last }
        if (time > $deadline) { kill 'KILL', $pid; waitpid $pid, 0; $st = $?; last }
        sleep 0.01;
    }
    my $slurp = sub { open my $fh, '<', $_[0] or return ''; local $/; <$fh> // '' };
    my $r = {out => $slurp->("$dir/out"), err => $slurp->("$dir/err"), signal => $st & 127,
             exit => ($st & 127) ? undef : $st >> 8, args => "$prog @$args"};
    $r->{json} = eval { $json->decode($r->{out}) } if $r->{out} =~ /^\{.*\}\n\z/s;
    return $r;
}

sub describe { my $r = shift; "$r->{args}: exit " . ($r->{exit} // "signal $r->{signal}") .
               "\n--- stdout:\n$r->{out}--- stderr:\n$r->{err}---" }

# Start a server that prints {"port":P} (or the port alone) on its first line.
sub start_server
{
    my @cmd = @_;
    pipe(my $rd, my $wr) or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        open STDOUT, '>&', $wr or POSIX::_exit(126);
        open STDERR, '>>', "$dir/servers.err" or POSIX::_exit(126);
        ref $cmd[0] ? $cmd[0]->() : exec @cmd;
        POSIX::_exit(127);
    }
    close $wr;
    push @kids, $pid;
    my ($buf, $sel) = ('', IO::Select->new($rd));
    my $deadline = time + 10;
    while ($buf !~ /\n/ && time < $deadline && $sel->can_read($deadline - time)) {
        sysread($rd, $buf, 256, length $buf) or last;
    }
    return ($pid, $buf =~ /(\d+)/ ? $1 : undef, $rd);
}

sub requests_file
{
    my ($name, @reqs) = @_;
    open my $fh, '>', "$dir/$name" or die "$dir/$name: $!";
    print $fh '@' . length($_) . "\n" . $_ for @reqs;
    close $fh;
    return "$dir/$name";
}

sub lines { open my $fh, '<', $_[0] or return (); my @l = <$fh>; chomp @l; @l }

my ($wire, $port) = start_server($bin{wire}, '--listen', '127.0.0.1:0', '--threads', 2);
ok($port, 'wire prints {"port":P} once it listens') or BAIL_OUT('wire did not start');

my @get = map { "GET /bench/$_ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" } 1 .. 3;
my $body = '{"body":"Gesprek met de huisarts"}';
push @get, "POST /bench/note HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
  . 'Content-Length: ' . length($body) . "\r\n\r\n$body";
my $reqs = requests_file('get.req', @get);

# Load: every answer a 2xx, percentiles in order, one ledger line per 2xx.
my $r = run('loadgen', ['--port', $port, '--requests', $reqs, '--connections', 4,
                        '--duration', 1, '--ledger', "$dir/ledger"]);
my $j = $r->{json} // {};
is($r->{exit}, 0, 'loadgen runs 1 s against wire') or diag(describe($r));
cmp_ok($j->{requests} // 0, '>', 0, "requests answered ($j->{requests})");
is($j->{status}{'2xx'}, $j->{requests}, 'all of them 2xx');
is($j->{errors}{$_}, 0, "no $_ errors") for qw(connect read write timeout parse);
cmp_ok($j->{rps} // 0, '>', 0, 'a request rate');
my $l = $j->{latency_us} // {};
ok($l->{p50} > 0 && $l->{p50} <= $l->{p99} && $l->{p99} <= $l->{max},
   "p50 <= p99 <= max ($l->{p50} <= $l->{p99} <= $l->{max})");
is($j->{bytes_read} > 4096 * $j->{requests}, 1, 'each answer carries the 4096-byte body');
my @ledger = lines("$dir/ledger");
is(scalar @ledger, $j->{status}{'2xx'}, 'the ledger has one line per 2xx answer');
is(scalar(grep { !/^[0-3]\t000001$/ } @ledger), 0,
   'each line: the request index and the first "id" of the body');

# SIGTERM: stops at once and reports what ran, ledger flushed.
my $lpid = fork // die;
if ($lpid == 0) {
    open STDOUT, '>', "$dir/term.out" or POSIX::_exit(126);
    open STDERR, '>', "$dir/term.err" or POSIX::_exit(126);
    exec $bin{loadgen}, '--port', $port, '--requests', $reqs, '--connections', 2, '--duration',
      60, '--ledger', "$dir/term.ledger" or POSIX::_exit(127);
}
sleep 0.4;
kill 'TERM', $lpid;
my $t0 = time;
waitpid $lpid, 0;
is($? >> 8, 0, 'loadgen stops cleanly on SIGTERM');
cmp_ok(time - $t0, '<', 3, 'and promptly');
my $tj = eval { $json->decode(do { open my $fh, '<', "$dir/term.out"; local $/; <$fh> }) } // {};
cmp_ok($tj->{requests} // 0, '>', 0, 'printing the JSON for what ran');
is(scalar(lines("$dir/term.ledger")), $tj->{status}{'2xx'}, 'with its ledger flushed');

# Idle mode: 50 connections answered once, all still open after the idle time.
$r = run('loadgen', ['--port', $port, '--idle', 50, '--duration', 0.5]);
is($r->{exit}, 0, 'loadgen --idle 50') or diag(describe($r));
is_deeply([@{$r->{json} // {}}{qw(idle_opened idle_ok idle_still_open)}], [50, 50, 50],
          'opens 50, each answered, 50 still open at the end');

# Chunked answers, every second one with Connection: close (a forked server, here).
my ($chunky, $cport) = start_server(sub {
    my $ls = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Listen => 16,
                                   ReuseAddr => 1) or POSIX::_exit(1);
    $| = 1;
    print $ls->sockport, "\n";
    $SIG{CHLD} = 'IGNORE';
    while (my $c = $ls->accept) {
        next if fork;
        my ($buf, $n) = ('', 0);
        while (1) {
            while ($buf !~ /\r\n\r\n/) { sysread($c, $buf, 4096, length $buf) or POSIX::_exit(0) }
            $buf =~ s/^.*?\r\n\r\n//s;
            $n++;
            my $close = $n % 2 == 0 ? "Connection: close\r\n" : '';
            my ($a, $b) = ('{"note":{"id', sprintf('":"n%d","x":1},"id":"later"}', $n));
            syswrite($c, "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n$close\r\n"
                     . sprintf("%x\r\n%s\r\n%x;ext=1\r\n%s\r\n0\r\n\r\n", length $a, $a,
                               length $b, $b));
            POSIX::_exit(0) if $close;
        }
    }
});
ok($cport, 'a chunked test server runs');
my $one = requests_file('one.req', $get[0]);
$r = run('loadgen', ['--port', $cport, '--requests', $one, '--connections', 2, '--duration',
                     0.5, '--ledger', "$dir/chunked.ledger"]);
$j = $r->{json} // {};
ok($j->{requests} && $j->{status}{'2xx'} == $j->{requests}, 'chunked answers are read whole')
  or diag(describe($r));
is($j->{errors}{parse} + $j->{errors}{read}, 0, 'without parse or read errors');
cmp_ok($j->{reconnects}, '>=', $j->{requests} / 2 - 2, 'Connection: close makes it reconnect');
my @cl = lines("$dir/chunked.ledger");
is(scalar(grep { /^0\tn\d+$/ } @cl), scalar @cl, 'the ledger takes the first "id" across chunks');
kill 'KILL', $chunky;
waitpid $chunky, 0;
@kids = grep { $_ != $chunky } @kids;

# A port nobody listens on: connect errors, no hang, no crash.
my $free = do { my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
                                               Listen => 1); my $p = $s->sockport; close $s; $p };
$r = run('loadgen', ['--port', $free, '--requests', $reqs, '--connections', 4, '--duration',
                     0.5], 5);
is($r->{exit}, 0, 'loadgen against a closed port ends normally') or diag(describe($r));
cmp_ok($r->{json}{errors}{connect} // 0, '>', 0, 'counting connect errors');
is($r->{json}{requests}, 0, 'and no requests');

# Usage errors: exit 2, naming the option.
for my $case (
    [['--port', $port, '--requests', $reqs, '--connections', 'many', '--duration', 1],
     qr/--connections/, 'a bad --connections'],
    [['--port', $port, '--requests', $reqs, '--connections', 4, '--duration', 1, '--bogus', 1],
     qr/--bogus/, 'an unknown option'],
    [['--port', $port, '--connections', 4, '--duration', 1], qr/--requests/, 'no --requests'])
{
    $r = run('loadgen', $case->[0]);
    is($r->{exit}, 2, "loadgen: $case->[2] is a usage error");
    like($r->{err}, $case->[1], 'naming the option');
}
$r = run('wire', ['--listen', 'localhost']);
ok($r->{exit} == 2 && $r->{err} =~ /--listen/, 'wire: a bad --listen is a usage error');

# fsync: a rate, and the temporary file removed.
mkdir "$dir/disk";
$r = run('fsync', ['--dir', "$dir/disk", '--duration', 0.3]);
is($r->{exit}, 0, 'fsync runs 0.3 s') or diag(describe($r));
cmp_ok($r->{json}{per_s} // 0, '>', 0, "fsync reports a rate ($r->{json}{per_s}/s)");
cmp_ok($r->{json}{fsyncs} // 0, '>', 0, 'and a count');
opendir my $dh, "$dir/disk";
is(scalar(grep { !/^\.\.?$/ } readdir $dh), 0, 'leaving no file behind');
$r = run('fsync', ['--duration', 1]);
ok($r->{exit} == 2 && $r->{err} =~ /--dir/, 'fsync without --dir is a usage error');

kill 'TERM', $wire;
waitpid $wire, 0;
is($? >> 8, 0, 'wire stops cleanly on SIGTERM');
@kids = grep { $_ != $wire } @kids;
done_testing();
