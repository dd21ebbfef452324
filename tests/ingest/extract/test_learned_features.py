"""What the learners that read text see (``features.typer_text``, ``event_text``) and the typer's
seam in ``LearnedModel`` that a compared learner replaces; hand-built ``Doc``s."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ingest.extract.learned.features import DIM, event_text, typer_text
from ingest.extract.learned.logreg import LogReg, Matrix
from ingest.extract.learned.model import NONE, LearnedModel, Thresholds
from ingest.extract.stage_records import Cluster, Event, Mention

WORDS = ["Police", "raided", "the", "offices", "of", "Acme", "Trading", "in", "Shanghai", "on", "Monday", ".",
         "Acme", "denied", "wrongdoing", "."]
SPACES = [True] * 10 + [False, True, True, True, False, False]


def _doc() -> Doc:
    return Doc(Vocab(), words=WORDS, spaces=SPACES, sent_starts=[i in (0, 12) for i in range(len(WORDS))])


def _acme() -> Cluster:
    mentions = [Mention(5, 7, "Acme Trading", "Company", "ner"), Mention(12, 13, "Acme", "Company", "ner")]
    return Cluster(id=1, mentions=mentions, type="Organization", name="Acme Trading")


def test_learned_features_event_text_brackets_the_trigger_and_names_the_arguments() -> None:
    doc = _doc()
    ev = Event(type="Raid", trigger=doc[1], sent=doc[0:12])
    assert event_text(ev, ["Acme Trading"]) == (
        "Raid | Acme Trading | Police [raided] the offices of Acme Trading in Shanghai on Monday.")
    last = Event(type="Raid", trigger=doc[11], sent=doc[0:12])
    assert event_text(last, []).endswith("on Monday[.]")


def test_learned_features_typer_text_reads_the_first_mention_sentence_or_a_window() -> None:
    doc = _doc()
    assert typer_text(doc, _acme()) == "Acme Trading | Police raided the offices of Acme Trading in Shanghai on Monday."
    assert typer_text(doc, _acme(), window=2) == "Acme Trading | offices of Acme Trading in Shanghai"
    assert typer_text(doc, _acme(), window=10) == typer_text(doc, _acme())  # never past its sentence
    assert typer_text(doc, Cluster(id=2, name="Unseen")) == "Unseen | "


class _Company(LearnedModel):
    """A typer that is sure every name is a company."""

    def typer_probabilities(self, doc: Doc, clusters: list[Cluster]) -> Matrix:
        probs = np.zeros((len(clusters), len(self.typer.classes)), dtype=np.float32)
        probs[:, self.typer.classes.index("Company")] = 1.0
        return probs


def test_learned_model_retype_decides_on_the_typer_probabilities_it_is_given() -> None:
    typer = LogReg(np.zeros((DIM, 3), dtype=np.float32), ["Company", "Organization", NONE])
    scorer = LogReg(np.zeros((DIM, 2), dtype=np.float32), ["event", NONE])
    doc = _doc()
    shipped_like = LearnedModel(typer, scorer, Thresholds(drop=1.01, margin=0.5))
    assert [c.type for c in shipped_like.retype(doc, [_acme()], set())] == ["Organization"]  # uniform: no retype
    sure = _Company(typer, scorer, Thresholds(drop=1.01, margin=0.5))
    assert [c.type for c in sure.retype(doc, [_acme()], set())] == ["Company"]
    gazetteer = _acme()
    gazetteer.gaz_id = "acme"
    assert [c.type for c in sure.retype(doc, [gazetteer], set())] == ["Organization"]  # the rules were sure
