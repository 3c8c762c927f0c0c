"""The customer uniqueness board in a real workspace: CRUD with its refusals, the figures against
hand computations, the setting, segment links (and renames), and the workspace .xlsx round trip
with formula-like and Markdown-like text."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.analysis import segment_store
from core.strategy import customers as cs
from core.strategy.customer_figures import DEEP, STATISTIC, CustomerSettings, save_customer_settings
from core.strategy.customers import CustomerError
from core.views.customers import UNLINKED, board, customers_view
from core.workspace.database import open_workspace
from core.workspace.file import WorkspaceFileError, workspace_xlsx
from core.workspace.restore import restore
from tests.unit.survey_builders import canonical_workbook, store_workbook

N = 8


@pytest.fixture
def ws(tmp_path):
    ratings = {o: [(5 if i % 2 else 3, 2 + i % 3) for i in range(N)] for o in ("O1", "O2", "O3")}
    outcomes = {o: ("Plan", f"Minimise the time it takes to do {o}") for o in ratings}
    workspace = open_workspace()
    store_workbook(workspace, canonical_workbook(tmp_path / "survey.xlsx", outcomes, ratings))
    yield workspace
    workspace.close()


def segmentation(ws, name="Needs"):
    ids = [r[0] for r in ws.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
    frame = pd.DataFrame({"respondent_id": ids, "segment": ["Speed seekers" if i < 5 else "Savers" for i in range(N)]})
    return segment_store.save_segmentation(ws, name, frame, k=2, silhouette=0.4, params={})


def test_customers_are_added_renamed_reordered_and_deleted_with_their_facts(ws):
    a = cs.add_customer(ws, "  Acme   Corp ", note="Our oldest", tags=["key account", "EMEA", "emea"])
    b = cs.add_customer(ws, "Globex")
    cs.add_fact(ws, a, "quirks", "Buys only in Q4")
    cs.add_fact(ws, b, "plan", "Opening a plant in Ohio")
    stored = cs.customers(ws)
    assert stored["name"].tolist() == ["Acme Corp", "Globex"]
    assert cs.tags(ws)["tag"].tolist() == ["EMEA", "key account"]  # "emea" is the same tag
    cs.move_customer(ws, b, -1)
    assert cs.customers(ws)["customer_id"].tolist() == [b, a]
    cs.update_customer(ws, a, name="Acme")
    assert cs.customers(ws).set_index("customer_id").loc[a, "note"] == "Our oldest"  # the note stays
    cs.update_customer(ws, a, note=None)
    assert pd.isna(cs.customers(ws).set_index("customer_id").loc[a, "note"])
    revision = ws.revision
    cs.delete_customer(ws, a)
    assert ws.revision > revision
    assert cs.customers(ws)["customer_id"].tolist() == [b]
    left = ws.cursor().execute("SELECT customer_id FROM customer_facts UNION ALL SELECT customer_id FROM customer_tags")
    assert [r[0] for r in left.fetchall()] == [b]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ws, a: cs.add_customer(ws, "   "), "customer's name is empty"),
        (lambda ws, a: cs.add_customer(ws, "ACME"), "already a customer called “ACME”"),
        (lambda ws, a: cs.add_customer(ws, "x" * 121), "121 characters; keep it to 120"),
        (lambda ws, a: cs.add_fact(ws, a, "wish", "More"), "“wish” is not a kind of fact"),
        (lambda ws, a: cs.add_fact(ws, a, "value", " "), "fact is empty"),
        (lambda ws, a: cs.add_fact(ws, a, "plan", "buys  ONLY in q4"), "already has the fact"),
        (lambda ws, a: cs.add_fact(ws, "cus_gone", "plan", "x"), "no longer exists"),
        (lambda ws, a: cs.add_tag(ws, a, "a,b"), "holds a comma"),
        (lambda ws, a: cs.link_segment(ws, a, "seg_x", "Nobody"), "no segment “Nobody”"),
        (lambda ws, a: cs.set_known(ws, "fact_gone", True), "That fact no longer exists"),
    ],
)
def test_bad_requests_are_refused_with_a_sentence_and_change_nothing(ws, call, message):
    a = cs.add_customer(ws, "Acme")
    cs.add_fact(ws, a, "quirk", "Buys only in Q4")
    before = [ws.cursor().execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in cs_tables()]
    with pytest.raises(CustomerError, match=message):
        call(ws, a)
    assert [ws.cursor().execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in cs_tables()] == before


def cs_tables():
    return ("customers", "customer_facts", "customer_tags")


def test_facts_are_edited_marked_and_deleted(ws):
    a = cs.add_customer(ws, "Acme")
    f = cs.add_fact(ws, a, "challenge", "Legacy ERP")
    cs.update_fact(ws, f, kind="Strengths", text="Modern ERP")
    cs.set_known(ws, f, True)
    row = cs.facts(ws).iloc[0]
    assert (row["kind"], row["text"], bool(row["known"])) == ("strength", "Modern ERP", True)
    cs.update_fact(ws, f, text="modern erp")  # its own text in another case is no repeat
    cs.delete_fact(ws, f)
    assert cs.facts(ws).empty


def test_figures_match_a_hand_computation(ws):
    seg = segmentation(ws)
    a = cs.add_customer(ws, "A", tags=["key"])  # 4 facts, 3 known → 75 %
    b = cs.add_customer(ws, "B")  # 2 facts, 0 known → 0 %, cannot be told apart (< 3)
    c = cs.add_customer(ws, "C", tags=["Key", "new"])  # no facts → no share, cannot be told apart
    d = cs.add_customer(ws, "D")  # 3 facts, 1 known → 33 %
    for kind, text, known in [("quirk", "q", True), ("plan", "p", True), ("value", "v", True), ("value", "w", False)]:
        cs.add_fact(ws, a, kind, text, known)
    cs.add_fact(ws, b, "challenge", "c1")
    cs.add_fact(ws, b, "challenge", "c2")
    for kind, text, known in [("strength", "s", True), ("plan", "p", False), ("quirk", "q", False)]:
        cs.add_fact(ws, d, kind, text, known)
    cs.link_segment(ws, a, seg, "Speed seekers")
    cs.link_segment(ws, b, seg, "Speed seekers")
    cs.link_segment(ws, d, seg, "Speed seekers")
    cs.link_segment(ws, c, seg, "Savers")
    v = customers_view(ws)
    rows = v.customers.set_index("name")
    assert rows["facts"].to_dict() == {"A": 4, "B": 2, "C": 0, "D": 3}
    assert rows["known"].to_dict() == {"A": 3, "B": 0, "C": 0, "D": 1}
    assert rows.loc["A", "share_known"] == pytest.approx(0.75)
    assert rows.loc["D", "share_known"] == pytest.approx(1 / 3)
    assert pd.isna(rows.loc["C", "share_known"])
    assert rows["blurry"].to_dict() == {"A": False, "B": True, "C": True, "D": False}
    assert rows.loc["A", "n_value"] == 2 and rows.loc["B", "n_challenge"] == 2
    assert v.totals == {"customers": 4, "facts": 9, "known": 4, "share_known": pytest.approx(4 / 9), "blurry": 2}
    kinds = v.by_kind.set_index("kind")
    assert kinds["facts"].to_dict() == {"quirk": 2, "plan": 2, "challenge": 2, "strength": 1, "value": 2}
    assert kinds["known"].to_dict() == {"quirk": 1, "plan": 1, "challenge": 0, "strength": 1, "value": 1}
    segs = v.by_segment.set_index("segment")
    assert segs.loc["Speed seekers", ["respondents", "customers", "told_apart", "facts", "known"]].tolist() == [
        5, 3, 2, 9, 4,
    ]  # fmt: skip
    assert segs.loc["Speed seekers", "depth"] == DEEP  # 2 customers told apart ≥ 2
    assert segs.loc["Savers", "depth"] == STATISTIC  # C has no facts
    assert v.tags == ("Key", "new")  # "key" and "Key" are different customers' tags; sorted ignoring case
    # filter and sort
    assert board(v, tag="KEY")["name"].tolist() == ["A", "C"]
    assert board(v, segment=f"{seg}/Savers")["name"].tolist() == ["C"]
    assert board(v, segment=UNLINKED).empty
    assert board(v, sort="share_low")["name"].tolist() == ["B", "D", "A", "C"]  # no facts last
    assert board(v, sort="facts_high")["name"].tolist() == ["A", "D", "B", "C"]
    # the setting moves the line, and is stored in the workspace
    save_customer_settings(ws, CustomerSettings(min_facts=2, deep_customers=4))
    again = customers_view(ws)
    assert again.customers.set_index("name")["blurry"].to_dict() == {"A": False, "B": False, "C": True, "D": False}
    assert again.by_segment.set_index("segment").loc["Speed seekers", "depth"] == STATISTIC  # 4 needed, 3 are
    assert again.by_segment.set_index("segment").loc["Speed seekers", "told_apart"] == 3


def test_a_bad_stored_setting_takes_its_default_with_a_warning(ws):
    ws.set_setting("customers", {"min_facts": 0})
    v = customers_view(ws)
    assert v.settings.min_facts == 3
    assert "min_facts = 0" in v.warnings[0]


def test_segment_links_follow_a_rename_and_survive_a_deleted_segmentation(ws):
    seg = segmentation(ws)
    a = cs.add_customer(ws, "A")
    cs.link_segment(ws, a, seg, "Savers")
    segment_store.rename_segments(ws, seg, {"Savers": "Speed seekers", "Speed seekers": "Savers"})  # a swap
    assert cs.customers(ws)["segment"].tolist() == ["Speed seekers"]
    assert customers_view(ws).customers["segment_label"].tolist() == ["Needs · Speed seekers"]
    segment_store.delete_segmentation(ws, seg)
    v = customers_view(ws)
    assert v.customers["segment_gone"].tolist() == [True]
    assert v.customers["segment_label"].tolist() == ["Speed seekers (segment no longer saved)"]
    cs.link_segment(ws, a, None, None)
    assert customers_view(ws).customers["segment_key"].isna().all()


HOSTILE_FACT = "=cmd|' /C calc'!A0"
MARKDOWN_NAME = "**Big** [deal](http://x.org) ![x](http://evil.example/x.png)"


def test_round_trip_through_the_workspace_file_with_hostile_text(ws):
    seg = segmentation(ws)
    a = cs.add_customer(ws, MARKDOWN_NAME, note="+1 call back", tags=["@vip", "-minus"])
    cs.add_fact(ws, a, "quirk", HOSTILE_FACT, known=True)
    cs.add_fact(ws, a, "value", "'quoted")
    cs.link_segment(ws, a, seg, "Savers")
    save_customer_settings(ws, CustomerSettings(min_facts=5))
    content = workspace_xlsx(ws)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    cells = [str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)  # neutralised in the file
    assert f"'{HOSTILE_FACT}" in cells
    fresh = open_workspace()
    restore(fresh, content, "workspace.xlsx")
    for table in cs_tables():
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert fresh.cursor().execute(sql).fetchall() == ws.cursor().execute(sql).fetchall(), table
    before, after = customers_view(ws), customers_view(fresh)
    pd.testing.assert_frame_equal(before.customers, after.customers)
    assert after.settings.min_facts == 5
    assert after.facts["text"].tolist() == [HOSTILE_FACT, "'quoted"]
    fresh.close()


def _tampered(content: bytes, sheet: str, cell: str, value: object) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("B2", "cus_nobody", "'customer_facts', row 2, column 'customer_id': “cus_nobody” names a customer"),
        ("C2", "wish", "'customer_facts', row 2, column 'kind': “wish” is not one of quirk"),
        ("E2", "maybe", "'customer_facts', row 2, column 'known': “maybe” is not true or false"),
    ],
)
def test_a_tampered_customer_sheet_is_refused_naming_the_cell(ws, cell, value, message):
    a = cs.add_customer(ws, "Acme")
    cs.add_fact(ws, a, "quirk", "Buys only in Q4")
    content = _tampered(workspace_xlsx(ws), "customer_facts", cell, value)
    fresh = open_workspace()
    with pytest.raises(WorkspaceFileError, match=message):
        restore(fresh, content, "workspace.xlsx")
    fresh.close()


BOARDS = st.lists(  # per customer: its facts as (kind index, known)
    st.lists(st.tuples(st.integers(0, len(cs.KINDS) - 1), st.booleans()), max_size=6), min_size=1, max_size=6
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(board=BOARDS, min_facts=st.integers(1, 5))
def test_the_figures_agree_with_a_count_by_hand_on_any_board(ws, board, min_facts):
    for customer_id in cs.customers(ws)["customer_id"]:
        cs.delete_customer(ws, customer_id)
    save_customer_settings(ws, CustomerSettings(min_facts=min_facts))
    for number, facts in enumerate(board):
        customer = cs.add_customer(ws, f"Customer {number}")
        for fact, (kind, known) in enumerate(facts):
            cs.add_fact(ws, customer, cs.KINDS[kind], f"fact {fact}", known)
    v = customers_view(ws)
    assert v.customers["facts"].tolist() == [len(f) for f in board]
    assert v.customers["known"].tolist() == [sum(k for _, k in f) for f in board]
    for got, facts in zip(v.customers["share_known"], board, strict=True):
        assert pd.isna(got) if not facts else got == pytest.approx(sum(k for _, k in facts) / len(facts))
    assert v.customers["blurry"].tolist() == [len(f) < min_facts for f in board]
    everything = [fact for facts in board for fact in facts]
    known = sum(k for _, k in everything)
    assert (v.totals["facts"], v.totals["known"]) == (len(everything), known)
    assert v.totals["share_known"] == (pytest.approx(known / len(everything)) if everything else None)
    by_kind = v.by_kind.set_index("kind")["facts"].to_dict()
    assert by_kind == {kind: sum(1 for k, _ in everything if cs.KINDS[k] == kind) for kind in cs.KINDS}
