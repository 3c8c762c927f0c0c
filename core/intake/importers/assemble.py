"""Draft → canonical tables: the half of every import that does not depend on the layout.

Steps, in order: respondent ids (generated where missing, duplicates dropped), ratings parsed
once per distinct value, the scale detected (or the declared one used), labels mapped by the
column's label set, invalid codes counted per column, respondents without a single valid
rating dropped, outcomes and steps built from the job map and the rating columns, attributes
typed, competitor ratings checked against known respondents and outcomes. Every repair and
every drop goes into the report.
"""

from __future__ import annotations

import math
from typing import cast

import numpy as np
import pandas as pd

from core.intake.importers.attributes import respondent_table
from core.intake.importers.coded import Coded
from core.intake.importers.competitor_table import competitor_table
from core.intake.importers.draft import IMPORTANCE, SATISFACTION, UNASSIGNED_STEP, Draft, OutcomeDecl, RatingColumn
from core.intake.importers.headers import id_text, outcome_key
from core.intake.importers.long_form import assemble_long
from core.intake.importers.mixed_scales import warn_mixed_scales
from core.intake.importers.scorable import nothing_rated, nothing_to_score
from core.intake.importers.survey import SurveyData
from core.intake.labels import label_book
from core.intake.ratings import MISSING_POINT, ParsedColumn, as_nullable, integer_counts, parse_column, resolve_column
from core.intake.report import ValidationReport
from core.intake.scales import Scale, detect_scale
from core.wording import agree, first_few, plural

_id_text = id_text  # the names long_form and older callers use
_key = outcome_key
DUPLICATE_ID = "with a duplicate respondent_id (the first row was kept)"
NO_RATINGS = "without a single valid importance or satisfaction rating"


def _respondent_ids(draft: Draft, report: ValidationReport) -> np.ndarray:
    if draft.respondent_ids is None:
        report.notes.append("No respondent_id column: respondents were numbered R00001, R00002, … in file order.")
        return np.array([f"R{i + 1:05d}" for i in range(draft.n_rows)], dtype=object)
    assert not isinstance(draft.respondent_ids, Coded)  # wide layouts only; Coded columns are the long reader's
    ids = np.array([_id_text(v) for v in draft.respondent_ids], dtype=object)
    blank = np.flatnonzero(ids == "")
    if len(blank) and draft.long is None:
        for i in blank:
            ids[i] = f"row{draft.row_numbers[int(i)]}"
        report.warn(
            f"{plural(len(blank), 'row has', 'rows have')} no respondent_id; "
            f"{agree(len(blank), 'it was given an id from its', 'they were given ids from their')} row number "
            f"({first_few(ids[blank].tolist())}).",
            f"{draft.where}, column '{draft.id_header}'",
            "Fill in the missing ids if respondents must be matched to other data.",
        )
    return ids


LABEL_TIE = "5-point scales put on different points"


def _parsed(column: RatingColumn) -> ParsedColumn:
    """The column's cells as read by its parser, or read now."""
    if column.parsed is not None:
        return column.parsed
    return column.values.parsed() if isinstance(column.values, Coded) else parse_column(column.values)


class Assembler:
    def __init__(self, draft: Draft, report: ValidationReport, scale: Scale | None, file_stem: str):
        self.kept_rows: np.ndarray | None = None  # wide layout: which draft rows became respondents
        self.preferred: dict[str, str] = {}  # measure → the label set its columns vote for together
        self.draft = draft
        self.report = report
        self.declared_scale = scale
        self.file_stem = file_stem

    # --- ratings -------------------------------------------------------------------------
    def choose_scale(self, parsed: list[ParsedColumn], blocks: list[tuple[str, str]] | None = None) -> Scale:
        """The declared scale, or the one the ratings show; then each question block is checked
        against it (``blocks``: each column's (block, header); a column with no block is its own)
        and a mismatch is the first warning of the report."""
        if self.declared_scale is not None:
            self.report.scale = self.declared_scale.name
            self.report.notes.append(f"Scale {self.declared_scale.name}, as declared.")
            scale = self.declared_scale
        else:
            # only known Likert labels are evidence of a 5-point scale; stray text ("n/r") is not
            labelled = any(label_book().choose(column.labels())[0] is not None for column in parsed)
            scale, why = detect_scale(integer_counts(parsed), has_labels=labelled)
            self.report.scale = scale.name
            self.report.notes.append(
                f"Scale detected: {why}. Top-two-box points: {', '.join(map(str, scale.top_points))}. "
                "Declare another scale if this is wrong (1-5, 1-7, 1-10, 0-10)."
            )
        if blocks is not None:
            warn_mixed_scales(self.report, parsed, blocks, scale, self.draft.where)
        return scale

    def choose_labels(self, measure: str, labels: set[str]) -> None:
        """The label set all of a measure's columns vote for (a column's own tie goes to it).

        When the labels fit several 5-point scales that put them on different points, the first
        is used and the report says so with every reading (core.intake.labels, "Decision").
        """
        book = label_book()
        chosen, _ = book.choose(labels, measure)
        if chosen is None:
            return
        self.preferred[measure] = chosen.key
        rivals = book.rivals(labels, chosen, measure)
        if not rivals or not self.scale.five_point:  # off a 5-point scale no label is read
            return
        differ = sorted(
            label
            for label in labels & chosen.points.keys()
            if any(r.points.get(label) != chosen.points[label] for r in rivals)
        )
        shown = differ[:3]
        readings = "; ".join(
            f"{s.span} reads " + ", ".join(f"'{label}' as {s.points[label]}" for label in shown if label in s.points)
            for s in (chosen, *rivals)
        )
        self.report.warn(
            f"The {measure} answers use only labels that {('two', 'three', 'four')[min(len(rivals), 3) - 1]} "
            f"{LABEL_TIE} ({readings}); they were read on the first, {chosen.span}.",
            self.draft.where,
            f"If the survey's {measure} scale was another one, export the answers as numbers (1 = the scale's "
            "lowest answer) and import that file; a survey whose answers use more of the scale's labels "
            "is read without doubt.",
        )

    def resolve(
        self,
        parsed: ParsedColumn,
        scale: Scale,
        measure: str,
        header: str,
        sheet: str,
        where: str,
        reverse: bool = False,
    ) -> np.ndarray:
        """Points on ``scale``; invalid cells are counted under (sheet, header).

        ``reverse``: the column holds numeric codes that run 1 = best; each point p becomes
        low + high − p. Labels are never reversed: they fix the direction themselves.
        """
        resolved = resolve_column(parsed, scale, measure, reverse=reverse, preferred=self.preferred.get(measure))
        self.report.count_invalid(sheet, header, resolved.reasons)
        if len(resolved.points) and (resolved.points == MISSING_POINT).all():
            summary = ", ".join(f"{n} {reason}" for reason, n in resolved.reasons.most_common())
            self.report.warn(
                f"This {measure} column has no valid rating ({summary}).",
                f"{where}, column '{header}'",
                f"Check that the column holds {measure} ratings on the {scale.name} scale or Likert labels; "
                "declare the scale if it is not the one detected.",
            )
        if resolved.label_family and resolved.label_family not in (measure, "agreement"):
            self.report.warn(
                f"This {measure} column holds {resolved.label_family} labels ({resolved.label_set}).",
                f"{where}, column '{header}'",
                "Check that importance and satisfaction columns are not swapped.",
            )
        return resolved.points

    # --- outcomes and steps --------------------------------------------------------------
    def outcome_table(self, rated: list[tuple[str, str]]) -> tuple[list[OutcomeDecl], dict[str, str]]:
        """Outcomes in order, and a map from lower-cased rated ids to canonical ids.

        ``rated`` is (outcome_id, source header) in column order.
        """
        declared: dict[str, OutcomeDecl] = {}
        duplicates = []
        for decl in self.draft.job_map or []:
            if _key(decl.outcome_id) in declared:
                duplicates.append(decl.outcome_id)
            else:
                declared[_key(decl.outcome_id)] = decl
        if duplicates:
            self.report.warn(
                f"{len(duplicates)} outcome ids appear twice in the job map ({', '.join(duplicates[:5])}); "
                "the first row of each was used.",
                self.draft.job_map_where,
                "Give every outcome its own outcome_id.",
            )
        rated_keys = {_key(oid) for oid, _ in rated}
        unrated = [d.outcome_id for k, d in declared.items() if k not in rated_keys]
        if unrated:
            self.report.warn(
                f"{len(unrated)} job-map outcomes have no rating columns ({', '.join(unrated[:5])}); "
                "they are kept in the job map without scores.",
                self.draft.job_map_where,
                "Add imp_<outcome_id> and sat_<outcome_id> columns for them, or remove them from the job map.",
            )
        outcomes = list(declared.values())
        canonical = {k: d.outcome_id for k, d in declared.items()}
        extra = []
        for outcome_id, _ in rated:
            if _key(outcome_id) not in canonical:
                canonical[_key(outcome_id)] = outcome_id
                outcomes.append(OutcomeDecl(outcome_id, outcome_id))
                extra.append(outcome_id)
        if extra and self.draft.job_map is not None:
            self.report.warn(
                f"{len(extra)} rated outcomes are not in the job map ({', '.join(extra[:5])}); "
                f"they were put in the step '{UNASSIGNED_STEP}' with their id as the statement.",
                self.draft.where,
                "Add them to the job map sheet, or arrange them on the Job map page.",
            )
        return outcomes, canonical

    def _steps_and_outcomes(
        self, outcomes: list[OutcomeDecl], sources: dict[str, str]
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        first_seen: dict[str, int] = {}
        order: dict[str, float] = {}
        description: dict[str, str | None] = {}
        for position, decl in enumerate(outcomes):
            step = (decl.step or "").strip() or UNASSIGNED_STEP
            first_seen.setdefault(step, position)
            if decl.step_order is not None and step != UNASSIGNED_STEP:
                order[step] = min(order.get(step, math.inf), decl.step_order)
            if decl.step_description and not description.get(step):
                description[step] = decl.step_description

        def step_rank(step: str) -> tuple[int, float, int]:
            return (step == UNASSIGNED_STEP, order.get(step, math.inf), first_seen[step])

        ordered = sorted(first_seen, key=step_rank)
        step_ids = {name: i + 1 for i, name in enumerate(ordered)}
        steps = pd.DataFrame(
            {
                "step_id": list(step_ids.values()),
                "step_order": list(step_ids.values()),
                "name": ordered,
                "description": [description.get(name) for name in ordered],
            }
        )
        blank_statements = [d.outcome_id for d in outcomes if not d.statement.strip()]
        if blank_statements:
            self.report.warn(
                f"{plural(len(blank_statements), 'outcome has', 'outcomes have')} no statement "
                f"({first_few(blank_statements)}); "
                f"{agree(len(blank_statements), 'its id is', 'their ids are')} shown instead.",
                self.draft.job_map_where,
                "Write the desired-outcome statement in the job map's statement column.",
            )
        table = pd.DataFrame(
            {
                "outcome_id": [d.outcome_id for d in outcomes],
                "step_id": [step_ids[(d.step or "").strip() or UNASSIGNED_STEP] for d in outcomes],
                "statement": [d.statement.strip() or d.outcome_id for d in outcomes],
                "source": [sources.get(_key(d.outcome_id)) for d in outcomes],
                "outcome_order": range(1, len(outcomes) + 1),
            }
        )
        return steps, table

    # --- wide layout ---------------------------------------------------------------------
    def _wide_ratings(self, ids: np.ndarray) -> tuple[pd.DataFrame, list[OutcomeDecl], pd.Series, np.ndarray]:
        draft, report = self.draft, self.report
        seen: dict[tuple[str, str], RatingColumn] = {}
        for column in draft.wide:
            key = (_key(column.outcome_id), column.measure)
            if key in seen:
                report.warn(
                    f"Two {column.measure} columns for outcome {column.outcome_id}; "
                    f"the first ('{seen[key].header}') was used.",
                    f"{draft.where}, column '{column.header}'",
                    "Rename or delete the duplicate column.",
                )
            else:
                seen[key] = column
        columns = list(seen.values())
        parsed = [_parsed(c) for c in columns]
        scale = self.scale = self.choose_scale(parsed, [(c.block or c.header, c.header) for c in columns])
        for measure in (IMPORTANCE, SATISFACTION):
            pooled = set().union(*(p.labels() for c, p in zip(columns, parsed, strict=True) if c.measure == measure))
            self.choose_labels(measure, pooled)
        rated = list(dict.fromkeys(_key(c.outcome_id) for c in columns))
        first_header = {}
        for c in columns:
            first_header.setdefault(_key(c.outcome_id), (c.outcome_id, c.header))
        outcomes, canonical = self.outcome_table([first_header[k] for k in rated])
        n = len(ids)
        valid_any = np.zeros(n, dtype=bool)
        values: dict[tuple[str, str], np.ndarray] = {}
        for column, parsed_column in zip(columns, parsed, strict=True):
            points = self.resolve(
                parsed_column, scale, column.measure, column.header, draft.sheet, draft.where, column.reversed
            )
            values[(_key(column.outcome_id), column.measure)] = points
            valid_any |= points != MISSING_POINT
        for key in rated:
            for measure, prefix in ((IMPORTANCE, "imp_"), (SATISFACTION, "sat_")):
                if (key, measure) not in values:
                    report.warn(
                        f"Outcome {canonical[key]} has no {measure} column; its {measure} is missing.",
                        draft.where,
                        f"Add a column {prefix}{canonical[key]}." if draft.platform is None else draft.mapping_fix,
                    )
        empty = np.full(n, MISSING_POINT, dtype=np.int16)

        def stacked(measure: str) -> pd.arrays.IntegerArray:
            return as_nullable(np.concatenate([values.get((k, measure), empty) for k in rated]))

        # ids as categories, as the long reader makes them: one text per respondent and outcome, not
        # one per rating (building 750,000 texts cost 0.15 s of a 5,000 × 150 import)
        id_codes, id_texts = pd.factorize(ids)  # a repeated id shares a code; its repeats are dropped below
        frame = pd.DataFrame(
            {
                "respondent_id": pd.Categorical.from_codes(
                    np.tile(id_codes, len(rated)), categories=pd.Index(id_texts)
                ),
                "outcome_id": pd.Categorical.from_codes(
                    np.repeat(np.arange(len(rated)), n), categories=pd.Index([canonical[k] for k in rated])
                ),
                "importance": stacked(IMPORTANCE),
                "satisfaction": stacked(SATISFACTION),
            },
            copy=False,  # arrays made here for this frame: no second copy of every rating
        )
        sources = {k: first_header[k][1] for k in rated}
        return frame, outcomes, pd.Series(sources), valid_any

    def build(self) -> SurveyData | None:
        draft, report = self.draft, self.report
        report.format = draft.layout
        report.rows_read = draft.n_rows if draft.rows_in_file is None else draft.rows_in_file
        if not self._can_score():
            return None
        if draft.long is not None:
            return assemble_long(self)
        ids = _respondent_ids(draft, report)
        ratings, outcomes, sources, valid_any = self._wide_ratings(ids)
        keep = np.ones(len(ids), dtype=bool)
        duplicated = pd.Series(ids).duplicated().to_numpy()
        report.drop(DUPLICATE_ID, [str(i) for i in ids[duplicated]])
        keep &= ~duplicated
        report.drop(NO_RATINGS, [str(i) for i in ids[keep & ~valid_any]])
        keep &= valid_any
        if not keep.all():  # the usual file keeps every row: no copy of its ratings, no unused id
            kept_rows = np.tile(keep, len(ratings) // max(len(ids), 1))
            ratings = ratings[kept_rows].reset_index(drop=True)
            ratings["respondent_id"] = ratings["respondent_id"].cat.remove_unused_categories()  # only kept ids
        self.kept_rows = keep
        return self.finish(
            ids[keep],
            [(h, np.asarray(v, dtype=object)[keep]) for h, v in draft.attributes],
            ratings,
            outcomes,
            cast(dict[str, str], sources.to_dict()),
        )

    def _can_score(self) -> bool:
        """Whether the draft has rows and an outcome with both measures; if not, the error says what is
        missing — the same message in every layout (:mod:`core.intake.importers.scorable`)."""
        draft = self.draft
        missing = nothing_to_score(draft)
        if missing is not None:
            self.report.error(missing[0], draft.where, missing[1])
        elif draft.n_rows == 0:
            self.report.error(
                "The table has a header but no data rows.",
                draft.where,
                "Export the survey again including its responses.",
            )
        else:
            return True
        return False

    def finish(
        self,
        ids: np.ndarray,
        attributes: list[tuple[str, np.ndarray]],
        ratings: pd.DataFrame,
        outcomes: list[OutcomeDecl],
        sources: dict[str, str],
    ) -> SurveyData | None:
        report = self.report
        if len(ids) == 0:
            report.error(
                "No respondent has a single valid rating, so there is nothing to score.",
                self.draft.where,
                "Check that the rating cells hold numbers on the scale or Likert labels.",
            )
            return None
        unrated = nothing_rated(ratings)
        if unrated is not None:
            report.error(unrated[0], self.draft.where, unrated[1])
            return None
        steps, outcome_table = self._steps_and_outcomes(outcomes, sources)
        respondents, catalogue = respondent_table(ids, attributes, self.report, self.draft.where)
        competitors = competitor_table(self, ids, outcome_table)
        report.respondents = len(ids)
        report.outcomes = len(outcome_table)
        report.steps = len(steps)
        name = self.draft.survey_name or self.file_stem.replace("_", " ").strip() or "Survey"
        return SurveyData(name, steps, outcome_table, respondents, catalogue, ratings, competitors, self.scale, report)
