# PeerdeskHTTP.pm: the pieces of tests/http/run.t that can be tested without a server.
#
# Parsing .test case files, the JSON subset matcher, TOTP (RFC 6238) with base32, template
# expansion ({{NAME}}, {{repeat:..}}, {{totp:..}}), and a small HTTP/1.1 client over a plain
# socket that can also send raw bytes. Core Perl modules only. docs/testing.md describes the
# case-file format; tests/http/selftest.t tests this file.
package PeerdeskHTTP;
use strict;
use warnings;
use B ();
use Digest::SHA qw(hmac_sha1);
use IO::Select;
use IO::Socket::INET;
use JSON::PP ();
use Time::HiRes qw(time);
use Exporter 'import';

our @EXPORT_OK = qw(parse_case json_match json_type json_path base32_decode totp_code
  http_request parse_response header_values expand_template decode_escapes eval_count split_words
  srv_new srv_cmd srv_start srv_stop srv_login srv_call srv_audit_after test_db test_db_drop);

# ---- case files ---------------------------------------------------------------------------

# parse_case(TEXT, NAME) -> { orgs => [[slug, name]], users => [{email, roles, org, name}],
# steps => [step] } or dies with "NAME:LINE: message".
sub parse_case
{
    my ($text, $name) = @_;
    my @lines = split /\n/, $text, -1;
    pop @lines if @lines && $lines[-1] eq '';
    my $case = {orgs => [], users => [], steps => []};
    my %orgs = (test => 1);
    my $i = 0;
    my $err = sub { die "$name:" . ($_[0] + 1) . ": $_[1]\n" };

    # header: comments, %org, %user
    while ($i < @lines && $lines[$i] !~ /^===/) {
        my $l = $lines[$i];
        if ($l =~ /^\s*(#|$)/) {
        } elsif ($l =~ /^%org\s+(\S+)\s+(\S.*?)\s*$/) {
            push @{$case->{orgs}}, [$1, $2];
            $orgs{$1} = 1;
        } elsif ($l =~ /^%user\s+(\S+)\s+(\S+)(?:\s+(.*?))?\s*$/) {
            my ($email, $roles, @rest) = ($1, $2, split(' ', $3 // ''));
            my $org = @rest && $orgs{$rest[0]} ? shift @rest : 'test';
            my $uname = @rest ? join(' ', @rest) : ucfirst((split /@/, $email)[0]) . ' Test';
            push @{$case->{users}}, {email => $email, roles => $roles, org => $org, name => $uname};
        } else {
            $err->($i, "expected %org, %user, a # comment or '=== label' here");
        }
        $i++;
    }

    my %labels;
    while ($i < @lines) {
        $lines[$i] =~ /^===\s*(.*?)\s*$/ or $err->($i, "expected '=== label'");
        my $step = {label => $1, line => $i + 1, directives => [], headers => [], expect => []};
        $err->($i, 'a step needs a label') if $step->{label} eq '';
        $err->($i, "label '$step->{label}' used twice") if $labels{$step->{label}}++;
        $i++;
        # directives and comments before the request line
        while ($i < @lines && $lines[$i] =~ /^\s*(?:#.*)?$|^%/) {
            if ($lines[$i] =~ /^%(\S+)\s*(.*?)\s*$/) {
                my ($d, $arg) = ($1, $2);
                if ($d eq 'raw') {
                    $step->{raw} = [];
                    $i++;
                    push @{$step->{raw}}, $lines[$i++] while $i < @lines && $lines[$i] !~ /^(---|===)/;
                    last;
                }
                if ($d eq 'cli-stdin') {
                    $step->{cli_stdin} = "$arg\n";
                    $i++;
                    $i < @lines && $lines[$i] =~ /^%cli\s/
                      or $err->($i, '%cli-stdin must be followed by a %cli line');
                    next;
                }
                if ($d eq 'cli') {
                    my @w = eval { split_words($arg) };
                    $err->($i, "%cli: $@") if $@;
                    $err->($i, '%cli wants the command and its arguments') unless @w;
                    $step->{cli} = \@w;
                    my @other = grep { $_->[0] !~ /^(sleep|clock-minute-left)$/ } @{$step->{directives}};
                    $err->($i, "a %cli step takes no %$other[0][0]") if @other;
                    $i++;
                    last;
                }
                $err->($i, "unknown directive %$d")
                  unless $d =~ /^(as|login|anon|session|no-csrf|body-hex|body-repeat|sleep|repeat|clock-minute-left)$/;
                $err->($i, "%$d wants a whole number") if $d =~ /^(repeat|clock-minute-left)$/ && $arg !~ /^\d+$/;
                $err->($i, '%clock-minute-left wants 1 to 59 seconds')
                  if $d eq 'clock-minute-left' && ($arg < 1 || $arg > 59);
                push @{$step->{directives}}, [$d, $arg];
            }
            $i++;
        }
        if (!$step->{raw} && !$step->{cli}) {
            $i < @lines && $lines[$i] =~ /^([A-Z]+)\s+(\S+)\s*$/
              or $err->($i, 'expected a request line METHOD PATH (or %raw)');
            ($step->{method}, $step->{path}) = ($1, $2);
            $i++;
            while ($i < @lines && $lines[$i] ne '' && $lines[$i] !~ /^(---|===)/) {
                $lines[$i] =~ /^([!#\$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*?)\s*$/
                  or $err->($i, 'expected a header line Name: value');
                push @{$step->{headers}}, [$1, $2];
                $i++;
            }
            if ($i < @lines && $lines[$i] eq '') {
                $i++;
                my @body;
                push @body, $lines[$i++] while $i < @lines && $lines[$i] !~ /^(---|===)/;
                pop @body while @body && $body[-1] =~ /^\s*$/;
                $step->{body} = join "\n", @body if @body;
            }
        }
        # expectations
        while ($i < @lines && $lines[$i] !~ /^===/) {
            my $l = $lines[$i];
            if ($l =~ /^\s*(#|$)/) {
                $i++;
                next;
            }
            $l =~ /^---\s*(\S+)\s*(.*?)\s*$/ or $err->($i, "expected '--- expectation'");
            my ($kind, $arg, $at) = ($1, $2, $i + 1);
            $i++;
            my @block;
            if ($kind eq 'headers' || $kind eq 'json') {
                while ($i < @lines && $lines[$i] !~ /^(---|===)/) {
                    push @block, $lines[$i] unless $lines[$i] =~ /^\s*(#|$)/;
                    $i++;
                }
            }
            my $e = {kind => $kind, line => $at};
            if ($kind eq 'status') {
                $arg =~ /^\d{3}(?:\s+\d{3})*$/ or $err->($at - 1, 'status wants one or more codes');
                $e->{codes} = [split ' ', $arg];
            } elsif ($kind eq 'headers') {
                for (@block) {
                    /^([^:\s]+):\s*(.*?)\s*$/ or $err->($at - 1, "bad header expectation '$_'");
                    push @{$e->{headers}}, [$1, $2];
                }
            } elsif ($kind eq 'no-header') {
                $arg =~ /^\S+$/ or $err->($at - 1, 'no-header wants a header name');
                $e->{name} = $arg;
            } elsif ($kind eq 'json') {
                my $src = join "\n", @block;
                $e->{json} = eval { JSON::PP->new->allow_nonref->decode($src) };
                $err->($at - 1, "expected JSON does not parse: $@") if $@;
            } elsif ($kind eq 'body-contains' || $kind eq 'body-lacks') {
                $err->($at - 1, "$kind wants text") if $arg eq '';
                $e->{text} = $arg;
            } elsif ($kind eq 'audit') {
                $arg =~ /^\+(\d+)((?:\s+[\w.]+=\S*)*)$/
                  or $err->($at - 1, 'audit wants +N [key=value ...]');
                $e->{count} = $1;
                $e->{filter} = {map { split /=/, $_, 2 } split ' ', $2};
            } elsif ($kind eq 'save') {
                $arg =~ /^(\w+)\s+(\$\S*|cookie)$/ or $err->($at - 1, 'save wants NAME $.path (or NAME cookie)');
                ($e->{name}, $e->{from}) = ($1, $2);
            } elsif ($kind eq 'exit') {
                $arg =~ /^\d{1,3}$/ or $err->($at - 1, 'exit wants a status (0..255)');
                $e->{code} = $arg;
            } elsif ($kind eq 'output-contains') {
                $err->($at - 1, 'output-contains wants text') if $arg eq '';
                $e->{text} = $arg;
            } elsif ($kind eq 'same-as') {
                $labels{$arg} or $err->($at - 1, "same-as: no earlier step '$arg'");
                $e->{label} = $arg;
            } else {
                $err->($at - 1, "unknown expectation '--- $kind'");
            }
            if ($step->{cli}) {
                $kind =~ /^(exit|output-contains|audit)$/
                  or $err->($at - 1, "a %cli step has no HTTP answer: use --- exit, output-contains or audit, not '--- $kind'");
            } elsif ($kind =~ /^(exit|output-contains)$/) {
                $err->($at - 1, "'--- $kind' is for %cli steps");
            }
            push @{$step->{expect}}, $e;
        }
        $err->($step->{line} - 1, "%repeat and %raw do not go together")
          if $step->{raw} && grep { $_->[0] eq 'repeat' } @{$step->{directives}};
        push @{$case->{steps}}, $step;
    }
    return $case;
}

# split_words('user add --name "Ann Smit"') -> ('user', 'add', '--name', 'Ann Smit'): words
# separated by white space; "..." and '...' quote (no escapes inside). Dies on an open quote.
sub split_words
{
    my ($s) = @_;
    my @w;
    while ($s =~ /\G\s*((?:[^\s"']+|"[^"]*"|'[^']*')+)/gc) {
        my $w = $1;
        $w =~ s/"([^"]*)"|'([^']*)'/defined $1 ? $1 : $2/ge;
        push @w, $w;
    }
    $s =~ /\G\s*\z/gc or die "unbalanced quote in '$s'\n";
    return @w;
}

# ---- JSON ---------------------------------------------------------------------------------

# The JSON type of a decoded Perl value: null, bool, number, string, array or object.
sub json_type
{
    my ($v) = @_;
    return 'null' unless defined $v;
    return 'bool' if JSON::PP::is_bool($v);
    return 'array' if ref $v eq 'ARRAY';
    return 'object' if ref $v eq 'HASH';
    my $flags = B::svref_2object(\$v)->FLAGS;
    return ($flags & (B::SVp_IOK | B::SVp_NOK)) && !($flags & B::SVp_POK) ? 'number' : 'string';
}

# json_match(EXPECTED, ACTUAL[, PATH]) -> list of mismatch descriptions (empty: it matches).
# Objects match as subsets; arrays element by element (same length), or as an in-order
# subsequence when the last expected element is "..."; "*" matches any present value;
# "~REGEX" matches a string by regex; everything else must be equal and of the same type.
sub json_match
{
    my ($e, $a, $path) = @_;
    $path //= '$';
    my ($te, $ta) = (json_type($e), json_type($a));
    my $show = sub { JSON::PP->new->canonical->allow_nonref->encode($_[0]) };
    if ($te eq 'string' && $e eq '*') {
        return ();
    }
    if ($te eq 'string' && $e =~ /^~(.*)\z/s) {
        my $re = $1;
        return ("$path: expected a string matching /$re/, got " . $show->($a)) if $ta ne 'string';
        return $a =~ /$re/ ? () : ("$path: " . $show->($a) . " does not match /$re/");
    }
    return ("$path: expected $te " . $show->($e) . ", got $ta " . $show->($a)) if $te ne $ta;
    if ($te eq 'object') {
        my @m;
        for my $k (sort keys %$e) {
            my $kp = $k =~ /^\w+\z/ ? "$path.$k" : "$path\[" . $show->($k) . "]";
            if (!exists $a->{$k}) {
                push @m, "$kp: missing";
                next;
            }
            push @m, json_match($e->{$k}, $a->{$k}, $kp);
        }
        return @m;
    }
    if ($te eq 'array') {
        my @exp = @$e;
        if (@exp && json_type($exp[-1]) eq 'string' && $exp[-1] eq '...') {
            pop @exp;
            my $j = 0;
            for my $n (0 .. $#exp) {
                $j++ while $j < @$a && json_match($exp[$n], $a->[$j], "$path\[$j]");
                return ("$path: no element after index " . ($j > 0 ? $j - 1 : 0)
                      . " matches expected [$n] " . $show->($exp[$n]) . '; got ' . $show->($a))
                  if $j >= @$a;
                $j++;
            }
            return ();
        }
        return ("$path: expected " . scalar(@exp) . ' elements, got ' . scalar(@$a) . ': '
              . $show->($a))
          if @exp != @$a;
        return map { json_match($exp[$_], $a->[$_], "$path\[$_]") } 0 .. $#exp;
    }
    if ($te eq 'null') {
        return ();
    }
    if ($te eq 'bool') {
        return (!!$e == !!$a) ? () : ("$path: expected " . $show->($e) . ', got ' . $show->($a));
    }
    if ($te eq 'number') {
        return $e == $a ? () : ("$path: expected $e, got $a");
    }
    return $e eq $a ? () : ("$path: expected " . $show->($e) . ', got ' . $show->($a));
}

# json_path(DATA, '$.a.b[0]') -> (found, value)
sub json_path
{
    my ($d, $path) = @_;
    $path =~ s/^\$// or return (0);
    while ($path ne '') {
        if ($path =~ s/^\.(\w+)//) {
            return (0) unless ref $d eq 'HASH' && exists $d->{$1};
            $d = $d->{$1};
        } elsif ($path =~ s/^\[(\d+)\]//) {
            return (0) unless ref $d eq 'ARRAY' && $1 < @$d;
            $d = $d->[$1];
        } else {
            return (0);
        }
    }
    return (1, $d);
}

# ---- TOTP ---------------------------------------------------------------------------------

sub base32_decode
{
    my ($s) = @_;
    $s = uc $s;
    $s =~ s/[\s=-]//g;
    die "base32: bad character in '$s'\n" if $s =~ /[^A-Z2-7]/;
    my $bits = join '', map { sprintf '%05b', index('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', $_) } split //, $s;
    $bits = substr($bits, 0, length($bits) - length($bits) % 8);
    return pack 'B*', $bits;
}

# RFC 6238 / 4226 with HMAC-SHA1: the code for time step STEP (unix time / 30).
sub totp_code
{
    my ($key, $step, $digits) = @_;
    $digits //= 6;
    my $msg = pack 'NN', int($step / 2**32), $step % 2**32;
    my $h = hmac_sha1($msg, $key);
    my $off = ord(substr $h, -1) & 0x0f;
    my $bin = unpack('N', substr $h, $off, 4) & 0x7fffffff;
    return sprintf '%0*d', $digits, $bin % (10**$digits);
}

# ---- templates ----------------------------------------------------------------------------

# "1048576+1", "64*1024" -> number (digits, + and * only)
sub eval_count
{
    my ($s) = @_;
    die "bad count '$s'\n" unless $s =~ /^\d+(?:[+*]\d+)*$/;
    my $sum = 0;
    for my $term (split /\+/, $s) {
        my $p = 1;
        $p *= $_ for split /\*/, $term;
        $sum += $p;
    }
    return $sum;
}

# \xHH -> byte, \\ -> backslash
sub decode_escapes
{
    my ($s) = @_;
    $s =~ s/\\(?:x([0-9A-Fa-f]{2})|(\\))/defined $1 ? chr(hex $1) : '\\'/ge;
    return $s;
}

# expand_template(TEXT, VARS, FUNCS): {{NAME}} from VARS; {{repeat:TEXT:COUNT}};
# {{totp:NAME}}, {{totp-wrong:NAME}}, {{totp-last:NAME}} through FUNCS->{totp}(name, ''|wrong|last).
# Dies on anything unknown.
sub expand_template
{
    my ($text, $vars, $funcs) = @_;
    return $text unless defined $text;
    $text =~ s{\{\{(.*?)\}\}}{
        my $t = $1;
        if ($t =~ /^repeat:(.*):([\d+*]+)$/s) { $1 x eval_count($2) }
        elsif ($t =~ /^totp(?:-(wrong|last))?:(\w+)$/) {
            die "{{$t}}: no TOTP support here\n" unless $funcs && $funcs->{totp};
            $funcs->{totp}->($2, $1 // '');
        }
        elsif ($t =~ /^\w+$/) {
            die "{{$t}} is not saved by an earlier step\n" unless exists $vars->{$t};
            $vars->{$t};
        }
        else { die "{{$t}}: unknown template\n" }
    }ge;
    return $text;
}

# ---- HTTP ---------------------------------------------------------------------------------

# http_request(PORT, BYTES[, TIMEOUT]) -> response hash (see parse_response) or
# { error => "..." }. Writes and reads at the same time, so that a server answering early
# (413 on a large body) is still heard before it closes the connection.
sub http_request
{
    my ($port, $bytes, $timeout) = @_;
    $timeout //= 5;
    local $SIG{PIPE} = 'IGNORE';
    my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Proto => 'tcp',
                                     Timeout => $timeout)
      or return {error => "connect to 127.0.0.1:$port: $@"};
    $sock->blocking(0);
    my $sel = IO::Select->new($sock);
    my ($in, $off, $deadline, $write_error) = ('', 0, time + $timeout, undef);
    while (1) {
        my $left = $deadline - time;
        if ($left <= 0) {
            my $r = parse_response($in, 1);
            return $r if $r && $r->{complete};
            return {error => 'timed out after ' . $timeout . ' s'
                      . (length $in ? '; partial response: ' . substr($in, 0, 300) : '')};
        }
        my @w = $off < length $bytes && !$write_error ? ($sock) : ();
        my ($r, $wr) = IO::Select->select($sel, @w ? IO::Select->new(@w) : undef, undef, $left);
        if ($wr && @$wr) {
            my $n = syswrite($sock, $bytes, 65536, $off);
            if (defined $n) {
                $off += $n;
            } elsif (!$!{EAGAIN} && !$!{EWOULDBLOCK}) {
                $write_error = "$!";
            }
        }
        if ($r && @$r) {
            my $n = sysread($sock, $in, 65536, length $in);
            if (!defined $n) {
                next if $!{EAGAIN} || $!{EWOULDBLOCK};
                my $resp = parse_response($in, 1);
                return $resp if $resp && $resp->{complete};
                return {error => "read: $!" . ($write_error ? " (write: $write_error)" : '')};
            }
            if ($n == 0) {
                my $resp = parse_response($in, 1);
                return $resp if $resp && $resp->{complete};
                return {error => 'connection closed before a complete response'
                          . ($write_error ? " (write: $write_error)" : '')
                          . (length $in ? ': ' . substr($in, 0, 300) : '')};
            }
            my $resp = parse_response($in, 0);
            return $resp if $resp && $resp->{complete};
        }
    }
}

# parse_response(BYTES, AT_EOF) -> undef (no complete head yet) or { status, reason,
# headers => [[name, value]...], body, complete }. 1xx interim responses are skipped.
sub parse_response
{
    my ($in, $eof) = @_;
    while (1) {
        my $end = index($in, "\r\n\r\n");
        return undef if $end < 0;
        my $head = substr($in, 0, $end);
        my $rest = substr($in, $end + 4);
        my ($sl, @hl) = split /\r\n/, $head;
        my ($status, $reason) = $sl =~ m{^HTTP/\d\.\d (\d{3})(?: (.*))?$} or return {
            status => 0, headers => [], body => $in, complete => 1, bad => "bad status line '$sl'"};
        my @h;
        for (@hl) {
            if (/^[ \t]/ && @h) {
                $h[-1][1] .= ' ' . s/^\s+//r;
            } elsif (/^([^:]+):[ \t]*(.*?)[ \t]*$/) {
                push @h, [$1, $2];
            }
        }
        if ($status =~ /^1/) {
            $in = $rest;
            next;
        }
        my $resp = {status => $status, reason => $reason // '', headers => \@h, complete => 0};
        my ($cl) = header_values($resp, 'Content-Length');
        my ($te) = header_values($resp, 'Transfer-Encoding');
        if ($status == 204 || $status == 304) {
            $resp->{body} = '';
            $resp->{complete} = 1;
        } elsif ($te && $te =~ /chunked/i) {
            my ($body, $pos) = ('', 0);
            while (1) {
                my $nl = index($rest, "\r\n", $pos);
                last if $nl < 0;
                my $size = hex substr($rest, $pos, $nl - $pos);
                if ($size == 0) {
                    $resp->{complete} = 1;
                    last;
                }
                last if length($rest) < $nl + 2 + $size + 2;
                $body .= substr($rest, $nl + 2, $size);
                $pos = $nl + 2 + $size + 2;
            }
            $resp->{body} = $body;
        } elsif (defined $cl) {
            $resp->{body} = substr($rest, 0, $cl);
            $resp->{complete} = length($rest) >= $cl ? 1 : 0;
        } else {
            $resp->{body} = $rest;
            $resp->{complete} = $eof ? 1 : 0;
        }
        return $resp;
    }
}

sub header_values
{
    my ($resp, $name) = @_;
    return map { $_->[1] } grep { lc $_->[0] eq lc $name } @{$resp->{headers} || []};
}

# ---- which database a test uses --------------------------------------------------------------
#
# SQLite by default: DIR/pd.db. With PEERDESK_TEST_PG set to a PostgreSQL server's base URL
# (postgres://USER@HOST:PORT, as `tests/pg/cluster start` prints it), a fresh database on that
# server instead, made by tests/pg/cluster; test_db_drop removes it again (a no-op for SQLite).
#
#   my $db = test_db(DIR, LABEL);               # -> the --db argument, or dies
#   test_db_drop($db);                          # after the last process using it has ended

my $CLUSTER = do { require Cwd; require File::Basename;
                   File::Basename::dirname(Cwd::abs_path(__FILE__)) . '/../../pg/cluster' };
my $test_dbs = 0;

sub test_db
{
    my ($dir, $label, $base) = @_;
    $base //= $ENV{PEERDESK_TEST_PG};
    return "$dir/pd.db" unless defined $base && length $base;
    my $name = substr('t_' . lc($label =~ s/[^A-Za-z0-9]+/_/gr), 0, 40) . "_$$" . '_' . ++$test_dbs;
    my $url = _cluster('url', $base, $name);
    $url =~ m{^postgres(?:ql)?://\S+/\Q$name\E$} or die "tests/pg/cluster url printed '$url'\n";
    return $url;
}

sub test_db_drop
{
    my ($db) = @_;
    my ($base, $name) = $db =~ m{^(postgres(?:ql)?://[^/]+)/([a-z0-9_]+)$} or return;
    _cluster('dropdb', $base, $name);
}

sub _cluster
{
    my @args = @_;
    open my $fh, '-|', $CLUSTER, @args or die "$CLUSTER: $!\n";
    my $out = do { local $/; <$fh> } // '';
    close $fh or die "tests/pg/cluster @args failed" . ($! ? ": $!" : '') . "\n";
    chomp $out;
    return $out;
}

# ---- a server session, for test programs other than run.t -----------------------------------
#
# tests/authz/run.t (and any other program that wants a live server without a case file)
# uses these; run.t keeps its own copies. Same behaviour: `peerdesk init`, `serve` on
# 127.0.0.1:0, login through TOTP enrolment or the TOTP step, cookie + CSRF per identity,
# audit entries after a sequence number without our own `audit list` reads.
#
#   my $s = srv_new(BIN[, db => URL]);         # temp dir + `peerdesk init` + org `test`
#   srv_cmd($s, STDIN, ARGS...)                 # -> (exit status, output); --db is added
#   srv_start($s) / srv_stop($s)                # serve / SIGTERM (-> 'exit 0' or why)
#   srv_login($s, EMAIL[, PASSWORD])            # -> undef or what went wrong
#   srv_call($s, EMAIL|undef, METHOD, PATH[, BODY[, HEADERS]]) # -> response, ->{json} decoded
#   srv_audit_after($s, SEQ)                    # -> (error, [entries], last seq)

our $SRV_PASSWORD = 'correct horse battery staple';

sub srv_new
{
    my ($bin, %opt) = @_;
    require File::Temp;
    my $dir = File::Temp::tempdir('peerdesk-srv-XXXXXX', TMPDIR => 1, CLEANUP => !$opt{keep});
    my $s = {bin => $bin, dir => $dir, db => $opt{db} // "$dir/pd.db", jars => {}, totp_last => {},
             secrets => {}};
    for my $c (['init'], ['org', 'add', '--slug', 'test', '--name', 'Testorganisatie']) {
        my ($rc, $out) = srv_cmd($s, '', @$c);
        die "peerdesk @$c: exit " . ($rc >> 8) . "\n$out" if $rc;
    }
    return $s;
}

sub srv_cmd
{
    my ($s, $stdin, @args) = @_;
    my ($in, $out) = ("$s->{dir}/cmd.in", "$s->{dir}/cmd.out");
    open my $fh, '>', $in or die "$in: $!";
    print $fh $stdin // '';
    close $fh;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', $in or die;
        open STDOUT, '>', $out or die;
        open STDERR, '>&', \*STDOUT or die;
        exec $s->{bin}, @args, '--db', $s->{db} or do { print STDERR "exec: $!\n"; POSIX::_exit(127) };
    }
    waitpid $pid, 0;
    my $rc = $?;
    my $text = do { local $/; open my $o, '<', $out; <$o> // '' };
    return ($rc, $text);
}

sub srv_start
{
    my ($s) = @_;
    require POSIX;
    my $out = "$s->{dir}/server.out";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', '/dev/null' or die;
        open STDOUT, '>', $out or die;
        open STDERR, '>', "$s->{dir}/server.log" or die;
        exec $s->{bin}, 'serve', '--db', $s->{db}, '--listen', '127.0.0.1:0'
          or do { print STDERR "exec: $!\n"; POSIX::_exit(127) };
    }
    $s->{pid} = $pid;
    my $deadline = time + 10;
    while (time < $deadline) {
        if (open my $fh, '<', $out) {
            while (<$fh>) {
                if (m{^peerdesk: listening on http://127\.0\.0\.1:(\d+)\s*$}) {
                    $s->{port} = $1;
                    return undef;
                }
            }
        }
        return 'peerdesk serve ended before listening' if waitpid($pid, POSIX::WNOHANG()) == $pid;
        select undef, undef, undef, 0.05;
    }
    return 'peerdesk serve did not listen within 10 s';
}

sub srv_stop
{
    my ($s) = @_;
    require POSIX;
    return 'never started' unless $s->{pid};
    return 'it had died' if waitpid($s->{pid}, POSIX::WNOHANG()) == $s->{pid};
    kill 'TERM', $s->{pid};
    my $deadline = time + 5;
    while (time < $deadline) {
        if (waitpid($s->{pid}, POSIX::WNOHANG()) == $s->{pid}) {
            my $rc = $?;
            return $rc & 127 ? 'signal ' . ($rc & 127) : 'exit ' . ($rc >> 8);
        }
        select undef, undef, undef, 0.05;
    }
    kill 'KILL', $s->{pid};
    waitpid $s->{pid}, 0;
    return 'no exit within 5 s of SIGTERM (killed)';
}

sub _srv_totp
{
    my ($s, $secret) = @_;
    my $key  = base32_decode($secret);
    my $now  = int(time / 30);
    my $last = $s->{totp_last}{$secret} // -1;
    my $step = $now > $last ? $now : $last + 1;
    if ($step > $now + 1) {
        my $wait = ($step - 1) * 30 - time + 0.2;
        select undef, undef, undef, $wait if $wait > 0;
    }
    $s->{totp_last}{$secret} = $step;
    return totp_code($key, $step);
}

# srv_call(S, EMAIL or undef, METHOD, PATH[, BODY (string or Perl data)[, [[Name, value]...]]])
sub srv_call
{
    my ($s, $who, $method, $path, $body, $headers) = @_;
    my $jar = defined $who ? ($s->{jars}{$who} //= {}) : undef;
    $body = JSON::PP->new->canonical->encode($body) if ref $body;
    my @h = @{$headers // []};
    my %has = map { lc($_->[0]) => 1 } @h;
    push @h, ['Cookie', $jar->{cookie}] if $jar && $jar->{cookie};
    push @h, ['X-CSRF-Token', $jar->{csrf}]
      if $jar && $jar->{cookie} && $jar->{csrf} && $method !~ /^(GET|HEAD)$/ && !$has{'x-csrf-token'};
    push @h, ['Content-Type', 'application/json'] if defined $body && length $body && !$has{'content-type'};
    my $req = "$method $path HTTP/1.1\r\nHost: 127.0.0.1:$s->{port}\r\nConnection: close\r\n";
    $req .= "$_->[0]: $_->[1]\r\n" for @h;
    $req .= 'Content-Length: ' . length($body // '') . "\r\n"
      if defined $body || $method =~ /^(POST|PUT|PATCH|DELETE)$/;
    $req .= "\r\n" . ($body // '');
    my $r = http_request($s->{port}, $req, 10);
    return $r if $r->{error};
    my ($ct) = header_values($r, 'Content-Type');
    $r->{json} = eval { JSON::PP->new->allow_nonref->decode($r->{body}) }
      if length($r->{body} // '') && ($ct // '') =~ m{[/+]json\b};
    if ($jar) {
        for my $sc (header_values($r, 'Set-Cookie')) {
            my ($pair) = split /;/, $sc, 2;
            my ($n, $v) = $pair =~ /^\s*([^=]+?)\s*=\s*(.*?)\s*$/ or next;
            if ($v eq '' || $sc =~ /;\s*max-age\s*=\s*0\b/i) {
                delete $jar->{cookie};
            } else {
                $jar->{cookie} = "$n=$v";
            }
        }
        my $j = $r->{json};
        if (ref $j eq 'HASH') {
            $jar->{csrf}  = $j->{csrf_token} if defined $j->{csrf_token} && !ref $j->{csrf_token};
            $jar->{level} = $j->{level} if defined $j->{level} && !ref $j->{level} && $r->{status} < 300;
        }
    }
    return $r;
}

sub srv_login
{
    my ($s, $email, $password) = @_;
    $s->{jars}{$email} = {};
    my $fail = sub {
        my ($what, $r) = @_;
        return "login as $email: $what: " . ($r->{error} // "HTTP $r->{status} " . ($r->{body} // ''));
    };
    my $r = srv_call($s, $email, 'POST', '/api/v1/session',
                     {email => $email, password => $password // $SRV_PASSWORD});
    return $fail->('POST /api/v1/session', $r) if $r->{error} || $r->{status} != 200;
    my $level = $r->{json}{level} // '';
    if ($level eq 'totp_enrol') {
        $r = srv_call($s, $email, 'POST', '/api/v1/me/totp');
        return $fail->('POST /api/v1/me/totp', $r) if $r->{error} || $r->{status} != 200;
        $s->{secrets}{$email} = $r->{json}{secret};
        $r = srv_call($s, $email, 'POST', '/api/v1/me/totp/verify',
                      {code => _srv_totp($s, $s->{secrets}{$email})});
        return $fail->('POST /api/v1/me/totp/verify', $r) if $r->{error} || $r->{status} != 200;
        $level = $r->{json}{level} // '';
    } elsif ($level eq 'totp') {
        return "login as $email: no TOTP secret known" unless $s->{secrets}{$email};
        $r = srv_call($s, $email, 'POST', '/api/v1/session/totp',
                      {code => _srv_totp($s, $s->{secrets}{$email})});
        return $fail->('POST /api/v1/session/totp', $r) if $r->{error} || $r->{status} != 200;
        $level = $r->{json}{level} // '';
    }
    return $fail->("ended at level '$level'", $r) unless $level eq 'full';
    return undef;
}

sub srv_audit_after
{
    my ($s, $after) = @_;
    my (@entries, $last);
    $last = $after;
    my $J = JSON::PP->new;
    for (1 .. 100) {
        my ($rc, $out) = srv_cmd($s, '', 'audit', 'list', '--after', $last, '--json');
        return ("peerdesk audit list: exit " . ($rc >> 8) . "\n$out") if $rc;
        my $theirs = 0;
        for my $line (split /\n/, $out) {
            next unless $line =~ /^\s*\{/;
            my $en = eval { $J->decode($line) } or return ("audit list: bad JSON line: $line");
            $last = $en->{seq} if $en->{seq} > $last;
            next if ($en->{event} // '') eq 'audit.read' && ($en->{access_basis} // '') eq 'cli'
              && !defined $en->{actor_user_id};
            push @entries, $en;
            $theirs++;
        }
        return (undef, \@entries, $last) unless $theirs;
    }
    return ('audit list: more than 100 pages of entries');
}

1;
