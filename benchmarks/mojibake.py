
"""Precision and recall of the repair step on a folder of mojibake cases.

Usage: python benchmarks/mojibake.py /work/shared/eval/mojibake

The folder (see its README.md) holds:

- ``clean-NN.txt``: clean text that must come back unchanged;
- ``real-NN.txt`` with ``real-NN.expected.txt``: real mis-encoded text and its repair
  (the expected text may equal the input: nothing recoverable);
- ``synth-NN-RECIPE.txt`` with ``synth-NN.expected.txt``: clean text mis-encoded on purpose.

A case passes when ``repair(input).text == expected`` (trailing newlines aside).
A file is *garbled* when its expected text differs from it.

- precision = correct changes / changes made (a change: output differs from input;
  correct: and equals the expected text);
- recall = garbled files fixed exactly / garbled files.

Exit status 0 when every case passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kfr_extract.repair import repair


@dataclass
class Case:
    name: str
    given: str
    expected: str
    output: str

    @property
    def garbled(self) -> bool:
        return _norm(self.given) != _norm(self.expected)

    @property
    def changed(self) -> bool:
        return _norm(self.output) != _norm(self.given)

    @property
    def passed(self) -> bool:
        return _norm(self.output) == _norm(self.expected)


def _norm(text: str) -> str:
    return text.rstrip("\n")


def _expected_path(path: Path) -> Path | None:
    name = path.name
    if name.startswith("clean-"):
        return path
    if name.startswith("real-"):
        return path.with_name(name[: -len(".txt")] + ".expected.txt")
    if name.startswith("synth-"):
        parts = name.split("-")
        return path.with_name(f"{parts[0]}-{parts[1]}.expected.txt")
    return None


def load_cases(folder: Path) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.txt")):
        if path.name.endswith(".expected.txt"):
            continue
        expected_path = _expected_path(path)
        if expected_path is None or not expected_path.exists():
            print(f"skipping {path.name}: no expected text", file=sys.stderr)
            continue
        given = path.read_text(encoding="utf-8")
        expected = expected_path.read_text(encoding="utf-8")
        cases.append(Case(path.name, given, expected, repair(given).text))
    return cases


def _first_difference(a: str, b: str, width: int = 40) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if i is None:
        i = min(len(a), len(b))
    lo = max(0, i - width)
    return f"    got:      {a[lo : i + width]!r}\n    expected: {b[lo : i + width]!r}"


def report(cases: list[Case]) -> bool:
    changes = [c for c in cases if c.changed]
    correct = [c for c in changes if c.passed]
    garbled = [c for c in cases if c.garbled]
    fixed = [c for c in garbled if c.passed]
    precision = len(correct) / len(changes) if changes else 1.0
    recall = len(fixed) / len(garbled) if garbled else 1.0
    by_group: dict[str, list[Case]] = {}
    for c in cases:
        by_group.setdefault(c.name.split("-")[0], []).append(c)

    print(f"cases: {len(cases)} ({len(garbled)} garbled, {len(cases) - len(garbled)} to keep)")
    for group, members in sorted(by_group.items()):
        ok = sum(c.passed for c in members)
        print(f"  {group:6} {ok}/{len(members)} pass")
    print(f"precision: {precision:.3f} ({len(correct)} correct changes / {len(changes)} made)")
    print(f"recall:    {recall:.3f} ({len(fixed)} garbled files fixed / {len(garbled)})")
    failing = [c for c in cases if not c.passed]
    if failing:
        print(f"failing cases ({len(failing)}):")
        for c in failing:
            what = "changed clean text" if not c.garbled else (
                "left unchanged" if not c.changed else "repaired wrongly"
            )
            print(f"  {c.name}: {what}")
            print(_first_difference(_norm(c.output), _norm(c.expected)))
    else:
        print("failing cases: none")
    return not failing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of mojibake cases")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    start = time.perf_counter()
    cases = load_cases(args.folder)
    if not cases:
        parser.error(f"no cases in {args.folder}")
    ok = report(cases)
    print(f"({time.perf_counter() - start:.2f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
