"""Where the pipeline config and lexicons live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def pipelines_dir() -> Path:
    """`pipelines/` shipped inside the wheel, else the one at the top of a checkout."""
    for candidate in (_PACKAGE / "pipelines", _PACKAGE.parents[1] / "pipelines"):
        if (candidate / "kfr.cfg").is_file():
            return candidate
    raise FileNotFoundError("kfr-extract's pipelines/kfr.cfg is missing from this installation")


def config_path() -> Path:
    return pipelines_dir() / "kfr.cfg"


def lexicon_dir() -> Path:
    return pipelines_dir() / "lexicons"
