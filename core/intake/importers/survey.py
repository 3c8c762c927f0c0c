"""The result of an import: canonical tables as DataFrames, ready to store in a workspace."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.intake.report import ValidationReport
from core.intake.scales import Scale


@dataclass
class SurveyData:
    """Canonical tables (docs/ARCHITECTURE.md, Data model) for one survey, plus its validation report."""

    name: str
    steps: pd.DataFrame  # step_id, step_order, name, description
    outcomes: pd.DataFrame  # outcome_id, step_id, statement, source, outcome_order
    respondents: pd.DataFrame  # respondent_id, one column per attribute (internal names)
    attribute_catalogue: pd.DataFrame  # column_name, original_header, data_type, position
    ratings: pd.DataFrame  # respondent_id, outcome_id, importance, satisfaction (Int16)
    competitor_ratings: pd.DataFrame  # respondent_id, outcome_id, competitor, satisfaction
    scale: Scale
    report: ValidationReport
