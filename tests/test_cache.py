"""The compiled-plan cache: a warm load decides exactly as a cold one, a
damaged or stale entry is never used, nothing is written when the cache is
off, and a cached plan loads (and decides) without the YAML parser, the layer
merger or the ruleset schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import envrules
from envrules.rulesets import DirectorySource

from .conftest import RULESETS

PROFILE = "hebei/langfang"
CASES = [
    {
        "decided_on": "2026-11-25",
        "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
        "region": {"county": "langfang.gu_an"},
    },
    {
        "decided_on": "2025-11-25",
        "violation": {"kind": "water.excess_emission", "occurred_on": "2025-05-01"},
        "region": {"county": "langfang.sanhe"},
        "procedure": {"discovered_through": "cross_enforcement"},
    },
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ENVRULES_CACHE_DIR", str(folder))
    monkeypatch.delenv("ENVRULES_CACHE", raising=False)
    return folder


def _answers(engine: envrules.Engine) -> list[str]:
    out = []
    for case in CASES:
        out.append(engine.decide(case).to_json())
    return out


def _tree(tmp_path: Path) -> Path:
    """A copy of the shipped national and Hebei layers, to edit."""
    import shutil

    root = tmp_path / "rulesets"
    for layer in ("national", "hebei"):
        shutil.copytree(RULESETS / layer, root / layer)
    return root


def test_a_warm_load_decides_exactly_as_a_cold_one(cache: Path) -> None:
    cold = envrules.load(PROFILE, RULESETS, cache=False)
    assert not cache.exists(), "cache=False writes nothing"
    first = envrules.load(PROFILE, RULESETS)  # compiles and fills the cache
    entries = sorted(p.suffix for p in cache.iterdir())
    assert entries == [".code", ".plan"], entries  # the plan and its evaluator's bytecode
    assert not list(cache.glob(".*.tmp")), "no temporary file is left"
    warm = envrules.load(PROFILE, RULESETS)
    assert warm.plan.cache_key == first.plan.cache_key != ""
    assert cold.plan.cache_key == ""
    assert warm.plan == cold.plan
    assert _answers(warm) == _answers(first) == _answers(cold)


@pytest.mark.parametrize("suffix", [".plan", ".code"])
@pytest.mark.parametrize("damage", [b"", b"envrules-plan\n" + b"0" * 64, b"\x80\x04garbage"])
def test_a_damaged_entry_is_compiled_again(cache: Path, suffix: str, damage: bytes) -> None:
    expected = _answers(envrules.load(PROFILE, RULESETS, cache=False))
    envrules.load(PROFILE, RULESETS)
    (entry,) = cache.glob(f"*{suffix}")
    entry.write_bytes(damage)
    assert _answers(envrules.load(PROFILE, RULESETS)) == expected
    assert entry.read_bytes() != damage, "the entry is written again"
    assert _answers(envrules.load(PROFILE, RULESETS)) == expected


def test_the_cache_is_off_when_asked(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVRULES_CACHE", "0")
    engine = envrules.load(PROFILE, RULESETS)
    assert engine.plan.cache_key == ""
    assert not cache.exists()


def test_an_edited_ruleset_is_never_served_from_the_cache(cache: Path, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    before = envrules.load("hebei", DirectorySource(root))
    profile = root / "hebei" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "title:" in text
    profile.write_text(text.replace("title:", "# edited\ntitle:", 1), encoding="utf-8")
    after = envrules.load("hebei", DirectorySource(root))
    assert after.plan.cache_key != before.plan.cache_key
    assert len(list(cache.glob("*.plan"))) == 2


def test_the_cache_is_not_shared_across_profiles(cache: Path) -> None:
    a = envrules.load("hebei/langfang", RULESETS)
    b = envrules.load("hebei/handan", RULESETS)
    assert a.plan.cache_key != b.plan.cache_key
    assert envrules.load("hebei/handan", RULESETS).plan.profile == "hebei/handan"


def test_a_cached_plan_loads_without_the_parser(cache: Path) -> None:
    envrules.load(PROFILE, RULESETS)  # fill
    code = (
        "import sys, json, envrules\n"
        f"e = envrules.load({PROFILE!r}, {str(RULESETS)!r})\n"
        f"e.decide(json.loads({json.dumps(CASES[0])!r}))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'yaml' or m.startswith("
        "('envrules.rulesets.layers', 'envrules.rulesets.merge', 'envrules.rulesets.schema', "
        "'envrules.plan.compile')))))\n"
    )
    env = {**os.environ, "ENVRULES_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
@pytest.mark.parametrize("suffix", [".plan", ".code"])
def test_an_entry_others_may_write_is_not_read(cache: Path, suffix: str) -> None:
    expected = _answers(envrules.load(PROFILE, RULESETS, cache=False))
    envrules.load(PROFILE, RULESETS)
    assert cache.stat().st_mode & 0o777 == 0o700, "the cache folder is the user's alone"
    (entry,) = cache.glob(f"*{suffix}")
    assert entry.stat().st_mode & 0o077 == 0, "entries are written private"
    entry.chmod(0o666)  # anyone could have replaced what it holds
    before = entry.stat().st_ino
    assert _answers(envrules.load(PROFILE, RULESETS)) == expected
    assert entry.stat().st_ino != before, "compiled again and written anew, not read"
    assert entry.stat().st_mode & 0o077 == 0
