"""The encoder typer (``encoder_typer.py``): the shipped int8 ONNX model types names from the words
around them, the learned model takes it with its own thresholds, and a broken model folder is
named in the error; hand-built ``Doc``s."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ingest.errors import ModelUnavailable
from ingest.extract.learned import encoder_typer
from ingest.extract.learned import model as learned_model
from ingest.extract.learned.encoder_typer import EncoderTyper
from ingest.extract.stage_records import Cluster, Mention

WORDS = ["Police", "in", "Almaty", "detained", "the", "journalist", "Dana", "Orazova", "on", "Tuesday", ".",
         "A", "court", "fined", "Quillon", "Partners", "Ltd.", "under", "the", "Law", "on", "Mass", "Media", "."]


def _doc() -> Doc:
    spaces = [i + 1 < len(WORDS) and WORDS[i + 1] not in (",", ".") for i in range(len(WORDS))]
    return Doc(Vocab(), words=WORDS, spaces=spaces, sent_starts=[i in (0, 11) for i in range(len(WORDS))])


def _cluster(k: int, start: int, end: int, name: str, rule_type: str) -> Cluster:
    return Cluster(id=k, mentions=[Mention(start, end, name, rule_type, "ner")], type=rule_type, name=name)


def _with_cascade(cascade: float) -> EncoderTyper:
    typer = copy.copy(_shipped())  # shares the shipped typer's child process
    typer.cascade = cascade
    return typer


def _shipped() -> EncoderTyper:
    typer = encoder_typer.load_shipped()
    assert typer is not None, "the encoder typer is shipped in ingest/extract/data/learned/typer-encoder"
    return typer


def test_learned_encoder_typer_shipped_model_types_names_from_their_words() -> None:
    typer, doc = _shipped(), _doc()
    assert typer.window == 12 and set(typer.classes) == {"Company", "GovernmentBody", "Law", "Organization",
                                                          "Person", "Place", "none"}
    clusters = [_cluster(1, 6, 8, "Dana Orazova", "Organization"),
                _cluster(2, 14, 17, "Quillon Partners Ltd.", "Person"),
                _cluster(3, 2, 3, "Almaty", "Person"),
                _cluster(4, 18, 23, "the Law on Mass Media", "Organization")]
    probs = typer.probabilities(doc, clusters, typer.classes)
    assert probs.shape == (4, len(typer.classes))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-3)
    best = [typer.classes[i] for i in probs.argmax(axis=1)]
    assert best[:3] == ["Person", "Company", "Place"]  # whatever type the rules guessed
    assert best[3] in ("Law", "none")
    # columns follow the order asked for; an empty list is an empty matrix
    order = list(reversed(typer.classes))
    assert np.array_equal(typer.probabilities(doc, clusters, order), probs[:, ::-1])
    assert typer.proba([]).shape == (0, len(typer.classes))


def test_learned_encoder_typer_reads_the_names_the_hashed_typer_is_unsure_of() -> None:
    """The shipped model: the hashed typer reads every name, and the names whose top probability
    is below the encoder's ``cascade`` are read by the encoder, with the encoder's thresholds."""
    shipped = learned_model.load_shipped()
    assert shipped is not None and shipped.encoder is _shipped() and 0.0 < _shipped().cascade < 1.0
    hashed = learned_model.LearnedModel.load(learned_model.SHIPPED)
    assert hashed.encoder is None and shipped.thresholds == hashed.thresholds  # the event scorer's too
    doc = _doc()
    clusters = [_cluster(1, 6, 8, "Dana Orazova", "Organization"),
                _cluster(2, 14, 17, "Quillon Partners Ltd.", "Person"),
                _cluster(3, 2, 3, "Almaty", "Person")]
    plain = hashed.typer_probabilities(doc, clusters)
    read = _shipped().probabilities(doc, clusters, hashed.typer.classes)
    for cascade in (0.0, 1.01, float(np.median(plain.max(axis=1)))):
        typer = _with_cascade(cascade)
        unsure = {k for k, p in enumerate(plain) if p.max() < cascade}
        assert (0 < len(unsure) < len(clusters)) == (cascade not in (0.0, 1.01))
        for k, (p, drop, margin) in enumerate(hashed.with_encoder(typer).decisions(doc, clusters)):
            if k in unsure:
                assert (drop, margin) == (typer.drop, typer.margin)
                if len(unsure) == len(clusters):  # the same batch: the same probabilities
                    assert np.array_equal(p, read[k])
            else:
                assert np.array_equal(p, plain[k]) and (drop, margin) == hashed.typer_thresholds()
    everything = _with_cascade(1.01)
    kept = hashed.with_encoder(everything).retype(doc, [_cluster(1, 6, 8, "Dana Orazova", "Organization")], set())
    assert [c.type for c in kept] == ["Person"]


def test_learned_encoder_typer_runs_apart_and_starts_again_when_its_process_ends() -> None:
    """The network runs in a child process: the extraction process gains no thread (a second
    thread slows spaCy by a tenth), and a child that ended is replaced on the next call."""
    threads = len(os.listdir("/proc/self/task"))
    typer = EncoderTyper.load(encoder_typer.SHIPPED)
    first = typer.proba(["Dana Orazova | Police detained the journalist Dana Orazova on Tuesday."])
    assert len(os.listdir("/proc/self/task")) == threads
    child = typer._child
    assert child is not None and child.pid != os.getpid()
    child.kill()
    child.wait()
    assert np.array_equal(typer.proba(["Dana Orazova | Police detained the journalist Dana Orazova on Tuesday."]),
                          first)
    assert typer._child is not None and typer._child.pid != child.pid
    typer.close()
    assert typer._child is None


def test_learned_encoder_typer_broken_or_absent_folder(tmp_path: Path) -> None:
    assert encoder_typer.load_shipped(tmp_path) is None  # absent: the hashed typer types
    (tmp_path / "typer.onnx").write_bytes(b"not a model")
    (tmp_path / "typer.json").write_text('{"classes": ["Person", "none"], "window": 12, "drop": 0.5, "margin": 0.3}')
    with pytest.raises(ModelUnavailable, match=str(tmp_path)):
        EncoderTyper.load(tmp_path)


def test_learned_encoder_typer_an_answer_sent_ahead_is_used_only_for_the_same_names() -> None:
    """``submit`` lets the child read names while the extraction goes on; ``collect`` takes that
    answer only for the very names sent, and an answer left unread (another batch asked, or a
    document that failed before collecting) is dropped, never handed to the next request."""
    typer = EncoderTyper.load(encoder_typer.SHIPPED)
    a = ["Dana Orazova | Police in Almaty detained the journalist Dana Orazova on Tuesday."]
    b = ["Quillon Partners Ltd. | A court fined Quillon Partners Ltd. under the Law on Mass Media.", *a]
    pa, pb = typer.proba(a), typer.proba(b)
    typer.submit(a)
    assert np.array_equal(typer.collect(a), pa)
    typer.submit(a)
    assert np.array_equal(typer.collect(b), pb)
    typer.submit(a)
    typer.submit(b)
    assert np.array_equal(typer.collect(b), pb) and typer._unread == []
    typer.submit([])
    assert typer._unread == []  # no names, nothing sent
    typer.close()


def test_learned_encoder_typer_names_asked_before_the_events_give_the_same_decisions() -> None:
    """``LearnedModel.ask`` sends, right after linking, the names the encoder will read; the
    decisions are those of asking at the end, also when the entities changed in between."""
    shipped = learned_model.load_shipped()
    assert shipped is not None
    model = shipped.with_encoder(_with_cascade(1.01))  # every name read by the encoder
    doc = _doc()
    clusters = [_cluster(1, 6, 8, "Dana Orazova", "Organization"),
                _cluster(2, 14, 17, "Quillon Partners Ltd.", "Person")]
    grown = [*clusters, _cluster(3, 2, 3, "Almaty", "Person")]  # a name the events stage found late

    def read(decided: list[tuple[Any, float, float]]) -> list[tuple[list[float], float, float]]:
        return [(p.tolist(), drop, margin) for p, drop, margin in decided]

    for final in (clusters, grown):
        asked = model.ask(doc, clusters)
        assert asked is not None and asked.keys
        assert read(model.decisions(doc, final, asked)) == read(model.decisions(doc, final))
