"""Grouping mentions into incidents: a mention starts another incident when it reports
other people, another place or time, or says it is separate; each sentence then belongs
to the incident reported last before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kfr_extract.extract.incidents.document import KIND_RANK, _Doc
from kfr_extract.extract.incidents.mentions import _Mention

NEXT_SENTENCES = 2  # how near a mention telling more of the same abduction follows it


@dataclass
class _Incident:
    mentions: list[_Mention]
    segments: list[int] = field(default_factory=list)


def _group(d: _Doc, mentions: list[_Mention]) -> list[_Incident]:
    incidents: list[_Incident] = []
    for m in mentions:
        current = incidents[-1] if incidents else None
        if current is None or _starts_new(d, current, m):
            incidents.append(_Incident(mentions=[m]))
        else:
            current.mentions.append(m)
    # Each sentence belongs to the incident reported last before it (the first one for
    # sentences before any mention: a headline, a lead about the rescue).
    starts = [inc.mentions[0].segment for inc in incidents]
    for i in range(len(d.segments)):
        k = max((j for j, s in enumerate(starts) if s <= i), default=0)
        if incidents:
            incidents[k].segments.append(i)
    return [inc for inc in incidents if _substantial(inc)]


def _starts_new(d: _Doc, current: _Incident, m: _Mention) -> bool:
    # Counts given by the text, not by a pronoun ("took me": 1 is no count of the victims)
    known = [x.victims for x in current.mentions if x.victims is not None
             and not (x.patient is not None and x.patient.lower_ in d.res.pronouns)]
    if m.anaphoric and not (m.victims and known and m.victims not in known and
                            any(c.dep_ == "nummod" for c in m.patient.children)):
        return False  # "the victims"; but "the 344 students" after "104 people" are others
    if all(x.segment == d.title for x in current.mentions) and not _separate(d, m):
        return False  # the headline announces the story the body tells
    previous = current.mentions[-1]
    if m.segment == previous.segment and not _separate(d, m):
        # one sentence tells one abduction, unless it dates two ("On Jan. 9 ... were
        # captured, and then on Jan. 11 five teachers were captured")
        return bool(m.date and previous.date and m.date.iso != previous.date.iso
                    and m.victims != previous.victims)
    if _separate(d, m):
        return True
    dates = {x.date.iso for x in current.mentions if x.date}
    if not m.anaphoric and _other_date(m, dates):
        return True  # "In March, two drivers taken ..." after two surveyors taken in May
    if m.victims is not None and known and m.victims in known and not _introduced(d, m):
        return False
    if _other_people(current, m) and (m.date or m.places or not _tells_more(current, m)):
        return True
    if _other_date(m, dates):
        return True
    names = {p.name for x in current.mentions for _, p, _ in x.places[:1]
             if KIND_RANK.get(p.kind, 3) == 0}  # a town inside a region or country agrees
    return bool(m.places and names and m.places[0][1].name not in names
                and KIND_RANK.get(m.places[0][1].kind, 3) == 0
                and m.victims != (known or [None])[0])


def _tells_more(current: _Incident, m: _Mention) -> bool:
    """A mention with no date or place of its own, counting more people than the
    incident so far (or giving the first count), told right after it ("The chief and
    two councillors, abducted ... A third councillor escaped. ... armed men took away
    four men"): the story telling the same abduction in more detail."""
    known = [x.victims for x in current.mentions if x.victims]
    return bool(m.victims and (not known or m.victims > max(known))
                and m.segment - current.mentions[-1].segment <= NEXT_SENTENCES)


def _other_date(m: _Mention, dates: set[str]) -> bool:
    """A date that is none of the incident's, nor inside one of them."""
    return bool(m.date and dates and m.date.iso not in dates and not any(
        i.startswith(m.date.iso) or m.date.iso.startswith(i) for i in dates))


def _other_people(current: _Incident, m: _Mention) -> bool:
    """New people, named differently from everyone taken so far in this incident
    ("10 people" after "a group of missionaries", "a former minister" after "the
    brother and two employees")."""
    if m.patient is None or m.victims is None:
        return False
    heads = {x.patient.lemma_.lower() for x in current.mentions
             if x.patient is not None and not x.anaphoric}
    named = [x for x in current.mentions if x.patient is not None and not x.anaphoric]
    return bool(named) and m.patient.lemma_.lower() not in heads and \
        m.patient.ent_type_ != "PERSON"


def _introduced(d: _Doc, m: _Mention) -> bool:
    """People brought in as new ("a lecturer ... was kidnapped"): an indefinite article
    names someone not told of before, whatever the count; the same number of people is
    then no sign that they are the same."""
    return m.patient is not None and any(
        c.dep_ == "det" and c.lower_ in d.res.indefinite for c in m.patient.children)


def _separate(d: _Doc, m: _Mention) -> bool:
    seg = d.segments[m.segment]
    before = d.text[seg.start_char : m.trigger.idx]
    return bool(d.res.separate.search(before))


def _substantial(inc: _Incident) -> bool:
    """A mention with nothing to say about whom, where or when is no report of a
    specific abduction ("kidnapped people are often moved")."""
    return any(m.victims is not None or m.date or m.places or m.description
               for m in inc.mentions)


def _ordered(d: _Doc, inc: _Incident) -> list[int]:
    """The incident's sentences from its first mention on, then those before (the lead,
    the headline last): what the story tells of this abduction comes first."""
    first = inc.mentions[0].segment
    after = [i for i in inc.segments if i >= first and i != d.title]
    before = [i for i in inc.segments if i < first and i != d.title]
    return after + before + ([d.title] if d.title in inc.segments else [])
