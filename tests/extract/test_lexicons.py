"""Word lists live in `pipelines/lexicons/`, one file per concept, never in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

from kfr_extract.extract import FIELDS, lexicons
from kfr_extract.extract.context import FACTS
from kfr_extract.paths import lexicon_dir

EXTRACT = Path(lexicons.__file__).resolve().parent
SOURCES = sorted(EXTRACT.rglob("*.py"))  # an extractor may be a package
MAX_WORDS = 4  # a handful of grammar words ('the', 'a', 'an') may stay in code
OWN_NAMES = frozenset(FIELDS) | frozenset(FACTS)  # identifiers of ours, not words
WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def _strings(node: ast.AST) -> list[str]:
    """The plain words a constant expression spells: its string items (dict keys and
    values too), and the words of a `"a b c".split()`."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "split":
            inner = func.value
            if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                return inner.value.split()
            return []
        if isinstance(func, ast.Name) and func.id in ("frozenset", "set", "tuple", "list"):
            return [w for arg in node.args for w in _strings(arg)]
        return []
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return [w for item in node.elts for w in _strings(item)]
    if isinstance(node, ast.Dict):
        return [w for item in [*node.keys, *node.values] if item for w in _strings(item)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    return []


def word_lists(source: str) -> dict[str, list[str]]:
    """Module-level constants that are lists of plain words (not grammar tags, dependency
    labels or entity labels, which spaCy's glossary knows, not punctuation, and not the
    names of our own fields and facts)."""
    out = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        plain = [w for w in _strings(value)
                 if WORD.fullmatch(w) and w not in GLOSSARY and w not in OWN_NAMES]
        if len(plain) > MAX_WORDS and isinstance(target, ast.Name):
            out[target.id] = plain
    return out


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(EXTRACT).as_posix())
def test_no_word_lists_in_extractor_code(path: Path) -> None:
    found = word_lists(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{path.name} keeps word lists in code: {sorted(found)}; move them to "
        "pipelines/lexicons/ (one file per concept) and read them in load_resources"
    )


def test_the_guard_sees_the_forms_word_lists_take() -> None:
    source = (
        'A = frozenset("one two three four five".split())\n'
        'B = {"alpha", "beta", "gamma", "delta", "epsilon"}\n'
        'C: dict[str, str] = {"province": "region", "state": "region", "city": "city"}\n'
        'D = ("mr", "mrs", "ms", "dr", "prof")\n'
        'TAGS = {"NOUN", "PROPN", "VERB", "nsubj", "dobj", "compound"}\n'
        'FEW = {"the", "a", "an"}\n'
        'MARKS = {"-", "\\u2013", ":", ";", "|"}\n'
    )
    assert sorted(word_lists(source)) == ["A", "B", "C", "D"]


def test_every_lexicon_file_says_what_it_is_for() -> None:
    for path in sorted(lexicon_dir().iterdir()):
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("#"), f"{path.name} has no header comment"


def test_every_lexicon_file_is_read_by_the_code() -> None:
    """By its name, or by a name built from its prefix ('repair_common_{name}.txt')."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in EXTRACT.parent.rglob("*.py"))
    unread = [p.name for p in lexicon_dir().iterdir()
              if p.name not in code and p.stem.rsplit("_", 1)[0] + "_{" not in code]
    assert not unread, f"lexicon files no code reads: {unread}"


def test_one_list_of_organization_head_words() -> None:
    names = {p.name for p in lexicon_dir().iterdir()}
    assert "organizations_heads.txt" in names
    assert "speakers_org_words.txt" not in names


def test_tables_pad_missing_cells(tmp_path: Path) -> None:
    (tmp_path / "t.tsv").write_text("# header\nMr\tm\tcourtesy\nDr\nGen\t-\n", encoding="utf-8")
    assert lexicons.table(tmp_path, "t.tsv", 3) == [
        ("Mr", "m", "courtesy"), ("Dr", "", ""), ("Gen", "-", "")]


def test_words_as_written_or_lower_cased(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_text("# header\nOffice\nPolice  # a comment\n", encoding="utf-8")
    assert lexicons.words(tmp_path, "w.txt") == {"Office", "Police"}
    assert lexicons.words(tmp_path, "w.txt", lower=True) == {"office", "police"}
    assert lexicons.words(tmp_path, "missing.txt") == frozenset()


def test_honorifics_carry_gender_and_courtesy(tmp_path: Path) -> None:
    (tmp_path / "speakers_honorifics.tsv").write_text(
        "# header\nMrs\tf\tcourtesy\nDr.\t-\tcourtesy\tdoctor\nGeneral\t-\n", encoding="utf-8")
    rows = lexicons.honorifics(tmp_path)
    assert [(h.form, h.gender, h.courtesy, h.full) for h in rows] == [
        ("mrs", "f", True, "mrs"), ("dr", None, True, "doctor"),
        ("general", None, False, "general")]
    assert lexicons.honorific_genders(tmp_path) == {"mrs": "f"}


FORMS = ["Jun", "June", "Jul", "July", "Dec", "Dec.", "Boko Haram", "Boko", "a+b", "Ma"]


def _flat(forms: list[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + ")"


@pytest.mark.parametrize("text", [
    "in June 2021", "Jun 3", "early July", "Dec. 4", "Dec 4", "Boko Haram fighters",
    "the Boko group", "a+b=c", "Mayo", "Junk", "Ma", "nothing here"])
def test_a_trie_matches_what_the_flat_alternation_matches(text: str) -> None:
    tree, flat = lexicons.trie(FORMS), _flat(FORMS)
    for tail in ("", r"(?!\w)", r"\s+\d"):
        assert [m.span() for m in re.finditer(tree + tail, text)] == \
               [m.span() for m in re.finditer(flat + tail, text)], (text, tail)


def test_a_folded_trie_prefers_the_longest_form_in_any_case() -> None:
    forms = ["Islamic State", "islamic state west africa province"]
    pattern = re.compile(rf"\b{lexicons.trie(forms, fold=True)}\b", re.IGNORECASE)
    assert pattern.search("ISLAMIC STATE West Africa Province fighters").group() == \
        "ISLAMIC STATE West Africa Province"
    assert lexicons.trie([]) == "(?!)" and not re.search(lexicons.trie([]), "anything")


def test_one_list_of_news_agencies_read_as_place_stop_words(tmp_path: Path) -> None:
    names = {p.name for p in lexicon_dir().iterdir()}
    assert "organizations_news_agencies.txt" in names
    agencies = lexicons.words(lexicon_dir(), "organizations_news_agencies.txt")
    assert not agencies & lexicons.words(lexicon_dir(), "places_stoplist.txt")
    (tmp_path / "places_stoplist.txt").write_text("# h\nKidnap\n", encoding="utf-8")
    (tmp_path / "organizations_news_agencies.txt").write_text("# h\nWirex\n", encoding="utf-8")
    assert lexicons.place_stop_words(tmp_path) == {"Kidnap", "Wirex"}
