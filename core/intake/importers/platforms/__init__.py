"""Survey-platform exports: one module per platform, each recognised by its header signature.

Every module has ``NAME``, ``detect(source) -> float`` (confidence 0–1 from the header rows,
never the file name) and ``parse(source, options) -> PlatformTable``. :func:`recognise` asks
them all and takes the most confident; :mod:`core.intake.importers.pipeline` does the rest.
"""

from __future__ import annotations

from types import ModuleType

from core.intake.importers.platforms import (
    alchemer,
    calculator,
    google_forms,
    limesurvey,
    microsoft_forms,
    qualtrics,
    surveymonkey,
    typeform,
)
from core.intake.importers.reading import SourceFile

PLATFORMS: tuple[ModuleType, ...] = (
    qualtrics,
    surveymonkey,
    google_forms,
    microsoft_forms,
    alchemer,
    limesurvey,
    typeform,
    calculator,
)
MIN_CONFIDENCE = 0.5


def recognise(source: SourceFile) -> ModuleType | None:
    """The platform module whose header signature the file matches best, or None."""
    best, confidence = None, MIN_CONFIDENCE
    for platform in PLATFORMS:
        found = platform.detect(source)
        if found > confidence or (best is None and found >= confidence):
            best, confidence = platform, found
    return best


__all__ = ["PLATFORMS", "recognise"]
