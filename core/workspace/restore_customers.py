"""Checks of the customer board's sheets in a workspace file (core.workspace.restore), beyond the
column types every framework sheet gets (core.workspace.restore_checks.framework_frame).

A fact must name a customer of the ``customers`` sheet and be of a kind the board knows
(core.strategy.customers.KINDS); a tag must name a customer too. A file edited by hand that
breaks this is refused with the sheet, row and column, instead of holding facts no card shows.
"""

from __future__ import annotations

import pandas as pd

from core.strategy.customers import KINDS
from core.workspace.restore_checks import fail, known


def check_customer_sheets(frameworks: dict[str, pd.DataFrame]) -> None:
    """Refuse facts or tags of a customer the file lacks, and facts of an unknown kind."""
    people = frameworks.get("customers")
    ids = set(people["customer_id"]) if people is not None else set()
    facts = frameworks.get("customer_facts")
    if facts is not None:
        known("customer_facts", facts["customer_id"], "customer_id", ids, "a customer")
        bad = facts[~facts["kind"].isin(KINDS)]
        if len(bad):
            seen = bad["kind"].iloc[0]
            raise fail("customer_facts", int(bad.index[0]), "kind", f"“{seen}” is not one of {', '.join(KINDS)}.")
    tags = frameworks.get("customer_tags")
    if tags is not None:
        known("customer_tags", tags["customer_id"], "customer_id", ids, "a customer")
