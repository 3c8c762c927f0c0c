"""The bundled font (DejaVu Sans, assets/fonts/, licence in LICENSE-DejaVu.txt): chart images and
PDFs use it on every machine, nothing is read from the system or downloaded."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FAMILY = "DejaVu Sans"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
