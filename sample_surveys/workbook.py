"""Write a simulated survey as the canonical workbook (and its ground truth as JSON).

The workbook is written with openpyxl's write-only mode. Its bytes are reproducible too: the
document properties carry a fixed timestamp and every zip member a fixed date, so regenerating a
committed sample with the same seed leaves the file unchanged.

Each sheet declares its extent (``<dimension ref="A1:…"/>``), which openpyxl's write-only mode
leaves out: a reader then knows a sheet's size without scanning its cells (the app checks an
undeclared sheet's extent by scanning it before the read: 0.15 s of every build of the bundled
sample, core.workspace.samples, issue 12).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from sample_surveys.simulate import SurveyFrames

FIXED_TIMESTAMP = dt.datetime(2024, 1, 1)
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)
_ZIP_MODE = 0o644 << 16
_HEAD = 1 << 16  # where a worksheet's <sheetViews> is, and its <dimension> goes before it


class _ReproducibleZipFile(ZipFile):
    """A ZipFile that stamps every member with the same date and permissions, and writes into each
    worksheet in ``dimensions`` (its part → its range) the sheet's declared extent."""

    def __init__(self, *args: Any, dimensions: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._dimensions = dimensions or {}

    def _info(self, arcname: str) -> ZipInfo:
        info = ZipInfo(arcname, date_time=_ZIP_DATE)
        info.compress_type = self.compression
        info.external_attr = _ZIP_MODE
        return info

    def writestr(self, zinfo_or_arcname: str | ZipInfo, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: str | None = None, *args: Any, **kwargs: Any) -> None:
        name = arcname or Path(filename).name
        info = self._info(name)
        element = f'<dimension ref="{self._dimensions[name]}"/>'.encode() if name in self._dimensions else b""
        info.file_size = Path(filename).stat().st_size + len(element)
        with open(filename, "rb") as source, self.open(info, "w") as target:
            if element:
                head = source.read(_HEAD)
                at = head.find(b"<sheetViews")
                if at < 0:
                    raise ValueError(f"{name}: no <sheetViews> in its first {_HEAD} bytes to put the dimension before")
                target.write(head[:at] + element + head[at:])
            shutil.copyfileobj(source, target, 1 << 20)


def _rows(frame: pd.DataFrame) -> Iterator[list[Any]]:
    """Header then data rows as plain Python values; NaN/NA become empty cells."""
    yield [str(column) for column in frame.columns]
    for row in frame.to_numpy(dtype=object).tolist():
        yield [None if (isinstance(v, float) and math.isnan(v)) or v is pd.NA else v for v in row]


def _sheets(frames: SurveyFrames) -> dict[str, pd.DataFrame]:
    sheets = {"job_map": frames.job_map, "responses": frames.responses}
    if frames.competitors is not None:
        sheets["competitors"] = frames.competitors
    return sheets


def write_workbook(frames: SurveyFrames, path: str | Path) -> Path:
    """Write ``job_map``, ``responses`` and (if present) ``competitors`` sheets to ``path``.

    Ratings are written as integer cells, missing ratings as empty cells, ``N/A`` /
    ``Don't know`` as text; attribute bands such as ``1-49`` stay text (never dates).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "sample_surveys.generate"
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.properties.modified = FIXED_TIMESTAMP
    dimensions = {}  # openpyxl writes the n-th sheet created as xl/worksheets/sheet<n>.xml
    for index, (title, frame) in enumerate(_sheets(frames).items(), start=1):
        sheet = workbook.create_sheet(title)
        for row in _rows(frame):
            sheet.append(row)
        dimensions[f"xl/worksheets/sheet{index}.xml"] = (
            f"A1:{get_column_letter(max(len(frame.columns), 1))}{len(frame) + 1}"
        )
    with _ReproducibleZipFile(path, "w", ZIP_DEFLATED, allowZip64=True, dimensions=dimensions) as archive:
        ExcelWriter(workbook, archive).save()
    return path


def write_truth(frames: SurveyFrames, path: str | Path) -> Path:
    """Write the planted ground truth next to the workbook as pretty-printed JSON."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(frames.truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
