"""Strategies that build rulesets — valid profiles from scratch, and ruleset
files after careless edits — and hostile versions of valid cases. They draw
through the same generators and mutators the long fuzz run uses
(``python -m envrules.testing.fuzz``), so a failure found there can be
reproduced, and shrunk, here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from .._fuzz.choices import DrawChoices
from .._fuzz.generate import case_for
from .._fuzz.generate import ruleset_files as _generate
from .._fuzz.mutate import harvest, mutate_case, mutate_text


@st.composite
def ruleset_files(draw: st.DrawFn) -> dict[str, str]:
    """A valid profile ``national`` as ``{path: YAML text}`` (for
    ``InMemorySource``): regions, kinds with dated versions and every fine
    formula, jurisdiction/department/office tables, adjustments and a
    discretion standard. It must load; its decisions must stay within caps."""
    return _generate(DrawChoices(draw))


@st.composite
def mutated_files(draw: st.DrawFn, files: Mapping[str, str]) -> dict[str, str]:
    """``files`` with one file after one to five careless edits (a deleted,
    duplicated, re-indented or garbled line, an impossible date, a swapped
    value) or replaced by a hostile one (an alias bomb, deep nesting, a NUL)."""
    ch = DrawChoices(draw)
    path = ch.choice(sorted(files))
    return {**files, path: mutate_text(ch, files[path])}


@st.composite
def generated_cases(draw: st.DrawFn, kinds: Sequence[str], counties: Sequence[str] = ()) -> dict[str, Any]:
    """A valid case for a generated profile (or any, given its kinds and counties)."""
    return case_for(DrawChoices(draw), list(kinds), list(counties))


@st.composite
def hostile_cases(draw: st.DrawFn, corpus: Sequence[dict[str, Any]]) -> Any:
    """A case from ``corpus`` mutated one to three times as a hostile or
    careless feed would: wrong types, near-miss values, impossible dates,
    digits of other scripts, deletions, grafts, deep nesting."""
    ch = DrawChoices(draw)
    cases = list(corpus)
    return mutate_case(ch, ch.choice(cases), harvest(cases), cases)
