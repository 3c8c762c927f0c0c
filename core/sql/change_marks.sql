-- Change marks: revision checks for changes made from a stale view (core/workspace/change_marks.py).

-- name: read
SELECT item, rev, writer FROM change_marks WHERE list_contains($items, item);

-- name: revision
SELECT CAST(value AS BIGINT) FROM settings WHERE key = 'revision';

-- name: mark
INSERT INTO change_marks (item, rev, writer) VALUES ($item, $rev, $writer)
ON CONFLICT (item) DO UPDATE SET rev = excluded.rev, writer = excluded.writer;
