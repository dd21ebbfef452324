"""Co-reference features of target candidates: the trigger's slot, recency among the persons or
firms named before it, and the pending marker."""

from __future__ import annotations

from ingest.extract.learned.coreference import TargetContext, bucket, target_slot
from ingest.extract.pipeline import Extractor
from ingest.extract.stage_records import Cluster, Event, Mention


def _person(i: int, name: str, *starts: int) -> Cluster:
    return Cluster(id=i, type="Person", name=name, mentions=[Mention(s, s + 1, name, "Person", "ner") for s in starts])


def test_learned_coreference_slot_names_what_stands_where_the_target_would(extractor: Extractor) -> None:
    doc = extractor.nlp("Police detained him. The company was fined. Zhang was arrested. Both were detained.")
    by_word = {t.text: t for t in reversed(doc)}  # the first of each word
    assert target_slot(Event("Detention", by_word["detained"], by_word["detained"].sent)) == ["pron:him"]
    assert target_slot(Event("Fine", by_word["fined"], by_word["fined"].sent)) == ["noun:company"]
    assert target_slot(Event("Arrest", by_word["arrested"], by_word["arrested"].sent)) == ["name"]
    last = doc[-2]  # the second "detained"
    assert target_slot(Event("Detention", last, last.sent)) in (["pron:both"], ["noun:both"])


def test_learned_coreference_recency_ranks_persons_named_before_the_trigger(extractor: Extractor) -> None:
    doc = extractor.nlp("Ann Lee met Bo Chan . Later he was detained . Cy Dee spoke .")
    sent_of = {t.i: k for k, s in enumerate(doc.sents) for t in s}
    ann, bo, cy = _person(0, "Ann Lee", 0), _person(1, "Bo Chan", 3), _person(2, "Cy Dee", 11)
    trigger = next(t for t in doc if t.text == "detained")
    ev = Event("Detention", trigger, trigger.sent)
    ctx = TargetContext([ann, bo, cy], sent_of)
    assert [ctx.recency(ev, c) for c in (bo, ann, cy)] == ["0", "1", "after"]
    feats = ctx.features(ev, bo, ["pron:he"], pending=True)
    assert "slot=pron:he|person|recent=0" in feats and "gap=-1|person|pending=True" in feats
    assert "pending|Detention|person" in feats
    assert not any(f.startswith("pending") for f in ctx.features(ev, bo, ["pron:he"], pending=False))
    assert [bucket(n) for n in (0, 4, 7, 20, 40)] == ["0", "3-5", "6-10", "11-30", "31+"]
