"""Bare re-mentions ("the arrests" with no target of its own) fold into the event they repeat
(when ``rementions.ENABLED``, on by default since the eleventh step)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from ingest.extract import rementions
from ingest.extract.pipeline import Extractor
from ingest.extract.rementions import fold_rementions, is_bare_remention
from ingest.extract.stage_records import Cluster, Event, Mention
from tests.helpers import events_in_text


def _person(doc: Doc, cid: int, name: str) -> Cluster:
    start = next(t.i for t in doc if doc[t.i:t.i + len(name.split())].text == name)
    m = Mention(start, start + len(name.split()), name, "Person", "ner")
    return Cluster(cid, [m], "Person", name)


def _event(doc: Doc, etype: str, word: str, targets: list[Cluster], date: str | None = None) -> Event:
    tok = next(t for t in doc if t.text == word)
    return Event(etype, tok, tok.sent, targets=list(targets), date=date)


def test_rementions_bare_noun_folds_into_the_event_told_before(extractor: Extractor) -> None:
    doc = extractor.nlp("Police detained John Doe on Monday. The arrests were ordered by Richard Roe.")
    doe, roe = _person(doc, 1, "John Doe"), _person(doc, 2, "Richard Roe")
    first = _event(doc, "Detention", "detained", [doe], "2024-02-26")
    again = _event(doc, "Arrest", "arrests", [roe])
    assert is_bare_remention(again) and not is_bare_remention(first)
    assert fold_rementions([first, again]) == [first]
    assert first.targets == [doe]  # the borrowed target is not kept


def test_rementions_noun_with_its_own_target_or_no_antecedent_stays(extractor: Extractor) -> None:
    doc = extractor.nlp("Police detained John Doe on Monday. The arrest of Richard Roe followed on Friday.")
    doe, roe = _person(doc, 1, "John Doe"), _person(doc, 2, "Richard Roe")
    first = _event(doc, "Detention", "detained", [doe])
    own = _event(doc, "Arrest", "arrest", [roe])
    assert not is_bare_remention(own)
    assert fold_rementions([first, own]) == [first, own]
    bare = extractor.nlp("The raid shocked Jane Roe.")
    alone = _event(bare, "Raid", "raid", [_person(bare, 3, "Jane Roe")])
    assert fold_rementions([alone]) == [alone]  # a first report worded as a noun


def test_rementions_contradicting_dates_or_other_type_stay(extractor: Extractor) -> None:
    doc = extractor.nlp("Police detained John Doe in 2019. The arrests were ordered by Richard Roe.")
    doe, roe = _person(doc, 1, "John Doe"), _person(doc, 2, "Richard Roe")
    first = _event(doc, "Detention", "detained", [doe], "2019")
    later = _event(doc, "Arrest", "arrests", [roe], "2024-03")
    assert fold_rementions([first, later]) == [first, later]
    fine = _event(doc, "Fine", "arrests", [roe])
    assert fold_rementions([first, fine]) == [first, fine]


def test_rementions_through_the_extractor_only_when_enabled(extractor: Extractor,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Police detained John Doe in Lisbon on Monday. Shortly before the arrests, the king removed "
            "Richard Roe as head of the guard.")
    monkeypatch.setattr(rementions, "ENABLED", False)
    assert len(events_in_text(extractor, text, "Arrest", "2024-03-01")) == 1  # main's output: a second event
    monkeypatch.setattr(rementions, "ENABLED", True)
    assert events_in_text(extractor, text, "Arrest", "2024-03-01") == []
    assert len(events_in_text(extractor, text, "Detention", "2024-03-01")) == 1
