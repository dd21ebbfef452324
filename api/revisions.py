"""Which revision of a law the signature question measures from, and partial-date bounds.

Articles report the same revision at different precisions: one says "adopted on 26 April
2023, in force from 1 July", another "revised in April", a third only "took effect on
1 July". The graph keeps these as separate LawRevision events (their dates differ). For each
law, the revision taken is the most recent one, and the reports that can be the same revision
are grouped with it:

* adopted = the latest adoption date any report gives (a more precise date wins over its
  own prefix: 2023-04-26 over 2023-04);
* reports of the same revision: those whose adoption date is a prefix of it (2023-04, 2023),
  and undated ones whose effective date is not before it;
* effective = the latest effective date those reports give;
* a law whose reports carry no adoption date at all is dated by its latest effective date.

An event counts as "on or after" a date only when every day its partial date may stand for
is on or after every day the basis date may stand for: a raid in "2023-08" is after a law in
force from 2023-07-01; a raid in "2023-04" is not known to be after an adoption on 2023-04-26.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def earliest(date: str) -> str:
    """The first day a partial date may stand for (YYYY-MM-DD)."""
    return date + {4: "-01-01", 7: "-01"}.get(len(date), "")


def latest(date: str) -> str:
    """An upper bound of the days a partial date may stand for, comparable as a string."""
    return date + {4: "-99-99", 7: "-99"}.get(len(date), "")


@dataclass
class Chosen:
    revision: str | None
    adopted: str | None
    effective: str | None
    reports: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    def basis_date(self, basis: str) -> str | None:
        return self.adopted if basis == "adopted" else self.effective


def choose(revisions: list[dict[str, Any]]) -> Chosen | None:
    """The law's latest revision from its LawRevision reports ({id, date, effectiveDate, sources})."""
    dated = [r for r in revisions if r.get("date")]
    adopted: str | None = None
    if dated:
        latest_adoption: str = max(str(r["date"]) for r in dated)

        def same(r: dict[str, Any]) -> bool:
            if r.get("date"):
                return latest_adoption.startswith(str(r["date"]))
            eff = r.get("effectiveDate")
            return bool(eff) and latest(str(eff)) >= earliest(latest_adoption)

        adopted = latest_adoption
        group = [r for r in revisions if same(r)]
        effs = [str(r["effectiveDate"]) for r in group
                if r.get("effectiveDate") and latest(str(r["effectiveDate"])) >= earliest(latest_adoption)]
        effective = max(effs) if effs else None
        main = sorted((r for r in group if r.get("date") == adopted), key=lambda r: str(r["id"]))[0]
    else:
        effs = [r["effectiveDate"] for r in revisions if r.get("effectiveDate")]
        if not effs:
            return None
        effective = max(effs)
        group = [r for r in revisions if r.get("effectiveDate") and effective.startswith(r["effectiveDate"])]
        main = sorted((r for r in group if r.get("effectiveDate") == effective), key=lambda r: str(r["id"]))[0]
    sources: dict[str, dict[str, Any]] = {}
    for r in sorted(group, key=lambda r: str(r["id"])):
        for s in r.get("sources") or []:
            sources.setdefault(s["document"], s)
    return Chosen(revision=main["id"], adopted=adopted, effective=effective,
                  reports=sorted(r["id"] for r in group),
                  sources=sorted(sources.values(), key=lambda s: (str(s.get("published") or ""), s["document"])))
