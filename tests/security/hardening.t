#!/usr/bin/perl
# tests/security/hardening.t: the release binary carries the hardening of SECURITY.md 20
# (Makefile HARDEN and LDHARD), read from the ELF file itself with readelf (binutils):
#
#   pie       ELF type DYN with a program interpreter (an executable, position-independent)
#   relro     a GNU_RELRO segment
#   now       BIND_NOW, or NOW in FLAGS / FLAGS_1 (with relro: full RELRO, the GOT read-only)
#   nx-stack  a GNU_STACK segment without E (the stack is not executable)
#   ssp       __stack_chk_fail imported (-fstack-protector-strong put canaries in)
#   fortify   at least one __*_chk function imported (_FORTIFY_SOURCE); their number is printed
#   no-rpath  no RPATH or RUNPATH (no library looked up in a directory we did not choose)
#   no test VFS  the variables of the debug build's test VFS are not in the binary
#
# The checker must be able to fail: a tiny C file is compiled once with the same flags (every
# check passes) and once per property with just that property switched off (exactly that check
# fails). Without a C compiler or readelf it fails: `make deps` installs both.
#
#   prove -v tests/security/hardening.t
#   HARDENING_BIN=path/to/elf prove -v tests/security/hardening.t    # another binary
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use Test::More;
use Time::HiRes qw(time);

my $T0   = time;
my $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $BIN  = $ENV{HARDENING_BIN} // "$ROOT/build/release/peerdesk";
my $CC   = $ENV{CC} // 'cc';
my @CHECKS = qw(pie relro now nx-stack ssp fortify no-rpath);

sub run
{
    my (@cmd) = @_;
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if (!$pid) {
        open STDERR, '>&', \*STDOUT or die;
        exec @cmd or do { print "exec $cmd[0]: $!\n"; exit 127 };
    }
    my $out = do { local $/; <$fh> // '' };
    close $fh;
    return ($? >> 8, $out);
}

# -> {check => 1|0}, the imported __*_chk names, and what readelf said when it failed.
sub inspect
{
    my ($file) = @_;
    my ($rc, $hdr) = run('readelf', '-W', '--file-header', '--program-headers', '--dynamic',
                         $file);
    return (undef, undef, "readelf on $file: exit $rc\n$hdr") if $rc;
    my ($rc2, $syms) = run('readelf', '-W', '--dyn-syms', $file);
    return (undef, undef, "readelf --dyn-syms on $file: exit $rc2\n$syms") if $rc2;

    my %ok;
    my ($type) = $hdr =~ /^\s*Type:\s+(\S+)/m;
    $ok{pie}   = ($type // '') eq 'DYN' && $hdr =~ /^\s*INTERP\s/m ? 1 : 0;
    $ok{relro} = $hdr =~ /^\s*GNU_RELRO\s/m ? 1 : 0;
    $ok{now}   = $hdr =~ /\(BIND_NOW\)/ || $hdr =~ /\(FLAGS(?:_1)?\)\s+Flags:.*\bNOW\b/ ? 1 : 0;
    my ($stack) = $hdr =~ /^\s*GNU_STACK\s+(.*)$/m;
    # GNU_STACK Offset VirtAddr PhysAddr FileSiz MemSiz Flg Align: the flags are "RW " or "RWE".
    my @f = split ' ', $stack // '';
    my $flags = @f >= 7 ? join('', @f[5 .. $#f - 1]) : '';
    $ok{'nx-stack'} = defined $stack && $flags !~ /E/ ? 1 : 0;
    my %und;
    for (split /\n/, $syms) {
        my @c = split ' ';
        next unless @c >= 8 && $c[6] eq 'UND';
        (my $name = $c[7]) =~ s/@.*//;
        $und{$name} = 1;
    }
    $ok{ssp} = $und{__stack_chk_fail} ? 1 : 0;
    my @chk = sort grep { /^__\w+_chk$/ && $_ ne '__stack_chk_fail' } keys %und;
    $ok{fortify}    = @chk ? 1 : 0;
    $ok{'no-rpath'} = $hdr =~ /\((?:RPATH|RUNPATH)\)/ ? 0 : 1;
    return (\%ok, \@chk, undef);
}

sub failing { my ($ok) = @_; return join(' ', grep { !$ok->{$_} } @CHECKS) || 'none' }

# ---- the release binary --------------------------------------------------------------------
ok(-x $BIN, "release binary at $BIN (make build)") or BAIL_OUT("no binary at $BIN");
my ($ok, $chk, $why) = inspect($BIN);
BAIL_OUT($why) if $why;
ok($ok->{$_}, "release binary: $_") for @CHECKS;
diag(sprintf('release binary: %d fortified functions imported: %s', scalar @$chk, "@$chk"));
ok((grep { $_ eq '__memcpy_chk' } @$chk) && (grep { /^__v?snprintf_chk$/ } @$chk),
   'among them __memcpy_chk and __snprintf_chk');

# The test VFS (src/store/vfs_test.h: a volatile page cache, injected I/O errors) is for the
# debug build only: the release binary must not even know the variables that turn it on. The
# debug binary, which has them, shows the search can find them.
sub has_string
{
    my ($file, $want) = @_;
    open my $fh, '<:raw', $file or return undef;
    local $/;
    my $bytes = <$fh>;
    return index($bytes, $want) >= 0 ? 1 : 0;
}
for my $var (qw(PEERDESK_TEST_VOLATILE PEERDESK_TEST_FAULTS)) {
    is(has_string($BIN, $var), 0, "release binary: no $var (the test VFS cannot be turned on)");
    my $dbg = "$ROOT/build/debug/peerdesk";
    is(has_string($dbg, $var), 1, "  ... while the debug binary has it (the check can fail)")
      if -x $dbg && !$ENV{HARDENING_BIN};
}

# ---- negative controls: the checker fails a binary built without each flag ---------------
my $dir = tempdir('peerdesk-harden-XXXXXX', TMPDIR => 1, CLEANUP => 1);
open my $src, '>', "$dir/t.c" or die;
print $src <<'C';
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    char buf[32];
    char line[64];
    size_t n = strlen(argv[0]) % sizeof(buf);
    memcpy(buf, argv[0], n);
    buf[n] = '\0';
    snprintf(line, sizeof(line) - (size_t)argc, "%s %d", buf, argc);
    puts(line);
    return 0;
}
C
close $src;

# The Makefile's own flags, read from it so a change there is what gets tested here.
my $mk = do { local $/; open my $fh, '<', "$ROOT/Makefile" or die; <$fh> };
my %var;
while ($mk =~ /^(HARDEN|LDHARD)\s*:=\s*((?:.*\\\n)*.*)$/mg) {
    my ($name, $v) = ($1, $2);
    $v =~ s/\\\n/ /g;
    $var{$name} = [split ' ', $v];
}
ok($var{HARDEN} && $var{LDHARD}, 'HARDEN and LDHARD read from the Makefile')
  or BAIL_OUT('no HARDEN/LDHARD in the Makefile');
my @good = ('-Wformat', @{$var{HARDEN}}, @{$var{LDHARD}});    # COMMON has -Wformat=2

# property -> flags appended to the good ones that switch off just it (the later -z wins; the
# PIE flags are dropped instead).
my %without = (
    pie        => ['-fno-pie', '-no-pie'],
    relro      => ['-Wl,-z,norelro'],
    now        => ['-Wl,-z,lazy'],
    'nx-stack' => ['-Wl,-z,execstack'],
    ssp        => ['-fno-stack-protector'],
    fortify    => ['-U_FORTIFY_SOURCE', '-D_FORTIFY_SOURCE=0'],
    'no-rpath' => ['-Wl,-rpath,/tmp/peerdesk-libs'],
);

sub build
{
    my ($name, @flags) = @_;
    my ($rc, $out) = run($CC, @flags, "$dir/t.c", '-o', "$dir/$name");
    return $rc ? "$CC @flags: exit $rc\n$out" : undef;
}

my $e = build('good', @good);
ok(!$e, 'the control program builds with the release flags') or diag($e);
my ($gok) = inspect("$dir/good");
is(failing($gok), 'none', 'built with the release flags it passes every check');
for my $p (@CHECKS) {
    my @flags = (@good, @{$without{$p}});
    @flags = grep { $_ ne '-fPIE' && $_ ne '-pie' } @flags if $p eq 'pie';
    $e = build("without-$p", @flags);
    ok(!$e, "control without $p builds") or do { diag($e); next };
    my ($nok) = inspect("$dir/without-$p");
    is(failing($nok), $p, "without $p exactly the $p check fails");
}
# The debug build (ASan, no HARDEN/LDHARD) is a real binary without them.
my $debug = "$ROOT/build/debug/peerdesk";
if (-x $debug && !$ENV{HARDENING_BIN}) {
    my ($dok) = inspect($debug);
    my $f = failing($dok);
    isnt($f, 'none', "the debug binary, built without HARDEN/LDHARD, fails: $f");
}
diag(sprintf('hardening: %d checks on %s, %d negative controls, %.1f s', scalar @CHECKS, $BIN,
             scalar @CHECKS, time - $T0));
done_testing;
