"""A validation report (``ValidationReport.to_dict()``) rendered for people.

One code path for every report: the one stored with the latest import
(``core.intake.store.latest_import_report``) and the one of a file waiting for confirmation both
arrive here as the same dict, so what a facilitator sees before and after an import agrees.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd
import streamlit as st

from core.wording import plural
from ui.text import literal

Report = dict[str, Any]
EXAMPLE_IDS = 8


def headline(report: Report) -> str:
    """One sentence: what the file holds, or that it cannot be imported."""
    name = f"**{literal(report['file_name'])}**"
    if not report["ok"]:
        return f"{name} cannot be imported."
    return (
        f"{name} ({literal(report['format'])}): {plural(report['respondents'], 'respondent')}, "
        f"{plural(report['outcomes'], 'outcome')} in {plural(report['steps'], 'job step')}, "
        f"rated on a {report['scale']} scale."
    )


def invalid_totals(report: Report) -> Counter[str]:
    """Ratings treated as missing, by reason, over all columns."""
    totals: Counter[str] = Counter()
    for entry in report["invalid_values"]:
        totals.update(entry["reasons"])
    return totals


def invalid_values_frame(report: Report) -> pd.DataFrame:
    """One row per column with invalid or missing ratings: sheet, column, total, one column per reason."""
    reasons = [reason for reason, _ in invalid_totals(report).most_common()]
    rows = [
        {
            "Sheet": entry["sheet"],
            "Column": entry["column"],
            "Total": sum(entry["reasons"].values()),
            **{reason: entry["reasons"].get(reason, 0) for reason in reasons},
        }
        for entry in report["invalid_values"]
    ]
    frame = pd.DataFrame(rows, columns=["Sheet", "Column", "Total", *reasons])
    return frame.sort_values(["Total", "Sheet", "Column"], ascending=[False, True, True], ignore_index=True)


def _finding(message: dict[str, str]) -> str:
    """Core's messages quote headers, sheet names and values from the file: all of it is literal text."""
    text = literal(message["text"])
    text = f"**{literal(message['where'])}**: {text}" if message.get("where") else text
    return f"{text}\n\n**What to do:** {literal(message['fix'])}" if message.get("fix") else text


def _examples(ids: list[str]) -> str:
    shown = ", ".join(literal(i) for i in ids[:EXAMPLE_IDS])
    return shown + (f", … ({len(ids) - EXAMPLE_IDS:,} more)" if len(ids) > EXAMPLE_IDS else "")


def _metrics(report: Report, totals: Counter[str]) -> None:
    read, kept, dropped, invalid = st.columns(4)
    read.metric("Rows read", f"{report['rows_read']:,}")
    kept.metric("Respondents kept", f"{report['respondents']:,}")
    dropped.metric("Respondents dropped", f"{report['rows_dropped']:,}")
    invalid.metric(
        "Missing ratings",
        f"{sum(totals.values()):,}",
        help="Ratings treated as missing: blanks, N/A or don't know, out-of-scale numbers and negative codes. "
        "They are never counted as zero.",
    )
    if totals:
        by_reason = " · ".join(f"{n:,} {literal(reason)}" for reason, n in totals.most_common())  # as the CLI says
        st.caption(f"Missing ratings by reason: {by_reason}")


def render_report(report: Report, *, show_headline: bool = True) -> None:
    """Errors (each with what to do), warnings, counts, dropped respondents, invalid values, notes."""
    if show_headline:
        (st.success if report["ok"] else st.error)(headline(report), icon=None if report["ok"] else ":material/block:")
    for message in report["errors"]:
        st.error(_finding(message), icon=":material/error:")
    for message in report["warnings"]:
        st.warning(_finding(message), icon=":material/warning:")
    totals = invalid_totals(report)
    if report["ok"] or report["rows_read"]:
        _metrics(report, totals)
    if report["dropped_respondents"]:
        st.markdown("**Respondents dropped, by reason**")
        st.markdown(
            "\n".join(
                f"- **{len(ids):,}** {literal(reason)}: {_examples(ids)}"
                for reason, ids in report["dropped_respondents"].items()
            )
        )
    if report["invalid_values"]:
        label = f"Missing or invalid ratings in {plural(len(report['invalid_values']), 'column')}, by reason"
        with st.expander(label):
            st.dataframe(invalid_values_frame(report), hide_index=True, width="stretch", height=320)
    if report["notes"]:
        st.info("\n".join(f"- {literal(note)}" for note in report["notes"]), icon=":material/info:")
