#!/usr/bin/perl
# t0002-org-user: organisations and workers from the command line: add and list, and every
# refusal names the field at fault (slug, email, role, password, org) and changes nothing.
# Passwords come from standard input (not a terminal here). That a changed password really
# works at login is tests/http/0007-session-ends.test.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskCLI;

my $dir = newdir();
my $db  = "$dir/pd.db";
my $PW  = "correct horse battery staple\n";
run_ok('init', 'init', '--db', $db);

# ---- organisations ------------------------------------------------------------------------
my $r = run_ok('org add', 'org', 'add', '--db', $db, '--slug', 'acme', '--name', 'Acme Zorg BV');
like($r->{out}, qr/^acme\tAcme Zorg BV\t[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\n\z/,
     'org add prints slug, name and a UUIDv7 id');
my ($acme_id) = $r->{out} =~ /\t([0-9a-f-]{36})$/m;
run_ok('a second org add', 'org', 'add', '--db', $db, '--slug', 'other-2', '--name', 'Other');

$r = run_ok('org list', 'org', 'list', '--db', $db);
is($r->{out}, "acme\tAcme Zorg BV\t$acme_id\nother-2\tOther\t" . ($r->{out} =~ /other-2\tOther\t(\S+)/)[0] . "\n",
   'org list shows both, one per line');

$r = run_exit('non-zero', 'a duplicate slug is refused', 'org', 'add', '--db', $db, '--slug', 'acme',
              '--name', 'Acme Again');
like($r->{err}, qr/\bslug\b/, 'the error names slug');
$r = run_exit('non-zero', 'a bad slug is refused', 'org', 'add', '--db', $db, '--slug', 'Bad Slug',
              '--name', 'Bad');
like($r->{err}, qr/\bslug\b/, 'the error names slug');
$r = run_ok('org list after the refusals', 'org', 'list', '--db', $db);
is(scalar(() = $r->{out} =~ /\n/g), 2, 'still two organisations');
unlike($r->{out}, qr/Acme Again|Bad/, 'neither refused organisation was added');

# ---- workers ------------------------------------------------------------------------------
$r = run_ok('user add with the password on stdin and two roles', {stdin => $PW},
            'user', 'add', '--db', $db, '--org', 'acme', '--email', 'Gina@Example.TEST',
            '--name', 'Gina Generaal', '--role', 'generalist,expert');
like($r->{out}, qr/^gina\@example\.test\t[0-9a-f-]{36}$/m, 'user add prints the (lowercased) email and the id');
run_ok('user add a student', {stdin => $PW}, 'user', 'add', '--db', $db, '--org', 'acme',
       '--email', 'sam@example.test', '--name', 'Sam Student', '--role', 'student');

$r = run_ok('user list', 'user', 'list', '--db', $db, '--org', 'acme');
my %list = map { my @f = split /\t/; ($f[0] => [@f[1 .. $#f]]) } split /\n/, $r->{out};
is_deeply([sort keys %list], ['gina@example.test', 'sam@example.test'], 'user list shows both workers')
  or diag($r->{out});
is($list{'gina@example.test'}[0], 'active', 'gina is active');
is(join(',', sort split /,/, $list{'gina@example.test'}[1] // ''), 'expert,generalist',
   'gina has both roles');
is($list{'gina@example.test'}[2], 'Gina Generaal', 'and her name');
is_deeply($list{'sam@example.test'}, ['active', 'student', 'Sam Student'], 'sam: active, student');
$r = run_ok('user list of the other organisation', 'user', 'list', '--db', $db, '--org', 'other-2');
is($r->{out}, '', 'is empty');

my @bad = (
    ['a duplicate email (in other case) is refused', qr/\bemail\b/,
     {stdin => $PW}, '--org', 'other-2', '--email', 'GINA@example.test', '--name', 'Dup', '--role', 'student'],
    ['an unknown role is refused', qr/\bwizard\b/,
     {stdin => $PW}, '--org', 'acme', '--email', 'w@example.test', '--name', 'W', '--role', 'student,wizard'],
    ['a too-short password is refused', qr/\bpassword\b/,
     {stdin => "short1\n"}, '--org', 'acme', '--email', 'p@example.test', '--name', 'P', '--role', 'student'],
    ['a common password is refused', qr/\bpassword\b/,
     {stdin => "password1\n"}, '--org', 'acme', '--email', 'p@example.test', '--name', 'P', '--role', 'student'],
    ['an unknown org is refused', qr/\borg\b/,
     {stdin => $PW}, '--org', 'nosuch', '--email', 'o@example.test', '--name', 'O', '--role', 'student'],
    ['no password on stdin is refused', qr/\bpassword\b/,
     {stdin => ''}, '--org', 'acme', '--email', 'e@example.test', '--name', 'E', '--role', 'student'],
    ['a malformed email is refused', qr/\bemail\b/,
     {stdin => $PW}, '--org', 'acme', '--email', 'not-an-address', '--name', 'E', '--role', 'student'],
);
for my $b (@bad) {
    my ($name, $re, $opts, @args) = @$b;
    $r = run_exit('non-zero', $name, $opts, 'user', 'add', '--db', $db, @args);
    like($r->{err}, $re, "  ... naming $re");
}
for my $org ('acme', 'other-2') {
    $r = run_ok("user list $org after the refusals", 'user', 'list', '--db', $db, '--org', $org);
    is(scalar(() = $r->{out} =~ /\n/g), $org eq 'acme' ? 2 : 0, "  ... no refused worker was added to $org")
      or diag($r->{out});
}
is(sq($db, 'SELECT count(*) FROM worker'), "2\n", 'the database holds two workers');

# ---- disable and passwd -------------------------------------------------------------------
$r = run_ok('user disable', 'user', 'disable', '--db', $db, '--email', 'sam@example.test');
like($r->{out}, qr/disabled sam\@example\.test/, 'says so');
$r = run_ok('user list after disable', 'user', 'list', '--db', $db, '--org', 'acme');
like($r->{out}, qr/^sam\@example\.test\tdisabled\tstudent\tSam Student$/m, 'sam is shown disabled');
like($r->{out}, qr/^gina\@example\.test\tactive\t/m, 'gina is still active');
$r = run_exit('non-zero', 'user disable of an unknown email fails', 'user', 'disable', '--db', $db,
              '--email', 'nobody@example.test');
like($r->{err}, qr/\bemail\b/, '  ... naming email');

my $old_hash = sq($db, "SELECT pw_hash FROM worker WHERE email = 'gina\@example.test'");
$r = run_exit('non-zero', 'user passwd refuses a common password', {stdin => "password1\n"},
              'user', 'passwd', '--db', $db, '--email', 'gina@example.test');
like($r->{err}, qr/\bpassword\b/, '  ... naming password');
is(sq($db, "SELECT pw_hash FROM worker WHERE email = 'gina\@example.test'"), $old_hash,
   '  ... and keeps the old password');
$r = run_ok('user passwd', {stdin => "a new and different passphrase\n"}, 'user', 'passwd', '--db', $db,
            '--email', 'gina@example.test');
like($r->{out}, qr/password of gina\@example\.test set/, 'says so');
my $new_hash = sq($db, "SELECT pw_hash FROM worker WHERE email = 'gina\@example.test'");
like($new_hash, qr/^\$argon2id\$/, 'the stored password is an Argon2id hash');
isnt($new_hash, $old_hash, 'and it changed');
unlike($new_hash, qr/passphrase/, 'the password itself is not stored');
$r = run_exit('non-zero', 'user passwd of an unknown email fails', {stdin => "a new and different passphrase\n"},
              'user', 'passwd', '--db', $db, '--email', 'nobody@example.test');
like($r->{err}, qr/\bemail\b/, '  ... naming email');

# ---- the changes are audited ------------------------------------------------------------
my @events = sq_lines($db, 'SELECT event || \' \' || outcome || \' \' || actor_role FROM audit_log ORDER BY seq');
is_deeply([grep { !/^audit\.read / } @events],
          ['org.create success cli', 'org.create success cli', 'worker.create success cli',
           'worker.create success cli', 'worker.disable success cli', 'worker.password success cli'],
          'each successful change wrote one audit entry (actor cli)')
  or diag(join "\n", @events);

done_testing();
