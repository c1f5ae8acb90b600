#!/usr/bin/perl
# t0010-metrics: GET /metrics on its own loopback listener, and the log (docs/admin.md,
# "Monitoring"). After a known set of requests the exposition parses as the Prometheus text
# format (HELP/TYPE before samples, label syntax, cumulative buckets), counts exactly those
# requests by route and status, agrees with the database on the audit log's length and the
# open sessions, and holds no client data (no id, address or code). A non-loopback address is
# refused; the application's port does not serve it. The server's standard error is logfmt
# with a journald priority, one request line per answer carrying that answer's X-Trace-Id,
# and none of what the requests carried (emails, the password, a search word, ids, codes).
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use HTTP::Tiny;
use JSON::PP ();
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir  = newdir();
my $db   = "$dir/peerdesk.db";
my $log  = "$dir/serve.log";
my $http = HTTP::Tiny->new(timeout => 20);
sub slurp { open my $fh, '<:raw', $_[0] or return ''; local $/; <$fh> // '' }

run_ok('init --demo', 'init', '--db', $db, '--demo');

my $r = serve_first_line('--db', $db, '--listen', '127.0.0.1:0', '--metrics-listen', '10.0.0.1:9100');
ok(!defined $r->{line} && $r->{exit}, 'a metrics-listen that is not loopback: serve refuses');
like($r->{err}, qr/metrics-listen: must be a loopback address/, '  ... saying why');

# serve_bg returns at the first line; the metrics line is the second.
my ($pid, $url) = serve_bg($log, '--db', $db, '--listen', '127.0.0.1:0', '--metrics-listen', '127.0.0.1:0',
                           '--log-level', 'info');
ok($pid, 'serve with a metrics listener') or BAIL_OUT(slurp($log));
my $metrics;
for (1 .. 100) {
    ($metrics) = slurp($log) =~ m{metrics on (http://127\.0\.0\.1:\d+/metrics)};
    last if $metrics;
    select undef, undef, undef, 0.05;
}
ok($metrics, "it says where the metrics are ($metrics)") or BAIL_OUT(slurp($log));

# ---- a known set of requests ----
my @traces;
sub req
{
    my ($method, $path, %o) = @_;
    my $res = $http->request($method, "$url$path", \%o);
    push @traces, $res->{headers}{'x-trace-id'} if $res->{headers}{'x-trace-id'};
    return $res;
}
my $bad = req('POST', '/api/v1/session', headers => {'Content-Type' => 'application/json'},
              content => '{"email":"sanne@peerdesk.test","password":"not-her-password"}');
is($bad->{status}, 401, 'a wrong password: 401');
my $login = req('POST', '/api/v1/session', headers => {'Content-Type' => 'application/json'},
                content => '{"email":"sanne@peerdesk.test","password":"ervaring-telt"}');
is($login->{status}, 200, 'sanne logs in');
my ($cookie) = ($login->{headers}{'set-cookie'} // '') =~ /^(peerdesk_session=[^;]+)/;
my ($csrf) = ($login->{content} // '') =~ /"csrf_token":"([^"]+)"/;
my $list;
for (1 .. 3) {
    $list = req('GET', '/api/v1/dossiers', headers => {Cookie => $cookie});
    is($list->{status}, 200, "her dossiers ($_ of 3)");
}
my $items = JSON::PP->new->decode($list->{content})->{items};
my $dossier = $items->[0]{id};
my $code = $items->[0]{client_code};
is(req('GET', "/api/v1/dossiers/$dossier/timeline", headers => {Cookie => $cookie})->{status}, 200,
   'one timeline');
my $word = 'zwaluwstaartvlinder';
is(req('GET', "/api/v1/search?q=$word", headers => {Cookie => $cookie})->{status}, 200, 'a search');
is(req('GET', '/api/v1/dossiers')->{status}, 401, 'no cookie: 401');
is(req('GET', '/metrics')->{status} == 200 && req('GET', '/metrics')->{content} =~ /peerdesk_http_requests_total/
   ? 'served' : 'not served', 'not served', 'the application port does not serve the metrics');

# ---- the exposition ----
my $res = $http->get($metrics);
is($res->{status}, 200, 'GET /metrics: 200');
like($res->{headers}{'content-type'}, qr{^text/plain; version=0\.0\.4}, '  ... in the text format 0.0.4');
my $text = $res->{content} // '';
my (%type, %help, %sample, @bad);
for my $line (split /\n/, $text) {
    if ($line =~ /^# HELP ([a-z_:][a-z0-9_:]*) \S/) { $help{$1} = 1; next }
    if ($line =~ /^# TYPE ([a-z_:][a-z0-9_:]*) (counter|gauge|histogram)$/) { $type{$1} = $2; next }
    if ($line =~ /^([a-z_:][a-z0-9_:]*)(\{(?:[a-z_]+="(?:[^"\\\n]|\\.)*"(?:,[a-z_]+="(?:[^"\\\n]|\\.)*")*)?\})? (-?[0-9.e+]+|\+Inf)$/) {
        my ($name, $labels, $v) = ($1, $2 // '', $3);
        (my $fam = $name) =~ s/_(bucket|sum|count)$// if !$type{$name};
        push @bad, "sample before its TYPE: $line" unless $type{$name} || $type{$fam // ''};
        $sample{"$name$labels"} = $v;
        next;
    }
    push @bad, $line;
}
is_deeply(\@bad, [], 'every line is a HELP, a TYPE or a sample, each sample after its TYPE');
is_deeply([sort keys %help], [sort keys %type], 'every family has HELP and TYPE');

sub val { return $sample{$_[0]} // 0 }
is(val('peerdesk_http_requests_total{method="GET",route="/api/v1/dossiers",status="200"}'), 3,
   'requests: GET /api/v1/dossiers 200 three times');
is(val('peerdesk_http_requests_total{method="GET",route="/api/v1/dossiers",status="401"}'), 1,
   '  ... and 401 once');
is(val('peerdesk_http_requests_total{method="POST",route="/api/v1/session",status="200"}'), 1,
   '  ... POST /api/v1/session 200 once');
is(val('peerdesk_http_requests_total{method="POST",route="/api/v1/session",status="401"}'), 1,
   '  ... and 401 once');
is(val('peerdesk_http_requests_total{method="GET",route="/api/v1/dossiers/{id}/timeline",status="200"}'), 1,
   '  ... the timeline by its pattern, not its path');
my $total = 0;
$total += $sample{$_} for grep { /^peerdesk_http_requests_total\{/ } keys %sample;
is(val('peerdesk_http_request_duration_seconds_count'), $total, "the histogram counts every request ($total)");
my @le = map { [$_, $sample{$_}] } grep { /_bucket\{le=/ } keys %sample;
@le = sort { ($a->[0] =~ /"\+Inf"/ ? 1e99 : ($a->[0] =~ /le="([^"]+)"/)[0]) <=> ($b->[0] =~ /"\+Inf"/ ? 1e99 : ($b->[0] =~ /le="([^"]+)"/)[0]) } @le;
my $mono = 1;
$mono &&= $le[$_][1] >= $le[$_ - 1][1] for 1 .. $#le;
ok($mono && @le == 15, 'its 15 buckets are cumulative');
is($le[-1][1], $total, '  ... +Inf equals the count');
ok(val('peerdesk_http_request_duration_seconds_sum') > 0, '  ... with a sum');
ok(val('peerdesk_db_seconds_total') > 0 && val('peerdesk_db_transactions_total') >= 7,
   'time in database transactions (' . val('peerdesk_db_transactions_total') . ' of them)');
is(val('peerdesk_storage_failed'), 0, 'no storage failure');
is(val('peerdesk_db_up'), 1, 'the database counts were read');
my ($entries) = sq_lines($db, 'SELECT seq FROM audit_head');
is(val('peerdesk_audit_entries_total'), $entries, "the audit log's length, as the database says ($entries)");
is(val('peerdesk_sessions_open'), 1, 'one open session');
like($text, qr/^peerdesk_build_info\{version="\d+\.\d+\.\d+"\} 1$/m, 'the version');
unlike($text, qr/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'no id in the metrics');
unlike($text, qr/@|\Q$code\E|\Q$word\E/, 'no address, client code or search word');

is(req('DELETE', '/api/v1/session', headers => {Cookie => $cookie, 'X-CSRF-Token' => $csrf})->{status}, 204,
   'she logs out');
$res = $http->get($metrics);
like($res->{content}, qr/^peerdesk_sessions_open 0$/m, '  ... and the open sessions go to 0');
is($http->request('POST', $metrics)->{status}, 405, 'POST /metrics: 405');
is($http->get($metrics =~ s{/metrics$}{/other}r)->{status}, 404, 'another path on the metrics port: 404');
is(serve_stop($pid), 0, 'the server stops cleanly');

# ---- the log ----
my @lines = grep { !/^peerdesk: / } split /\n/, slurp($log);
my @odd = grep { !/^<[0-7]>ts=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=(error|warn|info|debug) trace=(-|[0-9a-f-]{36}) msg="(?:[^"\\]|\\.)*"$/ } @lines;
is_deeply(\@odd, [], 'every log line is logfmt with a journald priority: ts, level, trace, msg');
my %logged = map { /trace=([0-9a-f-]{36}) msg="http / ? ($1 => 1) : () } @lines;
my @missing = grep { !$logged{$_} } @traces;
ok(@traces >= 9 && !@missing, 'every answer (' . scalar(@traces) . ") has a request line with its X-Trace-Id")
    or diag("missing: @missing");
my $all = join "\n", @lines;
unlike($all, qr/sanne|peerdesk\.test|ervaring-telt|not-her-password/, 'the log has no email or password');
unlike($all, qr/\Q$word\E/, '  ... no search word');
unlike($all, qr/\Q$dossier\E|\Q$code\E/, '  ... no dossier id or client code');

done_testing();
