"""Layers and profiles: find them in a source, parse their files, and list
the layers a profile stands on (``national`` first, then its ``extends``,
then itself)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import attrs

from ._errors import Problem, RulesetError, SourceLocation, UnknownProfile
from ._schema import ProfileMeta, RulesetFile
from ._sources import SCENARIO_SUFFIX, RulesetSource
from ._yaml import parse_yaml, validate

PROFILE_FILE = "profile.yaml"
BASE_LAYER = "national"


@attrs.frozen
class Layer:
    """One parsed layer: its ``profile.yaml`` and its other ruleset files."""

    name: str
    meta: ProfileMeta
    files: tuple[tuple[str, RulesetFile], ...]  # (display path, parsed file)
    digest: str  # sha256 of the layer's file names and texts


def _layer_dirs(paths: Iterable[str]) -> list[str]:
    dirs = []
    for path in paths:
        if path == PROFILE_FILE:
            dirs.append("")
        elif path.endswith("/" + PROFILE_FILE):
            dirs.append(path[: -len(PROFILE_FILE) - 1])
    return sorted(dirs)


def _owner(path: str, layer_dirs: list[str]) -> str | None:
    """The innermost layer directory that contains ``path``."""
    best: str | None = None
    for d in layer_dirs:
        if d == "" or path.startswith(d + "/"):
            if best is None or len(d) > len(best):
                best = d
    return best


def layer_names(source: RulesetSource) -> list[str]:
    return [d for d in _layer_dirs(source.paths()) if d]


def parse_layer(source: RulesetSource, name: str) -> Layer:
    """Parse every file of one layer, collecting all problems before raising."""
    paths = source.paths()
    dirs = _layer_dirs(paths)
    if name not in dirs:
        raise UnknownProfile(name, [n for n, _ in _selectable(source, dirs)])
    own = [
        p for p in paths
        if _owner(p, dirs) == name and not p.endswith(SCENARIO_SUFFIX)
        and p != f"{name}/{PROFILE_FILE}"
    ]
    problems: list[Problem] = []
    digest = hashlib.sha256()
    meta_path = f"{name}/{PROFILE_FILE}"
    meta: ProfileMeta | None = None
    files: list[tuple[str, RulesetFile]] = []
    for path in [meta_path, *own]:
        shown = source.display(path)
        try:
            text = source.read(path)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(f"cannot read: {exc}", SourceLocation(shown)))
            continue
        digest.update(path.encode() + b"\0" + text.encode() + b"\0")
        try:
            data = parse_yaml(text, shown)
            if path == meta_path:
                meta = validate(ProfileMeta, data, shown)
            else:
                files.append((shown, validate(RulesetFile, data, shown)))
        except RulesetError as exc:
            problems.extend(exc.problems)
    if problems or meta is None:
        raise RulesetError(problems or [Problem("no profile.yaml", SourceLocation(meta_path))])
    return Layer(name, meta, tuple(files), digest.hexdigest())


def profile_chain(source: RulesetSource, name: str) -> list[Layer]:
    """The layers of a profile, lowest first; each layer appears once."""
    order: list[str] = []
    seen_stack: list[str] = []
    cache: dict[str, Layer] = {}

    def visit(layer: str) -> None:
        if layer in order:
            return
        if layer in seen_stack:
            cycle = " → ".join([*seen_stack, layer])
            where = SourceLocation(source.display(f"{layer}/{PROFILE_FILE}"))
            raise RulesetError([Problem(f"profiles extend each other in a cycle: {cycle}", where)])
        seen_stack.append(layer)
        parsed = cache.setdefault(layer, parse_layer(source, layer))
        bases = list(parsed.meta.extends)
        if layer != BASE_LAYER and BASE_LAYER not in bases:
            bases.insert(0, BASE_LAYER)
        for base in bases:
            visit(base)
        seen_stack.pop()
        order.append(layer)

    visit(name)
    return [cache[n] for n in order]


def _selectable(source: RulesetSource, dirs: list[str]) -> list[tuple[str, ProfileMeta]]:
    try:
        return selectable_profiles(source)
    except RulesetError:
        return [(d, None) for d in dirs if d]  # type: ignore[misc]


def selectable_profiles(source: RulesetSource) -> list[tuple[str, ProfileMeta]]:
    """The profiles one can load, with their metadata."""
    out = []
    for name in layer_names(source):
        shown = source.display(f"{name}/{PROFILE_FILE}")
        meta = validate(ProfileMeta, parse_yaml(source.read(f"{name}/{PROFILE_FILE}"), shown), shown)
        selectable = meta.selectable if meta.selectable is not None else bool(meta.regions)
        if selectable:
            out.append((name, meta))
    return out
