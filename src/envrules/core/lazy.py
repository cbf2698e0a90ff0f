"""Lazy package exports (PEP 562): a package names what it exports and the
submodule each name lives in; the submodule is imported on first use.

This keeps loading a cached plan from importing what only compiling one
needs (the ruleset schema, the decision's pydantic models)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, exports: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``; ``exports`` maps a
    relative submodule (``".model"``) to the names it provides."""
    where = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        globals_of(package)[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals_of(package)) | set(where))

    return __getattr__, __dir__


def globals_of(package: str) -> dict[str, object]:
    import sys

    return vars(sys.modules[package])
