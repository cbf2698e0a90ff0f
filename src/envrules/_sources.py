"""Where rulesets come from. A source lists YAML files by relative POSIX path
and reads them; it is the only place ruleset I/O happens."""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Protocol

SCENARIO_SUFFIX = ".scenarios.yaml"


class RulesetSource(Protocol):
    """Lists and reads ruleset files."""

    @property
    def label(self) -> str:
        """Where the files are, for messages (a directory path)."""
        ...

    def paths(self) -> list[str]:
        """Relative POSIX paths of every ``*.yaml`` file, sorted."""
        ...

    def read(self, path: str) -> str: ...

    def display(self, path: str) -> str:
        """The name of a file as errors show it."""
        ...


class DirectorySource:
    """Rulesets in a directory on disk (the repository's ``rulesets/``)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    @property
    def label(self) -> str:
        return str(self.root)

    def paths(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.yaml"))

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def display(self, path: str) -> str:
        full = self.root / path
        try:
            return str(full.relative_to(Path.cwd()))
        except ValueError:
            return str(full)


class PackageSource:
    """Rulesets shipped inside the installed wheel (``envrules/_rulesets``)."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    @property
    def label(self) -> str:
        return "envrules/_rulesets"

    def paths(self) -> list[str]:
        out: list[str] = []

        def walk(node: Traversable, prefix: str) -> None:
            for child in node.iterdir():
                rel = f"{prefix}{child.name}"
                if child.is_dir():
                    walk(child, rel + "/")
                elif child.name.endswith(".yaml"):
                    out.append(rel)

        walk(self.root, "")
        return sorted(out)

    def read(self, path: str) -> str:
        node = self.root
        for part in path.split("/"):
            node = node / part
        return node.read_text(encoding="utf-8")

    def display(self, path: str) -> str:
        return f"{self.label}/{path}"


class InMemorySource:
    """Rulesets given as a mapping of path → YAML text (for tests and tools)."""

    def __init__(self, files: Mapping[str, str], label: str = "<memory>") -> None:
        self.files = dict(files)
        self._label = label

    @property
    def label(self) -> str:
        return self._label

    def paths(self) -> list[str]:
        return sorted(p for p in self.files if p.endswith(".yaml"))

    def read(self, path: str) -> str:
        return self.files[path]

    def display(self, path: str) -> str:
        return path


def default_source() -> RulesetSource:
    """The shipped rulesets: inside the wheel, or ``rulesets/`` of a source checkout."""
    packaged = importlib.resources.files("envrules") / "_rulesets"
    if packaged.is_dir():
        return PackageSource(packaged)
    checkout = Path(__file__).resolve().parents[2] / "rulesets"
    return DirectorySource(checkout)


def source_for(rulesets_dir: str | Path | RulesetSource | None) -> RulesetSource:
    if rulesets_dir is None:
        return default_source()
    if isinstance(rulesets_dir, str | Path):
        if not Path(rulesets_dir).is_dir():
            from ._errors import Problem, RulesetError, SourceLocation

            raise RulesetError([Problem("rulesets directory not found",
                                        SourceLocation(str(rulesets_dir)))])
        return DirectorySource(rulesets_dir)
    return rulesets_dir
