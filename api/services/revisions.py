"""The signature question: firms targeted after a law's revision, and which revision it measures from.

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
from typing import Any, Literal

from api import convert, params
from api.deps import Graph
from api.models import QualifyingEvent, Revision, TargetedFirm, TargetedFirmPage
from api.params import NO_ARGUMENT_FILTER, ArgumentFilter


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


Basis = Literal["adopted", "effective"]


def _laws(law_rows: list[dict[str, Any]], basis: Basis) -> tuple[list[Revision], list[dict[str, Any]],
                                                                 dict[str, list[dict[str, Any]]]]:
    """The revisions considered, and the laws to measure from (without a country, by country)."""
    considered: list[Revision] = []
    by_country: dict[str, list[dict[str, Any]]] = {}
    any_country: list[dict[str, Any]] = []
    for row in law_rows:
        chosen = choose(row["revisions"])
        if chosen is None:
            continue
        basis_date = chosen.basis_date(basis)
        law_ref = convert.entity_ref(row["law"])
        considered.append(Revision(law=law_ref, revision=chosen.revision, adopted=chosen.adopted,
                                   effective=chosen.effective, basis_date=basis_date, reports=chosen.reports,
                                   sources=[convert.source(s) for s in chosen.sources]))
        if basis_date is None:
            continue
        entry = {**row["law"], "revision": chosen.revision, "basisDate": basis_date, "after": latest(basis_date)}
        if row["law"].get("country"):
            by_country.setdefault(row["law"]["country"], []).append(entry)
        else:
            any_country.append(entry)
    return considered, any_country, by_country


def _firm(r: dict[str, Any], basis: Basis) -> TargetedFirm:
    return TargetedFirm(
        law=convert.entity_ref(r["law"]), revision=r["law"]["revision"], basis=basis,
        basis_date=r["law"]["basisDate"], firm=convert.entity_ref(r["firm"]), foreign=r["foreign"],
        first_date=r["firstDate"],
        events=[QualifyingEvent(**convert.event_ref(e).model_dump(), jurisdiction=e.get("jurisdiction"),
                                agents=[convert.argument_ref(a) for a in e["agents"]],
                                target=convert.argument_ref({**r["firm"], "probability": e.get("targetProbability")}),
                                sources=[convert.source(s) for s in e["sources"]]) for e in r["events"]])


def targeted_after_law(graph: Graph, law: str | None, event_type: str, basis: Basis, *, foreign: bool, limit: int,
                       after: list[Any] | None, keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> TargetedFirmPage:
    """One page of firms that suffered an ``event_type`` event on or after the ``basis`` date of a
    law's latest revision (of every law with a revision when ``law`` is None), after the cursor key.

    With ``keep``, an agent or target that does not pass counts as not stated: the firm must pass as the
    event's target, and only the agents that pass are listed and give the jurisdiction. The law
    revisions are never filtered (a LawRevision has no agent or target the model judged)."""
    considered, any_country, by_country = _laws(graph.read("api-law-revisions", law=law), basis)
    entries = sorted([e for es in by_country.values() for e in es] + any_country, key=lambda e: str(e["id"]))
    if after:
        entries = [e for e in entries if str(e["id"]) >= after[0]]
    if not entries:
        return TargetedFirmPage(items=[], next=None, revisions=considered)
    rows = graph.read(
        "api-targeted-after-law", eventType=event_type, laws=entries, foreign=foreign,
        afterLaw=after[0] if after else None, afterFirm=after[1] if after else "", limit=limit + 1,
        **keep.query_params())
    rows, nxt = params.page(rows, limit, "targeted-after-law", lambda r: [r["law"]["id"], r["firm"]["id"]])
    return TargetedFirmPage(items=[_firm(r, basis) for r in rows], next=nxt, revisions=considered)
