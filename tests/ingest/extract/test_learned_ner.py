"""The learned NER: gold alignment to DocBin, the dev slice, the composition with the rule
mentions, and the shipped model in the extractor. (``make train`` on a tiny corpus, which also
trains the NER for a few steps, is tested in ``test_learned.py``.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.learned import ner as learned_ner
from ingest.extract.learned.ner import Compose, LearnedNER, Span, compose, learned_mentions
from ingest.extract.learned.ner_data import AlignStats, annotated_doc, in_dev_slice, split_train
from ingest.extract.learned.train_ner import SOURCE, prune_labels
from ingest.extract.ner_mentions import load_rules, person_shaped
from ingest.extract.nlp import load_pipeline
from ingest.extract.pipeline import Extractor
from ingest.extract.stage_records import Mention
from ingest.records import Document

ARTICLE = {
    "id": "a", "text": "The Supreme Court of Tajikistan jailed Ulvi Hasanli. Hasanli's lawyer said police lied.",
    "gold": {"entities": [
        {"name": "Supreme Court of Tajikistan", "type": "GovernmentBody", "aliases": ["police"]},
        {"name": "Tajikistan", "type": "Place", "aliases": []},
        {"name": "Ulvi Hasanli", "type": "Person", "aliases": ["Hasanli"]},
        {"name": "Tajik authorities", "type": "GovernmentBody", "aliases": []},
    ]},
}


def test_learned_ner_converter_aligns_longest_names_and_counts_what_it_cannot_place() -> None:
    stats = AlignStats()
    doc = annotated_doc(spacy.blank("en"), ARTICLE, stats)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Supreme Court of Tajikistan", "GovernmentBody"), ("Ulvi Hasanli", "Person"), ("Hasanli", "Person")]
    police = next(t for t in doc if t.text == "police")
    assert police.ent_iob == 0  # a lower-case alias: left unlabelled, neither entity nor outside
    assert next(t for t in doc if t.text == "lawyer").ent_iob_ == "O"
    report = stats.as_dict()
    assert report["gold_entities"] == 4 and report["gold_entities_found"] == 3  # "Tajikistan": inside a longer name
    assert report["gold_names_not_found"] == 1 and report["entities_not_found_by_type"] == {"GovernmentBody": 1}
    assert report["overlapped_occurrences"] == 2 and report["generic_occurrences_unlabelled"] == 1


def test_learned_ner_dev_slice_is_a_fixed_part_of_train_by_real_event() -> None:
    arts = [{"id": f"a{i}", "meta": {"real_event": f"event {i // 2}"}} for i in range(200)]
    fit, dev = split_train(arts)
    assert 0 < len(dev) < len(fit)
    for art in dev:  # both articles of a real event land on the same side
        assert in_dev_slice(art["meta"]["real_event"])
        assert sum(a["meta"]["real_event"] == art["meta"]["real_event"] for a in dev) == 2
    assert split_train(arts) == (fit, dev)


def _doc() -> Doc:
    text = "Police raided Hikvision Digital Technology Co. and questioned Ms Zhou Lan in Hangzhou."
    return load_pipeline(DEFAULT_SPACY_MODEL)(text)


def test_learned_ner_compose_adds_widens_and_keeps_what_the_rules_are_sure_of() -> None:
    doc = _doc()
    gaz, rules = load_gazetteer(), load_rules()
    short = Mention(2, 4, "Hikvision Digital", "Organization", "ner", strength=0.5)
    place = Mention(12, 13, "Hangzhou", "Place", "gazetteer", "place:hangzhou")
    learned = learned_mentions(doc, [Span(2, 6, "Company"), Span(8, 11, "Person"), Span(12, 13, "Person"),
                                     Span(0, 1, "GovernmentBody")], gaz, rules)
    assert [(m.text, m.type) for m in learned] == [
        ("Hikvision Digital Technology Co.", "Company"), ("Zhou Lan", "Person"), ("Hangzhou", "Person")]
    out = compose([short, place], learned, Compose(add=True, bounds=True))
    assert [(m.text, m.type) for m in out] == [
        ("Hikvision Digital Technology Co.", "Company"), ("Zhou Lan", "Person"), ("Hangzhou", "Place")]
    assert [(m.text, m.type) for m in compose([short, place], learned, Compose(add=False, bounds=False))] == [
        ("Hikvision Digital", "Organization"), ("Hangzhou", "Place")]
    sure = Mention(2, 4, "Hikvision Digital", "Organization", "ner", strength=3.0)
    unsure_whole = Mention(2, 6, "Hikvision Digital Technology Co.", "Company", "ner", strength=1.0)
    widened = compose([sure], [unsure_whole], Compose(bounds=True))
    assert [(m.text, m.type) for m in widened] == [("Hikvision Digital Technology Co.", "Organization")]
    assert learned[0].strength == 3.0  # "Co.": the whole name's own words are sure of a firm
    widened = compose([sure], learned[:1], Compose(bounds=True))
    assert [(m.text, m.type, m.strength) for m in widened] == [
        ("Hikvision Digital Technology Co.", "Company", 3.0)], "a sure whole name beats a sure fragment"


def test_learned_ner_compose_widening_keeps_the_whole_names_sure_type() -> None:
    """"Official Gazette": spaCy reads "Gazette" alone (an outlet's word, sure), the learned NER the
    whole name, which its first word makes the state's organ."""
    nlp, gaz, rules = load_pipeline(DEFAULT_SPACY_MODEL), load_gazetteer(), load_rules()
    doc = nlp("The decree was published in the Official Gazette on Friday.")
    k = next(i for i, t in enumerate(doc) if t.text == "Official")
    fragment = Mention(k + 1, k + 2, "Gazette", "Organization", "ner", strength=3.0)
    learned = learned_mentions(doc, [Span(k, k + 2, "Organization")], gaz, rules)
    assert [(m.text, m.type) for m in compose([fragment], learned, Compose())] == [
        ("Official Gazette", "GovernmentBody")]


def test_learned_ner_compose_person_reading_replaces_a_default_organisation() -> None:
    """A name the word lists typed Organization only by default (no body's word in or around it)
    takes the learned Person reading when it has a person's shape; not otherwise."""
    nlp, gaz = load_pipeline(DEFAULT_SPACY_MODEL), load_gazetteer()
    doc = nlp("Officials said Tomas Vargeli and Zentro left the country.")
    k = next(i for i, t in enumerate(doc) if t.text == "Tomas")
    z = next(i for i, t in enumerate(doc) if t.text == "Zentro")
    found = [Mention(k, k + 2, "Tomas Vargeli", "Organization", "ner", strength=0.5),
             Mention(z, z + 1, "Zentro", "Organization", "ner", strength=0.5)]
    learned = [Mention(k, k + 2, "Tomas Vargeli", "Person", "ner"), Mention(z, z + 1, "Zentro", "Person", "ner")]

    def shaped(m: Mention) -> bool:
        return person_shaped(m.text.split(), gaz)

    assert [(m.text, m.type) for m in compose(found, learned, Compose(), shaped)] == [
        ("Tomas Vargeli", "Person"), ("Zentro", "Organization")], "one word is no person's shape"
    cued = [Mention(k, k + 2, "Tomas Vargeli", "Organization", "ner", strength=2.0)]
    assert [m.type for m in compose(cued, learned[:1], Compose(), shaped)] == ["Organization"], \
        "a type the nouns around the name gave stays"
    assert [m.type for m in compose(found[:1], learned[:1], Compose(person=False), shaped)] == ["Organization"]


def test_learned_ner_keeps_the_types_the_word_lists_are_sure_of() -> None:
    """A body's own words and a name that employs staff decide the type, whatever the model read."""
    nlp, gaz, rules = load_pipeline(DEFAULT_SPACY_MODEL), load_gazetteer(), load_rules()
    doc = nlp("The Coastal Strike Force seized a boat, and police arrested a Norvenna employee in Tarvik.")
    force, firm, town = (next(i for i, t in enumerate(doc) if t.text == w) for w in ("Coastal", "Norvenna", "Tarvik"))
    learned = learned_mentions(doc, [Span(force, force + 3, "Organization"), Span(firm, firm + 1, "Place"),
                                     Span(town, town + 1, "Place")], gaz, rules)
    assert [(m.text, m.type) for m in learned] == [
        ("Coastal Strike Force", "GovernmentBody"), ("Norvenna", "Company"), ("Tarvik", "Place")]
    assert learned[0].strength == 3.0, "a type from the name's own words is sure: the entity typer leaves it"
    plain = nlp("Police raided Kestrava Minerals on Monday.")
    assert [(m.text, m.type) for m in learned_mentions(plain, [Span(2, 4, "Company")], gaz, rules)] == [
        ("Kestrava Minerals", "Company")], "without such words the learned type stands"


def test_learned_ner_shipped_model_loads_and_extracts_a_document(extractor: Extractor) -> None:
    model = learned_ner.load_shipped()
    assert isinstance(model, LearnedNER), "the learned NER is shipped in ingest/extract/data/learned/ner"
    doc = _doc()
    spans = {(doc[s.start:s.end].text, s.type) for s in model.spans(doc)}
    assert ("Zhou Lan", "Person") in spans
    assert all(s.type in learned_ner.TYPES for s in model.spans(doc))
    assert set(model.nlp.get_pipe("ner").labels) == learned_ner.TYPES  # the small model's labels cut
    out = extractor.extract(Document(id="d", text=doc.text, published="2024-05-01"))
    names = {e.name: e.type for e in out.entities}
    assert names.get("Zhou Lan") == "Person"
    assert any(n.startswith("Hikvision") and t == "Company" for n, t in names.items())


BATCH_TEXTS = [
    "Police in Almaty detained Dana Orazova, a reporter for Steppe Signal, on Tuesday.",
    "The Ministry of State Security raided the Shanghai office of Quillon Partners Ltd. in May.",
    "A court in Minsk jailed Ales Karpovich for three years under Article 361 of the Criminal Code.",
    "No names here at all, only a sentence about the weather.",
]


def test_learned_ner_annotate_reads_a_batch_as_one_document_at_a_time() -> None:
    """The batch the extractor runs gives each document the spans it gets alone, and ``spans``
    takes them from the document only once (nothing of ours is left on it), and only for the
    model that read them."""
    model = learned_ner.load_shipped()
    assert model is not None
    nlp = load_pipeline(DEFAULT_SPACY_MODEL)
    alone = [model.spans(d) for d in nlp.pipe(BATCH_TEXTS)]
    assert any(alone) and not all(alone)  # names in some, none in the last
    docs = list(nlp.pipe(BATCH_TEXTS))
    model.annotate(docs)
    assert [model.spans(d) for d in docs] == alone
    assert all(not d.user_data for d in docs)
    # what is kept is what ``spans`` returns, to the model that kept it only
    marked = (Span(0, 1, "Person"),)
    docs[0].user_data[learned_ner._KEPT] = (id(model), marked)
    assert model.spans(docs[0]) == list(marked)
    docs[0].user_data[learned_ner._KEPT] = (id(model), marked)
    assert LearnedNER(model.nlp).spans(docs[0]) == alone[0]  # another model object reads for itself


def test_learned_ner_extractor_batches_give_what_single_documents_give(extractor: Extractor) -> None:
    docs = [Document(id=f"b{i}", text=t, published="2024-05-01") for i, t in enumerate(BATCH_TEXTS * 10)]
    many = [e.model_dump() for e in extractor.extract_many(docs)]
    assert len(many) == len(docs)  # more than one batch of the pipeline (32), none lost
    assert many == [extractor.extract(d).model_dump() for d in docs]


def test_learned_ner_pruning_keeps_the_kept_labels_rows_and_names(tmp_path: Path) -> None:
    """``prune_labels`` on the small model's own NER (18 labels): the moves of the labels it drops
    are gone, the output rows of the others are copied unchanged, and a text whose names all carry
    kept labels gets the same names; pruning again cuts nothing."""
    full = spacy.load(SOURCE, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    assert full.pipe_names == ["ner"]
    full.to_disk(tmp_path / "ner")
    dropped = {"WORK_OF_ART", "LANGUAGE", "PRODUCT", "EVENT"}
    keep = frozenset(full.get_pipe("ner").labels) - dropped
    before = [[(e.start, e.end, e.label_) for e in d.ents] for d in full.pipe(BATCH_TEXTS)]
    assert any(before) and not {label for d in before for _, _, label in d} & dropped
    assert prune_labels(tmp_path / "ner", keep) == 4 * len(dropped)
    assert prune_labels(tmp_path / "ner", keep) == 0
    pruned = spacy.load(tmp_path / "ner")
    ner, old = pruned.get_pipe("ner"), full.get_pipe("ner")
    assert set(ner.labels) == keep
    rows = {ner.moves.get_class_name(i): i for i in range(ner.moves.n_moves)}
    old_w = old.model.get_ref("upper").get_param("W")
    new_w = ner.model.get_ref("upper").get_param("W")
    assert new_w.shape[0] == len(rows) < old_w.shape[0]
    for i in range(old.moves.n_moves):
        name = old.moves.get_class_name(i)
        if name in rows:
            assert np.array_equal(new_w[rows[name]], old_w[i])
        else:
            assert name.split("-", 1)[1] in dropped
    assert [[(e.start, e.end, e.label_) for e in d.ents] for d in pruned.pipe(BATCH_TEXTS)] == before
