"""The waves chart: one line per outcome (or job step) from the first wave to the second — a
slope chart of satisfaction or importance, 0–10 — coloured by whether the change is significant
(p < 0.05; core.analysis.waves_compare). DataFrames in, an Altair chart out; no Streamlit here.
Names are data (tooltips and the line ends' labels), never Markdown.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.reading import titled
from ui.charts.theme import MUTED, themed

ROSE, FELL, SAME = "significant rise", "significant fall", "no significant change"
STATUS_COLOURS = {ROSE: "#009E73", FELL: "#D55E00", SAME: "#B5BCC6"}
LABEL_LIMIT = 34


def _status(change: float, significant: object) -> str:
    if significant is True and change > 0:
        return ROSE
    if significant is True and change < 0:
        return FELL
    return SAME


def slope_rows(
    frame: pd.DataFrame, measure: str, names: str, first: str, second: str, significant: str
) -> pd.DataFrame:
    """Two rows per line (one per wave): name, wave, value, change, status. ``significant``: the
    column that says whether the change is significant (True/False/None)."""
    rows = frame.dropna(subset=[f"first_{measure}", f"second_{measure}"])
    status = [_status(c, s) for c, s in zip(rows[f"{measure}_change"], rows[significant], strict=True)]
    short = [n if len(n) <= LABEL_LIMIT else n[: LABEL_LIMIT - 1] + "…" for n in rows[names].astype(str)]
    common = {"name": rows[names].astype(str).to_numpy(), "short": short, "status": status}
    common["change"] = rows[f"{measure}_change"].round(2).to_numpy()
    left = pd.DataFrame({**common, "wave": first, "order": 0, "value": rows[f"first_{measure}"].round(2).to_numpy()})
    right = pd.DataFrame({**common, "wave": second, "order": 1, "value": rows[f"second_{measure}"].round(2).to_numpy()})
    return pd.concat([left, right], ignore_index=True)


def slope_chart(rows: pd.DataFrame, measure: str, first: str, second: str, *, height: int = 380) -> dict:
    """The slope chart of :func:`slope_rows` as a Vega-Lite spec; significant lines drawn thicker,
    labelled at the right. The wave labels are data: plain text in the title and on the axis."""
    domain, colours = list(STATUS_COLOURS), list(STATUS_COLOURS.values())
    x = alt.X("wave:N", sort=[first, second], title=None, axis=alt.Axis(labelAngle=0, labelLimit=260))
    y = alt.Y("value:Q", title=f"{measure.capitalize()} (0–10)", scale=alt.Scale(domain=[0, 10]))
    colour = alt.Color(
        "status:N", scale=alt.Scale(domain=domain, range=colours), title="Change", legend=alt.Legend(orient="top")
    )
    tooltip = [
        alt.Tooltip("name:N", title="Name"),
        alt.Tooltip("wave:N", title="Wave"),
        alt.Tooltip("value:Q", title=measure.capitalize(), format=".1f"),
        alt.Tooltip("change:Q", title="Change", format="+.1f"),
        alt.Tooltip("status:N", title="Change is"),
    ]
    base = alt.Chart(rows).encode(x=x, y=y, detail="name:N", color=colour, tooltip=tooltip)
    size = alt.condition(alt.datum.status == SAME, alt.value(1.5), alt.value(3.5))
    lines = base.mark_line(point=True).encode(strokeWidth=size, order="order:Q")
    labels = (
        alt.Chart(rows[(rows["order"] == 1) & (rows["status"] != SAME)])
        .mark_text(align="left", dx=8, fontSize=13, color=MUTED)
        .encode(x=x, y=y, text="short:N")
    )
    title = titled(f"{measure.capitalize()}: {first} → {second}", "waves")
    return themed((lines + labels).properties(height=height, title=title)).to_dict(validate=False)
