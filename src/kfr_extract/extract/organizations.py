"""Organizations, one item per organization with its long form, acronym and mentions.

Reports name an organization three ways: a long form ("United Kingdom Home
Office"), the acronym they define after it ("(UKHO)") and then the bare
acronym. Three sources find them:

- definitions in the text, "Long Form (ACR)", where the long form is the run
  of capitalized words before the parenthesis, trimmed to start where the
  acronym does;
- a gazetteer of organizations these reports often name
  (`organizations_known.tsv`), whose long form wins over the text's: a text
  may garble it ("The 51吃瓜 Office of Counter-Terrorism (UNOCT)") or vary it;
- spaCy's ORG entities, for organizations neither of the above covers.

All mentions of one organization (long forms, variants, bare acronym) are
grouped under one key, the acronym when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.extract._spans import without_overlaps
from kfr_extract.extract.context import DocContext
from kfr_extract.extract.lexicons import Known, alternation, known_organizations, table, words
from kfr_extract.models import Organization, Place, Span

DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z&\-.]*[A-Z]s?)\s*\)")
MAX_LONG_FORM = 12  # tokens
MIN_ACRONYM_COVER = 0.6


@dataclass
class Resources:
    by_acronym: dict[str, Known]
    by_form: dict[str, Known]  # every long form and variant -> organization
    forms: re.Pattern[str]  # any known long form or acronym, longest first
    heads: frozenset[str]
    stop: frozenset[str]
    connectors: frozenset[str]  # 'of', 'de', '&': inside a long form, never at its edges
    not_last: frozenset[str]  # last words of an event's or a document's name ('Meeting')
    not_first: frozenset[str]  # first words of a document's name ('Memorandum')
    person_words: frozenset[str]  # titles (lower case): an 'organization' that is a role


@dataclass
class Mention:
    start: int
    end: int
    key: str  # acronym, or the casefolded name when there is none
    name: str
    acronym: str | None
    rank: int  # 0 definition, 1 gazetteer, 2 NER: who wins an overlap


def load_resources(lexicon_dir: Path) -> Resources:
    """Read the gazetteer and word lists; compile one pattern for all known forms."""
    by_acronym: dict[str, Known] = {}
    by_form: dict[str, Known] = {}
    for known, forms in known_organizations(lexicon_dir):
        by_acronym[known.acronym] = known
        for form in forms:
            by_form[form] = known
    not_org = table(lexicon_dir, "organizations_not_organization_words.tsv", 2)
    return Resources(by_acronym=by_acronym, by_form=by_form,
                     forms=alternation([*by_form, *by_acronym]),
                     heads=words(lexicon_dir, "organizations_heads.txt"),
                     stop=words(lexicon_dir, "organizations_stoplist.txt"),
                     connectors=words(lexicon_dir, "organizations_connectors.txt", lower=True),
                     not_last=frozenset(w for w, where in not_org if where in ("last", "both")),
                     not_first=frozenset(w for w, where in not_org if where in ("first", "both")),
                     person_words=words(lexicon_dir, "speakers_title_words.txt", lower=True))


REQUIRES = ("places",)  # a place is not an organization


def extract(ctx: DocContext, resources: Resources) -> list[Organization]:
    doc, text = ctx.doc, ctx.text
    terms: set[str] = set()
    defined = list(_definitions(doc, text, resources, terms))
    extra = {m.key: m for m in defined if m.acronym}
    blocked = _blocked_chars(doc, text, ctx.result("places"))
    ner = [m for m in _ner_mentions(doc, resources, terms) if not any(blocked[m.start:m.end])]
    candidates = [*defined, *_known_mentions(text, resources, extra), *ner]
    return _group(text, _resolve_overlaps(candidates))


# ---------------------------------------------------------------- definitions


def _definitions(doc: Doc, text: str, res: Resources, terms: set[str]) -> Iterator[Mention]:
    """ "Long Form (ACR)": a mention of the long form, keyed by the acronym.

    The parenthesis itself is found again as a bare-acronym mention later.
    Acronyms the text defines for terms ("Kidnap for Ransom (KFR)") go to
    `terms`, so that spaCy tagging the bare "KFR" ORG is ignored.
    """
    for match in DEFINITION.finditer(text):
        acronym = match.group(1)
        tokens = _long_form_tokens(doc, match.start(), res.connectors)
        capitals = sum(c.isupper() for c in acronym)
        if capitals < 2 or capitals < len(acronym) / 2:
            continue  # "(Eds)", "(Cap.)": not an acronym; "(AfDB)" is one
        long_form = _trim_to_acronym(doc, tokens, acronym, res.connectors)
        known = res.by_acronym.get(acronym)
        if long_form is None:
            if known is None and tokens and _plausible_unmatched(doc, tokens, res):
                long_form = tokens  # "West Papua National Liberation Army (TPNPB)"
            else:
                continue
        start, end = doc[long_form[0]].idx, _end_char(doc, long_form[-1])
        form = text[start:end]
        if known is None and not _names_organization(form, res):
            terms.update((acronym, form))
            continue
        name = known.name if known else form
        yield Mention(start, end, acronym, name, acronym, 0)


def _long_form_tokens(doc: Doc, paren_char: int, connectors: frozenset[str]) -> list[int]:
    """Indices of the capitalized run (with connectors) just before a parenthesis."""
    span = doc.char_span(paren_char, paren_char + 1, alignment_mode="expand")
    if span is None:
        return []
    run: list[int] = []
    j = span.start - 1
    while j >= 0 and len(run) < MAX_LONG_FORM:
        token = doc[j]
        if token.is_sent_end and run:
            break
        if token.text[:1].isupper() or token.lower_ in connectors or token.text in ("’s", "'s"):
            run.insert(0, j)
            j -= 1
            continue
        break
    while run and (doc[run[0]].lower_ in connectors or doc[run[0]].text in ("’s", "'s")):
        run.pop(0)
    return run


def _trim_to_acronym(
    doc: Doc, run: list[int], acronym: str, connectors: frozenset[str]
) -> list[int] | None:
    """The shortest suffix of the run whose initials spell the acronym well enough.

    Starting from the right, the long form grows word by word until its first
    word starts with the acronym's first letter and the acronym's letters are
    mostly found, in order, among the words' initials.
    """
    letters = [c for c in acronym if c.isupper()]
    best = None
    for k in range(len(run) - 1, -1, -1):
        first = doc[run[k]]
        if first.lower_ in connectors:
            continue
        if first.text[0].upper() != letters[0]:
            continue
        initials = _initials(doc, run[k:])
        if _covers(letters, initials):
            best = run[k:]
            break
    return best


def _initials(doc: Doc, run: list[int]) -> list[str]:
    """Initials of every word part: "Counter-Terrorism" gives C and T."""
    out = []
    for i in run:
        for part in re.split(r"[-\s]", doc[i].text):
            if part:
                out.append(part[0].upper())
    return out


def _covers(letters: list[str], initials: list[str]) -> bool:
    """Acronym letters found in order among initials (allowing letters from inside words)."""
    pos, hits = 0, 0
    for letter in letters:
        while pos < len(initials) and initials[pos] != letter:
            pos += 1
        if pos < len(initials):
            hits += 1
            pos += 1
    return hits >= max(1, round(MIN_ACRONYM_COVER * len(letters)))


def _plausible_unmatched(doc: Doc, run: list[int], res: Resources) -> bool:
    """A short capitalized name ending in an organization head word."""
    return len(run) <= 6 and doc[run[-1]].text in res.heads


def _names_organization(text: str, res: Resources) -> bool:
    words = re.findall(r"[\w’'-]+", text)
    return any(w in res.heads for w in words)


def _end_char(doc: Doc, i: int) -> int:
    return doc[i].idx + len(doc[i])


# ---------------------------------------------------------------- gazetteer


def _known_mentions(text: str, res: Resources, defined: dict[str, Mention]) -> Iterator[Mention]:
    """Known long forms and acronyms, plus acronyms this text defines."""
    for match in res.forms.finditer(text):
        form = match.group(0)
        known = res.by_acronym.get(form) or res.by_form[form]
        if form != known.acronym and _continues_a_name(text, match.start()):
            continue  # "West Papua National Liberation Army" is not "National Liberation Army"
        yield Mention(match.start(), match.end(), known.acronym, known.name, known.acronym, 1)
    for acronym, definition in defined.items():
        if acronym in res.by_acronym:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            yield Mention(match.start(), match.end(), acronym, definition.name, acronym, 1)


def _continues_a_name(text: str, start: int) -> bool:
    """True when a capitalized word (other than "The") runs straight into `start`."""
    before = text[max(0, start - 40):start]
    m = re.search(r"([A-Za-z][\w’'-]*)\s$", before)
    return bool(m) and m.group(1)[0].isupper() and m.group(1) not in ("The", "A", "An")


# ---------------------------------------------------------------- NER


def _blocked_chars(doc: Doc, text: str, places: list[Place]) -> bytearray:
    """Characters an ORG entity may not touch: place mentions and person names.

    spaCy tags villages ("Jolo") and surnames ("Cisse") ORG; the places
    extractor has already claimed the former, and a token that also appears
    in a PERSON entity is a name.
    """
    blocked = bytearray(len(text))
    for place in places:
        for mention in place.mentions:
            blocked[mention.start_char:mention.end_char] = b"\x01" * len(mention.text)
    names = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    for ent in doc.ents:
        if ent.label_ == "ORG" and len(ent) == 1 and ent.text in names:
            blocked[ent.start_char:ent.end_char] = b"\x01" * len(ent.text)
    return blocked


def _ner_mentions(doc: Doc, res: Resources, terms: set[str]) -> Iterator[Mention]:
    """spaCy ORG entities, cleaned of "the" and possessives, minus obvious non-orgs."""
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        span = ent
        if span[0].lower_ == "the":
            span = span[1:]
        while span and (span[-1].text in ("’s", "'s", "’", "'", "(", ",", "-")
                        or span[-1].lower_ in res.connectors):
            span = span[:-1]
        if not span or span.text in terms or not _plausible_ner_org(span.text, res):
            continue
        known = res.by_form.get(span.text) or res.by_acronym.get(span.text)
        if known:
            yield Mention(span.start_char, span.end_char, known.acronym, known.name,
                          known.acronym, 1)
            continue
        yield Mention(span.start_char, span.end_char, span.text.casefold(), span.text, None, 2)


def _plausible_ner_org(text: str, res: Resources) -> bool:
    """Reject titles, events, documents and gerund phrases spaCy tags ORG."""
    words = text.split()
    if text in res.stop or not text[:1].isupper() or any(c in text for c in "()\n") \
            or any(c.isdigit() for c in text):
        return False
    if words[-1] in res.not_last or words[0] in res.not_first \
            or res.person_words & {words[0].lower(), words[-1].lower()}:
        return False
    return not (words[0].endswith("ing") and words[0] not in res.heads)


# ---------------------------------------------------------------- grouping


def _resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Longest mention wins; on equal length, definitions, then the gazetteer."""
    return without_overlaps(
        sorted(candidates, key=lambda m: (m.rank == 2, -(m.end - m.start), m.rank)))


def _group(text: str, mentions: list[Mention]) -> list[Organization]:
    """One Organization per key, named by its best long form."""
    groups: dict[str, dict] = {}
    for m in mentions:
        item = groups.setdefault(m.key, {"name": None, "acronym": m.acronym, "mentions": [],
                                         "fallback": m.name})
        if m.name != m.acronym and item["name"] is None:
            item["name"] = m.name
        item["mentions"].append(Span(text=text[m.start:m.end], start_char=m.start,
                                     end_char=m.end))
    return [Organization(name=item["name"] or item["fallback"], acronym=item["acronym"],
                         mentions=item["mentions"]) for item in groups.values()]
