#!/usr/bin/perl
# tests/security/storage-errors.t: SECURITY.md 22 against the real server: after a write or
# fsync error the server acknowledges no further writes until it is restarted.
#
# The errors are injected by the debug build's test VFS (src/store/vfs_test.h): the server
# runs with PEERDESK_TEST_FAULTS=FILE, and writing "fsync" (or "write") into FILE makes the
# next sync (write) of the database or its WAL fail; the file then says "fired fsync". For
# each of the two faults:
#
#   write path  a note is written; the fault is armed; the next note gets a 5xx
#               problem+json; with the fault gone, further notes, a new client and a login
#               are refused (503), a read of client data answers an error and none of its
#               data (it cannot have its audit entry), /healthz says storage-failed (503)
#   restart     writes and logins work again, /healthz is ok
#   read path   the audit writer thread's round (the audit entry of a dossier read) hits the
#               fault: that read answers an error and none of the dossier, and later writes
#               are refused
#   afterwards  every note and client written has its audit entry and every such entry
#               its record; `peerdesk db check` and `peerdesk audit verify` pass
#
#   PEERDESK=build/debug/peerdesk prove -v tests/security/storage-errors.t
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use HTTP::Tiny;
use JSON::PP;
use POSIX ();
use Test::More;
use Time::HiRes qw(time sleep);

use lib dirname(abs_path(__FILE__)) . '/lib';
use PeerdeskSec;    # $T0, $ROOT, $BIN; skips without the binary or sqlite3

delete $ENV{$_} for grep {/^PEERDESK_/} keys %ENV;
my $dir = tempdir('peerdesk-storage-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{STORAGE_KEEP});
{ open my $h, '>', "$dir/empty.conf" or die; close $h }
$ENV{PEERDESK_CONFIG} = "$dir/empty.conf";
my $db     = "$dir/demo.db";
my $faults = "$dir/faults";
my $http   = HTTP::Tiny->new(timeout => 20);
my %servers;
END { kill 'KILL', keys %servers }

sub slurp { open my $h, '<', $_[0] or return ''; local $/; <$h> // '' }
sub arm { open my $h, '>', $faults or die; print $h "$_[0]\n"; close $h }

sub sql
{
    my ($q) = @_;
    my $out = `sqlite3 -batch '$db' "$q" 2>&1`;
    die "sqlite3: $out" if $?;
    chomp $out;
    return $out;
}

sub pd
{
    my (@args) = @_;
    my $out = `'$BIN' @args 2>&1`;
    return ($? >> 8, $out);
}

sub serve
{
    pipe(my $rd, my $wr) or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        close $rd;
        $ENV{PEERDESK_TEST_FAULTS} = $faults;
        open STDIN, '<', '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>&', $wr or POSIX::_exit(126);
        open STDERR, '>>', "$dir/serve.log" or POSIX::_exit(126);
        exec $BIN, 'serve', '--db', $db, '--listen', '127.0.0.1:0' or POSIX::_exit(127);
    }
    close $wr;
    $servers{$pid} = $rd;
    my ($url) = (<$rd> // '') =~ m{(http://127\.0\.0\.1:\d+)}
      or BAIL_OUT('serve did not start: ' . slurp("$dir/serve.log"));
    return {pid => $pid, url => $url};
}

sub stop
{
    my ($s) = @_;
    kill 'TERM', $s->{pid};
    waitpid $s->{pid}, 0;
    delete $servers{$s->{pid}};
    return $?;
}

my $logins = 0;
sub login
{
    my ($s, $email) = @_;
    my $from = '127.0.2.' . (2 + $logins++ % 250);
    my $res = HTTP::Tiny->new(local_address => $from, timeout => 20)->post(
        "$s->{url}/api/v1/session", {headers => {'Content-Type' => 'application/json'},
                                     content => encode_json({email => $email, password => 'ervaring-telt'})});
    my ($cookie) = ($res->{headers}{'set-cookie'} // '') =~ /^(peerdesk_session=[^;]+)/;
    my ($csrf) = ($res->{content} // '') =~ /"csrf_token":"([^"]+)"/;
    return {cookie => $cookie, csrf => $csrf, status => $res->{status}};
}

sub call
{
    my ($s, $who, $method, $path, $body) = @_;
    my %h = (Cookie => $who->{cookie}, 'X-CSRF-Token' => $who->{csrf});
    $h{'Content-Type'} = 'application/json' if defined $body;
    my $res = $http->request($method, "$s->{url}$path",
                             {headers => \%h, defined $body ? (content => encode_json($body)) : ()});
    $res->{json} = eval { decode_json($res->{content}) };
    return $res;
}

my @day = gmtime;
my $today = sprintf('%04d-%02d-%02d', $day[5] + 1900, $day[4] + 1, $day[3]);
my $nth = 0;
sub post_note
{
    my ($s, $who, $dossier, $what) = @_;
    return call($s, $who, 'POST', "/api/v1/dossiers/$dossier/notes",
                {kind => 'phone', contact_on => $today, body => "$what " . ++$nth});
}

sub problem
{
    my ($r) = @_;
    return ($r->{headers}{'content-type'} // '') =~ m{^application/problem\+json} && $r->{json}
      && ($r->{json}{status} // 0) == $r->{status};
}

my ($rc, $out) = pd('init', '--db', $db, '--demo');
is($rc, 0, 'a demo database') or BAIL_OUT($out);
arm('none');

for my $fault (qw(fsync write)) {
    # ---- the write path ----
    my $s = serve();
    my $sanne = login($s, 'sanne@peerdesk.test');
    is($sanne->{status}, 200, "$fault: sanne logs in");
    my $res = call($s, $sanne, 'GET', '/api/v1/search?q=schuld');
    my ($dossier) = ($res->{content} // '') =~ /"dossier_id":"([0-9a-f-]{36})"/;
    ok($dossier, '  ... and finds a dossier of hers') or BAIL_OUT($res->{content});
    is(post_note($s, $sanne, $dossier, "Voor de $fault-fout")->{status}, 201, '  ... writes a note');
    is($http->get("$s->{url}/healthz")->{status}, 200, '  ... /healthz is ok');

    arm($fault);
    $res = post_note($s, $sanne, $dossier, "Tijdens de $fault-fout");
    ok($res->{status} >= 500 && problem($res),
       "$fault fault armed: the next note is refused with a 5xx problem+json ($res->{status})")
      or diag($res->{content});
    like(slurp($faults), qr/^fired \Q$fault\E$/, "  ... the $fault fault fired") or diag(slurp($faults));
    $res = post_note($s, $sanne, $dossier, "Na de $fault-fout");
    ok($res->{status} == 503 && problem($res), '  ... with the fault gone, the next note is refused too (503)')
      or diag("$res->{status} $res->{content}");
    $res = call($s, $sanne, 'POST', '/api/v1/clients', {code => "SE-$fault", goal_type => 'progress'});
    is($res->{status}, 503, '  ... and a new client (503)') or diag($res->{content});
    my $marieke = login($s, 'marieke@peerdesk.test');
    is($marieke->{status}, 503, '  ... and a login, which writes a session (503)');
    $res = call($s, $sanne, 'GET', "/api/v1/dossiers/$dossier/timeline");
    ok($res->{status} >= 500 && problem($res) && ($res->{content} // '') !~ /Voor de \Q$fault\E-fout/,
       "  ... a read of the dossier answers an error ($res->{status}), none of its notes:"
       . ' it could not have its audit entry') or diag($res->{content});
    $res = $http->get("$s->{url}/healthz");
    is($res->{status}, 503, '  ... /healthz answers 503');
    like($res->{content}, qr/"status":"storage-failed"/, '  ... saying storage-failed');
    is(stop($s), 0, '  ... and the server stops cleanly');

    # ---- restart ----
    $s = serve();
    is($http->get("$s->{url}/healthz")->{status}, 200, 'restarted: /healthz is ok');
    $sanne = login($s, 'sanne@peerdesk.test');
    is($sanne->{status}, 200, '  ... sanne logs in');
    is(post_note($s, $sanne, $dossier, "Na de herstart ($fault)")->{status}, 201, '  ... and writes a note');
    $res = call($s, $sanne, 'GET', "/api/v1/dossiers/$dossier/timeline");
    like($res->{content} // '', qr/Na de herstart \(\Q$fault\E\)/, '  ... and reads it back');

    # ---- the read path: the audit writer's round hits the fault ----
    arm($fault);
    $res = call($s, $sanne, 'GET', "/api/v1/dossiers/$dossier/timeline");
    ok($res->{status} >= 500 && problem($res) && ($res->{content} // '') !~ /Na de herstart/,
       "$fault fault armed: a dossier read whose audit entry fails answers an error"
       . " ($res->{status}), none of the dossier") or diag($res->{content});
    like(slurp($faults), qr/^fired \Q$fault\E$/, '  ... the fault fired in the audit round');
    is(post_note($s, $sanne, $dossier, "Na de leesfout ($fault)")->{status}, 503, '  ... later notes are refused');
    is(stop($s), 0, '  ... and the server stops cleanly');
    arm('none');
}

# ---- afterwards ----
my $s = serve();
my $sanne = login($s, 'sanne@peerdesk.test');
is($sanne->{status}, 200, 'a last restart: sanne logs in');
is(stop($s), 0, '  ... and the server stops');
my $mine = q{(n.body LIKE 'Voor de %' OR n.body LIKE 'Tijdens de %' OR n.body LIKE 'Na de %')};
ok(sql("SELECT count(*) FROM note n WHERE $mine") >= 4, 'the notes written here are there');
is(sql("SELECT count(*) FROM note n WHERE $mine AND NOT EXISTS (SELECT 1 FROM audit_log a"
       . " WHERE a.event = 'note.create' AND a.record_id = n.id)"), 0,
   'every note written here has its note.create audit entry (also one whose commit failed)');
is(sql(q{SELECT count(*) FROM audit_log a WHERE a.event = 'note.create'
          AND NOT EXISTS (SELECT 1 FROM note n WHERE n.id = a.record_id)}), 0,
   'every note.create entry has its note');
my @acked = split /\n/, sql(q{SELECT body FROM note WHERE body LIKE 'Voor de %-fout %'
                              OR body LIKE 'Na de herstart %' ORDER BY id});
is(scalar @acked, 4, 'the four acknowledged notes are all there') or diag("@acked");
is(sql(q{SELECT count(*) FROM note WHERE body LIKE 'Na de %-fout %' OR body LIKE 'Na de leesfout%'}), 0,
   'no refused note was stored');
($rc, $out) = pd('db', 'check', '--db', $db);
is($rc, 0, 'db check: the integrity check passes') or diag($out);
($rc, $out) = pd('audit', 'verify', '--db', $db);
is($rc, 0, 'audit verify: the chain holds') or diag($out);
diag(sprintf('storage errors: fsync and write faults on the write and the read path, %.1f s',
             time - $T0));
done_testing;
