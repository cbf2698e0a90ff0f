"""The compiled-plan cache: a plan pickled under a key made of the rulesets'
digest, the profile, the envrules version and the Python version.

Warm loads skip parsing, validation and compiling. The cache lives in the
user's cache folder (``$ENVRULES_CACHE_DIR``, else ``$XDG_CACHE_HOME/envrules``,
else ``~/.cache/envrules``); writes are atomic (a temporary file renamed into
place); any file may be deleted at any time; an entry is used only if its
header names this exact key, so nothing is trusted across versions, and only
if this user wrote it and nobody else may write it (an entry runs code when
read). Set ``ENVRULES_CACHE=0`` to turn it off."""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from pathlib import Path
from types import CodeType

import attrs

from .._version import __version__
from ..core.limits import DEFAULT_LIMITS, Limits
from ..rulesets.index import LayerIndex, source_digest
from ..rulesets.sources import RulesetSource
from .model import Plan

_MAGIC = b"envrules-plan\n"
_CODE_MAGIC = b"envrules-code\n"


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


def _ours(fd: int) -> bool:
    """Only an entry this user wrote, and nobody else may change, is read: a
    pickle or marshalled bytecode runs code (a shared ``ENVRULES_CACHE_DIR``
    cannot plant one)."""
    if not hasattr(os, "getuid"):
        return True  # no POSIX owners (Windows): the user's own profile folder
    info = os.fstat(fd)
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _payload(name: str, magic: bytes, header: str) -> bytes | None:
    """The body of the cache entry ``name`` if it is ours and its header is
    ``magic`` + ``header`` (a key or a digest), else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as fh:
            if not _ours(fh.fileno()) or fh.read(len(magic)) != magic or fh.read(64).decode() != header:
                return None
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return None


def read(key: str) -> Plan | None:
    data = _payload(f"{key[:40]}.plan", _MAGIC, key)
    if data is None:
        return None
    try:
        plan = pickle.loads(data)
    except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return plan if isinstance(plan, Plan) else None


def write(key: str, plan: Plan) -> None:
    try:
        data = pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    _write_atomic(f"{key[:40]}.plan", _MAGIC + key.encode() + data)


def _write_atomic(name: str, data: bytes) -> None:
    """Write a cache file whole or not at all (a temporary file renamed)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a cache that cannot be written is no cache, not an error


def compiled_code(source: str, filename: str, entry: str) -> CodeType:
    """``compile(source, filename, "exec")``, kept beside the cached plan
    ``entry`` (its key) as marshalled bytecode checked against a digest of the
    source and the Python version: the compiled evaluator's generated
    predicates, ≈ 10 ms to compile on each load otherwise."""
    digest = hashlib.sha256(f"{sys.version}\0{filename}\0{source}".encode()).hexdigest()
    name = f"{entry[:40]}.code"
    data = _payload(name, _CODE_MAGIC, digest)
    if data is not None:
        try:
            code = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            code = None
        if isinstance(code, CodeType):
            return code
    code = compile(source, filename, "exec")
    _write_atomic(name, _CODE_MAGIC + digest.encode() + marshal.dumps(code))
    return code


def load_plan(
    source: RulesetSource, profile: str, limits: Limits = DEFAULT_LIMITS, use_cache: bool = True
) -> Plan:
    """The compiled plan of a profile: from the cache if it holds this exact
    key, else compiled (and cached)."""
    use_cache = use_cache and cache_dir() is not None  # ENVRULES_CACHE=0: no key is even made
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
        plan = attrs.evolve(plan, cache_key=key)
        write(key, plan)
    return plan
