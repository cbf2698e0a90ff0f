"""pytest plugin (entry point ``pytest11``): collects ``*.scenarios.yaml``
files as tests, one item per scenario, so ``pytest rulesets/`` runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .. import Engine, RulesetError
from ..rulesets import SCENARIO_SUFFIX
from .scenarios import EngineCache, Outcome, Scenario, load_file, run_scenario

_ENGINES = pytest.StashKey[EngineCache]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("envrules")
    group.addoption("--envrules-profile", default=None, help="Override the profile of every scenario file.")
    group.addoption(
        "--envrules-rulesets",
        default=None,
        help="Rulesets directory for scenarios (default: shipped rulesets).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_ENGINES] = EngineCache(config.getoption("--envrules-rulesets"))


@pytest.fixture(scope="session")
def envrules_engine(request: pytest.FixtureRequest) -> Engine:
    """An engine for the profile given by indirect parametrisation
    (``@pytest.mark.parametrize("envrules_engine", ["hebei/langfang"], indirect=True)``),
    else ``--envrules-profile``. Engines are cached for the session."""
    profile = getattr(request, "param", None) or request.config.getoption("--envrules-profile")
    if not profile:
        raise pytest.UsageError(
            "envrules_engine needs a profile: parametrize it indirectly or pass --envrules-profile"
        )
    return request.config.stash[_ENGINES].get(str(profile))


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.name.endswith(SCENARIO_SUFFIX):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            default, scenarios = load_file(self.path)
        except RulesetError as exc:
            raise self.CollectError(str(exc)) from None
        for sc in scenarios:
            yield ScenarioItem.from_parent(self, name=sc.id, scenario=sc, default=default)


class ScenarioFailed(Exception):
    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome
        super().__init__(outcome.report())


class ScenarioItem(pytest.Item):
    def __init__(self, *, scenario: Scenario, default: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.default = default

    def runtest(self) -> None:
        engines = self.config.stash[_ENGINES]
        outcome = run_scenario(
            self.scenario, str(self.path), self.default, engines, self.config.getoption("--envrules-profile")
        )
        if not outcome.passed:
            raise ScenarioFailed(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str | Any:
        if isinstance(excinfo.value, ScenarioFailed):
            return excinfo.value.outcome.report()
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = (self.scenario.line - 1) if self.scenario.line else None
        return self.path, line, f"scenario: {self.scenario.id}"
