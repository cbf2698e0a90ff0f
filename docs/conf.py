"""Sphinx configuration for the envrules documentation."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

project = "envrules"
author = "envrules developers"
copyright = "2026, envrules developers"
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "examples/*.py", "research/**"]
html_theme = "alabaster"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
suppress_warnings = ["myst.header"]


def _render_rule_tables(app: object) -> None:
    """Generate docs/rules/*.md — every rule of every shipped profile as a table —
    from the rulesets themselves, at each build (never edited by hand)."""
    import envrules
    from envrules.rulesets import DirectorySource, selectable_profiles
    from envrules.tools.tables import render_plan

    root = Path(__file__).resolve().parent
    rulesets = root.parent / "rulesets"
    out = root / "rules"
    out.mkdir(exist_ok=True)
    names = [name for name, _ in selectable_profiles(DirectorySource(rulesets))]
    pages = []
    for name in names:
        page = name.replace("/", "-")
        engine = envrules.load(name, rulesets)
        (out / f"{page}.md").write_text(render_plan(engine.plan), encoding="utf-8")
        pages.append(page)
    toc = "\n".join(pages)
    (out / "index.md").write_text(
        "# The rules, as tables\n\nGenerated from `rulesets/` at each build: every decision "
        "table, violation kind, adjustment and benchmark of each profile, with its conditions, "
        "outcome, legal basis and dates.\n\n```{toctree}\n:maxdepth: 1\n\n" + toc + "\n```\n",
        encoding="utf-8")


def setup(app: object) -> None:
    app.connect("builder-inited", _render_rule_tables)  # type: ignore[attr-defined]
