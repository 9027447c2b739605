"""The sentences of the changes between exports, as `Say`s: written where they are shown."""

from __future__ import annotations

from analysis.changes.compare import Changes
from analysis.changes.signals import Finding
from analysis.kpis.labels import currency_symbol
from analysis.words.message import Say, counted, fmt


def money(cents: float, currency: str | None) -> object:
    """Return an amount in cents, to be written short in a language (€120k)."""
    return fmt("short_money", cents / 100, currency=currency_symbol(currency))


def category(code: str) -> Say:
    """Return what a deal's category is called: 'Pushed out of the period'."""
    return Say(f"changes.category.{code}")


def part(code: str) -> Say:
    """Return what a part of the pipeline flow is called: 'Pulled in'."""
    return Say(f"changes.part.{code}")


def compared(changes: Changes) -> Say:
    """Return which two exports were compared, by their days."""
    before, after = changes.before, changes.after
    if before is None or after is None:
        return Say("changes.compared.undated")
    days = (after - before).days
    key = "changes.compared.same_day" if days == 0 else "changes.compared.days"
    return Say(key, before=fmt("day", before), after=fmt("day", after), days=days)


def matched(changes: Changes) -> Say:
    """Return how the deals were matched, and how many could not be."""
    said = Say(f"changes.matched.{changes.by}", matched=fmt("number", changes.matched))
    if not changes.unmatched:
        return said
    return Say("changes.matched.with_unmatched", matched=said, unmatched=changes.unmatched)


def flow_line(changes: Changes, currency: str | None) -> Say:
    """Return the period's pipeline at the earlier export and now."""
    company = changes.flows["company"].set_index("part")["cents"]
    start, end = int(company.get("start", 0)), int(company.get("end", 0))
    return Say(
        "changes.flow_line",
        period=changes.period,
        start=money(start, currency),
        end=money(end, currency),
        change=fmt(
            "short_money", (end - start) / 100, currency=currency_symbol(currency), signed=True
        ),
    )


def currency_note(changes: Changes) -> Say | None:
    """Return a warning when the two exports' main currencies differ (None: they do not)."""
    if not changes.currency_changed:
        return None
    before, after = changes.currencies
    return Say("changes.currency", before=before, after=after)


def finding(found: Finding, changes: Changes, currency: str | None) -> Say:
    """Return one finding as a sentence: "Chloe pushed 5 deals worth €120k out of 2026-Q4"."""
    value = money(found.cents, currency)
    deals = counted("changes.deals", found.count)
    if found.code == "new_pipeline":
        if found.share is None:
            return Say("changes.finding.new", value=value, deals=deals)
        key = "changes.finding.new_below" if found.share < 0 else "changes.finding.new_above"
        return Say(key, value=value, deals=deals, share=fmt("percent", abs(found.share)))
    rep = found.rep or Say("changes.no_rep")
    if found.code == "pushed":
        key = "changes.finding.pushed_again" if found.again else "changes.finding.pushed"
        return Say(key, rep=rep, deals=deals, value=value, period=changes.period,
                   again=found.again)  # fmt: skip
    if found.code == "backwards":
        return Say("changes.finding.backwards", rep=rep, count=found.count, value=value)
    return Say(
        "changes.finding.cut",
        deal=found.deal or Say("changes.no_name"),
        rep=rep,
        before=money(found.before_cents, currency),
        after=money(found.after_cents, currency),
        share=fmt("percent", found.share),
    )
