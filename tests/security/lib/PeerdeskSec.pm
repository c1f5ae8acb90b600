# PeerdeskSec.pm: the start every server-driving proof in tests/security/ shares: where the
# repository and the binary are ($PEERDESK, default build/debug/peerdesk), the time the test
# began ($T0, for its figures), and a skip when the binary or the sqlite3 tool is missing.
package PeerdeskSec;
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Test::More;
use Time::HiRes qw(time);
use Exporter 'import';

our @EXPORT = qw($T0 $ROOT $BIN);

our $T0   = time;
our $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../../..');
our $BIN  = $ENV{PEERDESK} // 'build/debug/peerdesk';
$BIN = "$ROOT/$BIN" unless $BIN =~ m{^/};
plan skip_all => "no peerdesk binary at $BIN (make debug, or set PEERDESK)" unless -x $BIN;
plan skip_all => 'needs the sqlite3 command line tool (make deps)'
  unless grep { -x "$_/sqlite3" } split /:/, $ENV{PATH};
$SIG{PIPE} = 'IGNORE';

1;
