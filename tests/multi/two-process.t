#!/usr/bin/perl
# tests/multi/two-process.t: two `peerdesk serve` processes on one PostgreSQL database, with
# nginx in front configured by docs/nginx-peerdesk.conf (ARCHITECTURE.md section 6). Proves:
# nginx spreads requests over both processes; a session made through one process works on
# the other and ends on both; a write through one is read through the other; a stale
# If-Match through the other process is 412, not a lost update; both processes' audit
# entries form one chain that `peerdesk audit verify` accepts; the client's address reaches the
# audit log through nginx (--trusted-proxy), and a forged X-Forwarded-For does not.
#
#   make multi                                  # = PEERDESK=build/debug/peerdesk prove tests/multi/
#   MULTI_KEEP=1 prove -v tests/multi/two-process.t   # keep the temp dir (logs, nginx.conf)
#
# The test starts its own throwaway cluster (tests/pg/cluster, under build/pg/multi), or uses
# the server at PEERDESK_TEST_PG when that is set. A missing nginx or a database that cannot
# be set up fails it (make deps installs nginx). MULTI_BACKEND=sqlite runs the same test on
# one SQLite file (WAL allows several processes on one machine): a check of the test itself.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use IO::Socket::INET;
use JSON::PP ();
use POSIX qw(:sys_wait_h);
use Time::HiRes qw(sleep time);
use Test::More;

use lib dirname(abs_path(__FILE__)) . '/../http/lib';
use PeerdeskHTTP qw(srv_new srv_cmd srv_start srv_stop srv_login srv_call test_db test_db_drop);

my $ROOT    = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $BIN     = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
my $CLUSTER = "$ROOT/tests/pg/cluster";
my $PGDIR   = "$ROOT/build/pg/multi";
my $CONF    = "$ROOT/docs/nginx-peerdesk.conf";
my $NGINX   = -x '/usr/sbin/nginx' ? '/usr/sbin/nginx' : 'nginx';
my $ADMIN   = 'ada@example.test';
$SIG{PIPE} = 'IGNORE';

plan skip_all => "no peerdesk binary at $BIN (make debug)" unless -x $BIN;
BAIL_OUT('no nginx (make deps installs it)') if system("$NGINX -v >/dev/null 2>&1");

my $dir = tempdir('peerdesk-multi-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{MULTI_KEEP});
chmod 0711, $dir;    # nginx workers (nobody, when we are root) reach their temp dirs below it
diag("files kept in $dir") if $ENV{MULTI_KEEP};

# ---- the database ---------------------------------------------------------------------------
my ($own_cluster, $db, @servers, $nginx_pid);
END { cleanup() }

if (($ENV{MULTI_BACKEND} // '') eq 'sqlite') {
    $db = "$dir/pd.db";
} else {
    my $base = $ENV{PEERDESK_TEST_PG};
    if (!$base) {
        $base = `'$CLUSTER' start '$PGDIR'`;
        BAIL_OUT("tests/pg/cluster start failed") if $?;
        chomp $base;
        $own_cluster = 1;
    }
    $db = test_db($dir, 'multi', $base);
}

my $pa = eval { srv_new($BIN, db => $db, keep => $ENV{MULTI_KEEP}) };
if (!$pa) {
    diag($@);
    BAIL_OUT("setting up the database $db failed (output above)");
}

my ($rc, $out) = srv_cmd($pa, "$PeerdeskHTTP::SRV_PASSWORD\n", 'user', 'add', '--org', 'test',
                         '--email', $ADMIN, '--name', 'Ada Test', '--role', 'admin');
is($rc, 0, 'an administrator is added') or diag($out);

# The second process: the same database and the same cookie jars, its own directory.
my $pb = {%$pa, dir => tempdir('peerdesk-multi-b-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{MULTI_KEEP}),
         pid => undef, port => undef};
# Both trust nginx, which connects to them from 127.0.0.1 (docs/nginx-peerdesk.conf).
$ENV{PEERDESK_TRUSTED_PROXY} = '127.0.0.1';
for my $s ($pa, $pb) {
    my $err = srv_start($s);
    BAIL_OUT("peerdesk serve: $err\n" . slurp("$s->{dir}/server.log")) if $err;
    push @servers, $s;
}
isnt($pa->{port}, $pb->{port}, "two processes listen: $pa->{port} and $pb->{port}");

# ---- nginx, as docs/nginx-peerdesk.conf says ------------------------------------------------
my $n = {%$pa, port => free_port(), pid => undef};
my $tls = check_tls_conf();
ok(!$tls, 'docs/nginx-peerdesk.conf as written (with TLS, a throwaway certificate) passes nginx -t')
  or diag($tls);
start_nginx($n->{port});

my $err = srv_login($n, $ADMIN);
ok(!$err, 'the administrator logs in through nginx (password, then TOTP enrolment)') or diag($err);

my %by;
for (1 .. 8) {
    my $r = srv_call($n, $ADMIN, 'GET', '/api/v1/vocabularies/channel');
    $by{$r->{status}}++;
}
is_deeply(\%by, {200 => 8}, 'eight reads through nginx all succeed');
my %upstream = map { /upstream=(127\.0\.0\.1:\d+)/ ? ($1 => 1) : () } split /\n/, slurp("$dir/peerdesk.access.log");
ok($upstream{"127.0.0.1:$pa->{port}"} && $upstream{"127.0.0.1:$pb->{port}"},
   'nginx sent requests to both processes (access log, upstream=)')
  or diag("upstreams seen: " . join(', ', sort keys %upstream));

# ---- one session, two processes -------------------------------------------------------------
for my $s ([A => $pa], [B => $pb]) {
    my $r = srv_call($s->[1], $ADMIN, 'GET', '/api/v1/me');
    is($r->{status}, 200, "the session cookie from nginx works on process $s->[0] directly");
    is($r->{json}{user}{email} // '', $ADMIN, "process $s->[0] knows who it is")
      or diag($r->{body});
}

# ---- a write through one process is read through the other ----------------------------------
my $r = srv_call($pa, $ADMIN, 'POST', '/api/v1/vocabularies/channel',
                 {code => 'carrier_pigeon', label_nl => 'Postduif', label_en => 'Carrier pigeon'});
is($r->{status}, 201, 'process A adds a code') or diag($r->{body});
$r = srv_call($pb, $ADMIN, 'GET', '/api/v1/vocabularies/channel');
my ($code) = grep { $_->{code} eq 'carrier_pigeon' } @{$r->{json}{codes} // []};
ok($code, 'process B reads the code process A wrote');
is($code && $code->{version}, 1, 'at version 1');

# ---- optimistic concurrency across processes ------------------------------------------------
$r = srv_call($pa, $ADMIN, 'PATCH', '/api/v1/vocabularies/channel/carrier_pigeon',
              {label_en => 'Homing pigeon'}, [['If-Match', '"1"']]);
is($r->{status}, 200, 'process A changes it with If-Match "1"') or diag($r->{body});
is($r->{json}{version}, 2, 'now at version 2');
$r = srv_call($pb, $ADMIN, 'PATCH', '/api/v1/vocabularies/channel/carrier_pigeon',
              {label_en => 'Racing pigeon'}, [['If-Match', '"1"']]);
is($r->{status}, 412, 'process B refuses a change with the stale If-Match "1"') or diag($r->{body});
is($r->{json}{current}{version}, 2, 'and shows the current version, 2');
is($r->{json}{current}{label_en}, 'Homing pigeon', "with A's label");
$r = srv_call($pb, $ADMIN, 'PATCH', '/api/v1/vocabularies/channel/carrier_pigeon',
              {label_en => 'Racing pigeon'}, [['If-Match', '"2"']]);
is($r->{status}, 200, 'process B changes it with If-Match "2"') or diag($r->{body});
$r = srv_call($n, $ADMIN, 'GET', '/api/v1/vocabularies/channel');
($code) = grep { $_->{code} eq 'carrier_pigeon' } @{$r->{json}{codes} // []};
is($code && "$code->{label_en} v$code->{version}", 'Racing pigeon v3',
   'through nginx: the last change, at version 3');

# ---- the client's address: X-Forwarded-For from nginx only ---------------------------------
# The client connects from 127.0.0.3 (loopback is all of 127/8); nginx connects to peerdesk
# from 127.0.0.1, the trusted proxy. Each case is a failed login; its audit entry (found by the
# trace id of the answer) records client_ip.
my $FORGED = '198.51.100.7';
is(failed_login_ip($n->{port}, '127.0.0.3', $FORGED), '127.0.0.3',
   'through nginx: the address nginx saw is audited, not the forged X-Forwarded-For');
# A client on a trusted address (here nginx's own) could forge if nginx appended to its header
# ($proxy_add_x_forwarded_for): the conf has nginx replace it.
is(failed_login_ip($n->{port}, '127.0.0.1', $FORGED), '127.0.0.1',
   'through nginx from 127.0.0.1 too: nginx replaces the header, nothing is forged');
is(failed_login_ip($pa->{port}, '127.0.0.3', $FORGED), '127.0.0.3',
   'directly from 127.0.0.3 (no trusted proxy): its X-Forwarded-For is ignored');
is(failed_login_ip($pa->{port}, '127.0.0.1', $FORGED), $FORGED,
   'directly from 127.0.0.1 (the trusted proxy): its X-Forwarded-For is believed');

# ---- the session ends on both ---------------------------------------------------------------
my $jar = {%{$pa->{jars}{$ADMIN}}};
$r = srv_call($pb, $ADMIN, 'DELETE', '/api/v1/session');
ok($r->{status} >= 200 && $r->{status} < 300, 'logging out through process B') or diag("$r->{status} $r->{body}");
$pa->{jars}{$ADMIN} = $jar;    # the old cookie, as a stolen copy would be
$r = srv_call($pa, $ADMIN, 'GET', '/api/v1/me');
is($r->{status}, 401, 'the ended session is refused by process A too');

# ---- the end --------------------------------------------------------------------------------
is(stop_nginx(), 'exit 0', 'nginx stops');
is(srv_stop($pa), 'exit 0', 'process A stops cleanly on SIGTERM');
is(srv_stop($pb), 'exit 0', 'process B stops cleanly on SIGTERM');
@servers = ();
my @bad = grep { /\[(error|crit|alert|emerg)\]/ } split /\n/, slurp("$dir/peerdesk.error.log");
is(scalar @bad, 0, 'nginx logged no errors (no upstream failures)') or diag(join "\n", @bad);
($rc, $out) = srv_cmd($pa, '', 'audit', 'verify');
is($rc, 0, 'the audit chain written by both processes verifies') or diag($out);
unlike(slurp("$pa->{dir}/server.log") . slurp("$pb->{dir}/server.log"), qr/AddressSanitizer|runtime error/,
       'no sanitizer reports from either process');

done_testing();

# ---- helpers --------------------------------------------------------------------------------

sub start_nginx
{
    my ($port) = @_;
    my $text = slurp($CONF);
    my %want = ('tls-only lines' => 'some', listen => 1, upstream_a => 1, upstream_b => 1, logs => 2);
    my %got;
    $got{'tls-only lines'} = ($text =~ s/^.*#\s*tls-only\s*\n//mg) ? 'some' : 'none';
    $got{listen}     = 0 + ($text =~ s/^(\s*)listen 443 ssl http2;/${1}listen 127.0.0.1:$port;/mg);
    $got{upstream_a} = 0 + ($text =~ s/^(\s*server) 127\.0\.0\.1:8081\b/$1 127.0.0.1:$pa->{port}/mg);
    $got{upstream_b} = 0 + ($text =~ s/^(\s*server) 127\.0\.0\.1:8082\b/$1 127.0.0.1:$pb->{port}/mg);
    $got{logs}       = 0 + ($text =~ s{^(\s*\w+_log\s+)/var/log/nginx/}{$1$dir/}mg);
    is_deeply(\%got, \%want, 'docs/nginx-peerdesk.conf has the lines this test adapts')
      or BAIL_OUT('docs/nginx-peerdesk.conf changed shape: adapt tests/multi/two-process.t');
    is(join('', grep { !/^\s*#/ && /\bssl/ } split /^/, $text), '',
       'no TLS directive is left once the tls-only lines are out');
    spew("$dir/peerdesk.conf", $text);
    main_conf('nginx.conf', 'peerdesk.conf');
    my $t = `$NGINX -p '$dir' -c '$dir/nginx.conf' -t 2>&1`;
    BAIL_OUT("nginx -t rejects the configuration:\n$t") if $?;
    $nginx_pid = fork // die "fork: $!";
    if ($nginx_pid == 0) {
        open STDIN, '<', '/dev/null' or die;
        open STDOUT, '>>', "$dir/nginx.out" or die;
        open STDERR, '>&', \*STDOUT or die;
        exec $NGINX, '-p', $dir, '-c', "$dir/nginx.conf" or POSIX::_exit(127);
    }
    my $deadline = time + 10;
    while (time < $deadline) {
        return if IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port", Timeout => 1);
        BAIL_OUT("nginx ended before listening:\n" . slurp("$dir/nginx.out") . slurp("$dir/nginx.error.log"))
          if waitpid($nginx_pid, WNOHANG) == $nginx_pid;
        sleep 0.05;
    }
    BAIL_OUT("nginx did not listen on $port within 10 s");
}

# The main context that /etc/nginx/nginx.conf would give, around the conf.d file INCLUDE.
sub main_conf
{
    my ($name, $include) = @_;
    mkdir "$dir/tmp";
    spew("$dir/$name", <<"EOF");
# written by tests/multi/two-process.t
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx.error.log warn;
events { worker_connections 256; }
http {
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path       $dir/tmp/proxy;
    fastcgi_temp_path     $dir/tmp/fastcgi;
    uwsgi_temp_path       $dir/tmp/uwsgi;
    scgi_temp_path        $dir/tmp/scgi;
    include $dir/$include;
}
EOF
}

# The whole file, TLS included, with a throwaway certificate: nginx -t accepts it.
sub check_tls_conf
{
    return 'no openssl' if system('openssl version >/dev/null 2>&1');
    system("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
           . " -subj /CN=peerdesk.example.org -keyout '$dir/tls.key' -out '$dir/tls.pem' >/dev/null 2>&1")
      == 0 or return 'openssl req failed';
    my $text = slurp($CONF);
    $text =~ s{/etc/ssl/certs/\S+\.pem;}{$dir/tls.pem;} or return 'no ssl_certificate line';
    $text =~ s{/etc/ssl/private/\S+\.key;}{$dir/tls.key;} or return 'no ssl_certificate_key line';
    $text =~ s{^(\s*\w+_log\s+)/var/log/nginx/}{$1$dir/}mg;
    spew("$dir/peerdesk-tls.conf", $text);
    main_conf('nginx-tls.conf', 'peerdesk-tls.conf');
    my $out = `$NGINX -p '$dir' -c '$dir/nginx-tls.conf' -t 2>&1`;
    return $? ? "nginx -t: $out" : undef;
}

sub stop_nginx
{
    return 'never started' unless $nginx_pid;
    kill 'QUIT', $nginx_pid;    # graceful: finish the requests in flight
    my $deadline = time + 10;
    while (time < $deadline) {
        if (waitpid($nginx_pid, WNOHANG) == $nginx_pid) {
            my $rc = $?;
            undef $nginx_pid;
            return $rc & 127 ? 'signal ' . ($rc & 127) : 'exit ' . ($rc >> 8);
        }
        sleep 0.05;
    }
    kill 'KILL', $nginx_pid;
    waitpid $nginx_pid, 0;
    undef $nginx_pid;
    return 'no exit within 10 s of SIGQUIT (killed)';
}

sub cleanup
{
    my $status = $?;
    stop_nginx() if $nginx_pid;
    srv_stop($_) for @servers;
    test_db_drop($db) if $db && !$own_cluster && !$ENV{MULTI_KEEP};
    system($CLUSTER, 'stop', $PGDIR) if $own_cluster && !$ENV{MULTI_KEEP};
    diag("cluster left running in $PGDIR (stop it: tests/pg/cluster stop $PGDIR)")
      if $own_cluster && $ENV{MULTI_KEEP};
    $? = $status;
}

# A failed login sent from local address $from to $port with X-Forwarded-For: $xff; the
# client_ip of its audit entry (or what went wrong).
sub failed_login_ip
{
    my ($port, $from, $xff) = @_;
    my $sock = IO::Socket::INET->new(LocalAddr => $from, PeerAddr => "127.0.0.1:$port", Timeout => 5)
      or return "connect from $from: $@";
    my $body = '{"email":"nobody@example.test","password":"wrong-password-123"}';
    print $sock "POST /api/v1/session HTTP/1.1\r\nHost: peerdesk.example.org\r\nConnection: close\r\n"
      . "X-Forwarded-For: $xff\r\nContent-Type: application/json\r\n"
      . 'Content-Length: ' . length($body) . "\r\n\r\n$body";
    my $answer = do { local $/; <$sock> } // '';
    my ($status) = $answer =~ m{^HTTP/1\.1 (\d+)};
    my ($trace) = $answer =~ /"trace_id":"([0-9a-f-]+)"/;
    return "HTTP " . ($status // '?') . ", no trace id: $answer" unless ($status // 0) == 401 && $trace;
    my ($rc, $out) = srv_cmd($pa, '', 'audit', 'list', '--json');
    return "audit list: $out" if $rc;
    my ($en) = grep { ($_->{trace_id} // '') eq $trace } map { /^\{/ ? JSON::PP::decode_json($_) : () }
      split /\n/, $out;
    return $en ? $en->{client_ip} : "no audit entry with trace id $trace";
}

sub free_port
{
    my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Listen => 1) or die "listen: $!";
    my $p = $s->sockport;
    close $s;
    return $p;
}

sub slurp
{
    my ($path) = @_;
    open my $fh, '<', $path or return '';
    local $/;
    return <$fh> // '';
}

sub spew
{
    my ($path, $text) = @_;
    open my $fh, '>', $path or die "$path: $!";
    print $fh $text;
    close $fh or die "$path: $!";
}
