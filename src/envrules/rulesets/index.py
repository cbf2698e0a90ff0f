"""Which files belong to which layer of a rulesets tree, and a digest of them
(light: no ruleset schema is imported, so a cached plan loads without it)."""

from __future__ import annotations

import hashlib

import attrs

from .sources import SCENARIO_SUFFIX, RulesetSource

PROFILE_FILE = "profile.yaml"
BASE_LAYER = "national"


@attrs.frozen
class LayerIndex:
    """Which files belong to which layer (the innermost layer folder holding them)."""

    names: tuple[str, ...]
    files: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, source: RulesetSource) -> LayerIndex:
        paths = source.paths()
        dirs = {
            p[: -len(PROFILE_FILE) - 1] if p != PROFILE_FILE else ""
            for p in paths
            if p == PROFILE_FILE or p.endswith("/" + PROFILE_FILE)
        }
        files: dict[str, list[str]] = {d: [] for d in dirs}
        for p in paths:
            if p.endswith(SCENARIO_SUFFIX):
                continue
            folder = p.rpartition("/")[0]
            while folder not in dirs and folder:
                folder = folder.rpartition("/")[0]
            if folder in dirs and p != (f"{folder}/{PROFILE_FILE}" if folder else PROFILE_FILE):
                files[folder].append(p)
        return cls(tuple(sorted(d for d in dirs if d)), {d: tuple(fs) for d, fs in files.items()})


def source_digest(source: RulesetSource, index: LayerIndex | None = None) -> str:
    """A digest of every ruleset file of a source (not its scenarios)."""
    index = index or LayerIndex.of(source)
    h = hashlib.sha256()
    for name in sorted(index.files):
        for path in (f"{name}/{PROFILE_FILE}" if name else PROFILE_FILE, *index.files[name]):
            h.update(path.encode() + b"\0" + source.read(path).encode() + b"\0")
    return h.hexdigest()
