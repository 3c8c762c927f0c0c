"""Opening a workspace, its settings, the workspace file and restoring it."""
