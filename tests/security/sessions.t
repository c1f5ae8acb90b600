#!/usr/bin/perl
# tests/security/sessions.t: what the session suite (SECURITY.md 15) lacked over HTTP. Already
# proven elsewhere, and not repeated here: a new token at every login and after the second
# factor, the half-way token dead, idle and absolute time-outs with an injected clock
# (tests/unit/app_auth.c, ptime_set_offset_ms); the old cookie dead after logout
# (tests/http/0002-login.test); disable and password change end sessions (0007); the
# per-account and per-address throttles (0008, 0011, unit app_auth).
#
# Added here, against the real server:
#   fixation  a cookie sent with the login (made up, or another worker's live session) is
#             ignored: the answer sets a new token; the made-up one stays dead and the other
#             worker's session stays theirs, not upgraded to the one who logged in
#   replay    after logout the old cookie with its own CSRF token cannot write (401)
#   time-outs the server itself ends a session idle for 31 minutes and one older than
#             12 hours however busy, and keeps one idle for 29 minutes. The server's clock
#             cannot be moved from outside, so the session's own times are moved back in
#             the database instead (sqlite3), which is the same comparison seen from the
#             other side.
#
#   PEERDESK=build/debug/peerdesk prove -v tests/security/sessions.t
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use Time::HiRes qw(time);

use lib dirname(abs_path(__FILE__)) . '/../http/lib';
use PeerdeskHTTP qw(srv_new srv_cmd srv_start srv_stop srv_login srv_call header_values);

use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskSec;    # $T0, $ROOT, $BIN; skips without the binary or sqlite3

my $MIN = 60 * 1000;
my $s   = eval { srv_new($BIN, keep => $ENV{SESSIONS_KEEP}) };
BAIL_OUT("setup: $@") unless $s;
for my $u (qw(ria tom vic)) {
    my ($rc, $out) = srv_cmd($s, "$PeerdeskHTTP::SRV_PASSWORD\n", 'user', 'add', '--org', 'test',
                             '--email', "$u\@example.test", '--name', ucfirst($u) . ' Test',
                             '--role', 'student');
    BAIL_OUT("user add $u: $out") if $rc;
}
my $err = srv_start($s);
BAIL_OUT("serve: $err") if $err;

sub sql
{
    my ($q) = @_;
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if (!$pid) {
        open STDERR, '>&', \*STDOUT or die;
        exec 'sqlite3', '-cmd', '.timeout 5000', $s->{db}, $q or exit 127;
    }
    my $out = do { local $/; <$fh> // '' };
    close $fh;
    die "sqlite3: $out\n" if $?;
    chomp $out;
    return $out;
}

sub cookie_of
{
    my ($r) = @_;
    my ($sc) = header_values($r, 'Set-Cookie');
    return ($sc // '') =~ /^\s*([^=;\s]+=[^;]*)/ ? $1 : undef;
}

# A request with this cookie (and CSRF token) only.
sub with_cookie
{
    my ($cookie, $method, $path, $body, $csrf) = @_;
    my @h = (['Cookie', $cookie]);
    push @h, ['X-CSRF-Token', $csrf] if $csrf;
    return srv_call($s, undef, $method, $path, $body, \@h);
}

sub me { my $r = with_cookie($_[0], 'GET', '/api/v1/me'); return $r->{status} == 200 ? $r->{json}{user}{email} : $r->{status} }

sub login_with
{
    my ($email, $cookie) = @_;
    return srv_call($s, undef, 'POST', '/api/v1/session',
                    {email => $email, password => $PeerdeskHTTP::SRV_PASSWORD},
                    $cookie ? [['Cookie', $cookie]] : []);
}

# ---- fixation -----------------------------------------------------------------------------
{
    my $planted = 'peerdesk_session=' . ('A' x 43);
    my $r       = login_with('ria@example.test', $planted);
    is($r->{status}, 200, 'fixation: ria logs in with a made-up cookie planted in her browser');
    my $got = cookie_of($r);
    ok($got && $got ne $planted, 'the answer sets a new session cookie, not the planted one');
    is(me($planted), 401, 'the planted token is still nobody');
    is(me($got), 'ria@example.test', 'the new one is ria');

    my $tom = cookie_of(login_with('tom@example.test'));
    is(me($tom), 'tom@example.test', "tom's own session");
    $r = login_with('ria@example.test', $tom);
    my $ria = cookie_of($r);
    ok($r->{status} == 200 && $ria && $ria ne $tom,
       "ria logs in carrying tom's live cookie (planted by tom): she gets her own token");
    is(me($tom), 'tom@example.test', "tom's token is still tom's, not raised to ria");
    is(me($ria), 'ria@example.test', "ria's is hers");
}

# ---- replay after logout --------------------------------------------------------------------
{
    my $r      = login_with('vic@example.test');
    my $cookie = cookie_of($r);
    my $csrf   = $r->{json}{csrf_token};
    my $n0     = sql(q{SELECT count(*) FROM audit_log});
    is(with_cookie($cookie, 'DELETE', '/api/v1/session', undef, $csrf)->{status}, 204,
       'replay: vic logs out');
    my $n1 = sql(q{SELECT count(*) FROM audit_log});
    $r = with_cookie($cookie, 'PATCH', '/api/v1/me', '{"lang":"en"}', $csrf);
    is($r->{status}, 401, 'the old cookie with its own CSRF token cannot write afterwards (401)');
    is(sql(q{SELECT count(*) FROM audit_log}), $n1, 'and nothing was written');
    is(sql(q{SELECT lang FROM worker WHERE email = 'vic@example.test'}), 'nl',
       'vic still has Dutch');
    is($n1 - $n0, 1, 'the logout itself was one audit entry');
}

# ---- time-outs, seen by the server ------------------------------------------------------------
# Move every open session of EMAIL back: created_ms by CREATED, last_seen_ms by SEEN (ms).
sub age
{
    my ($email, $created, $seen) = @_;
    sql(qq{UPDATE session SET created_ms = created_ms - $created, last_seen_ms = last_seen_ms - $seen
           WHERE ended_ms IS NULL AND worker_id = (SELECT id FROM worker WHERE email = '$email')});
}
{
    my $c = cookie_of(login_with('ria@example.test'));
    age('ria@example.test', 29 * $MIN, 29 * $MIN);
    is(me($c), 'ria@example.test', 'time-outs: 29 idle minutes, still logged in');
    age('ria@example.test', 31 * $MIN, 31 * $MIN);
    my $r = with_cookie($c, 'GET', '/api/v1/me');
    is($r->{status}, 401, '31 more idle minutes: 401');
    like($r->{json}{detail} // '', qr/expired/, 'saying the session has expired');
    age('ria@example.test', -1000 * $MIN, -1000 * $MIN);
    is(me($c), 401, 'and it stays ended, even if its times came back');

    $c = cookie_of(login_with('tom@example.test'));
    age('tom@example.test', 12 * 60 * $MIN - 2 * $MIN, 0);
    is(me($c), 'tom@example.test', 'a busy session of 11 h 58 min lives');
    age('tom@example.test', 3 * $MIN, 0);
    is(me($c), 401, 'at 12 h 1 min it ends however busy (absolute time-out)');
    my $r2 = login_with('tom@example.test');
    is(me(cookie_of($r2)), 'tom@example.test', 'a new login works');
}

is(srv_stop($s), 'exit 0', 'the server stops cleanly (no sanitizer report)')
  or diag(do { local $/; open my $fh, '<', "$s->{dir}/server.log"; <$fh> // '' });
diag(sprintf('sessions: fixation (2 ways), replay after logout, idle and absolute time-outs; %.1f s',
             time - $T0));
done_testing;
