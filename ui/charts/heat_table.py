"""A table of mean opportunity drawn as coloured cells: rows × segment columns, value in each cell."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.theme import INK

MULTILINE = "split(datum.label, '|')"  # column labels carry line breaks as '|'
DARK_FROM = 11  # cells at or above this opportunity get white text


def opportunity_heat_table(
    data: pd.DataFrame,
    *,
    columns: list[str],
    row_field: str,
    rows: list[str],
    tooltip: list[alt.Tooltip],
    title: alt.Title,
    row_height: int,
    font_size: int,
    label_limit: int,
) -> alt.LayerChart:
    """``data`` has ``column`` (the column label), ``row_field``, ``mean_opportunity`` and ``text``.

    Cells use the oranges scheme on the whole 0–20 opportunity range, so colours compare across
    tables; the value is written in each cell as well (never colour alone).
    """
    x = alt.X(
        "column:N",
        sort=columns,
        title=None,
        axis=alt.Axis(orient="bottom", labelAngle=0, labelExpr=MULTILINE, labelFontSize=14, labelPadding=6),
    )
    y = alt.Y(f"{row_field}:N", sort=rows, title=None, axis=alt.Axis(labelLimit=label_limit))
    cells = (
        alt.Chart(data)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "mean_opportunity:Q",
                title="Mean opportunity",
                scale=alt.Scale(scheme="oranges", domain=[0, 20]),
                legend=alt.Legend(orient="bottom", gradientLength=320),
            ),
            tooltip=tooltip,
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(fontSize=font_size)
        .encode(
            x=x,
            y=y,
            text="text:N",
            color=alt.condition(f"datum.mean_opportunity >= {DARK_FROM}", alt.value("white"), alt.value(INK)),
        )
    )
    return alt.layer(cells, text).properties(height=row_height * len(rows), title=title)


def cell_text(values: pd.Series) -> pd.Series:
    """One decimal, blank where there is no value."""
    return values.map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
