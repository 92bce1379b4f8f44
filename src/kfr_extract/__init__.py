"""kfr-extract: structured, traceable data from kidnap-for-ransom and counter-terrorism reports.

Library entry points (the CLI is a thin layer over these)::

    from kfr_extract import extract_text, extract_paths
    record = extract_text("UNOCT held a workshop on 6 June 2023 in Rabat.")
    for record in extract_paths(["reports/"]):            # add workers=4 for 4 processes
        ...

They are imported on first use (PEP 562), so `import kfr_extract` is cheap and the
command can catch a Ctrl-C that comes while spaCy is still loading.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"
__all__ = ["Record", "__version__", "extract_paths", "extract_text"]

_HOMES = {"Record": "kfr_extract.models", "extract_paths": "kfr_extract.engines",
          "extract_text": "kfr_extract.pipeline"}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'kfr_extract' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
