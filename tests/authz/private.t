#!/usr/bin/perl
# tests/authz/private.t: what is private in Leren en Reflectie stays private (issue 5,
# ARCHITECTURE.md §4): recovery stories, disclosure reflections, coaching notes and
# intervision content never reach managers, coordinators, other groups or any export.
#
# How: the demo organisation (`peerdesk init --demo`) gives every role a named worker. The
# authors write, through the real API, texts that carry a unique canary word, each at a
# known sharing level (a private story fragment, one shared with the trainer, one with the
# group; a portfolio item; a disclosure reflection kept private; a coaching note; a case and
# a top/tip in a closed intervision group; an agenda item of an open group). Then every
# other worker crawls EVERY GET route of the server's own OpenAPI document (so a report or
# export added later is crawled too), with each path parameter filled by every id the
# authors saw, and no answer may contain a canary that worker is not entitled to. The
# entitled ones must see theirs (else the test proves nothing). Last, the audit log (as the
# privacy officer over the API and as `peerdesk audit list` at the console) holds none.
#
#   PEERDESK=build/debug/peerdesk prove tests/authz/private.t
#   PRIVATE_KEEP=1 prove -v tests/authz/private.t     # keep the temp dir (db, server.log)
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use JSON::PP ();
use POSIX qw(strftime);
use Test::More;

use lib dirname(abs_path(__FILE__)) . '/../http/lib';
use PeerdeskHTTP qw(srv_new srv_cmd srv_start srv_stop srv_login srv_call json_path);

my $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $BIN  = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
plan skip_all => "no peerdesk binary at $BIN (make debug, or set PEERDESK)" unless -x $BIN;
$SIG{PIPE} = 'IGNORE';

my $PASSWORD = 'ervaring-telt';    # every demo login
my $TODAY    = strftime('%Y-%m-%d', gmtime);
my $J        = JSON::PP->new->canonical->allow_nonref;

my $s = eval { srv_new($BIN, keep => $ENV{PRIVATE_KEEP}) };
BAIL_OUT("setup: $@") unless $s;
diag("files kept in $s->{dir}") if $ENV{PRIVATE_KEEP};
{
    my ($rc, $out) = srv_cmd($s, '', 'init', '--demo');
    BAIL_OUT("init --demo: $out") if $rc;
}
my $err = srv_start($s);
BAIL_OUT("serve: $err") if $err;

my %ID;       # name -> id, for the report
my %POOL;     # family -> ids an author saw there: what that family's path parameters get
our $FAMILY = '*';    # the part of the API an answer came from (the fixtures': everywhere)
my $HARVEST = 2;      # 2: fixtures (their ids go everywhere), 1: authors listing, 0: off
my %LOGGED;
our @EXTRA;   # URLs with query arguments or two ids that the fixtures know belong together

sub who { "$_[0]\@peerdesk.test" }

sub call
{
    my ($name, $method, $path, $body, $headers) = @_;
    unless ($LOGGED{$name}) {
        my $e = srv_login($s, who($name), $PASSWORD);
        die "$e\n" if $e;
        $LOGGED{$name} = 1;
    }
    my $r = srv_call($s, who($name), $method, $path, $body, $headers);
    if ($r->{json} && $HARVEST) {
        local $FAMILY = family($path);
        harvest($r->{json});
    }
    return $r;
}

# "/api/v1/stories/..." -> "stories"; the ids of a family are tried on its own routes.
sub family { ($_[0] =~ m{^/api/v1/([^/?]+)})[0] // '' }

# Every uuid in an answer joins the pool of its family.
sub harvest
{
    my ($j) = @_;
    if (ref $j eq 'HASH') { harvest($_) for values %$j }
    elsif (ref $j eq 'ARRAY') { harvest($_) for @$j }
    elsif (defined $j && !ref $j && $j =~ /\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z/) {
        $POOL{$FAMILY}{$j} = 1;
        $POOL{'*'}{$j} = 1 if $HARVEST == 2;
    }
}

sub must
{
    my ($r, $status, $what) = @_;
    die "$what: " . ($r->{error} // "HTTP $r->{status} " . substr($r->{body} // '', 0, 400)) . "\n"
      unless !$r->{error} && $r->{status} == $status;
    return $r->{json};
}

sub fixture
{
    my ($name, $code) = @_;
    my $why = eval { $code->(); undef };
    $why = $@ if $@;
    ok(!$why, "fixture: $name") or diag($why);
    return !$why;
}

sub me_id
{
    my ($name) = @_;
    return $ID{"w_$name"} //= must(call($name, 'GET', '/api/v1/me'), 200, "/me as $name")->{user}{id};
}

# ---- the canaries -------------------------------------------------------------------------
# canary name -> the workers who may see it (besides nobody else).
my %CANARY;
my %ENTITLED;

sub canary
{
    my ($name, @who) = @_;
    $CANARY{$name} = sprintf('KANARIE%s%06d', uc($name =~ s/_//gr), int(rand(1_000_000)));
    $ENTITLED{$name} = {map { $_ => 1 } @who};
    return $CANARY{$name};
}

require(dirname(abs_path(__FILE__)) . '/private-fixture.pl');
our @FIXTURES;
fixture($_->[0], $_->[1]) for @FIXTURES;

# ---- the crawl ----------------------------------------------------------------------------

my @WORKERS = qw(henk fatima eva anouk marieke ingrid peter lotte amir bas youssef priya tom
  sanne);
my $spec = must(srv_call($s, undef, 'GET', '/api/v1/openapi.json'), 200, 'openapi');
my @gets = sort grep { $spec->{paths}{$_}{get} } keys %{$spec->{paths}};
ok(@gets > 20, scalar(@gets) . ' GET routes in the OpenAPI document');
$HARVEST = 1;
$POOL{'*'}{me_id($_)} = 1 for qw(lotte amir bas youssef priya tom sanne marieke peter ingrid);
# The authors and their readers first list everything they can reach without an id, so the
# ids of what they see (the demo's records too) are tried by everyone else as well.
for my $a (qw(lotte amir peter youssef ingrid priya sanne)) {
    call($a, 'GET', $_) for grep { !/\{/ && $_ ne '/healthz' } @gets;
}
$HARVEST = 0;
my %pool;    # family -> the ids its path parameters are filled with
for my $f (keys %POOL) {
    next if $f eq '*';
    $pool{$f} = [sort keys %{{%{$POOL{$f}}, %{$POOL{'*'} // {}}, me => 1}}];
}
my $fixture_ids = [sort keys %{{%{$POOL{'*'} // {}}, me => 1}}];
diag(sprintf('%d GET routes; %d ids from the fixtures, %d more seen by the authors; %d more URLs',
             scalar(@gets), scalar(@$fixture_ids) - 1,
             scalar(keys %{{map { %{$POOL{$_}} } grep { $_ ne '*' } keys %POOL}}), scalar(@EXTRA)));

for my $w (@WORKERS) {
    my (%seen, @leaks, $n);
    my @all;
    for my $path (@gets) {
        next if $path eq '/api/v1/openapi.json' || $path eq '/healthz';
        if ($path !~ /\{/) {
            push @all, $path;
            next;
        }
        for my $id (@{$pool{family($path)} // $fixture_ids}) {
            (my $u = $path) =~ s/\{\w+\}/$id/g;
            push @all, $u;
        }
    }
    for my $u (@all, @EXTRA) {
        my $r = call($w, 'GET', $u);
        $n++;
        my $body = $r->{body} // '';
        for my $c (sort keys %CANARY) {
            next unless index($body, $CANARY{$c}) >= 0;
            $seen{$c} = 1;
            push @leaks, "$c in GET $u" unless $ENTITLED{$c}{$w};
        }
    }
    ok(!@leaks, "$w: $n answers, no canary they may not see") or diag(join("\n", @leaks[0 .. ($#leaks < 9 ? $#leaks : 9)]));
    for my $c (sort grep { $ENTITLED{$_}{$w} } keys %CANARY) {
        ok($seen{$c}, "$w sees $c (entitled)");
    }
}

# ---- the audit log, over the API and at the console ----------------------------------------

{
    my $r    = call('eva', 'GET', '/api/v1/audit?limit=200');
    my $body = $r->{body} // '';
    is($r->{status}, 200, 'the privacy officer reads the audit log');
    ok(index($body, $CANARY{$_}) < 0, "no $_ in the audit log (API)") for sort keys %CANARY;
    my ($rc, $out) = srv_cmd($s, '', 'audit', 'list', '--json');
    is($rc, 0, 'peerdesk audit list');
    ok(index($out, $CANARY{$_}) < 0, "no $_ in the audit log (console)") for sort keys %CANARY;
}

my $alive = kill 0, $s->{pid};
ok($alive, 'the server is still running');
srv_stop($s);
done_testing();
