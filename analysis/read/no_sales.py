"""Whether an upload holds sales data at all, and if not, one plain account of each sheet.

Without deals, activities, leads, customer feedback or an employee survey (or with every row of
them set aside) there is nothing to analyse: the command line stops with exit code 2 and this
text, the Upload page shows it instead of letting every other page come up empty.
"""

from __future__ import annotations

from analysis.model import schema as S
from analysis.model.dataset import Dataset
from analysis.read.notes import table_label, translate
from analysis.read.upload import Upload
from analysis.words.catalogue import t
from analysis.words.formats import number

# Tables with figures of their own: a call-centre log of customer scores, or an eNPS survey alone,
# still fills a page. Targets, a market, a stage history or a list of people alone do not.
USABLE = (S.DEALS, S.ACTIVITIES, S.LEADS, S.CUSTOMER_FEEDBACK, S.EMPLOYEE_SURVEY)


def why_no_sales(upload: Upload, data: Dataset, lang: str = "en") -> str | None:
    """Return why this upload holds no usable sales data (each sheet and what it lacked), or None."""
    if any(name in data.tables and not data.tables[name].empty for name in USABLE):
        return None
    deals = data.tables.get(S.DEALS)
    if deals is not None:  # a deals table whose every row was set aside
        for report in data.reports:
            if report.table == S.DEALS and report.rows_read:
                reasons = ", ".join(
                    f"{translate(reason, lang)}: {number(n, lang)}"
                    for reason, n in report.reasons.items()
                )
                name = report.sheet or report.file
                n = number(report.rows_read, lang)
                return t("sections.no_rows", lang, sheet=name, n=n, reasons=reasons or "—")
    parts = []
    for sheet in upload.sheets:
        mapping = upload.mappings[sheet.key]
        if mapping.table == S.IGNORE:
            reason = translate(mapping.reason, lang) if mapping.reason else ""
            reason = reason or t("sections.not_used", lang)
        else:
            reason = t("sections.read_as", lang, table=table_label(mapping.table, lang).lower())
        parts.append(t("sections.sheet_why", lang, sheet=sheet.label, reason=reason))
    return t("sections.no_deals", lang, sheets=" ".join(parts)).strip()
