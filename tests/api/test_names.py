"""Name comparison for screening (no database): the spellings a watchlist really uses."""

from __future__ import annotations

import time

import pytest

from api.services.names import normalise, search_text, similarity


@pytest.mark.parametrize(("watchlist", "graph"), [
    ("Bain and Company", "Bain & Company"),
    ("Mintz Group LLC", "Mintz Group"),
    ("Capvision Co., Ltd.", "Capvision"),
    ("Falkenried Consulting GmbH", "Falkenried Consulting"),
    ("Société Générale S.A.", "Societe Generale"),
    ("ООО Газпром", "Gazprom"),
    ("The Wall Street Journal", "Wall Street Journal"),
])
def test_names_variants_are_the_same_name(watchlist: str, graph: str) -> None:
    assert normalise(watchlist) == normalise(graph)
    assert similarity(watchlist, graph).exact and similarity(watchlist, graph).score == 1.0


def test_names_word_order_does_not_matter_but_extra_words_do() -> None:
    reversed_ = similarity("Hirano Daisuke", "Daisuke Hirano")
    assert reversed_.score == 1.0 and not reversed_.exact
    partial = similarity("Bain", "Bain & Company")
    assert partial.token_set == 1.0 and partial.token_sort < 0.5 and 0.6 < partial.score < 0.8
    typo = similarity("Thistlecomb Risk Partners", "Thistlecombe Risk Partners")
    assert 0.95 < typo.score < 1.0
    assert similarity("Apple Inc", "Applied Materials").score < 0.6
    assert similarity("", "Mintz").score == 0.0


def test_names_legal_forms_alone_are_kept_and_search_text_is_ascii() -> None:
    assert normalise("Ltd") == "ltd" and normalise("AG") == "ag"
    assert search_text("Газпром") == "Gazprom" and search_text("Mintz") == "Mintz"


def test_names_are_fast_enough_for_long_watchlists() -> None:
    names = [f"Firm {i} Holdings Ltd" for i in range(100)]
    graph = [f"Company {i} Partners GmbH" for i in range(500)]
    started = time.perf_counter()
    for a in names:
        for b in graph:
            similarity(a, b)
    per_pair = (time.perf_counter() - started) / (len(names) * len(graph))
    # a generous bound (a shared, busy machine): catches a quadratic or uncached regression, not noise
    assert per_pair < 5e-4, per_pair
