#!/usr/bin/perl
# t0011-tls: `peerdesk serve` with tls-cert and tls-key serves HTTPS itself (docs/admin.md,
# "TLS"). With a certificate made here by openssl for 127.0.0.1: curl, trusting only that
# certificate, gets /healthz over TLS 1.2 and over TLS 1.3, every answer has HSTS, and the
# session cookie is __Host- and Secure; plain HTTP on that port gets no answer. Refused at
# start, each naming its setting: a key others can read, a certificate without its key, a file
# that is not PEM, a key that is not the certificate's. Without TLS there is no HSTS.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir = newdir();
my $db  = "$dir/peerdesk.db";
sub slurp { open my $fh, '<:raw', $_[0] or return ''; local $/; <$fh> // '' }

sub sh
{
    my $out = `@_ 2>&1`;
    return ($? >> 8, $out);
}

run_ok('init --demo', 'init', '--db', $db, '--demo');
for my $name (qw(a b)) {
    my ($rc, $out) = sh("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2"
                        . " -subj /CN=peerdesk-test -addext subjectAltName=IP:127.0.0.1"
                        . " -keyout $dir/$name.key -out $dir/$name.crt");
    is($rc, 0, "openssl makes certificate $name") or diag($out);
    chmod 0600, "$dir/$name.key";
}

my ($pid, $url) = serve_bg("$dir/serve.log", '--db', $db, '--listen', '127.0.0.1:0', '--tls-cert', "$dir/a.crt",
                           '--tls-key', "$dir/a.key");
ok($pid, 'serve with tls-cert and tls-key') or BAIL_OUT(slurp("$dir/serve.log"));
like($url, qr{^https://127\.0\.0\.1:\d+$}, "it says it listens on https ($url)");

sub curl
{
    my (@args) = @_;
    return sh(join ' ', 'curl', '-sS', '-i', '--max-time', '10', '--cacert', "$dir/a.crt", @args);
}
for my $v ('1.2', '1.3') {
    my $pin = $v eq '1.2' ? '--tlsv1.2 --tls-max 1.2' : '--tlsv1.3';
    my ($rc, $out) = curl($pin, "$url/healthz");
    is($rc, 0, "TLS $v: curl trusting only this certificate gets /healthz") or diag($out);
    like($out, qr{^HTTP/1\.1 200}m, '  ... 200');
    like($out, qr/^Strict-Transport-Security: max-age=\d+/mi, '  ... with HSTS');
}
my ($rc, $out) = curl('-X', 'POST', '-H', "'Content-Type: application/json'", '-d',
                      q('{"email":"sanne@peerdesk.test","password":"ervaring-telt"}'), "$url/api/v1/session");
like($out, qr{^HTTP/1\.1 200}m, 'a login over TLS');
like($out, qr/^Set-Cookie: __Host-peerdesk_session=[^;]+;.*\bSecure\b/mi, '  ... sets a __Host- cookie with Secure');
like($out, qr/^Strict-Transport-Security: /mi, '  ... with HSTS');
($rc, $out) = sh('curl', '-sS', '--max-time', '5', '-o', '/dev/null', '-w', "'%{http_code}'",
                 $url =~ s/^https/http/r . '/healthz');
unlike($out, qr/^200/, "plain HTTP on the TLS port gets no answer ($out)");
is(serve_stop($pid), 0, 'the server stops cleanly');

# ---- refused at start ----
sub refused
{
    my ($what, $re, @args) = @_;
    my $r = serve_first_line('--db', $db, '--listen', '127.0.0.1:0', @args);
    ok(!defined $r->{line} && $r->{exit}, "$what: serve refuses to start");
    like($r->{err}, $re, '  ... saying why') or diag($r->{err});
}
chmod 0644, "$dir/b.key";
refused('a key others can read', qr/tls-key: .*can be read by others \(mode 644\)/, '--tls-cert', "$dir/b.crt",
        '--tls-key', "$dir/b.key");
chmod 0600, "$dir/b.key";
refused('a certificate without its key', qr/tls-key: needed with tls-cert/, '--tls-cert', "$dir/a.crt");
open my $fh, '>', "$dir/junk.crt" or die;
print $fh "not a certificate\n";
close $fh;
refused('a file that is not PEM', qr/tls-cert: .*holds no PEM block/, '--tls-cert', "$dir/junk.crt", '--tls-key',
        "$dir/a.key");
refused("another certificate's key", qr/tls-cert: cannot serve HTTPS/, '--tls-cert', "$dir/a.crt", '--tls-key',
        "$dir/b.key");
refused('a missing file', qr/tls-cert: cannot read \S+nothing\.crt/, '--tls-cert', "$dir/nothing.crt", '--tls-key',
        "$dir/a.key");

# ---- without TLS: no HSTS ----
($pid, $url) = serve_bg("$dir/serve2.log", '--db', $db, '--listen', '127.0.0.1:0');
($rc, $out) = sh('curl', '-sS', '-i', '--max-time', '10', "$url/healthz");
like($out, qr{^HTTP/1\.1 200}m, 'plain HTTP without TLS settings');
unlike($out, qr/Strict-Transport-Security/i, '  ... and no HSTS');
serve_stop($pid);
done_testing();
