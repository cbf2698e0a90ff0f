"""The compiled-plan cache: a plan pickled under a key made of the rulesets'
digest, the profile, the envrules version and the Python version.

Warm loads skip parsing, validation and compiling. The cache lives in the
user's cache folder (``$ENVRULES_CACHE_DIR``, else ``$XDG_CACHE_HOME/envrules``,
else ``~/.cache/envrules``); writes are atomic (a temporary file renamed into
place); any file may be deleted at any time; an entry is used only if its
header names this exact key, so nothing is trusted across versions. Set
``ENVRULES_CACHE=0`` to turn it off."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from .._version import __version__
from ..core.limits import DEFAULT_LIMITS, Limits
from ..rulesets.index import LayerIndex, source_digest
from ..rulesets.sources import RulesetSource
from .model import Plan

_MAGIC = b"envrules-plan\n"


def cache_dir() -> Path | None:
    if os.environ.get("ENVRULES_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("ENVRULES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "envrules"


@functools.cache
def code_digest() -> str:
    """A digest of the code that defines what a plan pickles and how it is
    compiled: a development change invalidates the cache as a release does."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for folder in ("core", "case", "rulesets", "plan"):
        for path in sorted((root / folder).rglob("*.py")):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def cache_key(source: RulesetSource, profile: str, index: LayerIndex) -> str:
    h = hashlib.sha256()
    for part in (__version__, sys.version, code_digest(), profile, source_digest(source, index)):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def read(key: str) -> Plan | None:
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{key[:40]}.plan"
    try:
        with open(path, "rb") as fh:
            if fh.read(len(_MAGIC)) != _MAGIC or fh.read(64).decode() != key:
                return None
            plan = pickle.load(fh)
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        UnicodeDecodeError,
        ValueError,
        TypeError,
    ):
        return None
    return plan if isinstance(plan, Plan) else None


def write(key: str, plan: Plan) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".plan-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + key.encode())
                pickle.dump(plan, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key[:40]}.plan")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError):
        return  # a cache that cannot be written is no cache, not an error


def load_plan(
    source: RulesetSource, profile: str, limits: Limits = DEFAULT_LIMITS, use_cache: bool = True
) -> Plan:
    """The compiled plan of a profile: from the cache if it holds this exact
    key, else compiled (and cached)."""
    index = LayerIndex.of(source)
    key = cache_key(source, profile, index) if use_cache else ""
    if use_cache:
        cached = read(key)
        if cached is not None and cached.profile == profile:
            return cached
    # Compiling needs the parser and the schema; a cache hit does not.
    from ..rulesets.layers import profile_chain
    from .compile import compile_plan

    plan = compile_plan(profile, profile_chain(source, profile, limits, index))
    if use_cache:
        write(key, plan)
    return plan
