"""Pickers (selectboxes) whose option labels can change while the page is open: scenario and
step names that the user renames.

Streamlit's selectbox keeps the choice in the browser by its *label*, not by the option. After
a rename the option (an id) is unchanged, so the server sends nothing and the browser keeps
showing the old name; on the next interaction it sends the old name back, which the server
reads as a value outside the options (on the Focus matrix that became "That scenario no longer
exists"). Two rules fix it at that cause:

- :func:`relabel` (before drawing the picker): when the labels changed since the last run, the
  current choice is assigned again, which makes Streamlit re-send it with its new label.
- :func:`picked` (in callbacks, and through :func:`relabel` in the script): a stale label that
  comes back from the browser is mapped to the option it named.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

import streamlit as st

_SEEN = "_picker_labels_{key}"  # {"now": {option: label}, "ever": {label: option}}
_KEEP = 500  # labels remembered per picker (renames in one session)


def _seen(key: str) -> dict:
    return st.session_state.setdefault(_SEEN.format(key=key), {"now": {}, "ever": {}})


def picked(key: str, options: Mapping[Hashable, str] | None = None) -> object:
    """The picker's value, with a stale label (sent by a browser that still shows an old name)
    mapped back to its option. ``options`` (option → label) defaults to the last labels drawn."""
    value = st.session_state.get(key)
    seen = _seen(key)
    known = options if options is not None else seen["now"]
    if value is None or value in known:
        return value
    return seen["ever"].get(value, value)


def relabel(key: str, options: Mapping[Hashable, str], value: object = None) -> None:
    """Call before drawing the selectbox ``key`` over ``options`` (option → label).

    Shows ``value`` when given (else the picker's current choice) and, when any label changed
    since the last run, re-sends the choice so the browser shows its new label.
    """
    seen = _seen(key)
    labels = dict(options)
    current = picked(key, labels) if value is None else value
    changed = seen["now"] != labels
    if current in labels and (changed or st.session_state.get(key) != current):
        st.session_state[key] = current
    ever = {**seen["ever"], **{label: option for option, label in labels.items()}}
    seen["ever"] = dict(list(ever.items())[-_KEEP:])
    seen["now"] = labels


def pick_saved(label: str, saved: Mapping[str, Any], key: str, describe: Callable[[Any], str], **kwargs: Any) -> str:
    """A selectbox over ``saved`` items (id → item, oldest first), labelled by ``describe(item)``;
    the newest is chosen when the remembered one is gone (deleted, or never chosen)."""
    if st.session_state.get(key) not in saved:
        st.session_state[key] = list(saved)[-1]
    return st.selectbox(label, list(saved), key=key, format_func=lambda s: describe(saved[s]), **kwargs)
