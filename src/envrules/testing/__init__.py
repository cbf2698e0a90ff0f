"""envrules.testing: hypothesis strategies and invariant checks for users
who embed envrules (``pip install envrules[test]``).

* :mod:`envrules.testing.strategies` — valid cases per profile, and their parts;
* :mod:`envrules.testing.invariants` — ready-made checks (caps, monotonicity,
  determinism, evaluator agreement, single jurisdiction)."""

from __future__ import annotations

__all__ = ["invariants", "strategies"]


def _hypothesis_setup_hook() -> None:
    """Entry point ``hypothesis`` (run when hypothesis is imported):

    * settings profiles ``envrules-ci`` (500 examples) and ``envrules-nightly``
      (20,000), for ``--hypothesis-profile``;
    * ``st.from_type(envrules.Case)`` draws valid cases of the shipped national
      profile (use ``strategies.cases(engine)`` for a given profile)."""
    from hypothesis import HealthCheck, settings
    from hypothesis import strategies as st

    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large]
    settings.register_profile("envrules-ci", max_examples=500, deadline=None, suppress_health_check=quiet)
    settings.register_profile(
        "envrules-nightly", max_examples=20_000, deadline=None, suppress_health_check=quiet
    )

    from .. import Case

    def national_cases() -> st.SearchStrategy[Case]:
        # imported when first drawn: this hook runs while hypothesis itself is importing
        from .. import load
        from .strategies import cases

        return cases(load("national"))

    st.register_type_strategy(Case, st.deferred(national_cases))


def __getattr__(name: str) -> object:
    if name in __all__:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
