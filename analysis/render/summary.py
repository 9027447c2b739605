"""What the command line prints for a person: the period, the team against target, the reps
who need attention and why, the open pipeline, the forecast, what changed since the earlier
export, and where the files went.

It is drawn from the JSON document (`json_contract`), so a section that failed there is simply
left out here.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from analysis.diagnosis.causes import cause_label
from analysis.words import formats as F
from analysis.words.catalogue import t


def summary(
    doc: Mapping[str, Any], currency: str | None, written: Sequence[str], lang: str = "en"
) -> str:
    """Return the summary of an analysis document in `lang`, one statement per line."""
    period = doc.get("period") or {}
    quality = doc.get("data_quality") or {}
    files = ", ".join(dict.fromkeys(s["file"] for s in quality.get("sheets", [])))
    lines = [t("cli.period", lang, period=period.get("current"), previous=period.get("previous"),
               files=files)]  # fmt: skip
    if period.get("so_far_days"):
        lines.append(t("cli.so_far", lang, days=period["so_far_days"]))
    elif period.get("partial"):
        lines.append(t("cli.partial", lang, period=period.get("current")))
    lines += _team(doc.get("team") or {}, currency, lang)
    lines += _flagged(doc.get("reps") or [], lang)
    lines += _pipeline(doc.get("pipeline") or {}, currency, lang)
    lines += _forecast(doc.get("forecast") or {}, currency, lang)
    lines += _changes(doc.get("changes") or {}, currency, lang)
    if written:
        lines.append(t("cli.written", lang, files=", ".join(written)))
    lines.append(t("cli.more", lang))
    return "\n".join(lines)


def _team(team: Mapping[str, Any], currency: str | None, lang: str) -> list[str]:
    revenue = team.get("revenue")
    if revenue is None:
        return []
    money = F.money(revenue, currency, lang)
    if team.get("target"):
        attained = F.percent(team.get("target_attainment"), lang)
        target = F.money(team["target"], currency, lang)
        return [t("cli.revenue_target", lang, revenue=money, target=target, attainment=attained)]
    return [t("cli.revenue", lang, revenue=money)]


def _flagged(reps: Sequence[Mapping[str, Any]], lang: str) -> list[str]:
    flagged = [r for r in reps if r.get("status") == "flagged"]
    if not reps:
        return []
    if not flagged:
        return [t("cli.none_flagged", lang)]
    lines = [t("cli.flagged", lang, n=len(flagged))]
    for rep in flagged:
        causes = ", ".join(cause_label(c["code"]).text(lang) for c in rep.get("root_causes", []))
        lines.append(t("cli.flagged_rep", lang, rep=rep.get("rep"), causes=causes or "—"))
    return lines


def _pipeline(pipeline: Mapping[str, Any], currency: str | None, lang: str) -> list[str]:
    if not pipeline.get("open_deals"):
        return []
    return [
        t("cli.pipeline", lang, value=F.short_money(pipeline.get("open_value"), currency, lang),
          n=F.number(pipeline["open_deals"], lang), slipped=pipeline.get("slipped_deals", 0),
          stalled=pipeline.get("stalled_deals", 0))
    ]  # fmt: skip


def _forecast(forecast: Mapping[str, Any], currency: str | None, lang: str) -> list[str]:
    """Return the forecast's headline: likely revenue against target and the 8-in-10 range."""
    company = forecast.get("team")
    if not company or company.get("p50") is None:
        return []
    money = {q: F.short_money(company[q], currency, lang) for q in ("p10", "p50", "p90")}
    period, target = forecast.get("period"), company.get("target")
    if not target or target <= 0:
        said = t("forecast.headline.no_target", lang, period=period, **money)
    else:
        share, whole = (
            F.percent(company["p50"] / target, lang),
            F.short_money(target, currency, lang),
        )
        said = t("forecast.headline.target", lang, target=whole, share=share, **money)
    return [t("cli.forecast", lang, period=period, headline=said)]


def _changes(changes: Mapping[str, Any], currency: str | None, lang: str) -> list[str]:
    """Return the pipeline due in the period at the earlier export and now, and its main moves."""
    flow = {part["part"]: part for part in changes.get("flow") or []}
    if not flow:
        return []
    before = F.day(changes["from"], lang) if changes.get("from") else "—"
    money = {key: F.short_money(flow[key]["value"], currency, lang) for key in ("start", "end")}
    counts = {key: flow[part]["count"] if part in flow else 0 for key, part in
              (("new", "new"), ("pushed", "pushed_out"), ("won", "won"), ("lost", "lost"))}  # fmt: skip
    return [t("cli.changes", lang, before=before, period=changes.get("period"), **money, **counts)]


def closest_reps(asked: str, known: Sequence[str], most: int = 3) -> list[str]:
    """Return the reps whose names come closest to one asked for: containing it, then alike."""
    lower = asked.casefold()
    containing = [name for name in known if lower in name.casefold()]
    alike = difflib.get_close_matches(asked, known, n=most, cutoff=0.5)
    return list(dict.fromkeys([*containing, *alike]))[:most]
