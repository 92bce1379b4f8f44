"""Incidents: each specific kidnapping a text reports, with who, where, when, by whom,
for how much, and how it ended.

An incident starts at an abduction mention: a verb of taking people ("abducted 35
people", "three women were kidnapped", "35 kidnapped passengers", "took them
hostage"; "seized" only with people taken) or "the abduction of" people. The
sentences that follow belong to it until a mention reports another abduction: one
with new victims (a number or an indefinite phrase, not "the victims" or "they")
taken at another place or time, or introduced as separate ("Separately, ...",
"In another incident"). Statistics are no incidents: a sentence counting cases
("49 kidnapping cases in 2014") or an approximate number of people over a period
("more than 1,200 people were kidnapped in 2024").

Slots come from the parse of those sentences and the earlier fields:

- victims: the number of the people taken (conjoined phrases add up: "an academic
  and three researchers" is 4; "a trader" is 1), else of the people freed later;
- date / outcome_date: the absolute dates (from `dates`) and weekdays ("on Tuesday",
  counted back from the dateline and flagged) that the parse attaches to the
  abduction or the outcome verb;
- place: the most specific place (from `places`) in the abduction sentences; its
  country code, else the document's country;
- perpetrators: a group from `incidents_groups.tsv` named as the captors, else the
  captors' word ("gunmen", "armed separatists"), else a group or captor word
  anywhere in the incident;
- outcome: what happened to the victims (released, rescued: freed by security
  forces, escaped, killed, held: still captive), the one told of most victims;
- ransom: the amounts `money` marks as demanded or paid in the incident's sentences,
  "yes" for a ransom paid with no amount, "no" where none was paid;
- suspects_arrested: the number of people arrested in those sentences.

Every slot keeps the sentence it came from as evidence.

The package's modules:

- `resources.py`: the lexicons, read once (`IncidentResources`, `load_resources`);
- `document.py`: the per-document view every step reads (`_Doc`) and what it gathers
  from the earlier fields: dates with their verbs, places, the text's armed groups;
- `mentions.py`: abduction mentions, with their date, places and captors;
- `victims.py`: whether a phrase stands for people, and how many;
- `grouping.py`: mentions grouped into incidents, sentences shared out among them;
- `outcome.py`: how an incident ended;
- `slots.py`: an incident's slots filled, each with its evidence.
"""

from __future__ import annotations

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.context import DocContext
from kfr_extract.extract.incidents.document import (
    _armed_groups,
    _dates,
    _Doc,
    _named_units,
    _place_mentions,
)
from kfr_extract.extract.incidents.grouping import _group
from kfr_extract.extract.incidents.mentions import _mentions
from kfr_extract.extract.incidents.resources import IncidentResources, load_resources
from kfr_extract.extract.incidents.slots import _fill
from kfr_extract.models import Incident

__all__ = ["REQUIRES", "IncidentResources", "extract", "load_resources"]


REQUIRES = ("dates", "places", "organizations", "money", "dateline", "country")


def extract(ctx: DocContext, resources: IncidentResources) -> list[Incident]:
    doc = ctx.doc
    text = doc_text(doc)
    d = _Doc(doc=doc, text=text, res=resources, segments=ctx.segments,
             dates=[], places=[], money=ctx.result("money"), country=ctx.country)
    d.dates = _dates(d, ctx.result("dates"), ctx.dateline)
    d.places = _place_mentions(d, ctx.result("places"))
    d.armed = _armed_groups(d, ctx.result("organizations"))
    mentions = [m for i in range(len(d.segments)) for m in _mentions(d, i)]
    if not mentions:
        return []
    # the units the text names ("the Carlos Patiño front"), looked for only in a story
    # that tells an abduction; the groups found so far are looked up again with them
    d.armed.extend(_named_units(d))
    d.group_cache.clear()
    return [_fill(d, inc) for inc in _group(d, mentions)]
