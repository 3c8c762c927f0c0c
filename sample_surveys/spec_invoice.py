"""B2B sample: accounts-payable teams processing supplier invoices for payment."""

from __future__ import annotations

from sample_surveys.model import (
    OVERSERVED,
    UNDERSERVED,
    Attribute,
    Competitor,
    JobSpec,
    Outcome,
    Segment,
    Step,
)

CAPTURE = "Capture accuracy"
EXCEPTIONS = "Exception resolution"
APPROVAL = "Approval speed"
CONTROL = "Control & compliance"
CASH = "Cash & payment timing"

CLUSTERS = {
    CAPTURE: "Getting every invoice in and its data read correctly, without rekeying.",
    EXCEPTIONS: "Matching invoices to orders and receipts and clearing discrepancies fast.",
    APPROVAL: "Moving invoices through approval, coding and posting without waiting.",
    CONTROL: "Preventing duplicate, fraudulent or miscoded payments and passing the audit.",
    CASH: "Paying at the right moment: discounts captured, no late fees, cash foreseen.",
}


def _o(statement: str, cluster: str, served: str = "") -> Outcome:
    return Outcome(statement, cluster, served)


STEPS = (
    Step(
        "Plan the payment cycle",
        (
            _o("Minimize the time it takes to determine which invoices are due in the next payment run", CASH),
            _o("Minimize the likelihood of overlooking an invoice that is about to become overdue", CASH),
            _o("Minimize the time it takes to estimate the cash needed for the next payment run", CASH),
            _o("Minimize the likelihood of scheduling a payment run before all approvals are in", APPROVAL),
            _o("Minimize the time it takes to agree processing cut-off dates with budget holders", APPROVAL),
            _o("Increase the ability to anticipate the invoice volume arriving in the coming weeks", CAPTURE),
        ),
    ),
    Step(
        "Receive supplier invoices",
        (
            _o("Minimize the time it takes to collect invoices arriving by email, post and supplier portals", CAPTURE),
            _o("Minimize the likelihood of an invoice being lost before it is logged", CAPTURE),
            _o("Minimize the likelihood of receiving an invoice that lacks a purchase-order number", EXCEPTIONS),
            _o("Minimize the time it takes to identify which business unit an invoice is addressed to", APPROVAL),
            _o("Minimize the time it takes to sort incoming invoices by supplier", CAPTURE, OVERSERVED),
            _o("Minimize the likelihood of the same invoice being logged twice from different channels", CONTROL),
            _o("Minimize the time it takes to confirm to a supplier that their invoice was received", EXCEPTIONS),
        ),
    ),
    Step(
        "Capture invoice data",
        (
            _o("Minimize the time it takes to extract the supplier, date and amount from an invoice", CAPTURE),
            _o(
                "Minimize the likelihood of line items being captured incorrectly from a scanned or PDF invoice",
                CAPTURE,
                UNDERSERVED,
            ),
            _o("Minimize the time it takes to capture the line items of a multi-page invoice", CAPTURE),
            _o("Minimize the likelihood of tax amounts being captured incorrectly", CONTROL),
            _o("Minimize the time it takes to correct a field that was read incorrectly", CAPTURE),
            _o("Minimize the likelihood of assigning an invoice to the wrong supplier record", CAPTURE),
            _o("Minimize the time it takes to capture an invoice written in a foreign language", CAPTURE),
            _o("Minimize the likelihood of an invoice being recorded in the wrong currency", CONTROL, OVERSERVED),
        ),
    ),
    Step(
        "Validate invoice details",
        (
            _o("Minimize the likelihood of paying a duplicate invoice", CONTROL, UNDERSERVED),
            _o("Minimize the time it takes to verify that a supplier's bank details are legitimate", CONTROL),
            _o("Minimize the likelihood of paying a fraudulent invoice", CONTROL),
            _o("Minimize the time it takes to confirm that an invoice meets tax and legal requirements", CONTROL),
            _o("Minimize the likelihood of accepting an invoice that contains arithmetic errors", CAPTURE),
            _o("Minimize the time it takes to check that a supplier is approved to do business with us", CONTROL),
            _o("Minimize the time it takes to validate an invoice's date and payment terms", CASH),
        ),
    ),
    Step(
        "Match invoices to orders and receipts",
        (
            _o("Minimize the time it takes to match an invoice to its purchase order", EXCEPTIONS),
            _o(
                "Minimize the time it takes to match invoice lines to goods received in several deliveries",
                EXCEPTIONS,
                UNDERSERVED,
            ),
            _o("Minimize the likelihood of a match failing because of small rounding differences", EXCEPTIONS),
            _o("Minimize the time it takes to match a services invoice that has no goods receipt", EXCEPTIONS),
            _o("Minimize the likelihood of approving an invoice for goods that were never received", CONTROL),
            _o("Minimize the time it takes to see which invoices are waiting for a goods receipt", EXCEPTIONS),
            _o("Increase the ability to set matching tolerances by supplier or spend category", CONTROL),
            _o("Minimize the time it takes to match a credit note to the invoice it offsets", EXCEPTIONS),
        ),
    ),
    Step(
        "Resolve exceptions",
        (
            _o(
                "Minimize the time it takes to find the root cause of a price or quantity discrepancy",
                EXCEPTIONS,
                UNDERSERVED,
            ),
            _o("Minimize the time it takes to get a buyer to confirm a price difference", EXCEPTIONS),
            _o("Minimize the time it takes to obtain a credit note from a supplier", EXCEPTIONS),
            _o("Minimize the likelihood of an exception sitting unresolved without an owner", EXCEPTIONS),
            _o("Minimize the time it takes to see everyone's comments on a disputed invoice", EXCEPTIONS),
            _o("Minimize the likelihood of the same discrepancy recurring with the same supplier", EXCEPTIONS),
            _o("Minimize the likelihood of resolving an exception in a way that breaches policy", CONTROL),
            _o("Minimize the time it takes to release an invoice from hold once it is resolved", EXCEPTIONS),
        ),
    ),
    Step(
        "Route invoices for approval",
        (
            _o("Minimize the time it takes to identify the right approver for a non-PO invoice", APPROVAL),
            _o("Minimize the time it takes to get an invoice reviewed and approved by its approver", APPROVAL),
            _o("Minimize the likelihood of an invoice waiting with an approver who is away", APPROVAL),
            _o("Minimize the time it takes to escalate an overdue approval", APPROVAL),
            _o("Minimize the likelihood of an invoice being approved by someone without the authority", CONTROL),
            _o("Minimize the time it takes to show an approver the supporting documents", APPROVAL),
            _o("Minimize the number of reminders needed to get an invoice approved", APPROVAL),
        ),
    ),
    Step(
        "Code and post invoices",
        (
            _o("Minimize the time it takes to assign general-ledger codes to an invoice", APPROVAL),
            _o("Minimize the likelihood of coding an invoice to the wrong cost centre", CONTROL),
            _o("Minimize the time it takes to split an invoice across several cost centres or projects", APPROVAL),
            _o("Minimize the likelihood of posting an invoice to the wrong accounting period", CONTROL),
            _o("Minimize the time it takes to post approved invoices to the ledger", APPROVAL),
            _o("Minimize the time it takes to accrue for goods received but not yet invoiced", CASH),
            _o("Minimize the time it takes to produce a list of posted invoices", APPROVAL, OVERSERVED),
        ),
    ),
    Step(
        "Schedule and release payments",
        (
            _o("Minimize the likelihood of missing an early-payment discount", CASH, UNDERSERVED),
            _o("Minimize the likelihood of paying an invoice late and incurring fees", CASH),
            _o("Minimize the likelihood of paying an invoice earlier than necessary", CASH),
            _o("Minimize the time it takes to choose which invoices to pay when cash is tight", CASH),
            _o("Minimize the time it takes to prepare the payment file for the bank", CASH),
            _o("Minimize the likelihood of a payment being sent to the wrong bank account", CONTROL),
            _o("Minimize the time it takes to get a payment run authorised", APPROVAL),
            _o("Minimize the time it takes to pay suppliers in other currencies", CASH),
        ),
    ),
    Step(
        "Monitor invoice and payment status",
        (
            _o("Minimize the time it takes to answer a supplier's question about payment status", EXCEPTIONS),
            _o("Minimize the time it takes to see where every invoice is in the process", APPROVAL),
            _o("Increase the ability to spot processing bottlenecks before deadlines slip", APPROVAL),
            _o("Minimize the likelihood of a supplier putting the account on hold for late payment", CASH),
            _o("Minimize the time it takes to reconcile a supplier statement with the ledger", EXCEPTIONS),
            _o("Minimize the time it takes to forecast supplier payments for the coming weeks", CASH),
            _o("Minimize the time it takes to produce the accounts-payable aging report", CASH, OVERSERVED),
        ),
    ),
    Step(
        "Close the period and support the audit",
        (
            _o("Minimize the time it takes to reconcile the payables subledger with the general ledger", CONTROL),
            _o("Minimize the time it takes to retrieve an invoice and its approval trail for an auditor", CONTROL),
            _o("Minimize the likelihood of an audit finding on invoice controls", CONTROL),
            _o("Minimize the time it takes to prepare tax reporting on supplier invoices", CONTROL),
            _o("Minimize the time it takes to archive invoices in line with retention rules", CONTROL),
            _o("Increase the ability to measure the cost of processing each invoice", APPROVAL),
            _o("Minimize the time it takes to find process improvements in last period's exceptions", EXCEPTIONS),
        ),
    ),
)

SEGMENTS = (
    Segment(
        "Throughput drivers",
        0.40,
        "High-volume teams that care most about approval, coding and posting speed.",
        importance={APPROVAL: 1.6, CAPTURE: 0.5, CONTROL: -0.4},
        satisfaction={APPROVAL: -0.4},
        wtp_median=650.0,
    ),
    Segment(
        "Exception firefighters",
        0.30,
        "Teams drowning in PO mismatches and supplier disputes; exception handling matters most.",
        importance={EXCEPTIONS: 1.7, CASH: -0.4},
        satisfaction={EXCEPTIONS: -0.5},
        wtp_median=900.0,
    ),
    Segment(
        "Control guardians",
        0.20,
        "Audit- and fraud-conscious teams, mostly large companies, focused on controls.",
        importance={CONTROL: 1.7, APPROVAL: -0.4},
        satisfaction={CONTROL: -0.3},
        wtp_median=1100.0,
    ),
    Segment(
        "Cash optimizers",
        0.10,
        "Treasury-minded teams chasing discounts and payment timing; the most underserved.",
        importance={CASH: 2.0},
        satisfaction={CASH: -1.3, EXCEPTIONS: -0.9, CONTROL: -0.9, APPROVAL: -0.9, CAPTURE: -0.9},
        wtp_median=1900.0,
    ),
)

COMPETITORS = (
    Competitor("Invoxa", 0.32, leads=(2, 3, 4)),
    Competitor("ClearMatch", 0.26, leads=(5, 6)),
    Competitor("LedgerLoop", 0.24, leads=(7, 8)),
    Competitor("Apvantage", 0.18, leads=(9, 10)),
)

ATTRIBUTES = (
    Attribute(
        "company_size",
        ("1-49", "50-249", "250-999", "1000+"),
        (0.20, 0.35, 0.30, 0.15),
        by_segment={"Control guardians": (0.05, 0.20, 0.35, 0.40)},
    ),
    Attribute(
        "role",
        ("AP clerk", "AP team lead", "AP manager", "Financial controller", "Finance director"),
        (0.30, 0.25, 0.25, 0.12, 0.08),
        by_segment={"Cash optimizers": (0.10, 0.15, 0.25, 0.25, 0.25)},
    ),
)

INVOICE_PROCESSING = JobSpec(
    name="b2b_invoice_processing",
    job="Process supplier invoices for payment",
    executor="Accounts-payable teams",
    steps=STEPS,
    clusters=CLUSTERS,
    segments=SEGMENTS,
    competitors=COMPETITORS,
    attributes=ATTRIBUTES,
    wtp_unit="USD per month",
    wtp_rounding=10.0,
    competitor_sheet=True,
    n_respondents=600,
    seed=20240611,
)
