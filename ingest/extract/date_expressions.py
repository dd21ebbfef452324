"""Date expressions in a sentence, resolved against the publication date with their precision.

News gives dates as absolute days ("March 17, 2023", "17 March"), months ("in March",
"November 2014"), years ("in 2014"), weekdays ("on Monday"), expressions relative to the
publication date ("last month", "earlier this month", "two weeks ago", "yesterday") and
expressions relative to the event narrated just before ("the following month", "a day later").
A year-less month or day is the latest one not after publication (the earliest one not before
it when the sentence speaks of the future), unless the same sentence names a year before it.
Nothing is guessed: a sentence without a date expression yields none.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.extract.stage_records import DateMention
from ontology.types import PartialDate

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MON = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d-]|s\b)"
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(rx, re.IGNORECASE if i > 7 else 0))
                                                for i, (kind, rx) in enumerate([
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("mdy", rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}"),
    ("dmy", rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}"),
    ("my", rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}"),
    ("mrely", rf"\b(?:(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MON}(?:\s+{_DAY}\b)?,?\s+"
              r"(?P<rely>last|this|next)\s+year\b"),
    ("md", rf"\b{_MON}\s+{_DAY}\b(?![,.]?\s*\d)"),
    ("dm", rf"\b{_DAY}\s+(?:of\s+)?{_MON}\b"),
    ("m", rf"(?:(?P<q>\b(?i:in|since|from|until|by|early|mid|late|last|this|during|of|before|after|"
          rf"between|and|to|through|next|end)\s+(?i:early\s+|mid-?|late\s+)?)){_MON}\b(?!\s+\d)"),
    ("weekday", r"\b(?:(?P<wlast>last)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    ("year", rf"(?<![\d$£€.,])\b{_YEAR}\b"),
    ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
    ("later", rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>later|earlier|before|after)\b"),
    ("following", r"\bthe\s+(?P<dir>following|next|previous|preceding)\s+(?P<unit>day|week|month|year)\b"),
    ("daybefore", r"\bthe\s+day\s+(?P<dir>before|after)\b"),
    # "the same day", "that night", "the same morning", "at the same time": the anchor's day
    ("same", r"\b(?:the\s+same|that)\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b"
             r"|\bat\s+the\s+same\s+(?P<time>time)\b"),
    ("rel", r"\b(?P<rel>today|tonight|yesterday|tomorrow|(?:earlier|later)\s+this\s+(?:week|month|year)|"
            r"(?:last|this|next|past)\s+(?:week|month|year))\b"),
    # "hours later", "less than two hours after the raid", "within hours": the anchor's day
    ("hours", r"\b(?:(?:less|more)\s+than\s+)?(?:(?:a\s+few|several|a\s+couple\s+of|an?|\d+|one|two|three|"
              r"four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?P<unit>hour|minute)s?\s+"
              r"(?P<dir>later|earlier|before|after)\b"),
    # "days later", "a few weeks after": an unknown count, so the anchor's month at most
    ("vague", r"\b(?:(?:a\s+few|several|a\s+couple\s+of)\s+)?(?P<unit>day|week)s\s+"
              r"(?P<dir>later|earlier|before|after)\b"),
])]
ABSOLUTE = {"iso", "mdy", "dmy", "my", "md", "dm", "m", "year", "mrely"}
ANCHORED = {"following", "daybefore", "later", "same", "hours", "vague"}


def _month(token: str) -> int:
    t = token.casefold().rstrip(".")
    return MONTHS.get(t) or MONTH_ABBR[t[:4] if t.startswith("sept") else t[:3]]


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def parse_partial(value: str) -> tuple[int, int | None, int | None]:
    """(year, month or None, day or None) of a partial ISO date."""
    return PartialDate(value).parts


def _pick_year(month: int, day: int | None, ref: dt.date, future: bool, after: str | None) -> int:
    """The year of a year-less month/day: after an earlier date of the sentence when one is
    given, else the latest not after the reference (earliest not before it, for the future)."""
    if after is not None:
        ay, am, ad = parse_partial(after)
        year = ay if (month, day or 1) >= (am or 1, ad or 1) else ay + 1
        if dt.date(year, month, 1) <= ref:
            return year
    year = ref.year
    try:
        cand = dt.date(year, month, day or 1)
    except ValueError:
        cand = dt.date(year, month, 1)
    if future:
        return year if cand >= ref.replace(day=1) or (day and cand >= ref) else year + 1
    return year if cand <= ref else year - 1


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _resolve(kind: str, m: re.Match[str], ref: dt.date | None, anchor: str | None, future: bool,
             after: str | None) -> tuple[str, bool] | None:
    g = m.groupdict()
    if kind == "iso":
        y, mo, d = int(g["year"]), int(g["month"]), int(g["day"])
        return (_iso(y, mo, d), True) if _valid(y, mo, d) else None
    if kind in ("mdy", "dmy"):
        y, mo, d = int(g["year"]), _month(g["mon"]), int(g["day"])
        return (_iso(y, mo, d), True) if _valid(y, mo, d) else None
    if kind == "my":
        return _iso(int(g["year"]), _month(g["mon"])), True
    if kind == "year":
        return _iso(int(g["year"])), True
    if kind == "mrely":  # "in June last year", "on 3 March this year"
        if ref is None:
            return None
        y = ref.year + {"last": -1, "this": 0, "next": 1}[g["rely"].casefold()]
        mo = _month(g["mon"])
        day = int(g.get("day") or g.get("day2") or 0) or None
        if day is not None and not _valid(y, mo, day):
            return None
        return _iso(y, mo, day), True
    if kind in ("md", "dm", "m"):
        mo = _month(g["mon"])
        day = int(g["day"]) if g.get("day") else None
        if kind == "m" and g["mon"] == "May" and not g.get("q"):
            return None
        if ref is None:
            return None
        if kind == "m" and g.get("q") and g["q"].strip().casefold().startswith("last"):
            after = None
        y = _pick_year(mo, day, ref, future, after)
        if day is not None and not _valid(y, mo, day):
            return None
        return _iso(y, mo, day), True
    if ref is None:
        return None
    if kind == "weekday":
        wd = WEEKDAYS.index(g["wd"].casefold())
        delta = (ref.weekday() - wd) % 7 or (7 if g.get("wlast") else 0)  # "last Thursday", said on a Thursday
        ahead = future and not g.get("wlast")  # "last Monday" is behind, even in a sentence about the future
        when = ref + dt.timedelta(days=(wd - ref.weekday()) % 7) if ahead else ref - dt.timedelta(days=delta)
        return when.isoformat(), False
    if kind == "ago":
        n, unit = NUMBERS.get(g["num"].casefold()) or int(g["num"]), g["unit"].casefold()
        if unit == "day":
            return (ref - dt.timedelta(days=n)).isoformat(), False
        if unit == "week":
            return (ref - dt.timedelta(weeks=n)).isoformat()[:7], False
        if unit == "month":
            y, mo = _shift_month(ref.year, ref.month, -n)
            return _iso(y, mo), False
        return _iso(ref.year - n), False
    if kind == "rel":
        rel = " ".join(g["rel"].casefold().split())
        table = {"today": (0, "d"), "tonight": (0, "d"), "yesterday": (-1, "d"), "tomorrow": (1, "d")}
        if rel in table:
            return (ref + dt.timedelta(days=table[rel][0])).isoformat(), False
        unit = rel.split()[-1]
        step = -1 if rel.startswith(("last", "past")) else 1 if rel.startswith("next") else 0
        if unit == "week":
            return (ref + dt.timedelta(weeks=step)).isoformat()[:7], False
        if unit == "month":
            y, mo = _shift_month(ref.year, ref.month, step)
            return _iso(y, mo), False
        return _iso(ref.year + step), False
    return None


def _relative_to_anchor(kind: str, g: dict[str, str | None], anchor: str | None) -> tuple[str, bool] | None:
    """"the following month", "a day later", "the same day": counted from the date of the
    previous event (or of a date given earlier in the sentence)."""
    if anchor is None:
        return None
    unit = str(g.get("unit") or "day").casefold()
    if kind == "hours":  # within the same day as the anchor, at the anchor's precision
        return anchor, False
    if kind == "vague":  # "days later": a few days (weeks) on, month precision at best
        y, mo, d = parse_partial(anchor)
        if mo is None:
            return None
        if d is None:
            return anchor, False
        back = str(g["dir"]).casefold() in ("earlier", "before")
        step = dt.timedelta(days=3 if unit == "day" else 14) * (-1 if back else 1)
        return (dt.date(y, mo, d) + step).isoformat()[:7], False
    if kind == "same":  # "the same day", "that month": the anchor, at that precision
        if g.get("time"):  # "at the same time": the anchor as precise as it is
            return anchor, False
        want = {"week": 7, "month": 7, "year": 4}.get(unit, 10)  # a part of a day: the day
        return (anchor[:want], False) if len(anchor) >= want else None
    num, direction = str(g.get("num")), str(g["dir"])
    n = 1 if kind in ("following", "daybefore") else NUMBERS.get(num.casefold()) or int(num)
    sign = -1 if direction.casefold() in ("previous", "preceding", "earlier", "before") else 1
    y, mo, d = parse_partial(anchor)
    if unit == "day" or unit == "week":
        if d is None or mo is None:
            return None
        day = dt.date(y, mo, d) + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        return day.isoformat(), False
    if unit == "month":
        if mo is None:
            return None
        ny, nm = _shift_month(y, mo, sign * n)
        return _iso(ny, nm), False
    return _iso(y + sign * n), False


def find_dates(text: str, offset: int = 0, published: dt.date | None = None,
               anchor: str | None = None, future: bool = False) -> list[DateMention]:
    """Every date expression of ``text`` (a sentence), resolved; offsets are ``offset``-based.

    ``anchor`` is the date of the event narrated before (for "the following month"); without a
    publication date it also stands in as the reference for year-less dates.
    """
    ref = published
    if ref is None and anchor is not None:
        ay, am, ad = parse_partial(anchor)
        ref = dt.date(ay, am or 12, ad or 28)
    spans: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if kind == "m" and m.group("q"):
                s = m.start("mon")
            if any(s < e2 and s2 < e for s2, e2, _, _ in spans):
                continue
            spans.append((s, e, kind, m))
    spans.sort()
    out: list[DateMention] = []
    last_explicit: str | None = None
    last_date: str | None = None
    for s, e, kind, m in spans:
        inverse = None
        if kind in ANCHORED:
            # counted from a date given earlier in the same sentence, else from the previous event
            g = m.groupdict()
            base = last_date or anchor
            res = _relative_to_anchor(kind, g, base)
            if kind in ("later", "hours", "vague") and str(g["dir"]).casefold() in ("after", "before") \
                    and re.match(r"\s*\w", text[e:]):
                # "six months after police froze its assets": the thing after "after" came first
                flip = {"after": "before", "before": "after"}[str(g["dir"]).casefold()]
                inv = _relative_to_anchor(kind, {**g, "dir": flip}, base)
                if inv is None and published is not None:
                    # no event date precise enough to count from: the sentence's own event is
                    # the news of the day ("The vote came a month after police raided ...")
                    base = published.isoformat()
                    res = _relative_to_anchor(kind, g, base)
                    inv = _relative_to_anchor(kind, {**g, "dir": flip}, base)
                inverse = inv[0] if inv else None
        else:
            res = _resolve(kind, m, ref, anchor, future, last_explicit)
        if res is None:
            continue
        value, explicit = res
        if kind in ("mdy", "dmy", "my", "year", "iso", "mrely"):
            last_explicit = value
        if kind in ABSOLUTE or (kind in ("weekday", "rel") and len(value) == 10):
            last_date = value  # "on Sunday evening, minutes after landing": counted from Sunday
        out.append(DateMention(offset + s, offset + e, text[s:e], value, kind, explicit, inverse))
    return _prefer_explicit(out)


def _prefer_explicit(ms: list[DateMention]) -> list[DateMention]:
    """"On Friday (March 17)", "One day later, on September 20": keep the explicit one."""
    drop: set[int] = set()
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if b.start - a.end <= 5 and a.explicit != b.explicit:
            drop.add(i if b.explicit else i + 1)
    return [m for i, m in enumerate(ms) if i not in drop]


#: "BEIJING, April 27 —", "TUNIS, 27 July 2021 (Outlet) —": the date a dateline gives at the head of
#: a story is the day it was filed, not the day of what its first sentence tells
DATELINE_DATE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'’/ -]{1,40}(?:,[ \t]*[A-Z][A-Za-z.' -]{1,30})?,[ \t]*"
                           r"(?P<date>[^—–\n(]{3,30}?)[ \t]*(?:\([^)\n]{1,60}\))?[ \t]*(?:-{1,2}|—|–)[ \t]")
DATELINE_CHARS = 1500  # how far into a text its dateline is looked for (here and ``rule_mentions``)


def dateline_date(text: str) -> tuple[int, int] | None:
    """The character span of the date in the story's dateline, if it opens with one."""
    m = DATELINE_DATE.search(text[:DATELINE_CHARS])
    return m.span("date") if m else None
