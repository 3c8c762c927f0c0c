"""The executive report of a scenario (issue 15): one pure model (:mod:`core.report.model`) built
from the typed views (:mod:`core.report.build`), rendered as a self-contained HTML page, a PDF
(A4 or Letter, landscape) and an editable PowerPoint deck, with chart images drawn by one
renderer (:mod:`core.report.chart_images`, vl-convert with the bundled DejaVu Sans)."""
