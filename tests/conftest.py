from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import envrules

ROOT = Path(__file__).resolve().parents[1]
RULESETS = Path(os.environ.get("ENVRULES_TEST_RULESETS", ROOT / "rulesets"))

settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "nightly", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="session")
def langfang() -> envrules.Engine:
    return envrules.load("hebei/langfang", RULESETS)


@pytest.fixture(scope="session")
def national() -> envrules.Engine:
    return envrules.load("national", RULESETS)
