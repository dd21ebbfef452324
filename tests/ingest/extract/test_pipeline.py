"""Assembly: which of a document's entities the extraction lists."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ingest.extract.pipeline import assemble, described
from ingest.extract.stage_records import Cluster, Event, Mention
from ingest.records import Document

VOCAB = Vocab()


def body(id_: int, start: int, end: int, name: str, type_: str = "GovernmentBody",
         gaz_id: str | None = None) -> Cluster:
    return Cluster(id=id_, mentions=[Mention(start, end, name, type_, "descriptor")], type=type_, name=name,
                   gaz_id=gaz_id)


def test_pipeline_described_reads_the_name_as_written() -> None:
    for name in ("foreign ministry", "court in Baku", "Turkish court", "Afghan authorities", "Lagos police"):
        assert described(body(1, 0, 1, name)), name
    for name in ("Ministry of Foreign Affairs", "Higher Regional Court in Stuttgart", "Office of the Spokesman",
                 "Prosecutor General's Office", "Cour d'appel de Paris"):
        assert not described(body(1, 0, 1, name)), name
    assert not described(body(1, 0, 1, "foreign ministry", gaz_id="mfa-xx"))  # the gazetteer names it
    assert not described(body(1, 0, 1, "rights group", type_="Organization"))  # only state bodies


def test_pipeline_assemble_lists_a_described_body_only_where_an_event_uses_it() -> None:
    words = ["The", "foreign", "ministry", "said", "police", "in", "Minsk", "detained", "Ales", "Bialiatski", ".",
             "A", "Turkish", "court", "met", "the", "Interior", "Ministry", ".",
             "Washington", "sanctioned", "the", "state", "security", "committee", "."]
    doc = Doc(VOCAB, words=words, sent_starts=[i in (0, 11, 19) for i in range(len(words))])
    ministry = body(1, 1, 3, "foreign ministry")
    police = body(2, 4, 7, "Minsk police")
    person = Cluster(id=3, mentions=[Mention(8, 10, "Ales Bialiatski", "Person", "ner")], type="Person",
                     name="Ales Bialiatski")
    court = body(4, 12, 14, "Turkish court")
    named = body(5, 16, 18, "Interior Ministry")
    committee = body(6, 21, 25, "state security committee")
    detained = Event("Detention", doc[7], doc[0:11], agents=[police], targets=[person])
    sanctioned = Event("Sanction", doc[20], doc[19:26], targets=[committee])
    text = " ".join(words)
    out = assemble(Document(id="d", text=text, published=dt.date(2024, 1, 1)), doc,
                   [ministry, police, person, court, named, committee], [detained, sanctioned])
    # described and acting: listed (agent, target); described and idle: left out; named: listed
    assert [e.name for e in out.entities] == ["Minsk police", "Ales Bialiatski", "Interior Ministry",
                                              "state security committee"]
    assert [e.targets for e in out.events] == [["Ales Bialiatski"], ["state security committee"]]
