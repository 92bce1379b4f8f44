"""Speakers: people whose words are quoted or whose statement is reported.

A person is a speaker when the text gives them a speaking role: subject (or
passive agent) of a reporting verb outside quotation marks ("X stressed",
"said X", "as expressed by X", "according to X"), named in the attribution
clause of a quotation ('," the Director, X, ...'), or the subject of a sentence
that opens with "In her opening remarks, ...". Reporting verbs come from a
lexicon that includes the diplomatic verbs of meeting reports. A pronoun
subject ("She said") gives the role to the latest fitting person, a titled one
("The police commander told reporters") to the latest person whose title
shares a word with it.

Names come from spaCy's PERSON entities and, for subjects of reporting verbs
that the small model tags otherwise, from the shape of the proper-noun phrase.
One item per person: a later surname mention ("Mr Costa", "Verzosa") joins the
full name given earlier. Honorifics are split off the name; title and
organization come from the apposition after a mention or the words before it
("X, Director of Y," / "the Director of Y, X" / "UNODC Executive Director X").

The package's modules:

- `resources.py`: the word lists, read once (`Resources`, `load_resources`), and `Person`;
- `names.py`: where a name starts and ends;
- `titles.py`: a speaker's title, organization and honorific;
- `roster.py`: the people a document names, one entry per person with its mentions;
- `roles.py`: who has a speaking role, and whom pronouns and titles point back to;
- `place_cues.py`: names the text itself uses as places ('Residents of X').
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from kfr_extract.extract._spans import doc_text, span_of
from kfr_extract.extract.context import DocContext
from kfr_extract.extract.quoting import Quoted, RawQuote
from kfr_extract.extract.speakers.names import (
    _apposed_to_a_person,
    _bare,
    _named_by_cue,
    _whole_name,
)
from kfr_extract.extract.speakers.place_cues import places_by_use
from kfr_extract.extract.speakers.resources import (
    Person,
    Resources,
    load_resources,
    with_document_titles,
)
from kfr_extract.extract.speakers.roles import (
    _mark_by_pronoun,
    _mark_by_title,
    _mark_opening_quotation,
    _mark_quote_neighbours,
    _mark_roles,
    _name_after_title,
    _name_candidates,
    _role_regions,
    _titled_names,
)
from kfr_extract.extract.speakers.roster import Roster
from kfr_extract.extract.speakers.titles import _description, _honorific, _split_org
from kfr_extract.models import Organization, Place, Speaker

__all__ = ["REQUIRES", "Resources", "extract", "load_resources"]


def _places(places: list[Place]) -> set[str]:
    out = set()
    for place in places:
        out.add(place.name.lower())
        out.update(m.text.lower() for m in place.mentions)
    return out


def _place_starts(places: list[Place]) -> frozenset[int]:
    return frozenset(m.start_char for place in places for m in place.mentions)


def _acronyms(organizations: list[Organization]) -> set[str]:
    out = set()
    for org in organizations:
        if org.acronym:
            out.add(org.acronym)
    return out


def _named_with_article(tokens: list, res: Resources) -> bool:
    """'On Sunday, the Islamic State claimed the attack': a proper name after 'the' with no
    honorific or title in it names a group or a thing; personal names take no article."""
    first = tokens[0]
    return first.i > 0 and first.doc[first.i - 1].lower_ == "the" and not any(
        _bare(t.text) in res.honorifics or t.lower_ in res.title_words for t in tokens)


def _build_roster(
    doc: Doc, res: Resources, places: set[str], quoted: Quoted, speech: list[RawQuote],
    place_spans: frozenset[int] = frozenset(), introductions: Iterable[Token] = (),
) -> Roster:
    """Who is named (entities, titled names, speaking subjects), then who speaks."""
    roster = Roster(doc, res, places, place_spans)
    for ent in sorted((e for e in doc.ents if e.label_ == "PERSON"), key=lambda e: -len(e)):
        if ent.start_char not in quoted:
            roster.add(_whole_name(ent, roster.place_words), known_person=True)
    for tokens in _titled_names(doc, res):
        if roster.covering(tokens[-1].idx) is None and tokens[0].idx not in quoted:
            roster.add(tokens, known_person=_bare(tokens[0].text) in res.courtesy)
    for tokens in _named_by_cue(doc, res):
        if roster.covering(tokens[-1].idx) is None and tokens[0].idx not in quoted:
            roster.add(tokens, known_person=True)
    regions = _role_regions(doc, res, quoted, introductions)
    for subject, _low, _high in regions:
        run_in = _name_after_title(subject, res, roster.place_words)
        for tokens in _name_candidates(subject) + ([run_in] if run_in else []):
            if roster.covering(tokens[-1].idx) is None:
                known = tokens[-1].ent_type_ == "PERSON" or _apposed_to_a_person(tokens, res)
                if known or not _named_with_article(tokens, res):
                    roster.add(tokens, known_person=known)
    roster.scan_surnames(quoted)
    roster.settle_namesakes()
    for region in regions:
        _mark_roles(roster, region)
    for subject, low, high in regions:
        if roster.covering(subject.idx) is None and roster.first_in(low, high) is None:
            if subject.lower_ in res.pronouns:
                _mark_by_pronoun(roster, subject, quoted)
            else:
                _mark_by_title(roster, subject)
    _mark_quote_neighbours(roster, doc_text(doc), speech)
    _mark_opening_quotation(roster, doc_text(doc), speech)
    return roster


def _speaker(doc: Doc, person: Person, res: Resources, acronyms: set[str]) -> Speaker:
    mentions = sorted(set(person.mentions))
    honorific = next((h for s, _ in mentions if (h := _honorific(doc_text(doc), s, res))), None)
    title = org = None
    for start, end in mentions:
        phrase = _description(doc, start, end, res)
        if phrase:
            title, org = _split_org(phrase, res, acronyms)
            break
    return Speaker(
        name=person.name,
        honorific=honorific,
        title=title,
        organization=org,
        mentions=[span_of(doc, s, e) for s, e in mentions],
    )


REQUIRES = ("places", "organizations")  # neither is a person


def extract(ctx: DocContext, resources: Resources) -> list[Speaker]:
    doc = ctx.doc
    resources = with_document_titles(ctx.text, resources)
    found = ctx.result("places")
    places = _places(found)
    places |= places_by_use(ctx.text, places, resources.inhabitant_nouns)
    roster = _build_roster(doc, resources, places, ctx.quoted, ctx.speech, _place_starts(found),
                           ctx.introductions.values())
    acronyms = _acronyms(ctx.result("organizations"))
    speakers = [p for p in roster.people if p.speaks]
    speakers.sort(key=lambda p: min(p.mentions))
    return [_speaker(doc, p, resources, acronyms) for p in speakers]
