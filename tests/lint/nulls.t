#!/usr/bin/perl
# tests/lint/nulls.t: proves `tools/pg-explain-all --nulls` flags an ORDER BY term that can be
# NULL without NULLS FIRST/LAST (SQLite and PostgreSQL sort NULLs at opposite ends), and only
# such terms. Each case is one SQL statement against the real migrations and the term the
# check must name, or undef when it must stay quiet. Run with: prove tests/lint/nulls.t
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use Test::More;

my $root = abs_path(dirname(abs_path(__FILE__)) . '/../..');
my $tool = "$root/tools/pg-explain-all";
my $dir  = tempdir(CLEANUP => 1);

my @cases = (
    # request.decided_at is nullable
    ['SELECT q.id FROM request q ORDER BY q.decided_at DESC', 'q.decided_at DESC'],
    ['SELECT q.id FROM request q ORDER BY q.decided_at DESC NULLS LAST', undef],
    ['SELECT q.id FROM request q ORDER BY q.created_at, q.id', undef],
    # a WHERE comparison proves it is not NULL; under OR it does not
    ['SELECT q.id FROM request q WHERE q.decided_at > ? ORDER BY q.decided_at', undef],
    ['SELECT q.id FROM request q WHERE q.decided_at > ? OR q.id = ? ORDER BY q.decided_at',
     'q.decided_at'],
    # NOT NULL columns of a LEFT JOINed table can be NULL ...
    ['SELECT q.id FROM request q LEFT JOIN team t ON t.id = q.id ORDER BY t.name', 't.name'],
    # ... except after `t.id IS NULL` has put the rows without t together
    ['SELECT q.id FROM request q LEFT JOIN team t ON t.id = q.id ORDER BY t.id IS NULL, t.name',
     undef],
    # output aliases, derived tables, CTEs, compound selects
    ['SELECT q.decided_at AS d FROM request q ORDER BY d', 'd'],
    ['SELECT x FROM (SELECT decided_at AS x FROM request) y ORDER BY x', 'x'],
    ['WITH c AS (SELECT created_at AS m FROM request) SELECT m FROM c ORDER BY m', undef],
    ['SELECT id FROM request UNION ALL SELECT NULL FROM team ORDER BY 1', '1'],
    # expressions
    ['SELECT id FROM request q ORDER BY coalesce(q.decided_at, q.created_at)', undef],
    ['SELECT id FROM request q ORDER BY CASE WHEN q.id = ? THEN 1 END', 'CASE WHEN q.id = ? THEN 1 END'],
    ['SELECT id FROM request q ORDER BY CASE WHEN q.id = ? THEN 1 ELSE 2 END', undef],
    ['SELECT id FROM request q ORDER BY substr(q.decided_at, 1, 7)', 'substr(q.decided_at, 1, 7)'],
    ['SELECT id FROM request q ORDER BY (SELECT t.name FROM team t WHERE t.id = q.id)',
     '(SELECT t.name FROM team t WHERE t.id = q.id)'],
    # windows and subqueries are checked too
    ['SELECT lead(created_at) OVER (ORDER BY decided_at) FROM request', 'decided_at'],
    ['SELECT id FROM request WHERE id IN (SELECT id FROM team ORDER BY area_id LIMIT 3)', 'area_id'],
);

my $n = 0;
for my $c (@cases) {
    my ($sql, $want) = @$c;
    my $file = "$dir/case" . ++$n . ".c";
    open my $fh, '>', $file or die "$file: $!";
    print $fh "static const char *q = \"$sql\";\n";
    close $fh;
    my $out = `'$tool' --nulls '$file' 2>&1`;
    my $rc  = $? >> 8;
    if (defined $want) {
        is($rc, 1, "flags: $sql") or diag($out);
        like($out, qr/\Q$file\E:1: ORDER BY term can be NULL; .*: \Q$want\E$/m, "names $want")
          or diag($out);
    } else {
        is($rc, 0, "quiet: $sql") or diag($out);
    }
}
done_testing();
