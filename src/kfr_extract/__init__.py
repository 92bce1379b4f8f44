"""kfr-extract: structured, traceable data from kidnap-for-ransom and counter-terrorism reports.

Library entry points (the CLI is a thin layer over these)::

    from kfr_extract import extract_text, extract_paths
    record = extract_text("UNOCT held a workshop on 6 June 2023 in Rabat.")
    for record in extract_paths(["reports/"]):
        ...
"""

from kfr_extract.models import Record
from kfr_extract.pipeline import extract_paths, extract_text

__version__ = "0.1.0"
__all__ = ["Record", "__version__", "extract_paths", "extract_text"]
