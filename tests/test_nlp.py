"""Building the pipeline: the model's components our extractors need, plus `kfr_extract`."""

from __future__ import annotations

import pytest

from kfr_extract import nlp as nlp_module
from kfr_extract.errors import ModelNotInstalled


def test_pipeline_keeps_what_extractors_read(nlp):
    """Extractors read tag_, pos_, lemma_, dep_, ents and sents: every trained component stays."""
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                              "ner", "kfr_extract"]


def test_excluded_components_are_not_loaded(nlp):
    excluded = nlp_module.load_config()["base"]["exclude"]
    assert not set(excluded) & set(nlp.component_names)


def test_missing_model_names_the_install_command():
    with pytest.raises(ModelNotInstalled, match="pip install"):
        nlp_module.installed_model(["no_such_model_package_xyz"])


def test_first_installed_model_wins():
    assert nlp_module.installed_model(["no_such_model_package_xyz", "spacy"]) == "spacy"


def test_overrides_reach_the_component():
    built = nlp_module.build(overrides={"components.kfr_extract.fields": ["dates", "places"]})
    assert built.get_pipe("kfr_extract").fields == ["dates", "places"]


def test_abbreviated_titles_stay_one_token_and_end_no_sentence(nlp):
    doc = nlp("Gunmen abducted a priest, Rev. Fr. Peter Amodu, from his residence in Ogugu.")
    assert {"Rev.", "Fr."} <= {t.text for t in doc}
    assert len(list(doc.sents)) == 1
    assert [t.text for t in nlp("Lt. Col. Musa met Supt. Ali.")][:3] == ["Lt.", "Col.", "Musa"]
