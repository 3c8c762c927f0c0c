-- The working copy's side of the workspace store (core/workspace/store_sync.py): which tables
-- exist, a fingerprint of each, the snapshot of one, and the sync state kept beside them.
-- {table} is filled only with sqlfiles.quote_identifier(<a name read from duckdb_tables()>).

-- name: state_table
-- Local-only bookkeeping, never pushed: the store revision this copy reflects ('revision') and
-- the fingerprint each table had when it was last pushed or pulled ('table:<name>').
CREATE TABLE IF NOT EXISTS store_sync_state (
    name  VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- name: state
SELECT name, value FROM store_sync_state;

-- name: put_state
INSERT INTO store_sync_state (name, value) VALUES ($name, $value)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- name: tables
-- Every base table of the workspace: a digest of its definition (DuckDB keeps the CREATE statement,
-- updated by ALTER), an estimate of its rows and whether it holds a BLOB column. The store's own
-- bookkeeping table is left out.
SELECT table_name, md5(sql) AS definition, estimated_size, contains(upper(sql), ' BLOB') AS has_blob
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
  AND table_name <> 'store_sync_state'
ORDER BY table_name;

-- name: columns
-- The columns (name and type, in order) of the given tables, as JSON.
SELECT table_name, to_json(list([column_name, data_type] ORDER BY column_index))::VARCHAR
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND list_contains($names, table_name)
GROUP BY table_name;

-- name: content_hash_part
-- One table's rows and a digest of every row (any change of any value changes it); the parts of
-- all the tables to fingerprint are joined with UNION ALL into one query ({i} numbers them).
SELECT $table_{i} AS table_name, count(*) AS n, coalesce(sum(hash(*COLUMNS(*))), 0)::VARCHAR AS digest
FROM query_table($table_{i})

-- name: row_count_part
-- A big table's part: its rows only (the survey signature stands for its content).
SELECT $table_{i} AS table_name, count(*) AS n, 'big' AS digest FROM query_table($table_{i})

-- name: snapshot
SELECT * FROM query_table($table);

-- name: clear_table
DELETE FROM {table};

-- name: fill_table
INSERT INTO {table} BY NAME SELECT * FROM incoming_snapshot;

-- name: replace_table
CREATE OR REPLACE TABLE {table} AS SELECT * FROM incoming_snapshot;

-- name: set_revision
-- After a pull: a revision above both the copy's and the store's, so nothing cached under the
-- old revision number is served for the pulled data.
INSERT INTO settings (key, value) VALUES ('revision', $revision::VARCHAR::JSON)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- name: access_mode
-- 'read_only' for a connection opened read-only (the shared sample): nothing can be pulled into it.
SELECT current_setting('access_mode');
