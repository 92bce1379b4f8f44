"""The incidents extractor on texts written in the tests."""

from __future__ import annotations

import pytest

from kfr_extract.components import KfrExtractor
from kfr_extract.paths import lexicon_dir


@pytest.fixture(scope="module")
def incidents(nlp):
    extractor = KfrExtractor(["incidents"], lexicon_dir())
    return lambda text: extractor.results(nlp(text))["incidents"]
