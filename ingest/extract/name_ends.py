"""Where a name's span ends: brackets kept whole, and no clause run on into the name.

The NER and the rules cut names at brackets. In our training output "GlaxoSmithKline (China)
Investment Co." came out as "GlaxoSmithKline" and "China) Investment Co.", "Section 4(1)(c)" as
"Section 4(1)(c", and "Prevention of Electronic Crimes (Amendment) Bill, 2025" as "Prevention of
Electronic Crimes". Brackets are counted by character, since a token may hold several
("4(1)(c"). An aside in brackets ("Office (ICO)") stays outside the name unless a word that ends
a law's or a firm's name follows it ("(Amendment) Bill", "(China) Investment Co."); then the name
takes the aside and the words on its far side. Otherwise the name stops short of its stray
bracket.

Quotes are kept whole the same way: a law's title in quotes ('Law "On the Protection of ...
Organizations"') takes the quote that closes it, and a quote the name closes without opening is
left out with the words before it ('"Harry" Lu Jianwang' gives "Lu Jianwang"). A name that runs
across a comma from lower-case words ("Within weeks of their departure, Meydan TV") starts after it.

A span that holds names apart at a spaced slash ("Phnom Penh / Bangkok") is read as its parts.

A name is also cut where a clause begins inside it: a lower-case finite verb ("Act lays down
..."), "and" or "or" with a verb ("Decree No. 668 and restore ...") or "to" with a verb
("Federal Law on Advertising to ban ..."). Names carry verbs only capitalised ("Committee to
Protect Journalists").
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Token

from ingest.extract.vocabulary import words

#: the lower-case words a proper name carries ("Ministry of Foreign Affairs", "Ligue des droits")
NAME_FUNCTION_WORDS = words("name_function_words")
#: how many tokens away a bracket's partner may stand
REACH = 4
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
#: how many tokens on a quoted title may run to its closing quote
QUOTE_REACH = 12


def trimmed(doc: Doc, start: int, end: int, finals: frozenset[str], front: frozenset[str]) -> tuple[int, int]:
    """The span with its brackets and quotes paired, a clause before a comma left out and a clause
    after the name cut off (``finals`` and ``front`` as ``balanced`` takes them)."""
    start, end = balanced(doc, start, end, finals, front)
    start, end = quoted(doc, after_clause_comma(doc, start, end, NAME_FUNCTION_WORDS), end)
    return start, without_clause(doc, start, end, NAME_FUNCTION_WORDS)


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


def _opens_quote(doc: Doc, i: int) -> bool:
    """A straight quote opens when it leans on the word after it (no space after, one before)."""
    return not doc[i].whitespace_ and (i == 0 or bool(doc[i - 1].whitespace_))


def quoted(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The span with its double quotes paired: an open one takes its partner within reach, a stray
    one is left out with the side of the name it stands on."""
    marks = [i for i in range(start, end) if doc[i].text == '"']
    if len(marks) % 2 == 0:
        if marks and marks[-1] < end - 1 and doc[marks[-1] + 1].is_lower:
            return start, marks[-1] + 1  # 'Law "On ... Organizations" in the case': the title ends
        return start, end
    i = marks[-1] if _opens_quote(doc, marks[-1]) else marks[0]
    if _opens_quote(doc, i):
        for j in range(end, min(len(doc), end + QUOTE_REACH)):
            if _broken(doc, j):
                break
            if doc[j].text == '"':
                return start, j + 1
        return start, i
    return (i + 1, end) if i < end - 1 else (start, i)


def closes_quote(doc: Doc, start: int, end: int) -> bool:
    """The span ends in the quote that closes one it opened ('Law "On ... Organizations"')."""
    return doc[end - 1].text == '"' and sum(t.text == '"' for t in doc[start:end]) % 2 == 0


def after_clause_comma(doc: Doc, start: int, end: int, function_words: frozenset[str]) -> int:
    """The start of a name after the last comma that follows a lower-case word of a clause, where a
    capitalised word follows it (", 2021" ends a law's title)."""
    for i in range(end - 2, start, -1):
        if (doc[i].text == "," and any(t.is_lower and t.lower_ not in function_words for t in doc[start:i])
                and any(t.text[:1].isupper() for t in doc[i + 1:end])):
            return i + 1
    return start


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
        if tok.tag_ in FINITE_TAGS or (tok.lower_ in ("to", "and", "or") and i + 1 < end and doc[i + 1].is_lower
                                       and doc[i + 1].tag_ in ("VB", *FINITE_TAGS)):
            return i
    return end
