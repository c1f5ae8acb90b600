#!/usr/bin/perl
# tests/pg/grants.t: `peerdesk db grant` and serve as the least-privilege runtime role (`make pg`):
#
#   make debug && PEERDESK=build/debug/peerdesk prove -v tests/pg/grants.t
#
# A throwaway cluster under build/pg/grants (tests/pg/cluster). The database belongs to
# pd_owner, an ordinary role (not a superuser) that runs `peerdesk init --demo`; as the owner
# it could disable audit_log's triggers. `db grant --create` makes pd_app the runtime role.
# Then, as pd_app: serve answers, a demo worker logs in, writes a note (audit entries are
# appended) and searches; `audit verify` holds. And pd_app is refused, by privileges and not
# by the triggers: UPDATE, DELETE and TRUNCATE of audit_log, DELETE of audit_head,
# ALTER TABLE audit_log DISABLE TRIGGER ALL, DROP TRIGGER, CREATE TABLE. The command refuses
# SQLite, unknown roles, bad names, short passwords, superusers, the owner itself and a role
# that holds more through a role it belongs to; it runs again cleanly and notes a NOLOGIN role.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use HTTP::Tiny;
use POSIX ();
use Test::More;
use Time::HiRes qw(sleep);

my $ROOT    = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $BIN     = $ENV{PEERDESK} // "$ROOT/build/debug/peerdesk";
my $CLUSTER = "$ROOT/tests/pg/cluster";
my $DIR     = "$ROOT/build/pg/grants";

plan skip_all => "no peerdesk binary at $BIN (make debug)" unless -x $BIN;

# Run a command (no shell), optionally with standard input; its exit code and its output,
# stderr included.
sub run_in
{
    my ($in, @cmd) = @_;
    pipe(my $r, my $w) or die "pipe: $!";
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if (!$pid) {
        close $w;
        open STDIN, '<&', $r or die;
        open STDERR, '>&', \*STDOUT or die;
        exec @cmd or POSIX::_exit(127);
    }
    close $r;
    print $w $in if defined $in;
    close $w;
    my $out = do { local $/; <$fh> } // '';
    close $fh;
    return ($? >> 8, $out);
}
sub run { return run_in(undef, @_) }

my ($rc, $base) = run($CLUSTER, 'start', $DIR);
chomp $base;
BAIL_OUT("cluster did not start: $base") if $rc;
my $server;
END {
    kill 'TERM', $server if $server;
    waitpid($server, 0) if $server;
    system($CLUSTER, 'stop', $DIR);
}

my $super;
($rc, $super) = run($CLUSTER, 'url', $DIR, 'grants');
chomp $super;
(my $owner = $super) =~ s{//peerdesk\@}{//pd_owner\@};
(my $app   = $super) =~ s{//peerdesk\@}{//pd_app\@};

sub psql
{
    my ($url, $sql) = @_;
    return run('psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', $url, '-c', $sql);
}

my $out;
($rc, $out) = psql($super, 'CREATE ROLE pd_owner LOGIN CREATEROLE; ALTER DATABASE grants OWNER TO pd_owner');
is($rc, 0, 'an ordinary role owns the database') or diag($out);
($rc, $out) = run($BIN, 'init', '--demo', '--db', $owner);
is($rc, 0, 'the owner runs init --demo') or diag($out);
($rc, $out) = psql($owner, 'BEGIN; ALTER TABLE audit_log DISABLE TRIGGER ALL; ROLLBACK');
is($rc, 0, 'as the owner, audit_log\'s triggers could be disabled (why serve must not be the owner)')
  or diag($out);

# ---- the command's refusals -------------------------------------------------------------------
($rc, $out) = run($BIN, 'init', '--db', "$DIR/lite.db");
($rc, $out) = run($BIN, 'db', 'grant', '--db', "$DIR/lite.db", '--role', 'pd_app');
is($rc, 1, 'db grant on SQLite fails');
like($out, qr/SQLite has no roles or grants/, '  ... saying why') or diag($out);
($rc, $out) = run($BIN, 'db', 'grant', '--db', $owner, '--role', 'pd_app');
is($rc, 1, 'db grant for a role that does not exist fails');
like($out, qr/role: pd_app does not exist .*--create/, '  ... and points to --create') or diag($out);
($rc, $out) = run($BIN, 'db', 'grant', '--db', $owner, '--role', 'PD-App');
is($rc, 1, 'a bad role name fails');
like($out, qr/role: must start with a-z/, '  ... naming the field') or diag($out);
($rc, $out) = run_in("short\n", $BIN, 'db', 'grant', '--db', $owner, '--role', 'pd_app', '--create');
is($rc, 1, '--create with a short password fails');
like($out, qr/password: must be 16 to 128 bytes/, '  ... saying how long') or diag($out);
for my $case (['pd_owner', qr/is the user connected now/], ['peerdesk', qr/is a superuser/]) {
    ($rc, $out) = run($BIN, 'db', 'grant', '--db', $owner, '--role', $case->[0]);
    is($rc, 1, "db grant --role $case->[0] fails");
    like($out, $case->[1], '  ... saying why') or diag($out);
}
($rc, $out) = psql($super, "SELECT count(*) FROM pg_roles WHERE rolname = 'pd_app'");
is($out, "0\n", 'nothing was created by the failed runs');

# ---- the grant --------------------------------------------------------------------------------
($rc, $out) = run_in("a-long-machine-password-for-tests\n", $BIN, 'db', 'grant', '--db', $owner,
                     '--role', 'pd_app', '--create');
is($rc, 0, 'db grant --create makes the runtime role') or diag($out);
like($out, qr/^table audit_log\tSELECT,INSERT$/m, '  audit_log: SELECT, INSERT');
like($out, qr/^table audit_head\tSELECT,UPDATE$/m, '  audit_head: SELECT, UPDATE');
like($out, qr/^table schema_version\tSELECT$/m, '  schema_version: SELECT');
like($out, qr/^\d+ other tables\tSELECT,INSERT,UPDATE,DELETE$/m, '  the others: SELECT, INSERT, UPDATE, DELETE');
like($out, qr/^pd_app \(created\): USAGE on schema public/m, '  and USAGE on the schema');
($rc, $out) = run($BIN, 'db', 'grant', '--db', $owner, '--role', 'pd_app');
is($rc, 0, 'running it again is fine') or diag($out);
like($out, qr/^table audit_log\tSELECT,INSERT$/m, '  ... with the same grants');
($rc, $out) = psql($owner, 'CREATE ROLE pd_wide NOLOGIN; GRANT TRUNCATE ON audit_log TO pd_wide;'
                   . ' GRANT pd_wide TO pd_app');
($rc, $out) = run($BIN, 'db', 'grant', '--db', $owner, '--role', 'pd_app');
is($rc, 1, 'db grant fails when the role gets more through a role it belongs to');
like($out, qr/pd_app holds SELECT,INSERT,TRUNCATE on audit_log instead of SELECT,INSERT/,
     '  ... naming the table and what it holds') or diag($out);
($rc, $out) = psql($owner, 'REVOKE TRUNCATE ON audit_log FROM pd_wide; DROP ROLE pd_wide');
is($rc, 0, 'that role goes') or diag($out);
($rc, $out) = psql($super, 'CREATE ROLE pd_group NOLOGIN');
($rc, $out) = run($BIN, 'db', 'grant', '--db', $owner, '--role', 'pd_group');
is($rc, 0, 'a NOLOGIN role can be given the grants too') or diag($out);
like($out, qr/^note: pd_group cannot log in/m, '  ... with a note that it cannot log in');
($rc, $out) = run_in("a-long-machine-password-for-tests\n", $BIN, 'db', 'grant', '--db', $owner,
                     '--role', 'pd_app', '--create');
is($rc, 1, '--create for a role that exists fails');
like($out, qr/pd_app exists already/, '  ... saying so') or diag($out);

($rc, $out) = psql($super, "SELECT rolsuper, rolcreaterole, rolcanlogin, rolpassword LIKE 'SCRAM-SHA-256\$%'"
                   . " FROM pg_authid WHERE rolname = 'pd_app'");
is($out, "f|f|t|t\n", 'pd_app: a login role with a SCRAM password, no superuser, no CREATEROLE');
($rc, $out) = psql($super, "SELECT string_agg(p, ',' ORDER BY p) FROM unnest(ARRAY['SELECT', 'INSERT',"
                   . " 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p"
                   . " WHERE has_table_privilege('pd_app', 'audit_log', p)");
is($out, "INSERT,SELECT\n", 'the catalog agrees: pd_app may only read and append audit_log');
($rc, $out) = psql($super, "SELECT count(*) FROM pg_class WHERE relowner = 'pd_app'::regrole");
is($out, "0\n", 'pd_app owns nothing');
($rc, $out) = psql($super, "SELECT actor_role, access_basis, action FROM audit_log"
                   . " WHERE event = 'db.grant' AND record_id = 'pd_app' ORDER BY seq");
is($out, "cli|cli|C\ncli|cli|U\n", 'each grant of pd_app wrote an audit entry (db.grant, by cli)');

# ---- serve as pd_app --------------------------------------------------------------------------
my $port = 20000 + ($$ + 7) % 20000;
$server = fork // die "fork: $!";
if (!$server) {
    open STDOUT, '>', "$DIR/serve.out" or die;
    open STDERR, '>', "$DIR/serve.log" or die;
    exec $BIN, 'serve', '--db', $app, '--listen', "127.0.0.1:$port" or POSIX::_exit(127);
}
my $http = HTTP::Tiny->new(timeout => 10);
my $res;
for (1 .. 100) {
    $res = $http->get("http://127.0.0.1:$port/healthz");
    last if $res->{status} == 200;
    sleep 0.1;
}
is($res->{status}, 200, 'serve as pd_app answers /healthz');
my ($rc0, $before) = psql($app, 'SELECT count(*) FROM audit_log');
$res = $http->post("http://127.0.0.1:$port/api/v1/session",
                   {headers => {'Content-Type' => 'application/json'},
                    content => '{"email":"sanne@peerdesk.test","password":"ervaring-telt"}'});
is($res->{status}, 200, 'a demo worker logs in') or diag($res->{content});
my ($cookie) = ($res->{headers}{'set-cookie'} // '') =~ /^(peerdesk_session=[^;]+)/;
my ($csrf) = ($res->{content} // '') =~ /"csrf_token":"([^"]+)"/;
ok($cookie && $csrf, 'with a session cookie and a CSRF token');
$res = $http->get("http://127.0.0.1:$port/api/v1/search?q=schuld", {headers => {Cookie => $cookie}});
is($res->{status}, 200, 'search') or diag($res->{content});
my ($dossier) = ($res->{content} // '') =~ /"dossier_id":"([0-9a-f-]{36})"/;
ok($dossier, 'finds a dossier of hers');
my @day = gmtime;
my $today = sprintf('%04d-%02d-%02d', $day[5] + 1900, $day[4] + 1, $day[3]);
$res = $http->post("http://127.0.0.1:$port/api/v1/dossiers/$dossier/notes",
                   {headers => {'Content-Type' => 'application/json', Cookie => $cookie,
                                'X-CSRF-Token' => $csrf},
                    content => qq({"kind":"phone","contact_on":"$today","body":"Gebeld als pd_app."})});
is($res->{status}, 201, 'she writes a note') or diag($res->{content});
kill 'TERM', $server;
waitpid($server, 0);
$server = undef;
($rc, $out) = psql($app, "SELECT count(*) FROM audit_log WHERE event = 'note.create'");
is($out, "1\n", 'its audit entry was appended');
($rc, $out) = psql($app, 'SELECT count(*) FROM audit_log');
cmp_ok($out, '>=', $before + 3, 'with those of the login and the search');
($rc, $out) = run($BIN, 'audit', 'verify', '--db', $app);
is($rc, 0, 'audit verify as pd_app') or diag($out);
like($out, qr/audit chain holds: \d+ entries/, 'the chain holds');

# ---- what pd_app may not do -------------------------------------------------------------------
for my $sql ("UPDATE audit_log SET event = 'x' WHERE seq = 1", 'DELETE FROM audit_log',
             'TRUNCATE audit_log', 'DELETE FROM audit_head', 'TRUNCATE audit_head',
             'ALTER TABLE audit_log DISABLE TRIGGER ALL',
             'DROP TRIGGER audit_log_no_update ON audit_log',
             'ALTER TABLE audit_log OWNER TO pd_app',
             "INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'x', 'x')",
             'CREATE TABLE pd_sneaky (x integer)') {
    ($rc, $out) = psql($app, $sql);
    isnt($rc, 0, "pd_app refused: $sql");
    like($out, qr/permission denied|must be owner/, '  ... by privileges, not by a trigger') or diag($out);
}
($rc, $out) = run($BIN, 'audit', 'verify', '--db', $owner);
is($rc, 0, 'the chain still holds') or diag($out);
diag(`grep 'level=error' $DIR/serve.log`) unless Test::More->builder->is_passing;
done_testing();
