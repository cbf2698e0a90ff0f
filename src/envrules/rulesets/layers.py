"""Layers and profiles: find them in a source, parse their files, and list
the layers a profile stands on (``national`` first, then what it extends,
then itself). Linear in the number of files and layers."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from pydantic import BaseModel, ValidationError

from ..core.errors import LimitExceeded, Problem, RulesetError, SourceLocation, UnknownProfile, problem
from ..core.limits import DEFAULT_LIMITS, Limits
from .index import BASE_LAYER, PROFILE_FILE, LayerIndex, source_digest
from .schema import ProfileMeta, RulesetFile
from .sources import RulesetSource
from .yaml import locate, parse_yaml, validation_problems

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, file: str) -> M:
    """Validate parsed YAML against a model; errors name file:line:column."""
    try:
        return model.model_validate(data if data is not None else {}, context={"file": file})
    except ValidationError as exc:
        raise RulesetError(validation_problems(exc, data, file)) from None
    except RecursionError:
        raise LimitExceeded(
            [
                problem(
                    "nested too deeply to validate",
                    "嵌套过深，无法校验",
                    where=SourceLocation(file),
                    code="limit.depth",
                )
            ]
        ) from None


@attrs.frozen
class Layer:
    """One parsed layer: its ``profile.yaml`` and its other ruleset files."""

    name: str
    meta: ProfileMeta
    files: tuple[tuple[str, RulesetFile], ...]  # (display path, parsed file)
    digest: str  # sha256 of the layer's file names and texts
    meta_file: str  # display path of its profile.yaml
    extends_at: SourceLocation | None


def parse_layer(
    source: RulesetSource, name: str, index: LayerIndex, limits: Limits = DEFAULT_LIMITS
) -> Layer:
    """Parse every file of one layer, collecting all problems before raising."""
    if name not in index.files or not name:
        raise UnknownProfile(name, index.names)
    problems: list[Problem] = []
    digest = hashlib.sha256()
    meta_path = f"{name}/{PROFILE_FILE}"
    meta: ProfileMeta | None = None
    extends_at: SourceLocation | None = None
    files: list[tuple[str, RulesetFile]] = []
    for path in (meta_path, *index.files[name]):
        shown = source.display(path)
        try:
            text = source.read(path)
            digest.update(path.encode() + b"\0" + text.encode() + b"\0")
            data = parse_yaml(text, shown, limits)
            if path == meta_path:
                meta = validate(ProfileMeta, data, shown)
                if isinstance(data, dict) and "extends" in data:
                    extends_at = locate(data, ["extends"], shown)
            else:
                files.append((shown, validate(RulesetFile, data, shown)))
        except RulesetError as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(
                problem(f"cannot read: {exc}", f"无法读取：{exc}", where=SourceLocation(shown), code="source")
            )
    if problems or meta is None:
        # a limit refused anywhere makes the whole a LimitExceeded (still a RulesetError)
        error = LimitExceeded if any((p.code or "").startswith("limit.") for p in problems) else RulesetError
        raise error(
            problems or [problem("no profile.yaml", "缺少 profile.yaml", where=SourceLocation(meta_path))]
        )
    return Layer(name, meta, tuple(files), digest.hexdigest(), source.display(meta_path), extends_at)


def profile_chain(
    source: RulesetSource, name: str, limits: Limits = DEFAULT_LIMITS, index: LayerIndex | None = None
) -> list[Layer]:
    """The layers of a profile, lowest first; each layer appears once."""
    index = index or LayerIndex.of(source)
    if name not in index.names:
        raise UnknownProfile(name, [n for n, _ in _selectable(source, index)])
    order: list[str] = []
    done: set[str] = set()
    on_path: dict[str, int] = {}
    parsed: dict[str, Layer] = {}
    # iterative depth-first walk: a long chain costs no recursion
    stack: list[tuple[str, int, SourceLocation | None]] = [(name, 0, None)]
    while stack:
        layer, step, asked_at = stack.pop()
        if step == 0:
            if layer in done:
                continue
            if layer in on_path:
                raise _cycle(source, layer, on_path, parsed)
            if layer not in index.files or not layer:
                raise _unknown_layer(layer, asked_at)
            if len(on_path) + len(done) >= limits.layers:
                raise _too_many_layers(name, limits, asked_at)
            on_path[layer] = len(on_path)
            parsed[layer] = parse_layer(source, layer, index, limits)
            bases = list(parsed[layer].meta.extends)
            if layer != BASE_LAYER and BASE_LAYER not in bases:
                bases.insert(0, BASE_LAYER)
            stack.append((layer, 1, asked_at))
            at = parsed[layer].extends_at
            stack.extend((b, 0, at) for b in reversed(bases))
        else:
            del on_path[layer]
            done.add(layer)
            order.append(layer)
    return [parsed[n] for n in order]


def _cycle(
    source: RulesetSource, layer: str, on_path: dict[str, int], parsed: dict[str, Layer]
) -> RulesetError:
    """The error for ``layer`` met again while its own bases are being walked."""
    cycle = " → ".join([*sorted(on_path, key=on_path.__getitem__), layer])
    where = parsed[layer].extends_at if layer in parsed else None
    return RulesetError(
        [
            problem(
                f"profiles extend each other in a cycle: {cycle}",
                f"规则集相互继承，形成循环：{cycle}",
                where=where or SourceLocation(source.display(f"{layer}/{PROFILE_FILE}")),
                code="extends_cycle",
            )
        ]
    )


def _unknown_layer(layer: str, asked_at: SourceLocation | None) -> RulesetError:
    return RulesetError(
        [
            problem(
                f"extends unknown layer {layer!r}",
                f"继承了不存在的层{layer!r}",
                where=asked_at,
                code="unknown_layer",
            )
        ]
    )


def _too_many_layers(name: str, limits: Limits, asked_at: SourceLocation | None) -> LimitExceeded:
    return LimitExceeded(
        [
            problem(
                f"more than {limits.layers} layers in profile {name!r}",
                f"规则集{name!r}的层数超过{limits.layers}",
                where=asked_at,
                code="limit.layers",
            )
        ]
    )


def _selectable(source: RulesetSource, index: LayerIndex) -> list[tuple[str, Any]]:
    try:
        return selectable_profiles(source, index)
    except RulesetError:
        return [(d, None) for d in index.names]


def selectable_profiles(
    source: RulesetSource, index: LayerIndex | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[tuple[str, ProfileMeta]]:
    """The profiles one can load, with their metadata."""
    index = index or LayerIndex.of(source)
    out = []
    for name in index.names:
        shown = source.display(f"{name}/{PROFILE_FILE}")
        data = parse_yaml(source.read(f"{name}/{PROFILE_FILE}"), shown, limits)
        meta = validate(ProfileMeta, data, shown)
        selectable = meta.selectable if meta.selectable is not None else bool(meta.regions)
        if selectable or _has_regions(source, index, name, limits):
            out.append((name, meta))
    return out


def _has_regions(source: RulesetSource, index: LayerIndex, name: str, limits: Limits) -> bool:
    """A layer whose regions live in a file beside profile.yaml (regions.yaml)."""
    for path in index.files.get(name, ()):
        if path.endswith("/regions.yaml"):
            data = parse_yaml(source.read(path), source.display(path), limits)
            if isinstance(data, dict) and data.get("regions"):
                return True
    return False


__all__: Sequence[str] = (
    "BASE_LAYER",
    "PROFILE_FILE",
    "Layer",
    "LayerIndex",
    "parse_layer",
    "profile_chain",
    "selectable_profiles",
    "source_digest",
    "validate",
)
