"""Where the pipeline config and lexicons live (installed or in a checkout), and how a
lexicon file reads: one entry a line, blank lines and `#` comments skipped."""

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


def read_lexicon(path: Path) -> list[str]:
    """The entries of a lexicon file (tab-separated cells stay in one string); none if absent."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = (line.split("#", 1)[0].strip() for line in lines)
    return [entry for entry in entries if entry]
