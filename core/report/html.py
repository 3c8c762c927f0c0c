"""The report as one self-contained HTML page: charts inline as SVG (core.report.chart_images),
the bundled font embedded as a data URL (subset to the characters used), no script, nothing
fetched from the network, print styles for A4/Letter landscape.

Decision: every piece of user text goes through :func:`html.escape` — statements, step and
scenario names, notes are data, never markup. The SVG that vl-convert writes escapes its own text.
"""

from __future__ import annotations

import base64
import html
import io

from fontTools import subset

from core.report import chart_images
from core.report.fonts import BOLD, REGULAR
from core.report.model import Chart, Report, Section, Table

STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; color: #111418; margin: 2rem auto; max-width: 1100px;
       padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; } h2 { font-size: 1.4rem; border-bottom: 2px solid #0072B2;
padding-bottom: .2rem; margin-top: 2.5rem; } h3 { font-size: 1.1rem; margin-bottom: .2rem; }
.subtitle, .rule, .caption, .how { color: #55606E; } .how { font-style: italic; margin: .2rem 0 .6rem; }
.numbers { display: flex; flex-wrap: wrap; gap: .8rem; margin: .8rem 0; }
.number { border: 1px solid #D5DAE0; border-radius: 6px; padding: .5rem .8rem; min-width: 9rem; }
.number .value { font-size: 1.5rem; font-weight: bold; } .number .label, .number .n { font-size: .85rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .85rem; width: 100%; }
th, td { border-bottom: 1px solid #E3E7EC; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #F3F5F8; } figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
.notes { font-size: .8rem; color: #55606E; columns: 2; } .notes li { break-inside: avoid; }
@page { size: A4 landscape; margin: 14mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: page; } figure, table, .numbers
{ break-inside: avoid; } .notes { columns: 1; } }
"""


def font_faces(text: str) -> str:
    """@font-face rules embedding the bundled regular and bold fonts, subset to ``text``."""
    rules = []
    for path, weight in ((REGULAR, "normal"), (BOLD, "bold")):
        options = subset.Options()
        options.flavor = None
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text + "0123456789.,–— %()")
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        rules.append(
            f"@font-face {{ font-family: 'DejaVu Sans'; font-weight: {weight}; "
            f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
        )
    return "\n".join(rules)


def _table(table: Table) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in table.rows)
    caption = f'<p class="caption">{html.escape(table.caption)}</p>' if table.caption else ""
    return f"{caption}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(chart: Chart, image: str) -> str:
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in chart.notes)
    return (
        f'<figure aria-label="{html.escape(chart.title)}"><h3>{html.escape(chart.title)}</h3>'
        f'<p class="how">How to read: {html.escape(chart.how_to_read)}</p>{image}'
        f'<details open><summary>The numbers behind the chart</summary><ul class="notes">{notes}</ul></details>'
        "</figure>"
    )


def _section(section: Section, images: dict[int, str]) -> str:
    parts = [f'<section id="{html.escape(section.key)}"><h2>{html.escape(section.title)}</h2>']
    parts += [f"<p>{html.escape(line)}</p>" for line in section.text]
    if section.numbers:
        cards = "".join(
            f'<div class="number"><div class="value">{html.escape(k.value)}</div>'
            f'<div class="label">{html.escape(k.label)}</div>'
            + (f'<div class="n">n = {k.n:,}</div>' if k.n is not None else "")
            + "</div>"
            for k in section.numbers
        )
        parts.append(f'<div class="numbers">{cards}</div>')
    parts += [_chart(c, images[id(c)]) for c in section.charts]
    parts += [_table(t) for t in section.tables]
    parts.append("</section>")
    return "".join(parts)


def render_html(report: Report) -> str:
    """The whole page as a string (UTF-8)."""
    images = {id(c): chart_images.svg(chart_images.without_title(c.spec)) for s in report.sections for c in s.charts}
    scenario = f"<p>Scenario: <strong>{html.escape(report.scenario)}</strong></p>" if report.scenario else ""
    body = "".join(_section(s, images) for s in report.sections)
    head = (
        f"<h1>{html.escape(report.title)}</h1><p class='subtitle'>{html.escape(report.subtitle)}</p>{scenario}"
        f"<p class='rule'>{html.escape(report.scoring_rule)}</p>"
    )
    page_text = head + body
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:; font-src data:">'
        f"<title>{html.escape(report.title)}</title><style>{font_faces(html.unescape(page_text))}{STYLE}</style>"
        f"</head><body>{page_text}</body></html>"
    )
