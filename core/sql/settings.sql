-- Workspace settings: JSON values by key.

-- name: get
SELECT value FROM settings WHERE key = $key;

-- name: all
SELECT key, value FROM settings;

-- name: put
INSERT INTO settings (key, value) VALUES ($key, $value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- name: put_if_absent
INSERT INTO settings (key, value) VALUES ($key, $value)
ON CONFLICT (key) DO NOTHING;

-- name: bump_revision
INSERT INTO settings (key, value) VALUES ('revision', '1')
ON CONFLICT (key) DO UPDATE SET value = (CAST(settings.value AS INTEGER) + 1)::VARCHAR::JSON;
