"""The README documents every CLI option, and --help gives an example for each."""

from __future__ import annotations

import typer.main

from kfr_extract.cli import app
from tests.conftest import REPO


def _options() -> list:
    command = typer.main.get_command(app)
    return [p for p in command.params if p.param_type_name == "option"]


def test_readme_documents_every_option():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [p.opts[0] for p in _options() if f"`{p.opts[0]}" not in readme]
    assert not missing, f"README lacks {missing}"


def test_help_of_every_option_has_an_example():
    lacking = [p.opts[0] for p in _options() if "Example" not in (p.help or "")]
    assert not lacking, f"--help lacks an example for {lacking}"


def test_readme_quick_start_has_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick.splitlines() if "pip install" in line]
    assert len(commands) == 2
    assert commands[0].endswith("kfr-extract seeds/")
    assert "pytest" in commands[1]
