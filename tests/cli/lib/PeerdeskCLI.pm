# PeerdeskCLI.pm: helpers for the black-box command-line tests in tests/cli/*.t.
#
# Runs the real binary ($PEERDESK, default build/debug/peerdesk, relative to the repository
# root) with a chosen standard input and environment and captures its exit status, standard
# output and standard error. Every PEERDESK_* variable of the caller is removed, and
# PEERDESK_CONFIG points at an empty file in a temporary directory, so that no test reads
# /etc/peerdesk/peerdesk.conf or a developer's settings. Core Perl modules only.
# docs/testing.md ("CLI tests") describes the tests.
package PeerdeskCLI;
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use IO::Select;
use JSON::PP ();
use POSIX qw(:sys_wait_h);
use Test::More;
use Time::HiRes qw(sleep time);
use Exporter 'import';
use HTTP::Tiny;

our @EXPORT = qw(pd run_ok run_exit newdir sq sq_lines sq_rows serve_first_line serve_bg serve_stop
                 demo_login describe $BIN $ROOT);

our $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../../..');
our $BIN  = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
$SIG{PIPE} = 'IGNORE';

delete $ENV{$_} for grep {/^PEERDESK_/} keys %ENV;
my $SANDBOX = tempdir('peerdesk-cli-env-XXXXXX', TMPDIR => 1, CLEANUP => 1);
{
    open my $fh, '>', "$SANDBOX/empty.conf" or die "$SANDBOX/empty.conf: $!";
    close $fh;
}
$ENV{PEERDESK_CONFIG} = "$SANDBOX/empty.conf";

BAIL_OUT("no peerdesk binary at $BIN (build it: make debug; or set PEERDESK)") unless -x $BIN;

# A fresh temporary directory, removed when the test ends.
sub newdir
{
    return tempdir('peerdesk-cli-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{CLI_KEEP});
}

sub describe
{
    my ($r) = @_;
    my $s = $r->{signal} ? "signal $r->{signal}" : "exit $r->{exit}";
    return "peerdesk @{$r->{args}}: $s\n--- stdout:\n$r->{out}--- stderr:\n$r->{err}---";
}

# pd([{stdin => TEXT, env => {NAME => VALUE|undef}, timeout => S}], ARGS...) ->
# { exit, signal, out, err, args, sanitizer }. exit is undef when a signal ended it.
sub pd
{
    my $o = ref $_[0] eq 'HASH' ? shift : {};
    my @args = @_;
    my $dir  = tempdir('peerdesk-cli-run-XXXXXX', TMPDIR => 1, CLEANUP => 1);
    open my $in, '>', "$dir/in" or die "$dir/in: $!";
    print $in $o->{stdin} // '';
    close $in;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        while (my ($k, $v) = each %{$o->{env} // {}}) {
            if (defined $v) { $ENV{$k} = $v } else { delete $ENV{$k} }
        }
        chdir $o->{cwd} or POSIX::_exit(126) if $o->{cwd};
        open STDIN,  '<', "$dir/in"  or POSIX::_exit(126);
        open STDOUT, '>', "$dir/out" or POSIX::_exit(126);
        open STDERR, '>', "$dir/err" or POSIX::_exit(126);
        exec $BIN, @args or do { print STDERR "exec $BIN: $!\n"; POSIX::_exit(127) };
    }
    my $deadline = time + ($o->{timeout} // 60);
    my $st;
    while (1) {
        my $w = waitpid $pid, WNOHANG;
        if ($w == $pid) { $st = $?; last }
        if (time > $deadline) {
            kill 'KILL', $pid;
            waitpid $pid, 0;
            $st = $?;
            last;
        }
        sleep 0.01;
    }
    my $slurp = sub { open my $fh, '<', $_[0] or return ''; local $/; <$fh> // '' };
    my $r = {args => \@args, out => $slurp->("$dir/out"), err => $slurp->("$dir/err"),
             signal => $st & 127, exit => ($st & 127) ? undef : $st >> 8};
    $r->{sanitizer} = $r->{err} =~ /(AddressSanitizer|LeakSanitizer|runtime error:)/ ? $1 : '';
    return $r;
}

# run_exit(EXIT, NAME, [OPTS], ARGS...): the command ends with that exit status (no signal,
# no sanitizer report). Returns the result.
sub run_exit
{
    my ($want, $name, @rest) = @_;
    my $r = pd(@rest);
    my $good = !$r->{signal} && defined $r->{exit} && !$r->{sanitizer}
      && ($want eq 'non-zero' ? $r->{exit} != 0 : $r->{exit} == $want);
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    ok($good, $name) or diag("expected exit $want\n" . describe($r));
    return $r;
}

sub run_ok { my $name = shift; local $Test::Builder::Level = $Test::Builder::Level + 1; run_exit(0, $name, @_) }

# sq(DB, SQL): run SQL with the sqlite3 command-line tool; dies on failure; returns stdout.
sub sq
{
    my ($db, $sql) = @_;
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if ($pid == 0) {
        open STDERR, '>&', \*STDOUT;
        exec 'sqlite3', '-batch', '-bail', $db, $sql or POSIX::_exit(127);
    }
    my $out = do { local $/; <$fh> // '' };
    close $fh;
    die "sqlite3 $db '$sql' failed ($?): $out\n" if $?;
    return $out;
}

sub sq_lines { return split /\n/, sq(@_) }

# sq_rows(DB, SELECT) -> list of hashes, one per row (NULL is undef), through sqlite3 -json.
sub sq_rows
{
    my ($db, $sql) = @_;
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if ($pid == 0) {
        open STDERR, '>&', \*STDOUT;
        exec 'sqlite3', '-batch', '-bail', '-json', $db, $sql or POSIX::_exit(127);
    }
    my $out = do { local $/; <$fh> // '' };
    close $fh;
    die "sqlite3 -json $db '$sql' failed ($?): $out\n" if $?;
    return () unless $out =~ /\S/;
    return @{JSON::PP->new->utf8->decode($out)};
}

# serve_first_line([OPTS], ARGS...): start `peerdesk serve ARGS`, read the first line of its
# standard output (10 s at most), stop it with SIGTERM. Returns { line, exit, signal, err }
# (line undef when it printed none: it failed to start, and exit says how).
sub serve_first_line
{
    my $o = ref $_[0] eq 'HASH' ? shift : {};
    my @args = @_;
    my $dir  = tempdir('peerdesk-cli-serve-XXXXXX', TMPDIR => 1, CLEANUP => 1);
    pipe(my $rd, my $wr) or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        while (my ($k, $v) = each %{$o->{env} // {}}) {
            if (defined $v) { $ENV{$k} = $v } else { delete $ENV{$k} }
        }
        open STDIN, '<', '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>&', $wr or POSIX::_exit(126);
        open STDERR, '>', "$dir/err" or POSIX::_exit(126);
        exec $BIN, 'serve', @args or POSIX::_exit(127);
    }
    close $wr;
    my $sel = IO::Select->new($rd);
    my ($buf, $line) = ('');
    my $deadline = time + 10;
    while (time < $deadline && !defined $line) {
        last unless $sel->can_read($deadline - time);
        my $n = sysread $rd, $buf, 4096, length $buf;
        last unless $n;
        $line = $1 if $buf =~ /^(.*)\n/;
    }
    kill 'TERM', $pid;
    my $st;
    $deadline = time + 5;
    while (1) {
        my $w = waitpid $pid, WNOHANG;
        if ($w == $pid) { $st = $?; last }
        if (time > $deadline) { kill 'KILL', $pid; waitpid $pid, 0; $st = $?; last }
        sleep 0.02;
    }
    close $rd;
    my $err = do { open my $fh, '<', "$dir/err"; local $/; <$fh> // '' };
    return {line => $line, exit => ($st & 127) ? undef : $st >> 8, signal => $st & 127, err => $err,
            args => ['serve', @args], out => $buf};
}

# serve_bg(LOG, ARGS...): start `peerdesk serve ARGS` in the background, its standard error
# appended to LOG, and wait for the line that says where it listens (60 s at most: an
# upgrade may migrate first). Returns (pid, base URL), or (undef, undef) when it did not
# start (the server has exited then; LOG says why). Servers still running at the end of
# the test are stopped.
my %running;
END { kill 'TERM', keys %running; waitpid($_, 0) for keys %running }

sub serve_bg
{
    my ($log, @args) = @_;
    pipe(my $rd, my $wr) or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        close $rd;
        open STDIN, '<', '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>&', $wr or POSIX::_exit(126);
        open STDERR, '>>', $log or POSIX::_exit(126);
        exec $BIN, 'serve', @args or POSIX::_exit(127);
    }
    close $wr;
    my $sel = IO::Select->new($rd);
    my ($buf, $url) = ('');
    my $deadline = time + 60;
    while (time < $deadline && !defined $url) {
        last unless $sel->can_read($deadline - time);
        my $n = sysread $rd, $buf, 4096, length $buf;
        last unless $n;
        ($url) = $buf =~ m{(http://127\.0\.0\.1:\d+)};
    }
    if (!defined $url) {
        kill 'KILL', $pid;
        waitpid $pid, 0;
        return (undef, undef);
    }
    $running{$pid} = $rd; # keep the pipe open: the server may write to its standard output
    return ($pid, $url);
}

# serve_stop(PID): SIGTERM, wait; returns the exit status.
sub serve_stop
{
    my ($pid) = @_;
    kill 'TERM', $pid;
    waitpid $pid, 0;
    delete $running{$pid};
    return $? >> 8;
}

# demo_login(URL, EMAIL): log in with the demo password; { cookie, csrf, status }.
sub demo_login
{
    my ($url, $email) = @_;
    my $res = HTTP::Tiny->new(timeout => 20)->post(
        "$url/api/v1/session", {headers => {'Content-Type' => 'application/json'},
                                content => qq({"email":"$email","password":"ervaring-telt"})});
    my ($cookie) = ($res->{headers}{'set-cookie'} // '') =~ /^(peerdesk_session=[^;]+)/;
    my ($csrf) = ($res->{content} // '') =~ /"csrf_token":"([^"]+)"/;
    return {cookie => $cookie, csrf => $csrf, status => $res->{status}};
}

1;
