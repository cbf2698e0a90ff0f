"""envrules.testing: hypothesis strategies and invariant checks for users
who embed envrules (``pip install envrules[test]``).

* :mod:`envrules.testing.strategies` — valid cases per profile, and their parts;
* :mod:`envrules.testing.invariants` — ready-made checks (caps, monotonicity,
  determinism, evaluator agreement, single jurisdiction)."""

from __future__ import annotations

__all__ = ["invariants", "strategies"]


def __getattr__(name: str) -> object:
    if name in __all__:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
