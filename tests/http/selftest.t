#!/usr/bin/perl
# tests/http/selftest.t: the HTTP runner's own parts, without a server: JSON subset
# matching, TOTP (RFC 6238 vectors), base32, templates, the case-file parser, the response
# parser, and every tests/http/*.test parsing. Run with: prove tests/http/selftest.t
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use JSON::PP ();
use Test::More;

use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskHTTP qw(parse_case json_match json_type json_path base32_decode totp_code
  parse_response header_values expand_template decode_escapes eval_count);

my $J = JSON::PP->new->allow_nonref;
sub m_ok { my ($e, $a, $name) = @_; my @m = json_match($J->decode($e), $J->decode($a)); ok(!@m, "match: $name") or diag("@m") }
sub m_no { my ($e, $a, $name) = @_; my @m = json_match($J->decode($e), $J->decode($a)); ok(scalar @m, "no match: $name") }

subtest 'json types' => sub {
    is(json_type($J->decode($_->[0])), $_->[1], "$_->[0] is $_->[1]")
      for ['1', 'number'], ['"1"', 'string'], ['1.5', 'number'], ['true', 'bool'], ['null', 'null'],
      ['[]', 'array'], ['{}', 'object'], ['""', 'string'];
};

subtest 'json subset matching' => sub {
    m_ok('{"a":1}', '{"a":1,"b":2}', 'extra keys are fine');
    m_no('{"a":1,"c":3}', '{"a":1}', 'missing key');
    m_no('{"a":1}', '{"a":2}', 'different number');
    m_no('{"a":1}', '{"a":"1"}', 'number vs string');
    m_no('{"a":"1"}', '{"a":1}', 'string vs number');
    m_ok('{"u":{"e":"x"}}', '{"u":{"e":"x","r":[1]}}', 'nested subset');
    m_no('{"u":{"e":"x"}}', '{"u":{"e":"y"}}', 'nested mismatch');
    m_ok('{"a":"*"}', '{"a":[1,2]}', '* matches any present value');
    m_ok('{"a":"*"}', '{"a":null}', '* matches null when present');
    m_no('{"a":"*"}', '{"b":1}', '* does not match an absent key');
    m_ok('{"t":"~^3\\\\.1"}', '{"t":"3.1.0"}', 'regex');
    m_no('{"t":"~^3\\\\.1"}', '{"t":"3.0.3"}', 'regex mismatch');
    m_no('{"t":"~^3"}', '{"t":3}', 'regex wants a string');
    m_ok('{"a":null}', '{"a":null}', 'null');
    m_no('{"a":null}', '{"a":0}', 'null is not 0');
    m_no('{"a":null}', '{"a":""}', 'null is not ""');
    m_no('{"a":null}', '{}', 'null needs the key');
    m_ok('{"a":true}', '{"a":true}', 'true');
    m_no('{"a":true}', '{"a":1}', 'true is not 1');
    m_no('{"a":false}', '{"a":true}', 'false is not true');
    m_ok('[1,{"a":2}]', '[1,{"a":2,"b":3}]', 'arrays element-wise, elements as subsets');
    m_no('[1,2]', '[1,2,3]', 'arrays need the same length');
    m_no('[2,1]', '[1,2]', 'arrays keep order');
    m_ok('["admin","..."]', '["x","admin","y"]', '"..." allows more');
    m_ok('[1,3,"..."]', '[1,2,3,4]', '"..." in order');
    m_no('[3,1,"..."]', '[1,2,3,4]', '"..." still in order');
    m_no('[5,"..."]', '[1,2,3]', '"..." still needs them');
    m_ok('["..."]', '[]', 'bare "..." matches any array');
    m_no('{"a":[]}', '{"a":{}}', 'array is not object');
    my @m = json_match($J->decode('{"u":{"r":[1,2]}}'), $J->decode('{"u":{"r":[1,3]}}'));
    like("@m", qr/\$\.u\.r\[1\]/, 'mismatch names the path');
};

subtest 'json path' => sub {
    my $d = $J->decode('{"a":{"b":[10,{"c":"x"}]}}');
    is_deeply([json_path($d, '$.a.b[1].c')], [1, 'x'], 'deep path');
    is_deeply([json_path($d, '$.a.b[0]')], [1, 10], 'index');
    is((json_path($d, '$.a.z'))[0], 0, 'missing key');
    is((json_path($d, '$.a.b[5]'))[0], 0, 'missing index');
};

subtest 'base32 and TOTP' => sub {
    is(base32_decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), '12345678901234567890', 'RFC 4648 alphabet');
    is(base32_decode('gezd gnbv-gy3t'), '1234567', 'case, spaces and dashes ignored');
    is(base32_decode('MZXW6YQ='), 'foob', 'padding');
    my $key = '12345678901234567890';
    # RFC 6238 appendix B, SHA1 column
    is(totp_code($key, int(59 / 30), 8),         '94287082', 'T=59');
    is(totp_code($key, int(1111111109 / 30), 8), '07081804', 'T=1111111109');
    is(totp_code($key, int(1234567890 / 30), 8), '89005924', 'T=1234567890');
    is(totp_code($key, int(20000000000 / 30), 8), '65353130', 'T=20000000000 (beyond 32 bits)');
    is(totp_code($key, 1), '287082', '6 digits, T=59');
    # RFC 4226 appendix D: HOTP counter 0 and 1
    is(totp_code($key, 0), '755224', 'HOTP counter 0');
    is(totp_code($key, 1), '287082', 'HOTP counter 1');
};

subtest 'templates' => sub {
    is(eval_count('1048576+1'), 1048577, 'count with +');
    is(eval_count('64*1024+1'), 65537, 'count with * and +');
    ok(!eval { eval_count('1; system("x")') }, 'counts are only digits, + and *');
    is(expand_template('/x/{{id}}', {id => 7}), '/x/7', 'variable');
    is(expand_template('{{repeat:[:3}}1{{repeat:]:3}}', {}), '[[[1]]]', 'repeat');
    ok(!eval { expand_template('{{nope}}', {}); 1 }, 'unknown variable dies');
    my $h = {totp => sub { "code($_[0],$_[1])" }};
    is(expand_template('{{totp:s}}', {}, $h), 'code(s,)', 'totp hook');
    is(expand_template('{{totp-wrong:s}}', {}, $h), 'code(s,wrong)', 'totp-wrong hook');
    is(expand_template('{{totp-last:s}}', {}, $h), 'code(s,last)', 'totp-last hook');
    is(decode_escapes('a\xffb\\\\x41'), "a\xffb\\x41", '\xHH and \\\\ escapes');
};

subtest 'response parser' => sub {
    my $r = parse_response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
          . "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n{}xx", 0);
    is($r->{status}, 200, 'status');
    is($r->{body}, '{}xx', 'body by Content-Length');
    ok($r->{complete}, 'complete');
    is_deeply([header_values($r, 'set-cookie')], ['a=1', 'b=2'], 'repeated headers, any case');
    $r = parse_response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}", 0);
    ok(!$r->{complete}, 'incomplete body is incomplete');
    $r = parse_response("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 413 Too Big\r\nContent-Length: 0\r\n\r\n", 0);
    is($r->{status}, 413, '1xx is skipped');
    $r = parse_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 0);
    is($r->{body}, '{}', 'chunked');
    ok($r->{complete}, 'chunked complete');
    ok(!defined parse_response("HTTP/1.1 200 OK\r\nContent-", 0), 'no head yet');
};

subtest 'case parser' => sub {
    my $c = parse_case(<<'EOF', 'x.test');
# comment
%org other Andere organisatie
%user alice@example.test admin
%user bob@example.test generalist,expert other Bob de Bouwer

=== first
%as alice@example.test
POST /api/v1/session
X-Thing: 1

{"a":
 1}

--- status 400 422
--- headers
Content-Type: ~json
--- json
{"status":400}
--- audit +1 event=session.create outcome=failure
--- save ID $.id

=== second
%raw
GET / HTTP/1.1
Host: x

--- same-as first
EOF
    is_deeply($c->{orgs}, [['other', 'Andere organisatie']], '%org');
    is_deeply($c->{users}[0], {email => 'alice@example.test', roles => 'admin', org => 'test', name => 'Alice Test'}, '%user defaults');
    is_deeply($c->{users}[1], {email => 'bob@example.test', roles => 'generalist,expert', org => 'other', name => 'Bob de Bouwer'}, '%user with org and name');
    my ($s1, $s2) = @{$c->{steps}};
    is($s1->{method} . ' ' . $s1->{path}, 'POST /api/v1/session', 'request line');
    is_deeply($s1->{headers}, [['X-Thing', '1']], 'headers');
    is($s1->{body}, "{\"a\":\n 1}", 'body, trailing blank lines dropped');
    is_deeply($s1->{expect}[0]{codes}, [400, 422], 'status alternatives');
    is_deeply($s1->{expect}[3]{filter}, {event => 'session.create', outcome => 'failure'}, 'audit filter');
    is($s1->{expect}[3]{count}, 1, 'audit count');
    is_deeply($s2->{raw}, ['GET / HTTP/1.1', 'Host: x', ''], 'raw lines');
    is($s2->{expect}[0]{label}, 'first', 'same-as');
    ok(!eval { parse_case("=== a\nGET /\n--- same-as b\n", 'y') }, 'same-as an unknown step is an error');
    ok(!eval { parse_case("=== a\nGET /\n--- stauts 200\n", 'y') }, 'a misspelt expectation is an error');
    ok(!eval { parse_case("=== a\nGET /\n--- json\n{bad\n", 'y') }, 'bad expected JSON is an error');
    eval { parse_case("=== a\n%frobnicate\nGET /\n", 'y'); 1 };
    like($@, qr/^y:2: unknown directive/, 'errors name file:line');
};

subtest 'every case file parses' => sub {
    my @files = sort glob(dirname(abs_path(__FILE__)) . '/*.test');
    ok(@files, 'there are case files');
    for my $f (@files) {
        my $text = do { local $/; open my $fh, '<', $f or die; <$fh> };
        my $c = eval { parse_case($text, $f) };
        ok($c && @{$c->{steps}}, "parses: $f") or diag($@);
        for my $s (@{$c ? $c->{steps} : []}) {
            ok(@{$s->{expect}}, "$f: step '$s->{label}' expects something");
        }
    }
};

done_testing();
