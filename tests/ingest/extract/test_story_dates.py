"""Dates from the story for events their text leaves undated (``ingest.extract.story_dates``), on
hand-built documents: the nearest event of the same type dated by its own sentence, else the
nearest such event told before, else the story's first; always marked ``Q_STORY``."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.extract.stage_records import DATE_BASIS, Q_PREVIOUS, Q_SENTENCE, Q_STORY, Q_TENSE, Event
from ingest.extract.story_dates import fill_story_dates

# one trigger word per sentence: "raided ." x 6
WORDS = ["raided", "."] * 6
VOCAB = spacy.blank("en").vocab


def _doc() -> Doc:
    return Doc(VOCAB, words=WORDS, sent_starts=[i % 2 == 0 for i in range(len(WORDS))])


def _event(doc: Doc, sentence: int, etype: str, date: str | None = None, quality: int = Q_SENTENCE) -> Event:
    i = sentence * 2
    return Event(type=etype, trigger=doc[i], sent=doc[i:i + 2], date=date,
                 date_quality=quality if date else 0)


def test_story_dates_take_the_nearest_event_of_the_same_type() -> None:
    doc = _doc()
    raid = _event(doc, 0, "Raid", "2024-05-12")
    arrest = _event(doc, 1, "Arrest", "2024-05-13")
    later_raid = _event(doc, 5, "Raid", "2024-06")
    undated = _event(doc, 4, "Raid")
    fill_story_dates([raid, arrest, later_raid, undated])
    assert (undated.date, undated.date_quality) == ("2024-06", Q_STORY)  # one sentence away, the first four
    assert DATE_BASIS[undated.date_quality] == "story"
    assert [raid.date, arrest.date, later_raid.date] == ["2024-05-12", "2024-05-13", "2024-06"]
    assert raid.date_quality == Q_SENTENCE


def test_story_dates_without_one_of_its_type_the_event_told_before_else_the_first() -> None:
    doc = _doc()
    arrest = _event(doc, 1, "Arrest", "2024-05-13")
    fine = _event(doc, 3, "Fine", "2024-07")
    after = _event(doc, 4, "Raid")
    before_all = _event(doc, 0, "ExitBan")
    fill_story_dates([arrest, fine, after, before_all])
    assert after.date == "2024-07"  # the dated event told just before it
    assert before_all.date == "2024-05-13"  # nothing dated before it: the story's first
    assert after.date_quality == before_all.date_quality == Q_STORY


def test_story_dates_only_lend_dates_read_from_a_sentence() -> None:
    doc = _doc()
    narrated = _event(doc, 0, "Raid", "2024-05", Q_PREVIOUS)
    reported = _event(doc, 1, "Raid", "2024-05-20", Q_TENSE)
    undated = _event(doc, 2, "Raid")
    fill_story_dates([narrated, reported, undated])
    assert undated.date is None and undated.date_quality == 0
    assert narrated.date_quality == Q_PREVIOUS and reported.date_quality == Q_TENSE


def test_story_dates_a_law_revision_borrows_only_a_revisions_date() -> None:
    doc = _doc()
    raid = _event(doc, 0, "Raid", "2024-05-12")
    revision = _event(doc, 1, "LawRevision")
    fill_story_dates([raid, revision])
    assert revision.date is None
    adopted = _event(doc, 3, "LawRevision", "2023-04-26")
    fill_story_dates([raid, revision, adopted])
    assert (revision.date, revision.date_quality) == ("2023-04-26", Q_STORY)
