# PeerdeskPG.pm: what the PostgreSQL tests (tests/pg/*.t) share: where things are, running a
# command, and a throwaway cluster (tests/pg/cluster) stopped and removed when the test ends.
# Core Perl modules only.
package PeerdeskPG;
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use POSIX ();
use Test::More;
use Exporter 'import';

our @EXPORT = qw(run cluster_start cluster_url $ROOT $BIN $CLUSTER);

our $ROOT    = abs_path(dirname(abs_path(__FILE__)) . '/../../..');
our $BIN     = $ENV{PEERDESK} // "$ROOT/build/debug/peerdesk";
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
our $CLUSTER = "$ROOT/tests/pg/cluster";

# run([ENV,] CMD...): run a command (no shell), with ENV's variables set when given; its exit
# code and its output, stderr included.
sub run
{
    my ($env, @cmd) = ref $_[0] eq 'HASH' ? @_ : ({}, @_);
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if (!$pid) {
        $ENV{$_} = $env->{$_} for keys %$env;
        open STDERR, '>&', \*STDOUT or die;
        exec @cmd or POSIX::_exit(127);
    }
    my $out = do { local $/; <$fh> } // '';
    close $fh;
    return ($? >> 8, $out);
}

# cluster_start(DIR): a throwaway cluster under DIR, stopped when the test ends; its base URL.
my @started;
END { system($CLUSTER, 'stop', $_) for @started }

sub cluster_start
{
    my ($dir) = @_;
    my ($rc, $base) = run($CLUSTER, 'start', $dir);
    chomp $base;
    BAIL_OUT("cluster did not start: $base") if $rc;
    push @started, $dir;
    return $base;
}

# cluster_url(DIR, NAME): the URL of a new database NAME on that cluster.
sub cluster_url
{
    my ($dir, $name) = @_;
    my ($rc, $url) = run($CLUSTER, 'url', $dir, $name);
    chomp $url;
    BAIL_OUT("no database $name: $url") if $rc;
    return $url;
}

1;
