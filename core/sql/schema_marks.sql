-- Change marks (issue 17.4, core/workspace/change_marks.py): the workspace revision at which an item
-- (a step's choice in a scenario, a step note, a scenario's name, a job-map step, a setting) last
-- changed, and who changed it. Run on every open; idempotent. Not part of the workspace file: a
-- restore starts a new history.

CREATE TABLE IF NOT EXISTS change_marks (
    item    VARCHAR PRIMARY KEY,
    rev     BIGINT NOT NULL,
    writer  VARCHAR NOT NULL
);
