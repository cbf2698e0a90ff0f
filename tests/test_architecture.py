"""The architecture holds: the law lives in the rulesets, never in src/; the
packages import downward only; modules stay small."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "envrules"
MODULES = sorted(SRC.rglob("*.py"))

# A law's title, an article number, or a calendar date written into the code.
LAW = re.compile(
    r"中华人民共和国|法典|第[一二三四五六七八九十百千零0-9]+条|"
    r"(行政处罚|环境保护|环境影响评价|大气污染防治|水污染防治|固体废物污染环境防治|噪声污染防治|"
    r"土壤污染防治|放射性污染防治|海洋环境保护|清洁生产促进|行政强制|行政复议|行政诉讼)法|"
    r"(办法|条例|规定|意见)（|〔(19|20)[0-9]{2}〕|\bart\. ?[0-9]+|"
    r"20[0-9]{2}-[0-9]{2}-[0-9]{2}|date\(\s*20[0-9]{2}"
)


def test_no_law_in_the_code() -> None:
    """Titles, articles and effective dates are data (rulesets/), never code."""
    found = []
    for path in MODULES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LAW.search(line):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not found, "law in src/:\n" + "\n".join(found)


def test_the_check_can_fail() -> None:
    assert LAW.search('BASIS = "中华人民共和国行政处罚法"')
    assert LAW.search("CODE_IN_FORCE = date(2026, 8, 15)")
    assert LAW.search("see art. 36 of the penalty law")


# Lower layers first; a package may import only itself and the packages before it.
LAYERS = [
    "core",
    "case",
    "rulesets",
    "plan",
    "evaluate",
    "explain",
    "decision",
    "timeline",
    "decide",
    "tools",
    "testing",
]


def _imports(path: Path) -> list[tuple[int, str]]:
    """Absolute envrules sub-packages a module imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(SRC).parts[:-1]
    typing_only = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
        for n in ast.walk(node)
    }
    out = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue  # annotations only: no import at run time
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.startswith("envrules"):
                target = node.module.split(".")[1:]
            else:
                continue
            out.append((node.lineno, target[0] if target else ""))
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_packages_import_downward_only(path: Path) -> None:
    parts = path.relative_to(SRC).parts
    if len(parts) == 1:
        return  # the top-level public surface may import anything (lazily)
    own = LAYERS.index(parts[0])
    for line, target in _imports(path):
        if target in ("", "_version"):
            continue  # the public envrules namespace or its version
        assert target in LAYERS, f"{path}:{line} imports unknown package {target}"
        assert LAYERS.index(target) <= own or parts[0] in ("tools", "testing"), (
            f"{path.relative_to(SRC)}:{line} imports {target}, a higher layer than {parts[0]}"
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.relative_to(SRC)} has {lines} lines (at most 400)"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_functions_stay_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{n.name} ({n.end_lineno - n.lineno + 1} lines)"
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        and (n.end_lineno or n.lineno) - n.lineno + 1 > 60
    ]
    assert not long, f"{path.relative_to(SRC)}: functions over 60 lines: {', '.join(long)}"


TOP_LEVEL = {
    "CHANGELOG.md",
    "Makefile",
    "README.md",
    "benchmarks",
    "docs",
    "examples",
    "pyproject.toml",
    "rulesets",
    "src",
    "tests",
}


def test_the_top_level_stays_as_agreed() -> None:
    """Nothing else lands beside the agreed folders and files (a CLI test once
    wrote ``--junit-xml json`` into the working directory, and it was committed)."""
    root = Path(__file__).resolve().parents[1]
    found = {p.name for p in root.iterdir() if not p.name.startswith(".")}
    assert found <= TOP_LEVEL, sorted(found - TOP_LEVEL)
