"""The committed sample surveys: canonical layout, sizes, determinism and planted structure.

The analysis procedures are re-implemented here with numpy/pandas/sklearn/scipy on purpose, so
these tests do not depend on ``core`` (and check the samples independently of it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

from core.intake.importers.spreadsheet_limits import check_workbook
from sample_surveys.generate import SAMPLES, build_survey, synthetic_spec, write_workbook

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_surveys"
MISSING_TEXTS = {"N/A", "Don't know"}
ODI_PREFIXES = (
    "Minimize the time it takes to",
    "Minimize the likelihood of",
    "Minimize the number of",
    "Minimize the amount of",
    "Increase the ability to",
)


@dataclass(frozen=True)
class Expected:
    n_steps: tuple[int, int]
    per_step: tuple[int, int]
    n_outcomes: tuple[int, int]
    n_respondents: int
    n_competitors: tuple[int, int]
    attributes: tuple[str, ...]
    text_attributes: tuple[str, ...]
    has_competitor_sheet: bool


EXPECTED = {
    "b2b_invoice_processing": Expected(
        (10, 12),
        (5, 9),
        (75, 90),
        600,
        (4, 4),
        ("current_solution", "company_size", "role", "willingness_to_pay"),
        ("company_size",),
        True,
    ),
    "consumer_meal_planning": Expected(
        (8, 10),
        (5, 8),
        (55, 65),
        800,
        (3, 4),
        ("current_solution", "household_size", "age_band", "willingness_to_pay"),
        ("age_band",),
        False,
    ),
}


@dataclass(frozen=True)
class Sample:
    name: str
    job_map: pd.DataFrame
    responses: pd.DataFrame
    competitors: pd.DataFrame | None
    truth: dict
    expected: Expected

    @property
    def outcome_ids(self) -> list[str]:
        return self.job_map["outcome_id"].tolist()

    def ratings(self, prefix: str) -> pd.DataFrame:
        """Numeric 1–5 ratings, NaN when missing or a missing-value code."""
        frame = self.responses[[f"{prefix}{o}" for o in self.outcome_ids]].apply(pd.to_numeric, errors="coerce")
        frame.columns = self.outcome_ids
        return frame.where(frame.isin([1, 2, 3, 4, 5])).astype(float)


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def sample(request: pytest.FixtureRequest) -> Sample:
    name = request.param
    path = SAMPLE_DIR / f"{name}.xlsx"
    names = ["job_map", "responses"] + (["competitors"] if EXPECTED[name].has_competitor_sheet else [])
    sheets = pd.read_excel(path, sheet_name=names, engine="calamine")
    truth = json.loads((SAMPLE_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    return Sample(name, sheets["job_map"], sheets["responses"], sheets.get("competitors"), truth, EXPECTED[name])


def _t2b(frame: pd.DataFrame) -> pd.Series:
    return 10 * (frame >= 4).sum() / frame.notna().sum()


def _opportunity(imp: pd.DataFrame, sat: pd.DataFrame) -> pd.Series:
    imp10, sat10 = _t2b(imp), _t2b(sat)
    return imp10 + (imp10 - sat10).clip(lower=0)


# --- layout and sizes --------------------------------------------------------------------------


def test_sheets_in_canonical_order(sample: Sample) -> None:
    with pd.ExcelFile(SAMPLE_DIR / f"{sample.name}.xlsx", engine="calamine") as workbook:
        sheet_names = workbook.sheet_names
    expected = ["job_map", "responses"] + (["competitors"] if sample.expected.has_competitor_sheet else [])
    assert sheet_names == expected


def test_job_map_layout(sample: Sample) -> None:
    job_map = sample.job_map
    assert list(job_map.columns) == ["step_order", "step", "outcome_id", "statement"]
    assert job_map["step_order"].is_monotonic_increasing
    steps = job_map.groupby("step_order")["step"].unique()
    assert list(steps.index) == list(range(1, len(steps) + 1))
    assert all(len(names) == 1 for names in steps)
    assert job_map["step"].drop_duplicates().size == len(steps)
    assert job_map["outcome_id"].is_unique and job_map["statement"].is_unique
    assert job_map["outcome_id"].str.fullmatch(r"O\d{2,}").all()
    assert job_map["statement"].map(lambda s: s.startswith(ODI_PREFIXES)).all()


def test_sizes(sample: Sample) -> None:
    exp = sample.expected
    per_step = sample.job_map.groupby("step_order").size()
    assert exp.n_steps[0] <= len(per_step) <= exp.n_steps[1]
    assert per_step.between(*exp.per_step).all()
    assert exp.n_outcomes[0] <= len(sample.job_map) <= exp.n_outcomes[1]
    assert len(sample.responses) == exp.n_respondents == sample.truth["n_respondents"]
    assert exp.n_competitors[0] <= sample.responses["current_solution"].nunique() <= exp.n_competitors[1]


def test_responses_layout(sample: Sample) -> None:
    ids = sample.outcome_ids
    expected = ["respondent_id", *sample.expected.attributes, *(f"imp_{o}" for o in ids), *(f"sat_{o}" for o in ids)]
    assert list(sample.responses.columns) == expected
    rid = sample.responses["respondent_id"]
    assert rid.is_unique and rid.str.fullmatch(r"R\d{4,}").all()
    wtp = pd.to_numeric(sample.responses["willingness_to_pay"], errors="raise")
    assert (wtp > 0).all()


def test_band_attributes_are_text_cells(sample: Sample) -> None:
    """Bands such as 1-49 or 18-24 must be stored as text cells, never as dates or numbers.

    calamine returns a cell's stored type, so a date cell would come back as a timestamp.
    """
    for column in sample.expected.text_attributes:
        values = sample.responses[column]
        assert values.map(lambda v: isinstance(v, str)).all()
        assert values.str.fullmatch(r"\d+(-\d+|\+)").all()


def test_ratings_are_1_to_5_or_missing(sample: Sample) -> None:
    cells = sample.responses.filter(regex=r"^(imp|sat)_").to_numpy(dtype=object).ravel()
    blank = np.array([v is None or (isinstance(v, float) and np.isnan(v)) for v in cells])
    text = np.array([isinstance(v, str) for v in cells])
    assert set(cells[text]) <= MISSING_TEXTS
    numbers = cells[~blank & ~text].astype(float)
    assert np.isin(numbers, [1, 2, 3, 4, 5]).all()
    assert 0.005 < blank.mean() < 0.03
    assert 0.001 < text.mean() < 0.006


def test_competitor_sheet(sample: Sample) -> None:
    if not sample.expected.has_competitor_sheet:
        assert sample.competitors is None
        return
    comp = sample.competitors
    assert list(comp.columns) == ["respondent_id", "outcome_id", "competitor", "satisfaction"]
    assert comp["satisfaction"].isin([1, 2, 3, 4, 5]).all()
    assert set(comp["outcome_id"]) == set(sample.outcome_ids)
    rated = comp.groupby("respondent_id")["competitor"].unique()
    assert len(rated) == len(sample.responses)
    assert rated.map(len).between(2, 3).all()
    current = sample.responses.set_index("respondent_id")["current_solution"]
    assert all(current[rid] in names for rid, names in rated.items())


def declared_extents(path: Path) -> list[tuple[int, int, bool]]:
    """(rows, columns, declared) of each sheet, as the app's size check sees them before any read."""
    return [(e.rows, e.columns, e.declared) for e in check_workbook(path.read_bytes(), path.name)]


def test_each_sheet_declares_its_extent(sample: Sample) -> None:
    """The committed samples carry each sheet's <dimension>: the app's build of the bundled sample
    need not scan the sheets' cells to know their size (core.intake.importers.spreadsheet_limits)."""
    frames = [sample.job_map, sample.responses] + ([sample.competitors] if sample.competitors is not None else [])
    expected = [(len(frame) + 1, len(frame.columns), True) for frame in frames]
    assert declared_extents(SAMPLE_DIR / f"{sample.name}.xlsx") == expected


def test_written_workbooks_declare_each_sheets_extent(tmp_path: Path) -> None:
    frames = build_survey(SAMPLES[0], 25, seed=3)
    path = write_workbook(frames, tmp_path / "small.xlsx")
    sheets = [frames.job_map, frames.responses, frames.competitors]
    assert declared_extents(path) == [(len(f) + 1, len(f.columns), True) for f in sheets if f is not None]
    read = pd.read_excel(path, sheet_name=None, engine="calamine")  # a reader still finds every cell
    assert read["responses"].shape == frames.responses.shape


# --- determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", SAMPLES, ids=lambda spec: spec.name)
def test_same_seed_same_frames(spec, tmp_path: Path) -> None:
    first, second = build_survey(spec, 40, seed=11), build_survey(spec, 40, seed=11)
    pd.testing.assert_frame_equal(first.job_map, second.job_map)
    pd.testing.assert_frame_equal(first.responses, second.responses)
    if spec.competitor_sheet:
        pd.testing.assert_frame_equal(first.competitors, second.competitors)
    assert first.truth == second.truth
    assert not first.responses.equals(build_survey(spec, 40, seed=12).responses)
    a, b = write_workbook(first, tmp_path / "a.xlsx"), write_workbook(second, tmp_path / "b.xlsx")
    assert a.read_bytes() == b.read_bytes()


def test_committed_sample_matches_generator(sample: Sample) -> None:
    spec = next(spec for spec in SAMPLES if spec.name == sample.name)
    frames = build_survey(spec, spec.n_respondents, spec.seed)
    assert frames.truth == sample.truth
    for prefix in ("imp_", "sat_"):
        columns = [f"{prefix}{o}" for o in sample.outcome_ids]
        expected = frames.responses[columns].apply(pd.to_numeric, errors="coerce").astype(float)
        actual = sample.responses[columns].apply(pd.to_numeric, errors="coerce").astype(float)
        np.testing.assert_array_equal(actual.to_numpy(), expected.to_numpy())


def test_synthetic_spec_builds_requested_size() -> None:
    frames = build_survey(synthetic_spec(n_steps=8, n_outcomes=40, seed=3), 200, seed=3)
    assert frames.job_map["step_order"].nunique() == 8
    assert len(frames.job_map) == 40
    assert frames.responses.shape == (200, 1 + 4 + 80)
    assert len(set(frames.truth["segments"].values())) == 4


# --- planted structure -------------------------------------------------------------------------


def test_segments_recovered_by_kmeans(sample: Sample) -> None:
    imp, sat = sample.ratings("imp_"), sample.ratings("sat_")
    imp, sat = imp.fillna(imp.mean()), sat.fillna(sat.mean())
    x = StandardScaler().fit_transform((imp + (imp - sat).clip(lower=0)).to_numpy())
    fits = {k: KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x) for k in range(2, 9)}
    best = max(fits, key=lambda k: silhouette_score(x, fits[k]))
    planted = sample.responses["respondent_id"].map(sample.truth["segments"])
    assert best == planted.nunique() == len(sample.truth["segment_profiles"])
    assert adjusted_rand_score(planted, fits[best]) >= 0.8


def test_need_clusters_recovered_by_hierarchical_clustering(sample: Sample) -> None:
    distance = (1.0 - sample.ratings("imp_").corr().to_numpy()).clip(min=0)
    np.fill_diagonal(distance, 0.0)
    planted = [sample.truth["need_clusters"][o] for o in sample.outcome_ids]
    n_clusters = len(set(planted))
    assert 4 <= n_clusters <= 6
    labels = fcluster(linkage(squareform(distance, checks=False), "average"), n_clusters, "maxclust")
    assert adjusted_rand_score(planted, labels) >= 0.8


def test_planted_underserved_and_overserved_outcomes(sample: Sample) -> None:
    imp, sat = sample.ratings("imp_"), sample.ratings("sat_")
    opportunity = _opportunity(imp, sat)
    underserved, overserved = sample.truth["underserved_outcomes"], sample.truth["overserved_outcomes"]
    assert 4 <= len(underserved) <= 6 and overserved
    assert (opportunity[underserved] >= 12).all()
    assert set(opportunity.nlargest(len(underserved)).index) == set(underserved)
    assert (_t2b(sat)[overserved] > _t2b(imp)[overserved] + 1).all()


def test_competitors_lead_their_planted_steps(sample: Sample) -> None:
    step_of = sample.job_map.set_index("outcome_id")["step_order"]
    sat = sample.ratings("sat_")
    by_step = sat.T.groupby(step_of).mean().T.groupby(sample.responses["current_solution"].to_numpy()).mean()
    tables = [by_step]
    if sample.competitors is not None:
        comp = sample.competitors.assign(step_order=sample.competitors["outcome_id"].map(step_of))
        tables.append(comp.groupby(["competitor", "step_order"])["satisfaction"].mean().unstack())
    for table in tables:
        for competitor, steps in sample.truth["competitor_leads"].items():
            assert steps
            assert (table.loc[:, steps].idxmax(axis=0) == competitor).all(), (competitor, steps)


def test_willingness_to_pay_highest_in_most_underserved_segment(sample: Sample) -> None:
    imp, sat = sample.ratings("imp_"), sample.ratings("sat_")
    planted = sample.responses["respondent_id"].map(sample.truth["segments"])
    mean_opportunity = {s: _opportunity(imp[planted == s], sat[planted == s]).mean() for s in planted.unique()}
    wtp = pd.to_numeric(sample.responses["willingness_to_pay"]).groupby(planted).median()
    assert wtp.idxmax() == max(mean_opportunity, key=mean_opportunity.__getitem__)
