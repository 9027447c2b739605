"""Whether an upload holds sales data at all, and if not, one plain account of each sheet.

Without deals, activities, leads, customer feedback or an employee survey (or with every row of
them set aside) there is nothing to analyse: the command line stops with exit code 2 and this
message, the Upload page shows it instead of letting every other page come up empty.
"""

from __future__ import annotations

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.read.notes import table_name
from analysis.read.upload import Upload
from analysis.words.message import Say, fmt, joined

# Tables with figures of their own: a call-centre log of customer scores, or an eNPS survey alone,
# still fills a page. Targets, a market, a stage history or a list of people alone do not.
USABLE = (S.DEALS, S.ACTIVITIES, S.LEADS, S.CUSTOMER_FEEDBACK, S.EMPLOYEE_SURVEY)


def why_no_sales(upload: Upload, data: Dataset) -> Say | None:
    """Return why this upload holds no usable sales data (each sheet and what it lacked), or None."""
    if any(name in data.tables and not data.tables[name].empty for name in USABLE):
        return None
    deals = data.tables.get(S.DEALS)
    if deals is not None:  # a deals table whose every row was set aside
        for report in data.reports:
            if report.table == S.DEALS and report.rows_read:
                reasons = joined(
                    (
                        joined((reason, fmt("number", n)), ": ")
                        for reason, n in report.reasons.items()
                    ),
                    ", ",
                )
                name = report.sheet or report.file
                n = fmt("number", report.rows_read)
                return Say(
                    "sections.no_rows", sheet=name, n=n, reasons=reasons if report.reasons else "—"
                )
    parts = []
    for sheet in upload.sheets:
        mapping = upload.mappings[sheet.key]
        if mapping.table == S.IGNORE:
            reason = mapping.reason or Say("sections.not_used")
        else:
            reason = Say("sections.read_as", table=table_name(mapping.table, lower=True))
        parts.append(Say("sections.sheet_why", sheet=sheet.label, reason=reason))
    return Say("sections.no_deals", sheets=joined(parts, " "))
