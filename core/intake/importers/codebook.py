"""Codebooks: what the numeric codes of an export mean, so labels can fix the direction.

Two forms are read (CLI ``--codebook FILE``, or the app's upload):

* a Qualtrics survey file (``.qsf``, JSON): each question's answers (for a matrix, its scale
  points; for side-by-side, each scale's) with their recode values, keyed by QuestionID
  (``QID5``) and export tag (``Q5``);
* a CSV (or .xlsx) with columns ``code`` and ``label``, and optionally ``question`` (a question
  code such as ``Q5``/``QID5``/``G01Q01``, or a column header); rows without a question apply
  to every column.

A column's codes are replaced by labels when its question is in the codebook (or the
codebook has rows for every question); labels then decide the measure and the direction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from core.intake.importers.headers import find_column, header_text
from core.intake.importers.platforms.table import clean_text
from core.intake.importers.reading import UnreadableFile, has_value, read_source
from core.intake.labels import normalise_text


class CodebookError(ValueError):
    """The codebook cannot be read: ``problem`` says why and ``fix`` what to do."""

    def __init__(self, problem: str, fix: str):
        super().__init__(f"{problem} {fix}")
        self.problem = problem
        self.fix = fix


def code_text(value: object) -> str:
    """A code as compared: ``5.0`` → ``"5"``, ``" A1 "`` → ``"a1"``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise_text(str(value)) if value is not None else ""


@dataclass(frozen=True)
class Codebook:
    source: str  # the file it came from
    by_question: dict[str, dict[str, str]] = field(default_factory=dict)  # question key → code → label
    default: dict[str, str] = field(default_factory=dict)  # code → label for any question

    def labels_for(self, keys: tuple[str, ...]) -> dict[str, str] | None:
        """The code → label map of the first of ``keys`` the codebook knows, else its default one."""
        for key in keys:
            found = self.by_question.get(code_text(key)) if key else None
            if found:
                return found
        return self.default or None

    @property
    def size(self) -> int:
        return len(self.by_question) + bool(self.default)


def load_codebook(source: str | Path | bytes, file_name: str | None = None) -> Codebook:
    """Read a .qsf or a code,label table; raises :class:`CodebookError` with a fix."""
    if file_name is None:
        file_name = Path(source).name if isinstance(source, str | Path) else "codebook"
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source
    text = data.decode("utf-8-sig", errors="replace").lstrip()
    book = _from_qsf(text, file_name) if text.startswith("{") else _from_table(data, file_name)
    if not book.size:
        raise CodebookError(
            f"The codebook {file_name} lists no codes.",
            "Use the survey's .qsf file, or a CSV with columns code and label.",
        )
    return book


def _labels(payload: dict) -> dict[str, str]:
    """code → label of one question's scale (a matrix's answers, else its choices)."""
    options = payload.get("Answers") if payload.get("Answers") else payload.get("Choices")
    recodes = payload.get("RecodeValues") or {}
    if not isinstance(options, dict):
        return {}
    labels = {}
    for choice_id, choice in options.items():
        display = choice.get("Display") if isinstance(choice, dict) else choice
        if display is not None:
            labels[code_text(recodes.get(choice_id, choice_id))] = header_text(_strip_html(str(display)))
    return labels


def _strip_html(text: str) -> str:
    return clean_text(text, strip_html=True)


def _from_qsf(text: str, file_name: str) -> Codebook:
    try:
        survey = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodebookError(
            f"The codebook {file_name} is not valid JSON ({exc.msg}, line {exc.lineno}).",
            "Export the survey again as a .qsf file (Tools › Import/Export › Export survey).",
        ) from None
    elements = survey.get("SurveyElements") if isinstance(survey, dict) else None
    if not isinstance(elements, list):
        raise CodebookError(
            f"The codebook {file_name} is JSON but not a Qualtrics survey (.qsf).",
            "Use the survey's .qsf file, or a CSV with columns code and label.",
        )
    by_question: dict[str, dict[str, str]] = {}
    for element in elements:
        payload = element.get("Payload") if isinstance(element, dict) and element.get("Element") == "SQ" else None
        if not isinstance(payload, dict):
            continue
        keys = [payload.get("QuestionID"), payload.get("DataExportTag")]
        labels = _labels(payload)
        for key in keys:
            if key and labels:
                by_question[code_text(key)] = labels
        for scale, extra in (payload.get("AdditionalQuestions") or {}).items():
            labels = _labels(extra) if isinstance(extra, dict) else {}
            for key in keys:
                if key and labels:
                    by_question[code_text(f"{key}#{scale}")] = labels
    return Codebook(file_name, by_question)


def _from_table(data: bytes, file_name: str) -> Codebook:
    try:
        file = read_source(data, file_name)
    except UnreadableFile as exc:
        raise CodebookError(exc.problem, exc.fix) from None
    rows = [row for row in file.tables[0].rows if any(has_value(c) for c in row)]
    headers = [header_text(h) for h in rows[0]] if rows else []
    code_i = find_column(headers, "code", "value", "answer_code", "recode", "recode_value")
    label_i = find_column(headers, "label", "answer", "text", "answer_text", "value_label")
    question_i = find_column(headers, "question", "column", "variable", "question_code", "qid", "tag")
    if code_i is None or label_i is None:
        raise CodebookError(
            f"The codebook {file_name} has no 'code' and 'label' columns "
            f"(its columns: {', '.join(headers[:8]) or 'none'}).",
            "Give it a header row: question (optional), code, label.",
        )
    by_question: dict[str, dict[str, str]] = {}
    default: dict[str, str] = {}
    for row in rows[1:]:
        cells = row + [""] * (len(headers) - len(row))
        code, label = code_text(cells[code_i]), header_text(cells[label_i])
        if not code or not label:
            continue
        question = code_text(cells[question_i]) if question_i is not None else ""
        (by_question.setdefault(question, {}) if question else default)[code] = label
    return Codebook(file_name, by_question, default)
