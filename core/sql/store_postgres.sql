-- The PostgreSQL workspace store (core/workspace/store_postgres.py). psycopg parameters (%(name)s).
-- Every table name starts with jtbd_ so the store can share a database with other things.

-- name: schema
-- One row per workspace (its revision grows with every pushed change), one row per table of a
-- workspace (Parquet bytes, written at a revision), and small JSON values by namespace and key.
CREATE TABLE IF NOT EXISTS jtbd_workspaces (
    workspace_id TEXT PRIMARY KEY,
    revision     BIGINT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS jtbd_workspace_tables (
    workspace_id TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    revision     BIGINT NOT NULL,
    columns      TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    snapshot     BYTEA NOT NULL,
    PRIMARY KEY (workspace_id, table_name)
);
CREATE TABLE IF NOT EXISTS jtbd_kv (
    ns         TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      JSONB NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (ns, key)
);

-- name: schema_lock
-- Two app processes creating the schema at once would collide in the catalog: one at a time.
SELECT pg_advisory_xact_lock(727172);

-- name: revision
SELECT revision FROM jtbd_workspaces WHERE workspace_id = %(workspace_id)s;

-- name: changes_since
-- The workspace's revision and its tables written after %(since)s, read in one snapshot (a write
-- is one statement, so a reader sees all of it or none of it).
SELECT w.revision, t.table_name, t.columns, t.fingerprint, t.snapshot
FROM jtbd_workspaces AS w
LEFT JOIN jtbd_workspace_tables AS t
    ON t.workspace_id = w.workspace_id AND t.revision > %(since)s
WHERE w.workspace_id = %(workspace_id)s
ORDER BY t.table_name;

-- name: write
-- One statement, so one transaction and one round trip: the workspace's revision goes up by one
-- and every given table is written at that revision.
WITH ws AS (
    INSERT INTO jtbd_workspaces AS w (workspace_id, revision) VALUES (%(workspace_id)s, 1)
    ON CONFLICT (workspace_id) DO UPDATE SET revision = w.revision + 1, updated_at = now()
    RETURNING revision
), written AS (
    INSERT INTO jtbd_workspace_tables AS t (workspace_id, table_name, revision, columns, fingerprint, snapshot)
    SELECT %(workspace_id)s, s.table_name, ws.revision, s.columns, s.fingerprint, s.snapshot
    FROM ws, unnest(%(names)s::TEXT[], %(columns)s::TEXT[], %(fingerprints)s::TEXT[], %(snapshots)s::BYTEA[])
        AS s(table_name, columns, fingerprint, snapshot)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET
        revision = excluded.revision, columns = excluded.columns,
        fingerprint = excluded.fingerprint, snapshot = excluded.snapshot
    RETURNING 1
)
SELECT revision, (SELECT count(*) FROM written) FROM ws;

-- name: delete_workspace
WITH tables AS (DELETE FROM jtbd_workspace_tables WHERE workspace_id = %(workspace_id)s)
DELETE FROM jtbd_workspaces WHERE workspace_id = %(workspace_id)s RETURNING 1;

-- name: workspace_ids
SELECT workspace_id FROM jtbd_workspaces ORDER BY workspace_id;

-- name: kv_get
SELECT value FROM jtbd_kv WHERE ns = %(ns)s AND key = %(key)s;

-- name: kv_put
INSERT INTO jtbd_kv (ns, key, value) VALUES (%(ns)s, %(key)s, %(value)s)
ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, updated_at = now();

-- name: kv_delete
DELETE FROM jtbd_kv WHERE ns = %(ns)s AND key = %(key)s RETURNING 1;

-- name: kv_items
SELECT key, value FROM jtbd_kv WHERE ns = %(ns)s ORDER BY key;
