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
-- Every base table of the workspace with its columns (name and type, in order) and an estimate
-- of its rows; the store's own bookkeeping table is left out.
SELECT t.table_name,
       to_json(list([c.column_name, c.data_type] ORDER BY c.column_index))::VARCHAR AS columns,
       max(t.estimated_size) AS estimated_rows,
       bool_or(c.data_type = 'BLOB') AS has_blob
FROM duckdb_tables() AS t
JOIN duckdb_columns() AS c USING (database_oid, schema_oid, table_oid)
WHERE t.database_name = current_database() AND t.schema_name = 'main' AND NOT t.temporary
  AND t.table_name <> 'store_sync_state'
GROUP BY t.table_name
ORDER BY t.table_name;

-- name: content_hash
-- Rows and a digest of every row of one table: any change of any value changes it.
SELECT count(*), coalesce(sum(hash(*COLUMNS(*))), 0)::VARCHAR FROM query_table($table);

-- name: row_count
SELECT count(*) FROM query_table($table);

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
