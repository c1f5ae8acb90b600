#!/usr/bin/perl
# tests/lint/run.t: proves tools/lint catches what it claims, and only that.
#
# Each fixture starts with a comment naming what the lint must say about it:
#   /* expect: REASON ; path: src/app/x.c ; line: N */   (tests/lint/bad/*.c)
#   /* path: src/store/x.c */                             (tests/lint/good/*.c)
# `expect` is a substring of the finding, `path` is passed as --pretend-path (default
# src/app/fixture.c, so the path rules apply as to production code), `line` (optional)
# is the line the finding must name. Run with: prove tests/lint/run.t
use strict;
use warnings;
use Test::More;
use File::Basename qw(dirname);
use Cwd qw(abs_path);

my $root = abs_path(dirname(__FILE__) . '/../..');
chdir $root or die "cd $root: $!";
my $lint = "$root/tools/lint";

sub header
{
    my ($file) = @_;
    open my $fh, '<', $file or die "$file: $!";
    my $first = <$fh> // '';
    close $fh;
    my %h;
    $first =~ s{^\s*/\*\s*|\s*\*/\s*$}{}g;
    for my $part (split /\s*;\s*/, $first) {
        $h{$1} = $2 if $part =~ /^(expect|path|line):\s*(.*?)\s*$/;
    }
    return \%h;
}

sub run_lint
{
    my (@args) = @_;
    my $cmd = join ' ', map { quotemeta } $lint, @args;
    my $out = qx{$cmd 2>&1};
    return ($? >> 8, $out);
}

my @bad  = sort glob('tests/lint/bad/*.c');
my @good = sort glob('tests/lint/good/*.c');
ok(@bad >= 5,  'there are bad fixtures');
ok(@good >= 4, 'there are good fixtures');

for my $file (@bad) {
    my $h = header($file);
    my $name = "bad: $file";
    if (!defined $h->{expect}) {
        fail("$name: first line says /* expect: ... */");
        next;
    }
    my ($rc, $out) = run_lint('--pretend-path', $h->{path} // 'src/app/fixture.c', $file);
    is($rc, 1, "$name: lint fails") or diag($out);
    my @lines = split /\n/, $out;
    my @hits  = grep { index($_, $h->{expect}) >= 0 } @lines;
    ok(@hits, "$name: names \"$h->{expect}\"") or diag($out);
    is(scalar(grep { !/^\Q$file\E:\d+: \S/ } @lines), 0, "$name: every line is file:line: reason")
      or diag($out);
    # a fixture must not pass its test by being badly formatted by accident
    if ($h->{expect} !~ /formatted/) {
        ok(!grep(/not formatted/, @lines), "$name: fixture itself is formatted") or diag($out);
    }
    if (defined $h->{line}) {
        ok((grep { /^\Q$file\E:\Q$h->{line}\E: / } @hits), "$name: at line $h->{line}")
          or diag($out);
    }
}

for my $file (@good) {
    my $h = header($file);
    my ($rc, $out) = run_lint('--pretend-path', $h->{path} // 'src/app/fixture.c', $file);
    is($rc, 0, "good: $file: lint passes") or diag($out);
    is($out, '', "good: $file: lint is silent") or diag($out);
}

# The path rules really depend on the path: the same SQL literal passes inside src/store/.
{
    my ($rc, $out) = run_lint('--pretend-path', 'src/store/x.c', 'tests/lint/bad/sql-outside-store.c');
    is($rc, 0, 'SQL literal is allowed under src/store/') or diag($out);
}
# banned.h defines the poison macros (#define strcpy(...) ...); it is the one file allowed to
# name them, and a #define of the name is not a call anyway.
{
    my ($rc, $out) = run_lint('--pretend-path', 'src/lib/banned.h', 'tests/lint/bad/banned-strcpy.c');
    is($rc, 0, 'src/lib/banned.h is exempt from the banned-call rule') or diag($out);
    ($rc, $out) = run_lint('--pretend-path', 'src/lib/banned.h', 'tests/lint/bad/sql-outside-store.c');
    is($rc, 1, '... but from no other rule') or diag($out);
    if (-f 'src/lib/banned.h') {
        ($rc, $out) = run_lint('--pretend-path', 'src/lib/other.h', 'src/lib/banned.h');
        unlike($out, qr/banned call/, '#define strcpy(...) is not a call of strcpy');
    }
}
# Usage errors are not silent passes.
{
    my ($rc, $out) = run_lint('tests/lint/no-such-file.c');
    is($rc, 2, 'a missing file is an error (exit 2)');
    ($rc, $out) = run_lint('--pretend-path', 'src/app/x.c', @good[0, 1]);
    is($rc, 2, '--pretend-path with two files is a usage error');
}

done_testing();
