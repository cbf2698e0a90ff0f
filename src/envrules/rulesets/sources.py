"""Where rulesets come from. A source lists YAML files by relative POSIX path
and reads them; it is the only place ruleset I/O happens.

A directory source reads only regular files inside its tree: a symlink that
leaves the tree, a FIFO, a device, a file past the size limit are refused
with a RulesetError naming the path, never followed or read."""

from __future__ import annotations

import importlib.resources
import os
import stat
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Protocol

from ..core.errors import LimitExceeded, RulesetError, SourceLocation, problem
from ..core.limits import DEFAULT_LIMITS, Limits

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


def _refuse(where: str, en: str, zh: str, limit: bool = False) -> RulesetError:
    error = LimitExceeded if limit else RulesetError
    return error([problem(en, zh, where=SourceLocation(where), code="source")])


class DirectorySource:
    """Rulesets in a directory on disk (the repository's ``rulesets/``)."""

    def __init__(self, root: str | Path, limits: Limits = DEFAULT_LIMITS) -> None:
        text = str(root)
        if "\x00" in text:
            raise _refuse(
                text.replace("\x00", "\\0"), "the path contains a NUL character", "路径含有 NUL 字符"
            )
        self.root = Path(root)
        self.limits = limits
        try:
            self._real = self.root.resolve(strict=True)
        except (OSError, RuntimeError):
            raise _refuse(text, "rulesets directory not found", "找不到规则集目录") from None
        if not self._real.is_dir():
            raise _refuse(text, "not a directory", "不是目录")
        self._real_str = str(self._real)
        self._real_prefix = os.path.join(self._real_str, "")
        self._paths: list[str] | None = None

    @property
    def label(self) -> str:
        return str(self.root)

    def paths(self) -> list[str]:
        if self._paths is None:
            found: list[str] = []
            for folder, dirs, files in os.walk(self._real, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".yaml"):
                        rel = os.path.join(folder, name)[len(self._real_prefix) :].replace(os.sep, "/")
                        found.append(rel)
                        if len(found) > self.limits.files_per_source:
                            raise _refuse(
                                self.label,
                                f"more than {self.limits.files_per_source:,} YAML files",
                                f"YAML 文件超过{self.limits.files_per_source:,}个",
                                limit=True,
                            )
            self._paths = sorted(found)
        return list(self._paths)

    def read(self, path: str) -> str:
        def refuse(en: str, zh: str, limit: bool = False) -> RulesetError:
            return _refuse(self.display(path), en, zh, limit=limit)  # the name spelled only here

        # strings, not pathlib: a cached plan's key reads every file of the tree
        real = os.path.realpath(os.path.join(self._real_str, path))
        if not os.path.exists(real):
            raise refuse("cannot read: no such file", "无法读取：文件不存在")
        if not real.startswith(self._real_prefix):
            raise refuse(
                "a symbolic link that leaves the rulesets tree is not read",
                "指向规则集目录之外的符号链接不予读取",
            )
        try:
            info = os.stat(real)
        except OSError as exc:
            raise refuse(f"cannot read: {exc.strerror}", f"无法读取：{exc.strerror}") from None
        if not stat.S_ISREG(info.st_mode):
            raise refuse(
                "not a regular file (a FIFO, device or folder is not read)",
                "不是普通文件（不读取管道、设备或目录）",
            )
        if info.st_size > self.limits.yaml_file_bytes:
            raise refuse(
                f"the file is larger than {self.limits.yaml_file_bytes:,} bytes",
                f"文件超过{self.limits.yaml_file_bytes:,}字节",
                limit=True,
            )
        try:
            with open(real, "rb") as fh:
                data = fh.read(self.limits.yaml_file_bytes + 1)
        except OSError as exc:
            raise refuse(f"cannot read: {exc.strerror}", f"无法读取：{exc.strerror}") from None
        if len(data) > self.limits.yaml_file_bytes:
            raise refuse(
                f"the file is larger than {self.limits.yaml_file_bytes:,} bytes",
                f"文件超过{self.limits.yaml_file_bytes:,}字节",
                limit=True,
            )
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise refuse("not UTF-8 text", "不是 UTF-8 文本") from None

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
            for child in sorted(node.iterdir(), key=lambda c: c.name):
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
        try:
            return self.files[path]
        except KeyError:
            raise _refuse(path, "cannot read: no such file", "无法读取：文件不存在") from None

    def display(self, path: str) -> str:
        return path


def default_source() -> RulesetSource:
    """The shipped rulesets: inside the wheel, or ``rulesets/`` of a source checkout."""
    packaged = importlib.resources.files("envrules") / "_rulesets"
    if packaged.is_dir():
        return PackageSource(packaged)
    checkout = Path(__file__).resolve().parents[3] / "rulesets"
    return DirectorySource(checkout)


def source_for(rulesets: str | Path | RulesetSource | None, limits: Limits = DEFAULT_LIMITS) -> RulesetSource:
    if rulesets is None:
        return default_source()
    if isinstance(rulesets, str | Path):
        return DirectorySource(rulesets, limits)
    return rulesets
