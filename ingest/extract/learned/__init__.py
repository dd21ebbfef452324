"""Learned components trained from our own corpus (``corpus/train/``), composed with the rules.

The rules find entities and events; two small models trained on the ``train`` split then judge
what the rules found: an entity typer (the six schema types, or "not an entity worth naming")
and an event scorer (the probability that a rule event is a real, distinct event of the
document). The entity typer that ships reads the words around each name with a fine-tuned
pretrained encoder under ONNX Runtime (``encoder_typer.py``); the hashed-feature typer beside the
event scorer in ``model.npz`` types when that model is absent. The event probability is the
calibrated ``confidence`` of every event. A third,
the trigger proposer (``triggers.py``), proposes triggers the rules miss before the events are
built, so the rules' argument code reads their arguments. A fourth, the argument attacher
(``attacher.py``), then reads each event's agents and targets from the whole document. Before
all of them, a spaCy NER trained with ``spacy train`` on our six types (``ner.py``) adds the
names the rules miss and widens names spaCy's small model cuts short.

Nothing here runs unless the shipped model files exist (``model.load_shipped`` and the others'),
so without them the extractor's output is exactly the rules' output.
"""
