#!/usr/bin/perl
# tests/pg/smoke.t: peerdesk on PostgreSQL (`make pg`, part of `make test`):
#
#   make debug && PEERDESK=build/debug/peerdesk prove -v tests/pg/smoke.t
#
# A throwaway cluster under build/pg/smoke (tests/pg/cluster), stopped and removed at the
# end. Checks: `peerdesk init` migrates an empty database to the current version and a
# second run finds nothing to do; `audit verify` holds; audit_log refuses UPDATE, DELETE
# and TRUNCATE; `init --demo` seeds; `serve` answers /healthz; a demo worker logs in, reads
# /api/v1/me and finds notes with the Dutch full-text search (prefix "schuld" finds
# "schuldhulpverlening"); the search wrote its audit entry and the chain still holds; a
# database whose collation is not C is refused.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use HTTP::Tiny;
use POSIX ();
use Test::More;
use Time::HiRes qw(sleep);
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskPG;

my $DIR = "$ROOT/build/pg/smoke";

plan skip_all => "no peerdesk binary at $BIN (make debug)" unless -x $BIN;

my ($rc, $base) = run($CLUSTER, 'start', $DIR);
chomp $base;
BAIL_OUT("cluster did not start: $base") if $rc;
my $server;
END {
    kill 'TERM', $server if $server;
    waitpid($server, 0) if $server;
    system($CLUSTER, 'stop', $DIR);
}

my ($url, $demo);
($rc, $url) = run($CLUSTER, 'url', $DIR, 'smoke');
chomp $url;
($rc, $demo) = run($CLUSTER, 'url', $DIR, 'smoke_demo');
chomp $demo;

my $out;
($rc, $out) = run($BIN, 'init', '--db', $url);
is($rc, 0, 'init migrates an empty database') or diag($out);
like($out, qr/migrated from schema version 0 to \d+/, 'from version 0');
($rc, $out) = run($BIN, 'init', '--db', $url);
is($rc, 0, 'init again') or diag($out);
like($out, qr/is at schema version \d+/, 'finds nothing to do');
($rc, $out) = run($BIN, 'audit', 'verify', '--db', $url);
is($rc, 0, 'audit verify on the empty log') or diag($out);

for my $sql ('UPDATE audit_head SET seq = 7', 'DELETE FROM audit_head', 'TRUNCATE audit_log',
             'TRUNCATE audit_head',
             "INSERT INTO audit_log (seq, id, at, event, action, outcome, record_type,"
               . " access_basis, client_ip, trace_id, prev_hash, hash)"
               . " VALUES (5, 'x', 'x', 'x', 'R', 'success', 'x', 'x', 'x', 'x', 'x', 'x')") {
    ($rc, $out) = run('psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', $url, '-c', $sql);
    isnt($rc, 0, "refused: " . substr($sql, 0, 40));
    like($out, qr/audit_(?:log|head)/, 'by the append-only triggers') or diag($out);
}

# Text must sort as in SQLite (C collation): a database with another collation is refused at
# open, naming it (docs/internals/store.md, Portable SQL). ICU is the one non-C collation a
# minimal system always has.
my $nl = $url =~ s{/smoke$}{/smoke_icu}r;
($rc, $out) = run('psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', $url, '-c',
                  "CREATE DATABASE smoke_icu TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'nl-NL'");
is($rc, 0, 'a database with the ICU collation nl-NL') or diag($out);
($rc, $out) = run($BIN, 'init', '--db', $nl);
isnt($rc, 0, 'init refuses a database whose collation is not C');
like($out, qr/collation is ICU nl-NL; peerdesk needs C or C\.UTF-8/, 'and says why') or diag($out);

($rc, $out) = run($BIN, 'init', '--demo', '--db', $demo);
is($rc, 0, 'init --demo') or diag($out);
like($out, qr/sanne\@peerdesk\.test/, 'the demo logins are listed');

my $port = 20000 + $$ % 20000;
$server = fork // die "fork: $!";
if (!$server) {
    open STDOUT, '>', "$DIR/serve.out" or die;
    open STDERR, '>', "$DIR/serve.log" or die;
    exec $BIN, 'serve', '--db', $demo, '--listen', "127.0.0.1:$port" or POSIX::_exit(127);
}
my $http = HTTP::Tiny->new(timeout => 10);
my $res;
for (1 .. 100) {
    $res = $http->get("http://127.0.0.1:$port/healthz");
    last if $res->{status} == 200;
    sleep 0.1;
}
is($res->{status}, 200, 'serve answers /healthz');

$res = $http->post("http://127.0.0.1:$port/api/v1/session",
                   {headers => {'Content-Type' => 'application/json'},
                    content => '{"email":"sanne@peerdesk.test","password":"ervaring-telt"}'});
is($res->{status}, 200, 'a demo worker logs in') or diag($res->{content});
my ($cookie) = ($res->{headers}{'set-cookie'} // '') =~ /^(peerdesk_session=[^;]+)/;
ok($cookie, 'with a session cookie');
$res = $http->get("http://127.0.0.1:$port/api/v1/me", {headers => {Cookie => $cookie}});
like($res->{content}, qr/"email":"sanne\@peerdesk\.test"/, 'and is known by /api/v1/me');
$res = $http->get("http://127.0.0.1:$port/api/v1/search?q=schuld", {headers => {Cookie => $cookie}});
is($res->{status}, 200, 'search') or diag($res->{content});
like($res->{content}, qr/schuldhulpverlening/i, 'a prefix finds a longer Dutch word');

kill 'TERM', $server;
waitpid($server, 0);
$server = undef;
($rc, $out) = run($BIN, 'audit', 'verify', '--db', $demo);
is($rc, 0, 'audit verify after logins and a search') or diag($out);
like($out, qr/audit chain holds: \d+ entries/, 'the chain holds');
diag(`grep 'level=error' $DIR/serve.log`) unless Test::More->builder->is_passing;
done_testing();
