"""Which body a generic subject means (``ingest.extract.state_actors``), on our own sentences:
"officers of" a body the NER read as an organisation act for it when its name says it polices,
investigates or prosecutes (the entity typer makes it a state body after the rules have run);
"officers of" an organisation whose name says nothing of the kind leave the state's authorities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ingest.extract.pipeline import Extractor
from ingest.records import Document


def events(extractor: Extractor, text: str) -> list[dict[str, Any]]:
    doc = Document(id="t", text=text, published=dt.date(2024, 5, 15))
    return extractor.extract(doc).to_schema()["events"]


def test_state_actors_officers_of_an_investigation_unit_act_for_it(extractor: Extractor) -> None:
    text = ("Kandor police chief resigns\n\nOfficers of the Financial Crimes Investigation Unit (FCIU) picked "
            "up Tom Hill, the editor of Acme Media, on Monday evening in Dakar and took him to their "
            "headquarters, where he was questioned.")
    found = {e["type"]: e["agents"] for e in events(extractor, text)}
    assert found.get("Arrest") == ["Financial Crimes Investigation Unit"]
    assert found.get("Questioning") == ["Financial Crimes Investigation Unit"]


def test_state_actors_officers_of_an_unmarked_organisation_leave_the_authorities(extractor: Extractor) -> None:
    text = "Officers of the Economic Crimes Brigade arrested the journalist Tom Hill at his home in Bamako on Monday."
    found = [e for e in events(extractor, text) if e["type"] == "Arrest"]
    assert found and found[0]["agents"] == ["Malian authorities"]
