"""Event recall on phrasings real news uses, on our own sentences: questioning "for questioning",
persona non grata and "N days to leave", premises and licences that lead to their holder, sums
"of" frozen assets, countermeasures and sanction designations, charges brought or accused in a
case, raids told as entering premises or seizing devices, presupposed event nouns under a
hedged verb, background events with their own dates, and one action told twice in a sentence."""

from __future__ import annotations

import pytest

from ingest.extract.pipeline import Extractor
from tests.helpers import (
    events_in_text,
)

CASES = [
    # questioning told as the purpose of another action
    ("Officers also searched the home of Tom Hill and took him away for questioning.", "Questioning", "Tom Hill", None),
    ("Four more employees of Acme Media were taken in for questioning on Tuesday.", "Questioning", "Acme Media",
     "2024-05-14"),
    # expulsions
    ("The foreign ministry declared Tom Hill persona non grata on Monday.", "Expulsion", "Tom Hill", "2024-05-13"),
    ("Tom Hill was declared persona non grata and given seven days to leave.", "Expulsion", "Tom Hill", None),
    ("The ministry gave Tom Hill 72 hours to leave the country.", "Expulsion", "Tom Hill", None),
    # premises and licences lead to their holder; background events keep their own dates
    ("In December 2014, police raided the bureau of Acme News and later shut it down.", "Raid", "Acme News",
     "2014-12"),
    ("In December 2014, police raided the bureau of Acme News and later shut it down.", "Closure", "Acme News",
     "2014-12"),
    ("Tom Hill was detained in July 2021, when security forces searched the homes of dozens of Acme Aid staff.",
     "Raid", "Acme Aid", "2021-07"),
    ("Among them was Harbor Aid, whose registration was revoked by parliament in June last year.", "Closure",
     "Harbor Aid", "2023-06"),
    ("Tom Hill spent three years in prison after being convicted of tax evasion in 2011.", "Sentence", "Tom Hill",
     "2011"),
    # event nouns that presuppose the event
    ("He would not say whether the cases were linked to the Dec. 1 arrest in Vancouver of Tom Hill.", "Arrest",
     "Tom Hill", "2023-12-01"),
    # sanctions
    ("China announced countermeasures against Acme Defense on Friday.", "Sanction", "Acme Defense", "2024-05-10"),
    ("Police froze $5 million of Acme News's assets under the security law.", "Sanction", "Acme News", None),
    ("The Treasury designated Acme Defense Ltd and Tom Hill, blocking any property they hold in the United States.",
     "Sanction", "Tom Hill", None),
    # charges
    ("Prosecutors brought charges against Tom Hill and Mary Jones on Friday.", "Charge", "Mary Jones", "2024-05-10"),
    ("Tom Hill, a co-defendant in the case, is accused of accepting cash from a foreign intelligence service.",
     "Charge", "Tom Hill", None),
    # raids told without "raid"
    ("Officers entered the premises of Acme Consulting and seized computers.", "Raid", "Acme Consulting", None),
    ("Officers seized devices from the Beijing office of Acme Consulting on Tuesday.", "Raid", "Acme Consulting",
     "2024-05-14"),
]


@pytest.mark.parametrize(("text", "etype", "target", "date"), CASES)
def test_recall_forms(extractor: Extractor, text: str, etype: str, target: str, date: str | None) -> None:
    found = [e for e in events_in_text(extractor, text, etype) if target in e["targets"]]
    assert found, text
    if date is not None:
        assert found[0]["date"] == date, text


@pytest.mark.parametrize(("text", "etype"), [
    ("Acme Media said on its website that it was shutting down after ten years.", "Closure"),
    ("The minister accused Acme Media of spreading propaganda.", "Charge"),
    ("The committee designated Tom Hill as its new chairman in May.", "Sanction"),
    ("Visitors entered the premises of Acme Consulting for a trade fair.", "Raid"),
    # look-alikes of the ninth step's wordings (tests/ingest/extract/test_triggers.py)
    ("The court suspended two years of Tom Baker's prison term on Friday.", "Closure"),
    ("Protesters blocked the railway line near the capital on Monday.", "Closure"),
    ("Border guards blocked Tom Baker from leaving the country in May.", "Closure"),
    ("Tom Baker boarded a flight to London on Monday.", "ExitBan"),
    ("Tom Baker put his bags on the plane to London on Friday.", "Expulsion"),
    # look-alikes of the fourteenth step's wordings: damages owed to a party are no fine; "off"
    # something that is no outlet's channel, and a street sealed off, are no closures
    ("The court ordered Tom Baker to pay 400,000 pesos in damages to the plaintiff.", "Fine"),
    ("The court ordered Tom Baker to pay compensation of $5,000 to his former employer.", "Fine"),
    ("The speaker took the Harbor Bill off the agenda on Tuesday.", "Closure"),
    ("Police sealed off the street outside Harbor Holdings after the blast.", "Closure"),
])
def test_non_events_stay_out(extractor: Extractor, text: str, etype: str) -> None:
    assert not events_in_text(extractor, text, etype), text


def test_one_raid_told_twice_in_a_sentence_is_one_event(extractor: Extractor) -> None:
    text = ("Police raided the offices of Acme Media on Tuesday, breaking the door to enter the flat of "
            "its editor Mary Jones.")
    found = events_in_text(extractor, text, "Raid")
    assert len(found) == 1 and "Acme Media" in found[0]["targets"]


def test_sum_of_assets_is_not_the_target(extractor: Extractor) -> None:
    found = events_in_text(extractor, "Police froze HK$20 million of Acme Media's assets on Monday.", "Sanction")
    assert found and found[0]["targets"] == ["Acme Media"]
