"""Unexpected errors: a short message with a reference the facilitator can report.

Decision (issue 9.4): Streamlit's own error box (a traceback with server paths) is switched off
in ``.streamlit/config.toml`` (``client.showErrorDetails = "none"``), and the router catches
what a page raises: the browser shows a short message with a reference id, and the server log
gets the full traceback under the same id (logger ``jtbd.errors``), so "reference 7F3K-Q2MD"
from a workshop finds its traceback.
"""

from __future__ import annotations

import logging
import secrets

import streamlit as st

LOGGER = logging.getLogger("jtbd.errors")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out loud


def reference_id() -> str:
    """A short, readable id such as ``7F3K-Q2MD``."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def log_with_reference(error: BaseException, context: str) -> str:
    """Log ``error`` with its traceback under a new reference id, and return the id."""
    reference = reference_id()
    LOGGER.error("reference %s: %s", reference, context, exc_info=(type(error), error, error.__traceback__))
    return reference


def show_unexpected(error: BaseException, page_title: str) -> str:
    """The page's stand-in when it failed: what happened, what to try, the reference to report."""
    reference = log_with_reference(error, f"page {page_title!r} failed")
    st.error(
        f"Something went wrong on the {page_title} page, and it could not be shown. "
        "Your workspace is safe: every change made so far is saved. "
        "Reload the page, or go to another page and come back. "
        f"If it happens again, report the reference {reference} to whoever runs this app.",
        icon=":material/error:",
    )
    st.caption(f"Reference: {reference}")
    return reference
