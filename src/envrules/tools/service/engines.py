"""Engines shared by every request: each profile is loaded once per process,
on start-up (``preload``) or on its first request, and never reloaded."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from ... import Engine, load
from ...core.errors import UnknownProfile
from ...core.limits import DEFAULT_LIMITS, Limits
from ...rulesets import selectable_profiles, source_for
from ...rulesets.schema import ProfileMeta

_NAME = re.compile(r"[a-z0-9_][a-z0-9_./-]{0,199}")


class Engines:
    """The profiles a service decides with and their engines (thread-safe)."""

    def __init__(
        self, rulesets: str | Path | None = None, limits: Limits = DEFAULT_LIMITS, evaluator: str = "compiled"
    ) -> None:
        self.rulesets = rulesets
        self.limits = limits
        self.evaluator = evaluator
        self._lock = threading.Lock()
        self._engines: dict[str, Engine] = {}
        self._profiles: dict[str, ProfileMeta] | None = None

    def profiles(self) -> dict[str, ProfileMeta]:
        """The profiles that can be loaded, by name (read once)."""
        if self._profiles is None:
            with self._lock:
                if self._profiles is None:
                    source = source_for(self.rulesets, self.limits)
                    self._profiles = dict(selectable_profiles(source, limits=self.limits))
        return self._profiles

    def profiles_or_none(self) -> dict[str, ProfileMeta] | None:
        """The profiles if they have been read (readiness), else None."""
        return self._profiles

    def loaded(self, name: str) -> Engine | None:
        return self._engines.get(name)

    def names_loaded(self) -> list[str]:
        return sorted(self._engines)

    def get(self, name: str) -> Engine:
        """The engine of a profile; :class:`UnknownProfile` for any other name."""
        engine = self._engines.get(name)
        if engine is not None:
            return engine
        known = self.profiles()
        if not _NAME.fullmatch(name) or name not in known:
            raise UnknownProfile(name[:200], sorted(known))
        with self._lock:
            engine = self._engines.get(name)
            if engine is None:
                engine = load(name, self.rulesets, evaluator=self.evaluator, limits=self.limits)
                self._engines = {**self._engines, name: engine}
        return engine
