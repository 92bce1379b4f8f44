"""Mis-encoded text -> repaired text, with an account of what changed.

(Minimal first version: the repair issue replaces it.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ftfy

from kfr_extract.models import Anomaly, Fix


@dataclass(frozen=True)
class Repaired:
    text: str
    fixes: list[Fix] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)


FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=True)


def repair(text: str) -> Repaired:
    fixes: list[Fix] = []
    try:
        candidate = text.encode("latin-1").decode("gbk")
        if candidate != text and "“" in candidate:
            text = candidate
            fixes.append(Fix(kind="gbk_as_latin1", detail="GBK bytes shown as Latin-1", count=1))
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    fixed, steps = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
    if fixed != text:
        fixes.append(Fix(kind="ftfy", detail=", ".join(s.transformation for s in steps or []) or "ftfy", count=1))
    return Repaired(fixed, fixes)
