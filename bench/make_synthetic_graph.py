"""Build a synthetic enforcement graph of N events (default 100,000) for the API benchmark.

    .venv/bin/python bench/make_synthetic_graph.py [--events 100000] [--seed 7] [--port 17690] [--stop]

Starts (or reuses) its own Neo4j under ``var/bench/api-neo4j`` on ``--port`` (the developer
graph is not touched), empties it and writes a deterministic synthetic corpus: 30
jurisdictions (China weighted most), 8 agencies and 4 laws each (every law with one to three
revisions, reported at day, month and "effective only" precision as real articles do), 20,000
firms (60 % foreign to the jurisdiction that acts on them, chosen with a skew so a few firms
have many events), 5,000 people, 300 organisations, 6 places per country, and N enforcement
events of every type (dated 2015-2025 at day, month or year precision) reported by articles of
one to five events each, 15 % of events corroborated by a second article.

Every document goes through :func:`ingest.graph.rows.plan` (the same rows, labels and ids as
the real ingest) and :func:`ingest.graph.writer.write_rows` (the writer's own nodes,
``REPORTED_IN`` evidence with sentences and offsets, and argument relationships with their
source documents); the per-node refresh (names, aliases, search text, source counts, event
dates from the reports) runs once at the end instead of after every group, which is what makes
100,000 events take minutes rather than hours. Entity resolution against the graph is skipped:
the generator names each entity one way. At the end :func:`check_shape` fails the build unless
every event is reported with evidence, events are dated and every argument has its sources, so
no benchmark times a bare graph. The server is left running for the API benchmarks unless
``--stop`` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import neo4j  # noqa: E402

from enforcegraph import localneo4j  # noqa: E402
from enforcegraph.db import open_driver  # noqa: E402
from enforcegraph.settings import Settings  # noqa: E402
from ingest.graph.rows import DocumentRows, plan  # noqa: E402
from ingest.graph.writer import write_rows  # noqa: E402
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction  # noqa: E402
from ontology.types import PartialDate  # noqa: E402
from queries import run, schema  # noqa: E402

HOME = ROOT / "var" / "bench" / "api-neo4j"
DEFAULT_PORT = 17690
PASSWORD = "bench-password"  # noqa: S105 - a throwaway local server

#: (ISO code, name, weight): China acts most, as in the news this product reads.
COUNTRIES: list[tuple[str, str, int]] = [
    ("CN", "China", 30), ("RU", "Russia", 10), ("HK", "Hong Kong", 6), ("US", "United States", 5),
    ("IR", "Iran", 4), ("BY", "Belarus", 4), ("IN", "India", 4), ("TR", "Turkey", 3), ("VN", "Vietnam", 3),
    ("SA", "Saudi Arabia", 3), ("EG", "Egypt", 3), ("KP", "North Korea", 2), ("GB", "United Kingdom", 2),
    ("DE", "Germany", 2), ("FR", "France", 2), ("JP", "Japan", 2), ("KR", "South Korea", 2),
    ("AU", "Australia", 2), ("CA", "Canada", 2), ("AE", "United Arab Emirates", 2), ("PK", "Pakistan", 2),
    ("TH", "Thailand", 1), ("MY", "Malaysia", 1), ("ID", "Indonesia", 1), ("NG", "Nigeria", 1),
    ("VE", "Venezuela", 1), ("NI", "Nicaragua", 1), ("KZ", "Kazakhstan", 1), ("UZ", "Uzbekistan", 1),
    ("MM", "Myanmar", 1),
]
#: Home countries of foreign firms (where multinationals come from).
FIRM_HOMES = ["US", "GB", "JP", "DE", "FR", "AU", "CA", "KR", "SG", "NL", "CH", "SE", "IT", "ES", "IE"]
AGENCY_KINDS = ["Ministry of State Security", "State Security Bureau", "Police", "Customs Service",
                "Market Regulator", "Prosecutor's Office", "People's Court", "Cyberspace Authority"]
LAW_KINDS = ["Counter-Espionage Law", "Data Security Law", "National Security Law", "Foreign Relations Law"]
EVENT_TYPES: list[tuple[str, int, str]] = [
    ("Raid", 12, "raided the offices of"), ("Detention", 11, "detained staff of"),
    ("Questioning", 10, "questioned employees of"), ("Investigation", 12, "opened an investigation into"),
    ("Fine", 10, "fined"), ("Sanction", 8, "sanctioned"), ("Arrest", 8, "arrested"),
    ("Charge", 6, "charged"), ("Sentence", 5, "sentenced"), ("ExitBan", 5, "barred from leaving"),
    ("Closure", 5, "closed the office of"), ("Expulsion", 4, "expelled"),
]
FIRM_A = ["Amber", "Bluewater", "Cedar", "Delta", "Eastgate", "Fairfield", "Granite", "Harbor", "Ironwood",
          "Juniper", "Keystone", "Lakeside", "Meridian", "Northstar", "Oakridge", "Pinecrest", "Quarry",
          "Redwood", "Silverline", "Tidewater", "Upland", "Vantage", "Westbrook", "Yellowstone", "Zenith",
          "Atlas", "Beacon", "Cobalt", "Driftwood", "Evergreen", "Falcon", "Glacier", "Highland", "Indigo",
          "Jasper", "Kingfisher", "Lighthouse", "Maple", "Nimbus", "Orchid", "Pioneer", "Quartz", "Riverside",
          "Summit", "Thornbury", "Unity", "Valley", "Willow", "Xenon", "Yarrow", "Zephyr", "Aurora", "Birch",
          "Crescent", "Dune", "Ember", "Fjord", "Grove", "Horizon", "Isle"]
FIRM_B = ["Risk", "Research", "Analytics", "Consulting", "Advisory", "Capital", "Partners", "Insight",
          "Intelligence", "Diligence", "Strategy", "Data", "Holdings", "Semiconductors", "Logistics",
          "Pharma", "Media", "Energy", "Systems", "Security", "Trading", "Ventures", "Labs", "Networks",
          "Foods", "Motors", "Textiles", "Minerals", "Shipping", "Aviation", "Robotics", "Software",
          "Biotech", "Chemicals", "Finance", "Insurance", "Retail", "Telecom", "Engineering", "Materials",
          "Devices", "Optics", "Instruments", "Solutions", "Services", "Group", "Industries", "Resources",
          "Technologies", "Dynamics", "Electronics", "Marine", "Agritech", "Health", "Learning", "Travel",
          "Cargo", "Metals", "Power", "Water"]
FIRM_SUFFIX = ["Ltd", "Inc", "GmbH", "LLC", "Co", "Group", "plc", "AG"]
FIRST = ["Anna", "Ben", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ivan", "Julia", "Kenji", "Lena",
         "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sergei", "Tara", "Umar", "Vera", "Wei", "Xu",
         "Yuki", "Zara", "Ahmed", "Bianca", "Carlos", "Daria", "Emil", "Fatima", "Gustav", "Hana", "Igor",
         "Jonas", "Kira", "Liam", "Mei", "Nikolai", "Olga", "Pavel", "Qing", "Ravi", "Sofia", "Tomas", "Ulla",
         "Viktor", "Wen", "Yan", "Zoe", "Arjun", "Bo", "Chloe", "Diego", "Eva", "Felix", "Gia", "Hugo", "Ines"]
LAST = ["Ahn", "Brandt", "Carver", "Dubois", "Ellison", "Fischer", "Garcia", "Hirano", "Ivanov", "Jensen",
        "Kowalski", "Li", "Morales", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka",
        "Ueda", "Volkov", "Wang", "Xiao", "Yilmaz", "Zhang", "Abbott", "Becker", "Costa", "Diaz", "Eriksen",
        "Fong", "Gupta", "Hassan", "Ito", "Jovanovic", "Kim", "Lopez", "Muller", "Nguyen", "Olsen", "Park",
        "Ramos", "Sato", "Torres", "Usman", "Vargas", "Weber", "Yamamoto", "Zhou", "Arnold", "Bauer",
        "Chopra", "Dietrich", "Eklund", "Ferrari", "Gallagher", "Holm", "Iqbal", "Jung", "Khan", "Larsen",
        "Mehta", "Novak", "Ortiz", "Popov", "Reyes", "Suzuki", "Tran", "Ulrich", "Valdez", "Wolf", "Young",
        "Zimmer", "Adler", "Brooks", "Castro", "Doyle", "Evans", "Flores", "Grant", "Hughes", "Iverson",
        "Jacobs", "Keller", "Lambert", "Mason", "Nash", "Owens", "Pierce", "Reid", "Stone", "Turner", "Vance",
        "Walsh", "York", "Zeller", "Moreau", "Lindqvist"]
CITY_PARTS = ["North", "South", "East", "West", "Port", "New", "Old", "Upper", "Lower", "Great"]
CITY_ROOTS = ["haven", "ford", "bridge", "field", "mouth", "stead", "wick", "burg", "ton", "gate"]


@dataclass(frozen=True)
class Ent:
    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...] = ()


@dataclass
class World:
    agencies: dict[str, list[Ent]] = field(default_factory=dict)
    legislatures: dict[str, Ent] = field(default_factory=dict)
    laws: dict[str, list[Ent]] = field(default_factory=dict)
    places: dict[str, list[Ent]] = field(default_factory=dict)
    firms: list[Ent] = field(default_factory=list)
    people: list[Ent] = field(default_factory=list)
    orgs: list[Ent] = field(default_factory=list)


def build_world(rng: random.Random, firms: int = 20_000, people: int = 5_000, orgs: int = 300) -> World:
    w = World()
    for code, name, _ in COUNTRIES:
        w.agencies[code] = [Ent(f"{name} {kind}", "GovernmentBody", code) for kind in AGENCY_KINDS]
        w.legislatures[code] = Ent(f"{name} Legislature", "GovernmentBody", code)
        # China's laws keep their plain names, so the benchmark asks the sample's question
        w.laws[code] = [Ent(kind if code == "CN" else f"{name} {kind}", "Law", code,
                            aliases=(f"{name} {kind}".replace("Counter-Espionage", "anti-espionage"),)
                            if code == "CN" else ()) for kind in LAW_KINDS]
        cities = [Ent(name, "Place", code)]
        for k in range(5):
            cities.append(Ent(f"{CITY_PARTS[(k * 3 + len(name)) % 10]} {name.split()[0]}"
                              f"{CITY_ROOTS[(k + len(code)) % 10]}", "Place", code))
        w.places[code] = cities
    seen: set[str] = set()
    codes = [c for c, _, _ in COUNTRIES]
    while len(w.firms) < firms:
        a, b, s = rng.choice(FIRM_A), rng.choice(FIRM_B), rng.choice(FIRM_SUFFIX)
        extra = f" {rng.choice(FIRM_B)}" if rng.random() < 0.5 else ""
        name = f"{a} {b}{extra} {s}"
        if name in seen:
            continue
        seen.add(name)
        home = rng.choice(FIRM_HOMES) if rng.random() < 0.6 else rng.choice(codes)
        w.firms.append(Ent(name, "Company", home, aliases=(f"{a} {b}{extra}",)))
    seen.clear()
    while len(w.people) < people:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if rng.random() < 0.4:
            name = f"{rng.choice(FIRST)} {rng.choice(FIRST)[0]}. {rng.choice(LAST)}"
        if name in seen:
            continue
        seen.add(name)
        w.people.append(Ent(name, "Person", rng.choice(codes + FIRM_HOMES), aliases=(name.split()[-1],)))
    org_kinds = ["Institute", "Foundation", "Times", "Herald", "Watch", "Forum"]
    for i in range(orgs):
        w.orgs.append(Ent(f"{rng.choice(FIRM_A)} {rng.choice(org_kinds)} {i}", "Organization", rng.choice(codes)))
    return w


def _skewed(rng: random.Random, items: list[Ent]) -> Ent:
    """A few items are picked very often, most rarely (like firms in the news)."""
    return items[int(len(items) * rng.random() ** 2)]


def _date(rng: random.Random, start: dt.date, end: dt.date) -> str:
    day = start + dt.timedelta(days=rng.randrange((end - start).days))
    r = rng.random()
    return PartialDate.of(day, "day" if r < 0.7 else "month" if r < 0.95 else "year").text


@dataclass
class Fact:
    """One event to report: its sentence and the entities it names."""

    type: str
    date: str | None
    sentence: str
    agents: list[Ent]
    targets: list[Ent]
    location: Ent | None
    laws: list[Ent]
    effective: str | None = None


def events(rng: random.Random, w: World, n: int) -> Iterator[Fact]:
    codes = [c for c, _, _ in COUNTRIES]
    weights = [wt for _, _, wt in COUNTRIES]
    type_weights = [wt for _, wt, _ in EVENT_TYPES]
    for _ in range(n):
        country = rng.choices(codes, weights)[0]
        etype, _, verb = rng.choices(EVENT_TYPES, type_weights)[0]
        agents = [rng.choice(w.agencies[country])] if rng.random() < 0.95 else []
        r = rng.random()
        if r < 0.7:
            targets = [_skewed(rng, w.firms)]
            if rng.random() < 0.1:
                targets.append(_skewed(rng, w.firms))
        elif r < 0.95:
            targets = [_skewed(rng, w.people)]
        else:
            targets = [rng.choice(w.orgs)]
        location = rng.choice(w.places[country]) if rng.random() < 0.7 else None
        laws = [rng.choice(w.laws[country])] if rng.random() < 0.3 else []
        date = _date(rng, dt.date(2015, 1, 1), dt.date(2025, 6, 30))
        who = agents[0].name if agents else "Authorities"
        sentence = f"{who} {verb} {' and '.join(t.name for t in targets)}"
        if location:
            sentence += f" in {location.name}"
        if laws:
            sentence += f" under the {laws[0].name}"
        sentence += f" ({date})."
        yield Fact(etype, date, sentence, agents, targets, location, laws)


def revisions(rng: random.Random, w: World) -> Iterator[list[Fact]]:
    """Each law's revisions, each reported by one article at day precision and two that know less."""
    for code, laws in w.laws.items():
        for law in laws:
            count = rng.choice([1, 2, 3])
            years = sorted(rng.sample(range(2014, 2025), count))
            if law.name == "Counter-Espionage Law":  # the sample's revision, on the synthetic graph
                years, fixed = [2014, 2023], {2023: ("2023-04-26", "2023-07-01")}
            else:
                fixed = {}
            for year in years:
                adopted, effective = fixed.get(year) or (
                    f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", None)
                if effective is None:
                    effective = (dt.date.fromisoformat(adopted) + dt.timedelta(days=rng.choice([0, 30, 66, 180]))
                                 ).isoformat()
                leg = w.legislatures[code]
                yield [
                    Fact("LawRevision", adopted, f"The {leg.name} adopted the revised {law.name} on {adopted}, "
                         f"in force from {effective}.", [leg], [], None, [law], effective),
                    Fact("LawRevision", month := PartialDate.of(dt.date.fromisoformat(adopted), "month").text,
                         f"The {law.name} was revised in {month}.",
                         [], [], None, [law], effective),
                    Fact("LawRevision", None, f"The revised {law.name} took effect on {effective}.",
                         [], [], None, [law], effective),
                ]


def extraction(doc_no: int, facts: list[Fact], rng: random.Random) -> Extraction:
    text = " ".join(f.sentence for f in facts) + " The authorities did not comment."
    entities: dict[str, tuple[Ent, Evidence]] = {}
    evs = []
    at = 0
    for f in facts:
        ev = Evidence(text=f.sentence, start=at, end=at + len(f.sentence))
        at += len(f.sentence) + 1
        for e in [*f.agents, *f.targets, *([f.location] if f.location else []), *f.laws]:
            entities.setdefault(e.name, (e, ev))
        evs.append(ExtractedEvent(
            type=f.type, date=f.date, effective=f.effective, agents=[a.name for a in f.agents],
            targets=[t.name for t in f.targets], location=f.location.name if f.location else None,
            laws=[x.name for x in f.laws], evidence=ev, confidence=round(rng.uniform(0.6, 0.98), 2)))
    dates = sorted(f.date for f in facts if f.date and len(f.date) == 10)
    published = dt.date.fromisoformat(dates[-1]) + dt.timedelta(days=1) if dates else dt.date(2025, 7, 1)
    source = ["eastwire", "northgazette", "harbourpost", "meridiantimes", "lanterndaily"][doc_no % 5]
    document = Document(id=f"synthetic-{doc_no:06d}", text=text, title=facts[0].sentence[:90],
                        published=published, source=f"{source}.example",
                        url=f"https://{source}.example/{published.isoformat()}/{doc_no}")
    return Extraction(document=document, events=evs, entities=[
        ExtractedEntity(name=e.name, type=e.type, country=e.country, aliases=list(e.aliases), mentions=[ev],
                        confidence=0.9) for e, ev in entities.values()])


def documents(n_events: int, seed: int) -> Iterator[Extraction]:
    rng = random.Random(seed)
    world = build_world(rng)
    doc_no = 0
    for group in revisions(rng, world):
        for fact in group:
            yield extraction(doc_no, [fact], rng)
            doc_no += 1
    pending: list[Fact] = []
    for fact in events(rng, world, n_events):
        pending.append(fact)
        if len(pending) >= rng.randint(1, 5):
            yield extraction(doc_no, pending, rng)
            doc_no += 1
            if rng.random() < 0.15:  # a second outlet reports the first of these events
                yield extraction(doc_no, pending[:1], rng)
                doc_no += 1
            pending = []
    if pending:
        yield extraction(doc_no, pending, rng)


def bench_settings(port: int = DEFAULT_PORT) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test", neo4j_uri=None, neo4j_password=PASSWORD, neo4j_home=HOME,
        neo4j_jar_cache=ROOT / "var" / "neo4j-jars", neo4j_bolt_port=port,
        neo4j_heap="1g", neo4j_pagecache="512m",
    )


def _write_batch(tx: neo4j.ManagedTransaction, batch: list[DocumentRows]) -> None:
    write_rows(tx, batch)  # nodes, REPORTED_IN evidence and argument sources, as the ingest writes them


#: Each refresh query's parameters (besides ``ids``) for a recompute from all reports (its full mode).
RECOMPUTE: dict[str, dict[str, Any]] = {"graph-write-refresh-entities": {"docIds": [], "restored": {}},
                                        "graph-write-refresh-events": {"docIds": []}}


def _refresh(tx: neo4j.ManagedTransaction, query: str, ids: list[str]) -> None:
    """Recompute these nodes from all their reports (the refresh's full mode)."""
    run(tx, query, ids=ids, **RECOMPUTE[query])


def write_graph(driver: neo4j.Driver, n_events: int, seed: int, database: str, batch_docs: int = 500) -> dict[str, Any]:
    run(driver, "graph-clear", database=database)
    t = time.perf_counter()
    batch: list[DocumentRows] = []
    entity_ids: set[str] = set()
    event_ids: set[str] = set()
    docs = 0

    def flush() -> None:
        with driver.session(database=database, notifications_min_severity="OFF") as session:
            session.execute_write(_write_batch, batch)

    for ex in documents(n_events, seed):
        published = ex.document.published or dt.date(2025, 7, 1)
        rows = plan(ex, ingested_at=dt.datetime.combine(published, dt.time(6), tzinfo=dt.UTC), sequence=docs)
        entity_ids.update(r["id"] for r in rows.entities)
        event_ids.update(r["id"] for r in rows.events)
        batch.append(rows)
        docs += 1
        if len(batch) >= batch_docs:
            flush()
            batch = []
            if docs % 5000 < batch_docs:
                print(f"  {docs} documents, {len(event_ids)} events ({time.perf_counter() - t:.0f} s)", flush=True)
    if batch:
        flush()
    for query, ids in (("graph-write-refresh-entities", sorted(entity_ids)),
                       ("graph-write-refresh-events", sorted(event_ids))):
        for i in range(0, len(ids), 5000):
            with driver.session(database=database, notifications_min_severity="OFF") as session:
                session.execute_write(_refresh, query, ids[i:i + 5000])
    schema.migrate_peer_exposure(driver, database=database, full=True)  # screening's summaries, as the writer keeps
    schema.migrate_recent_events(driver, database=database)  # each entity's newest events, as the writer keeps them
    return {"documents": docs, "entities": len(entity_ids), "events": len(event_ids),
            "seconds": round(time.perf_counter() - t, 1)}


def start(settings: Settings) -> neo4j.Driver:
    localneo4j.start(settings)
    driver = open_driver(settings)
    schema.apply(driver, database=settings.neo4j_database)
    return driver


@contextlib.contextmanager
def served(settings: Settings, stop: bool) -> Iterator[neo4j.Driver]:
    """A driver to the bench server (started if needed); the server is stopped afterwards if ``stop``."""
    driver = start(settings)
    try:
        yield driver
    finally:
        driver.close()
        if stop:
            localneo4j.stop(settings)


def event_count(driver: neo4j.Driver, database: str) -> int:
    rows = run(driver, "graph-counts", database=database)
    return sum(r["count"] for r in rows if r["kind"] == "nodes" and r["name"] == "EnforcementEvent")


def check_shape(driver: neo4j.Driver, database: str) -> dict[str, int]:
    """The graph's shape; ``SystemExit`` unless every event is dated (or reported undated), reported
    with evidence and argued with sources: timing queries over a bare graph measures nothing."""
    shape: dict[str, int] = dict(run(driver, "bench-graph-shape", database=database)[0])
    if not shape["events"] or shape["reported"] < shape["events"] or not shape["dated"] \
            or shape["sourced"] < shape["arguments"] or not shape["arguments"]:
        raise SystemExit(f"the synthetic graph is not shaped like an ingest: {shape}")
    return shape


def ensured(settings: Settings, events: int) -> tuple[neo4j.Driver, dict[str, int]]:
    """A driver to the bench server with a graph of at least ``events`` events (built when it has
    fewer, seed 7), and the graph's checked shape (see :func:`check_shape`)."""
    driver = start(settings)
    db = settings.neo4j_database
    if event_count(driver, db) < events:
        print(f"building the synthetic graph ({events} events)...", flush=True)
        print(write_graph(driver, events, 7, db), flush=True)
    return driver, check_shape(driver, db)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--stop", action="store_true", help="stop the bench server when done")
    args = parser.parse_args()
    settings = bench_settings(args.port)
    with served(settings, args.stop) as driver:
        stats = write_graph(driver, args.events, args.seed, settings.neo4j_database)
        stats["events_in_graph"] = event_count(driver, settings.neo4j_database)
        stats["shape"] = check_shape(driver, settings.neo4j_database)
        print(f"synthetic graph: {stats}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
