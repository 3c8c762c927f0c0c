"""``python -m core report FILE [--scenario NAME] --format html|pdf|pptx [--paper a4|letter] -o OUT``.

FILE is a survey file (imported as the Data page would, numeric codes read as exported with a
warning) or a workspace .xlsx (restored: its scenarios, segmentations, frameworks and settings).
Exit codes as the other commands: 0 written; 1 the file cannot be imported or restored, or the
report cannot be built (no scenario of that name: the message lists the names); 2 a usage error
(no such file, an output folder that does not exist).

The heavy modules are imported inside :func:`cmd_report` (listed in
tests/unit/test_architecture.py LAZY_IMPORTS): ``python -m core --help`` must stay quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("html", "pdf", "pptx")
PAPERS = ("a4", "letter")


def add_report(commands) -> None:
    """The ``report`` sub-command's arguments."""
    report = commands.add_parser("report", help="the executive report of a scenario: HTML, PDF or PowerPoint")
    report.add_argument("file", help="a survey file, or a workspace .xlsx (then its scenarios and frameworks too)")
    report.add_argument("--scenario", metavar="NAME", help="the focus scenario to report (default: the active one)")
    report.add_argument("--format", choices=FORMATS, required=True)
    report.add_argument("--paper", choices=PAPERS, default="a4", help="PDF paper size, landscape (default a4)")
    report.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")


def _error(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def render(report, fmt: str, paper: str) -> bytes:
    """The report in ``fmt`` as bytes."""
    from core.report.deck import render_pptx
    from core.report.html import render_html
    from core.report.pdf import render_pdf

    if fmt == "html":
        return render_html(report).encode("utf-8")
    return render_pdf(report, paper) if fmt == "pdf" else render_pptx(report)


def cmd_report(args: argparse.Namespace) -> int:
    from core.cli_files import FileFailed, load_file
    from core.report.build import ReportError, build_report

    source, output = Path(args.file), Path(args.output)
    if not source.is_file():
        return _error(f"No such file: {source}" if not source.exists() else f"{source} is not a file", 2)
    if not output.parent.is_dir():
        return _error(f"The folder of {output} does not exist: create it or choose another -o", 2)
    try:
        workspace, _ = load_file(str(source))  # a survey or a workspace file, read in the bounded child
    except FileFailed as failed:
        print(failed, file=sys.stderr)
        return failed.code
    try:
        report = build_report(workspace, args.scenario)
    except ReportError as exc:
        return _error(str(exc), 1)
    output.write_bytes(render(report, args.format, args.paper))
    sections = ", ".join(s.title for s in report.sections)
    print(f"Wrote {output} ({args.format}): {sections}.", file=sys.stderr)
    return 0
