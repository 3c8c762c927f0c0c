"""A long survey exported from a warehouse as Parquet, uploaded on the Data page (issues 11.3, 12.3)."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq
from streamlit.testing.v1 import AppTest

from core.intake.store import survey_info
from core.sqlfiles import query
from core.workspace.database import Workspace
from tests.app.app_helpers import finish_jobs
from ui.upload import FILE_TYPES, PENDING


def long_parquet() -> bytes:
    """Three respondents × two outcomes; ``category`` is per outcome, ``region`` per respondent."""
    rows = [(r, o, imp, sat) for r in ("r1", "r2", "r3") for o, imp, sat in (("O1", 5, 1), ("O2", 2, 4))]
    table = pa.table(
        {
            "respondent_id": [r for r, *_ in rows],
            "outcome_id": [o for _, o, *_ in rows],
            "category": ["Plan" if o == "O1" else "Execute" for _, o, *_ in rows],
            "region": [{"r1": "North", "r2": "South", "r3": "North"}[r] for r, *_ in rows],
            "importance": [i for *_, i, _ in rows],
            "satisfaction": [s for *_, s in rows],
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def test_a_long_parquet_upload_is_checked_and_stored_with_its_category_as_the_step(app: AppTest, stored: Workspace):
    assert "parquet" in FILE_TYPES
    app.file_uploader[0].upload("warehouse.parquet", long_parquet()).run()
    assert not app.exception, app.exception
    pending = app.session_state[PENDING]
    assert pending.ok, pending
    app.button(key="data_confirm").click()
    app.run()
    finish_jobs(app)
    assert survey_info(stored).file_name == "warehouse.parquet"
    cursor = stored.cursor()
    attributes = cursor.execute(query("survey", "attributes")).df()["original_header"].tolist()
    assert attributes == ["region"]
    steps = cursor.execute("SELECT name FROM steps ORDER BY step_order").fetchall()
    assert [s for (s,) in steps] == ["Plan", "Execute"]
