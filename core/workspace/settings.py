"""The one settings loader: every facilitator setting (scoring, competition, focus) is read here,
under one tolerance rule.

A setting is a JSON object stored under one key of the ``settings`` table and described by a
frozen dataclass whose constructor (plus an optional ``check``) says what is valid. Reading it:

* a value is **kept** when it has its field's type (an integral number is a valid ``int``, any
  finite number a valid ``float``; booleans are not numbers, and a ``bool`` field such as the
  scoring's ``complete_pairs`` keeps only JSON true/false: 1, "yes" or "true" take the default
  with a warning, since guessing could silently change every score) and the dataclass accepts it together
  with the values kept before it, in field order;
* a value that **cannot be read** (wrong type, out of range, bands out of order, an unknown method)
  takes its field's default, and a warning says which value, what was seen and what is used;
* a key the dataclass does not know is ignored, with a warning;
* a stored value that is not a JSON object takes every default, with a warning;
* a **missing** key takes its default without a warning on the pages (a newer version may add
  settings to an older workspace), but it is listed in ``defaulted`` so a restore can say so.

Nothing here raises: the pages always get usable settings and show the warnings
(:func:`ui.settings_notice.show_settings_warnings`). The modules that own a setting keep their
``load_…`` functions, which go through :func:`load_setting`.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from core.workspace.database import Workspace

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """Settings as read, with what had to be replaced by defaults."""

    settings: T
    warnings: tuple[str, ...] = ()  # unreadable values and unknown keys, as sentences
    defaulted: tuple[str, ...] = ()  # fields that were missing and took their defaults


@dataclass(frozen=True)
class SettingSpec(Generic[T]):
    """What a stored setting is: its key, its dataclass, a name people read and where to change it."""

    key: str
    cls: type[T]
    label: str  # "scoring settings"
    where: str  # "the Data page (Scoring settings tab)"
    check: Callable[[T], None] | None = None  # raises ValueError for values the dataclass accepts but the app cannot


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "…"


def _typed(value: object, hint: object) -> object:
    """``value`` as the type ``hint`` names; raises TypeError when it is not one."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        for option in options:
            if option is type(None):
                continue
            try:
                return _typed(value, option)
            except TypeError:
                continue
        raise TypeError
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        raise TypeError
    if hint is int:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return int(value)
        raise TypeError
    if hint in (str, bool):
        if isinstance(value, hint):  # type: ignore[arg-type]
            return value
        raise TypeError
    return value


def _kind(hint: object) -> str:
    names = {float: "a number", int: "a whole number", str: "a text", bool: "true or false"}
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        parts = [names.get(a, str(a)) for a in typing.get_args(hint) if a is not type(None)]
        return " or ".join(parts) + (" (or empty)" if type(None) in typing.get_args(hint) else "")
    return names.get(hint, str(hint))  # type: ignore[arg-type]


def read_setting(stored: object, spec: SettingSpec[T]) -> Loaded[T]:
    """Settings from a stored JSON value (already parsed) under the rule of this module."""
    cls, fields = spec.cls, dataclasses.fields(spec.cls)  # type: ignore[arg-type]
    hints = typing.get_type_hints(cls)
    defaults = cls()
    fix = f"Change it on {spec.where} to store a valid value."
    if stored is None:
        return Loaded(defaults, (), tuple(f.name for f in fields))
    if not isinstance(stored, dict):
        warning = (
            f"The stored {spec.label} are {_show(stored)}, not a set of named values: the defaults are used. {fix}"
        )
        return Loaded(defaults, (warning,), ())
    kept: dict[str, Any] = {}
    warnings: list[str] = []
    defaulted: list[str] = []
    for f in fields:
        if f.name not in stored:
            defaulted.append(f.name)
            continue
        value, default = stored[f.name], getattr(defaults, f.name)
        try:
            typed = _typed(value, hints[f.name])
        except TypeError:
            warnings.append(
                f"The stored {spec.label} hold {f.name} = {_show(value)}, which is not {_kind(hints[f.name])}: "
                f"the default {_show(default)} is used. {fix}"
            )
            continue
        try:
            candidate = cls(**{**kept, f.name: typed})
            if spec.check is not None:
                spec.check(candidate)
        except (ValueError, TypeError) as exc:
            warnings.append(
                f"The stored {spec.label} hold {f.name} = {_show(value)}, which cannot be used ({exc}): "
                f"the default {_show(default)} is used. {fix}"
            )
            continue
        kept[f.name] = typed
    unknown = [k for k in stored if k not in {f.name for f in fields}]
    if unknown:
        warnings.append(
            f"The stored {spec.label} hold {', '.join(map(_show, unknown))}, which this version does not know: ignored."
        )
    return Loaded(cls(**kept), tuple(warnings), tuple(defaulted))


def load_setting(workspace: Workspace, spec: SettingSpec[T]) -> Loaded[T]:
    """The setting ``spec.key`` of ``workspace``; never raises (see the module docstring)."""
    try:
        stored = workspace.get_setting(spec.key)
    except (ValueError, TypeError):  # a value that is not JSON (the column is JSON, but be safe)
        stored = "(unreadable)"
    return read_setting(stored, spec)
