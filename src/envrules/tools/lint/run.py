"""``envrules lint``: compile each profile (E001 if it does not) and run the
static checks; print the findings; exit 1 if any, 2 if nothing was linted."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from ...core.errors import InputError, RulesetError, SourceLocation, problem
from ...plan.compile import compile_plan
from ...rulesets import (
    DirectorySource,
    LayerIndex,
    RulesetSource,
    profile_chain,
    selectable_profiles,
    source_for,
)
from .checks import Finding, lint_plan

_LOAD_CODES = {"duplicate_id": "E013", "duplicate_table": "E013", "replaced_twice": "E013"}
"""Load problems with a lint code of their own (the rest are E001)."""


def lint_profile(source: RulesetSource, profile: str) -> list[Finding]:
    try:
        plan = compile_plan(profile, profile_chain(source, profile))
    except RulesetError as exc:
        return [
            Finding(_LOAD_CODES.get(p.code or "", "E001"), p.message, p.where, profile, p.message_zh)
            for p in exc.problems
        ]
    return lint_plan(plan)


def _tree_of(path: Path) -> tuple[Path, str | None] | None:
    """(rulesets root, profile) for a folder that is or lies in a rulesets tree."""
    here = path.resolve()
    for folder in [here, *here.parents]:
        if (folder / "national" / "profile.yaml").is_file():
            rel = here.relative_to(folder).as_posix()
            return folder, (None if rel == "." else rel)
    return None


def _jobs(targets: Sequence[str], rulesets: Path | None) -> list[tuple[RulesetSource, str]]:
    jobs: list[tuple[RulesetSource, str]] = []
    if not targets:
        source = source_for(rulesets)
        return [(source, name) for name, _ in selectable_profiles(source)]
    for target in targets:
        source = source_for(rulesets)
        if target in LayerIndex.of(source).names:
            jobs.append((source, target))
            continue
        path = Path(target)
        tree = _tree_of(path) if path.is_dir() else None
        if tree is None:
            raise InputError(
                [
                    problem(
                        f"{target!r} is neither a profile of {source.label} nor a folder of a rulesets tree",
                        f"{target!r}既不是{source.label}中的规则集，也不是规则集目录",
                        where=SourceLocation(target),
                        code="lint_target",
                    )
                ]
            )
        root, profile = tree
        tree_source = DirectorySource(root)
        if profile is not None and profile in LayerIndex.of(tree_source).names:
            jobs.append((tree_source, profile))
        else:
            jobs.extend((tree_source, n) for n, _ in selectable_profiles(tree_source))
    if not jobs:
        raise InputError(
            [
                problem(
                    "no profiles to lint in " + ", ".join(targets),
                    "没有可检查的规则集：" + "、".join(targets),
                    code="lint_target",
                )
            ]
        )
    return jobs


def run_lint(
    targets: Sequence[str], *, rulesets: Path | None, fmt: str, console: Console, lang: str = "en"
) -> int:
    """Lint profiles (names), rulesets trees or folders inside one."""
    jobs = _jobs(targets, rulesets)
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for source, name in jobs:
        for f in lint_profile(source, name):
            key = (f.code, f.message, str(f.where))
            if key not in seen:  # a national problem shows once, not once per profile
                seen.add(key)
                findings.append(f)
    if fmt == "json":
        data: list[dict[str, Any]] = [f.as_dict() for f in findings]
        console.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
    else:
        for f in findings:
            console.print(f.text(lang), markup=False)
        console.print(
            f"{len(findings)}处问题，检查了{len(jobs)}个规则集"
            if lang == "zh"
            else f"{len(findings)} finding(s) in {len(jobs)} profile(s)",
            markup=False,
        )
    return 1 if findings else 0
