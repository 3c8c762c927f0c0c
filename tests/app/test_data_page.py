"""The Data page, driven through the real app: load, confirm, report, preview, scoring settings."""

from __future__ import annotations

from streamlit import config
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import load_settings
from core.intake.loading import sample_files
from core.intake.replace import prepare
from core.intake.store import survey_info
from core.workspace.database import Workspace, create_workspace
from tests.app.app_helpers import finish_jobs, new_app, shown, texts
from ui import upload
from ui.upload import PENDING

FIRST, SECOND = sample_files()[:2]
MESSY_CSV = b"""respondent_id,role,imp_A,sat_A,imp_B,sat_B
R1,buyer,5,3,4,2
R1,user,5,3,4,2
R2,buyer,,,,
R3,user,9,-99,N/A,2
R4,buyer,4,4,3,3
"""


# --- helpers -----------------------------------------------------------------------------
def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["data_tab"] = label
    return at.run()


def sidebar_metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.sidebar.metric if m.label == label)


def confirm(at: AppTest) -> AppTest:
    at.button(key="data_confirm").click()
    at.run()
    return finish_jobs(at)


def load_this_sample(at: AppTest):
    """The Load data tab's "Load this sample" button (by its label: the guide's buttons come first)."""
    return next(b for b in at.main.button if b.label == "Load this sample")


# --- first visit -------------------------------------------------------------------------
def test_first_visit_shows_the_sample_its_report_and_previews(first_visit: AppTest):
    app = first_visit
    assert sidebar_metric(app, "Respondents") == "600"
    assert app.title[0].value == "Data"
    assert "600 respondents" in app.caption[0].value

    open_tab(app, "Import report")
    assert "b2b_invoice_processing.xlsx" in shown(app.success[0].value)
    metrics = {m.label: m.value for m in app.main.metric}
    assert metrics["Rows read"] == "600" and metrics["Respondents kept"] == "600"
    assert int(metrics["Missing ratings"].replace(",", "")) > 0
    assert any("160 columns" in e.label for e in app.expander)

    open_tab(app, "Preview")
    outcomes, respondents = app.dataframe
    assert outcomes.value.shape[0] == 80 and "statement" in outcomes.value.columns
    assert respondents.value.shape[0] == 200 and "Respondent id" in respondents.value.columns
    # headers as people read them (the sample's own headers are company_size, current_solution…)
    assert {"Company size", "Current solution"} <= set(respondents.value.columns)
    assert not {"company_size", "current_solution"} & set(respondents.value.columns)


# --- replacing the survey ----------------------------------------------------------------
def test_a_sample_replaces_the_survey_only_after_confirmation(app: AppTest, stored: Workspace):
    app.selectbox(key="data_sample").set_value(SECOND).run()
    load_this_sample(app).click().run()

    assert "Replace “b2b invoice processing”?" in texts(app.subheader)
    assert "New: **consumer_meal_planning.xlsx**" in texts(app.markdown)
    page_text = texts(app.markdown)
    assert "**Kept**" in page_text and "Scoring settings" in page_text
    assert "**Lost**" in page_text and "600 respondents and their ratings" in page_text
    assert sidebar_metric(app, "Respondents") == "600"
    assert survey_info(stored).respondents == 600

    confirm(app)
    assert sidebar_metric(app, "Respondents") == "800"
    assert survey_info(stored).name == "consumer meal planning"
    assert app.session_state["data_tab"] == "Import report"
    assert "Loaded **consumer_meal_planning.xlsx**" in texts(app.toast)
    assert "consumer_meal_planning.xlsx" in texts(app.success)  # the stored report
    assert PENDING not in app.session_state


def test_an_empty_workspace_takes_its_first_file_without_asking(data_dir):
    workspace = create_workspace()
    token = workspace.token
    workspace.close()
    at = new_app(token)
    at.run()
    assert "No survey loaded yet" in texts(at.sidebar.info)

    at.file_uploader[0].upload(SECOND.name, SECOND.read_bytes()).run()
    finish_jobs(at)
    assert sidebar_metric(at, "Respondents") == "800"
    assert PENDING not in at.session_state and at.session_state["data_tab"] == "Import report"


def test_cancel_keeps_the_current_survey(app: AppTest, stored: Workspace):
    app.selectbox(key="data_sample").set_value(SECOND).run()
    load_this_sample(app).click().run()
    app.button(key="data_cancel").click().run()

    assert sidebar_metric(app, "Respondents") == "600"
    assert survey_info(stored).respondents == 600
    assert "was not stored" in texts(app.toast)
    assert not [b for b in app.button if b.key == "data_confirm"]


def test_confirmation_counts_the_work_a_replacement_loses(app: AppTest, stored: Workspace):
    # A saved focus-matrix scenario with two step choices, and a segmentation (no page writes
    # them yet in this test's scope, so the rows go in directly).
    cur = stored.cursor()
    cur.execute("INSERT INTO scenarios VALUES ('s1', 'Bold', now()::TIMESTAMP, NULL)")
    cur.execute("INSERT INTO decisions VALUES ('s1', 1, 'differentiate', NULL, NULL), ('s1', 2, 'meet', NULL, NULL)")
    cur.execute("INSERT INTO segmentations VALUES ('g1', 'k=3', now()::TIMESTAMP, 3, 0.2, NULL)")
    stored.touch()

    app.selectbox(key="data_sample").set_value(SECOND).run()
    load_this_sample(app).click().run()
    page_text = texts(app.markdown)
    assert "Focus-matrix decisions (2 step choices in 1 scenario)" in page_text
    assert "Respondent segmentations (1 segmentation)" in page_text
    assert "Scenario names and notes (1 scenario)" in page_text

    confirm(app)
    assert stored.cursor().execute("SELECT count(*) FROM decisions").fetchone() == (0,)
    assert stored.cursor().execute("SELECT name FROM scenarios").fetchall() == [("Bold",)]


def test_an_upload_is_checked_once_then_stored_on_confirmation(app: AppTest, stored: Workspace):
    app.file_uploader[0].upload(SECOND.name, SECOND.read_bytes()).run()
    pending = app.session_state[PENDING]
    assert pending.file_name == SECOND.name and pending.ok
    app.run()  # an unrelated rerun does not read the file again
    assert app.session_state[PENDING] is pending

    confirm(app)
    assert sidebar_metric(app, "Respondents") == "800"
    assert survey_info(stored).file_name == SECOND.name
    open_tab(app, "Load data")
    assert app.file_uploader[0].key == "upload_1"  # a fresh, empty uploader


def test_a_checked_upload_shows_in_the_run_that_checked_it(app: AppTest, stored: Workspace, monkeypatch):
    """The confirmation (and a refusal) is drawn above the tabs by the run that checked the file,
    without a second run of the page (issue 12.5: upload → validation report). A file uploaded
    while another waits reruns the page instead."""
    runs = []
    real = upload.render_pending

    def counted(workspace):
        runs.append(workspace.token)
        return real(workspace)

    monkeypatch.setattr(upload, "render_pending", counted)  # the page imports it on every run
    for name, content, shown_as in (
        (SECOND.name, SECOND.read_bytes(), "data_confirm"),
        ("broken.xlsx", b"PK\x03\x04 not a workbook", "data_dismiss"),
    ):
        runs.clear()
        app.file_uploader[0].upload(name, content).run()
        assert len(runs) == 1, f"{name}: the page ran {len(runs)} times"
        assert [b for b in app.button if b.key == shown_as], name
        assert not [s for s in app.status if s.label.startswith("Checking")]  # the progress box is gone
        assert app.session_state[PENDING].file_name == name
        app.button(key="data_cancel" if shown_as == "data_confirm" else "data_dismiss").click().run()
        assert PENDING not in app.session_state
    # a file uploaded while another waits: the page reruns and shows the new one in its place
    app.file_uploader[0].upload(SECOND.name, SECOND.read_bytes()).run()
    runs.clear()
    app.file_uploader[0].upload("broken.xlsx", b"PK\x03\x04 not a workbook").run()
    assert len(runs) == 2 and not app.exception
    assert [b for b in app.button if b.key == "data_dismiss"] and not [b for b in app.button if b.key == "data_confirm"]
    assert survey_info(stored).file_name == FIRST.name


def test_an_unreadable_upload_shows_what_to_do_and_stores_nothing(app: AppTest, stored: Workspace):
    app.file_uploader[0].upload("broken.xlsx", b"PK\x03\x04 this is not really a workbook").run()

    assert "broken.xlsx cannot be imported" in texts(app.subheader)
    errors = texts(app.error)
    assert "Nothing was stored. Your current survey “b2b invoice processing” is untouched." in errors
    assert "**What to do:**" in errors
    assert not [b for b in app.button if b.key == "data_confirm"]
    assert sidebar_metric(app, "Respondents") == "600"
    assert survey_info(stored).file_name == FIRST.name

    app.button(key="data_dismiss").click().run()
    assert PENDING not in app.session_state and not app.error


def test_the_load_tab_says_how_large_a_file_may_be_and_where_a_bigger_survey_goes(app: AppTest):
    """The upload limit shown is the server's (``server.maxUploadSize``), and a survey past it has two ways in."""

    def accepted_layouts() -> str:
        layouts = next(e for e in app.main.expander if e.label == "Accepted layouts")
        return " ".join(m.value for m in layouts.markdown)

    text = accepted_layouts()
    assert f"Files up to {config.get_option('server.maxUploadSize')} MB." in text
    assert ".parquet" in text and "Parquet: a long table of 20 million ratings" in text
    assert "python -m core score FILE" in text and "30,000,000 ratings" in text

    limit = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 75)
    try:
        app.run()
        assert "Files up to 75 MB." in accepted_layouts()
    finally:
        config.set_option("server.maxUploadSize", limit)


def test_the_report_of_a_messy_file_shows_drops_and_invalid_ratings(app: AppTest):
    app.file_uploader[0].upload("messy.csv", MESSY_CSV, "text/csv").run()

    metrics = {m.label: m.value for m in app.main.metric}
    assert metrics == {
        "Rows read": "5",
        "Respondents kept": "3",
        "Respondents dropped": "2",
        "Missing ratings": "7",
    }
    (caption,) = [c for c in texts(app.caption).splitlines() if c.startswith("Missing ratings by reason")]
    # counted first, as the CLI and the per-column table say it: never "outside the scale 1"
    assert caption == "Missing ratings by reason: 4 blank · 1 outside the scale · 1 negative code · 1 N/A or don't know"
    page_text = texts(app.markdown)
    assert "**1** with a duplicate respondent_id (the first row was kept): R1" in page_text
    assert "**1** without a single valid importance or satisfaction rating: R2" in page_text
    table = next(d for d in app.dataframe).value
    assert table.loc[table["Column"] == "sat_A", "negative code"].item() == 1
    assert table.loc[table["Column"] == "imp_A", "outside the scale"].item() == 1


def test_warnings_are_flagged_before_confirming(app: AppTest):
    app.file_uploader[0].upload("dup.csv", b"respondent_id,imp_A,sat_A,imp_A\nR1,5,3,4\nR2,4,4,1\n").run()

    assert "**1 warning**: see the validation report below." in texts(app.markdown)
    warning = shown(app.warning[0].value)
    assert "Two importance columns for outcome A" in warning
    assert "**What to do:** Rename or delete the duplicate column." in warning


def test_a_pending_file_from_session_state_is_rendered_the_same_way(app: AppTest):
    app.session_state[PENDING] = prepare(b"respondent_id,colour\nR1,blue\n", "no_ratings.csv")
    app.run()
    assert "no_ratings.csv cannot be imported" in texts(app.subheader)
    assert sidebar_metric(app, "Respondents") == "600"


# --- scoring settings --------------------------------------------------------------------
def test_scoring_method_and_bands_are_saved_at_once(app: AppTest, stored: Workspace):
    open_tab(app, "Scoring settings")
    app.radio(key="scoring_method").set_value("mean").run()
    assert load_settings(stored).method == "mean"
    assert "Mean (rescaled)" in app.sidebar.caption[0].value

    app.number_input(key="scoring_extreme").set_value(16.0).run()
    assert load_settings(stored).extreme == 16.0
    assert "10 / 12 / 16" in app.sidebar.caption[0].value


def test_bands_that_do_not_rise_are_refused_with_a_clear_message(app: AppTest, stored: Workspace):
    open_tab(app, "Scoring settings")
    app.number_input(key="scoring_solid").set_value(14.0).run()

    assert "Not saved: Band thresholds must rise" in app.error[0].value
    assert load_settings(stored).solid == 10.0

    next(b for b in app.button if b.label == "Reset to the defaults").click().run()
    assert not app.error and app.number_input(key="scoring_solid").value == 10.0


def test_declaring_another_scale_rereads_the_file_after_confirmation(app: AppTest, stored: Workspace):
    open_tab(app, "Scoring settings")
    app.selectbox(key="data_scale_1-5_0").set_value("1-7").run()
    assert "Read “b2b invoice processing” again on a 1-7 scale?" in texts(app.subheader)
    assert survey_info(stored).scale.name == "1-5"

    confirm(app)
    assert survey_info(stored).scale.name == "1-7"
    assert "1-7 scale" in app.sidebar.caption[0].value
