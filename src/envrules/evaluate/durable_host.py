"""The one adapter that owns durable-rules' process-wide state.

durable-rules keeps a host whose rulesets are registered by name, two
self-re-arming timer threads that can take over pending actions, and
sessions that leak unless deleted (DURABLE_RULES.md). Here:

* one private host, created lazily, that never starts the library's timer
  threads; ``durable.lang.get_host()`` is never touched, so user code using
  durable-rules directly is unaffected;
* one lock around every call into it (the C calls hold the GIL anyway);
* rulesets get unique names and are deleted from the C engine when their
  owner closes them or is garbage-collected, so constructing engines does not
  grow memory;
* every evaluation runs in a session of its own whose state is deleted
  afterwards, so nothing leaks between cases, threads or rulesets."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Mapping
from typing import Any

import durable_rules_engine
from durable import engine

LOCK = threading.RLock()
_HOST: Any = None
_NAMES = itertools.count()
NotHandled = engine.MessageNotHandledException


class _QuietHost(engine.Host):  # type: ignore[misc]
    """A host that never starts the dispatch timer threads."""

    def _run(self) -> None:
        self._d_timer = None
        self._t_timer = None


def host() -> Any:
    global _HOST
    with LOCK:
        if _HOST is None:
            _HOST = _QuietHost()
        return _HOST


def unique_name(prefix: str) -> str:
    safe = "".join(ch if ch.isalnum() else "_" for ch in prefix)[:40]
    return f"envrules_{safe}_{next(_NAMES)}"


def register(name: str, rules: Mapping[str, Any]) -> None:
    """Register a ruleset under a fresh name."""
    with LOCK:
        host().register_rulesets({name: dict(rules)})


def unregister(name: str) -> None:
    """Delete a ruleset from the host and free it in the C engine."""
    with LOCK:
        h = _HOST
        if h is None:
            return
        ruleset = h._ruleset_directory.pop(name, None)
        if ruleset is None:
            return
        try:
            h._ruleset_list.remove(ruleset)
        except ValueError:
            pass
        try:
            durable_rules_engine.delete_ruleset(ruleset._handle)
        except Exception:
            pass


def assert_fact(
    name: str, fact: Mapping[str, Any], session: str, before: Callable[[], None] | None = None
) -> None:
    """Assert one fact in a fresh session and delete the session's state
    afterwards (actions run synchronously inside the call)."""
    with LOCK:
        h = host()
        if before is not None:
            before()
        try:
            h.assert_fact(name, {**fact, "sid": session})
        except NotHandled:
            pass
        finally:
            h.delete_state(name, session)


def post_events(
    name: str,
    facts: list[Mapping[str, Any]],
    events: list[Mapping[str, Any]],
    session: str,
    before: Callable[[], None] | None = None,
) -> None:
    """Assert facts then post events in order in one fresh session, deleting
    its state afterwards (the timeline's forward chaining)."""
    with LOCK:
        h = host()
        if before is not None:
            before()
        try:
            for fact in facts:
                try:
                    h.assert_fact(name, {**fact, "sid": session})
                except NotHandled:
                    pass
            for event in events:
                try:
                    h.post(name, {**event, "sid": session})
                except NotHandled:
                    pass
        finally:
            h.delete_state(name, session)


def registered() -> int:
    """How many rulesets the host holds (for tests of the cleanup)."""
    with LOCK:
        return 0 if _HOST is None else len(_HOST._ruleset_directory)
