"""Event status from cue words (ingest/extract/status.py), on hand-built sentences: the event's own sentence,
a later sentence naming the same target, negations, cues about something else, and precedence."""

from __future__ import annotations

import pytest

from ingest.extract.status import cues_in, event_status, rules

MINTZ = ["Mintz Group"]


@pytest.mark.parametrize(("sentence", "event_type", "status"), [
    ("Police raided the Beijing office of Mintz Group on Monday.", "Raid", "reported"),
    ("Police reportedly raided the Beijing office of Mintz Group on Monday.", "Raid", "reported"),
    ("The ministry confirmed that police raided the office of Mintz Group.", "Raid", "confirmed"),
    ("Mintz Group denied that its office had been raided.", "Raid", "denied"),
    ("The raid on Mintz Group could not be independently confirmed.", "Raid", "reported"),
    ("Mintz Group did not deny that police searched its office.", "Raid", "reported"),
    ("Mintz Group denied wrongdoing after police searched its office.", "Raid", "reported"),
    ("Two Mintz Group employees were detained in March and released in May.", "Detention", "reversed"),
    ("Police detained a Mintz Group manager, the company said, and released a statement.", "Detention", "reported"),
    ("A court acquitted the Mintz Group manager of espionage charges.", "Charge", "reversed"),
    ("The exit ban on the Mintz Group director was lifted in June.", "ExitBan", "reversed"),
    ("An appeals court overturned the fine imposed on Mintz Group.", "Fine", "reversed"),
    ("Mintz Group was fined and later released a statement.", "Fine", "reported"),  # a fine is not 'released'
    ("The ministry confirmed the detention of a Mintz Group employee, who was later released.", "Detention",
     "reversed"),  # a reversal ends the matter
    ("Mintz Group denied the detention, which the ministry confirmed.", "Detention", "confirmed"),
    ("The Mintz Group analyst was denied entry to China.", "Expulsion", "reported"),
])
def test_ingest_status_in_the_events_sentence(sentence: str, event_type: str, status: str) -> None:
    assert event_status([sentence], 0, event_type, MINTZ) == status


def test_ingest_status_from_a_later_sentence_naming_the_target() -> None:
    sentences = ["Police detained two employees of Mintz Group in Beijing in March.",
                 "The weather was cold.",
                 "Both Mintz Group employees were released on bail in May."]
    assert event_status(sentences, 0, "Detention", MINTZ) == "reversed"
    # a later sentence about another firm, or too far away, says nothing about this event
    other = ["Police detained two employees of Mintz Group in March.",
             "Employees of Bain & Company were released in May."]
    assert event_status(other, 0, "Detention", MINTZ) == "reported"
    far = [sentences[0], "One.", "Two.", "Mintz Group staff were released in May."]
    assert event_status(far, 0, "Detention", MINTZ) == "reported"
    # a later sentence that reports another event keeps its cues to itself
    assert event_status(sentences, 0, "Detention", MINTZ, others={2}) == "reported"
    # nor does an earlier sentence count
    assert event_status(["Mintz Group staff were released in May.", sentences[0]], 1, "Detention",
                        MINTZ) == "reported"


def test_ingest_status_rules_are_data() -> None:
    r = rules()
    assert r.precedence[0] == "reversed" and {g.status for g in r.groups} == {"reported", "confirmed", "denied",
                                                                               "reversed"}
    assert cues_in("The sanctions on Mintz Group were lifted.", "Sanction") == {"reversed"}
    assert cues_in("The sanctions on Mintz Group were lifted.", "Raid") == set()  # a raid cannot be lifted


def test_ingest_status_through_the_extractor() -> None:
    from ingest.records import Document
    from tests.helpers import shared_extractor

    text = ("Police in Beijing detained two employees of Mintz Group on 3 March 2024. "
            "Both Mintz Group employees were released on 20 March 2024, the company said. "
            "Shanghai authorities fined Capvision on 9 May 2024, the ministry confirmed.")
    extraction = shared_extractor().extract(Document(id="status", text=text))
    found = {(e.type, tuple(e.targets)): e.status for e in extraction.events}
    assert found[("Detention", ("Mintz Group",))] == "reversed"
    assert found[("Fine", ("Capvision",))] == "confirmed"
    assert all("status" not in e for e in extraction.to_schema()["events"])  # the SCHEMA.md output is unchanged
