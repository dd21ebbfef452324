"""Where a name's span ends: brackets kept whole, and no clause run on into the name.

The NER and the rules cut names at a bracket often enough that a third of our unbalanced names
were whole names split in two: "Hikvision (China) Investment Co." came out as "China) Investment
Co.", "Section 4(1)(c)" as "Section 4(1)(c", "Anti-Terrorism (Amendment) Ordinance" as "Anti".
Brackets are counted by character, since a token may hold several ("4(1)(c"). An aside in
brackets ("Office (ICO)") stays outside the name unless a word that ends a law's or a firm's name
follows it ("(Amendment) Bill", "(China) Investment Co."); then the name takes the aside and the
words on its far side. Otherwise the name stops short of its stray bracket.

A span that holds names apart at a spaced slash ("Phnom Penh / Bangkok") is read as its parts.

A name is also cut where a clause begins inside it: a lower-case finite verb ("Act lays down
...") or "to" with a verb ("Federal Law on Advertising to ban ..."). Names carry verbs only
capitalised ("Committee to Protect Journalists").
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Token

#: how many tokens away a bracket's partner may stand
REACH = 4
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _depth(tok: Token) -> int:
    return tok.text.count("(") - tok.text.count(")")


def _broken(doc: Doc, i: int) -> bool:
    """A name never runs on to token ``i``: a new sentence, a line break or a space token."""
    return doc[i].is_sent_start or doc[i].is_space or "\n" in doc[i - 1].whitespace_


def _name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() or tok.like_num


def _words_after(doc: Doc, end: int, finals: frozenset[str]) -> int:
    """The end of the name's words after a closing bracket ("(Amendment) Ordinance, 2025")."""
    while end < len(doc) and not _broken(doc, end) and _name_word(doc[end]):
        end += 1
    if (end + 1 < len(doc) and doc[end].text == "," and doc[end - 1].text.casefold() in finals
            and doc[end + 1].like_num and len(doc[end + 1].text) == 4 and not _broken(doc, end + 1)):
        end += 2  # "Anti-Terrorism Act, 2009"
    return end


def _words_before(doc: Doc, start: int, front: frozenset[str]) -> int:
    while (start > 0 and not _broken(doc, start) and _name_word(doc[start - 1])
           and doc[start - 1].lower_ not in front):
        start -= 1
    return start


def balanced(doc: Doc, start: int, end: int, finals: frozenset[str], front: frozenset[str]) -> tuple[int, int]:
    """The span widened to the partners of its unbalanced brackets, or narrowed short of them.

    A bracket standing as a token of its own opens an aside ("Office (ICO)", "TV Rain (Dozhd)"),
    which is part of the name only when a word that ends a law's or a firm's name follows it
    (``finals``: "(Amendment) Bill", "(China) Investment Co."); a bracket inside a token is part
    of a reference ("4(1)(c)"). ``front`` are the words a name never starts with."""
    depth = sum(_depth(t) for t in doc[start:end])
    if depth == 0 and end < len(doc) and doc[end].text == "(" and not _broken(doc, end):
        return start, _aside_end(doc, end, 0, finals) or end
    if depth > 0:
        opens = [i for i in range(start, end) if doc[i].text == "("]
        if not opens:
            return start, _partner_after(doc, end, depth) or end
        return start, _aside_end(doc, end, depth, finals) or opens[0]
    if depth < 0:
        closes = [i for i in range(start, end) if ")" in doc[i].text]
        if any(t.text.casefold() in finals for t in doc[closes[-1] + 1:end]):
            d = depth
            for k in range(start - 1, max(-1, start - 1 - REACH), -1):
                if _broken(doc, k + 1):
                    break
                d += _depth(doc[k])
                if d == 0:
                    return _words_before(doc, k, front), end
        return (start, end - 1) if closes[-1] == end - 1 else (closes[-1] + 1, end)
    return start, end


def _aside_end(doc: Doc, first: int, depth: int, finals: frozenset[str]) -> int | None:
    """The end of a name that goes on past an aside in brackets to a word of ``finals``."""
    j = _partner_after(doc, first, depth)
    if j is None:
        return None
    after = _words_after(doc, j, finals)
    return after if any(t.text.casefold() in finals for t in doc[j:after]) else None


def _partner_after(doc: Doc, first: int, depth: int) -> int | None:
    """The end of the token from ``first`` on that brings ``depth`` open brackets back to none,
    within reach and within the sentence."""
    d = depth
    for j in range(first, min(len(doc), first + REACH + 1)):
        if _broken(doc, j):
            return None
        d += _depth(doc[j])
        if d == 0:
            return j + 1
        if d < 0:
            return None
    return None


def parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The names a span holds apart at a slash spaced on both sides ("Phnom Penh / Bangkok", a
    dateline's two cities); an unspaced slash is part of a name ("Radio Free Europe/Radio Liberty")."""
    cuts = [i for i in range(start + 1, end - 1)
            if doc[i].text == "/" and doc[i - 1].whitespace_ and doc[i].whitespace_]
    bounds = [start - 1, *cuts, end]
    return [(a + 1, b) for a, b in pairwise(bounds) if b > a + 1]


def without_clause(doc: Doc, start: int, end: int, function_words: frozenset[str]) -> int:
    """The end of a name before a clause that starts inside it. A verb-like word after one of the
    lower-case words names carry, or before a capitalised word, is the name's own ("Ligue des
    droits de l'Homme", "Radyo Televizyon ve Dijital")."""
    for i in range(start + 1, end):
        tok = doc[i]
        if not tok.is_lower or doc[i - 1].lower_ in function_words or (i + 1 < end and doc[i + 1].is_title):
            continue
        if tok.tag_ in FINITE_TAGS or (tok.lower_ == "to" and i + 1 < end and doc[i + 1].is_lower
                                       and doc[i + 1].tag_ == "VB"):
            return i
    return end
