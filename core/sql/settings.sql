-- Workspace settings: JSON values by key.

-- name: get
SELECT value FROM settings WHERE key = $key;

-- name: put
INSERT INTO settings (key, value) VALUES ($key, $value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- name: put_if_absent
INSERT INTO settings (key, value) VALUES ($key, $value)
ON CONFLICT (key) DO NOTHING;
