from __future__ import annotations

import json

import pytest

import envrules


def test_all_is_the_public_surface() -> None:
    assert sorted(envrules.__all__) == sorted(
        [
            "AmbiguousRules",
            "CapExceeded",
            "Case",
            "CaseError",
            "Citation",
            "CompiledEvaluator",
            "Decision",
            "DecisionModel",
            "DurableEvaluator",
            "Engine",
            "EnvrulesError",
            "Evaluator",
            "InputError",
            "LimitExceeded",
            "Limits",
            "MoneyRange",
            "NoVersionInForce",
            "Result",
            "RulesetError",
            "Text",
            "UnknownProfile",
            "__version__",
            "load",
        ]
    )
    assert set(dir(envrules)) == set(envrules.__all__)
    for name in envrules.__all__:  # every public name resolves
        assert getattr(envrules, name) is not None


def test_engine_is_immutable(langfang: envrules.Engine) -> None:
    with pytest.raises(AttributeError):
        langfang._plan = None  # type: ignore[misc]


def test_default_rulesets_are_the_shipped_ones() -> None:
    engine = envrules.load("hebei/langfang")
    assert engine.profile == "hebei/langfang"
    assert "eia.unapproved_construction" in engine.plan.kinds


def test_unknown_profile_lists_the_available_ones() -> None:
    with pytest.raises(envrules.UnknownProfile) as info:
        envrules.load("hebei/nowhere")
    assert "hebei/langfang" in str(info.value)


def test_decision_json_is_deterministic(langfang: envrules.Engine) -> None:
    case = {
        "decided_on": "2026-11-25",
        "violation": {
            "kind": "air.excess_emission",
            "occurred_on": "2025-03-01",
            "circumstances": ["refused_correction", "harm_eliminated"],
        },
        "region": {"county": "langfang.gu_an"},
    }
    first = langfang.decide(case).to_json()
    assert all(langfang.decide(case).to_json() == first for _ in range(5))
    data = json.loads(first)
    # money travels as decimal strings, never floats
    assert isinstance(data["penalty"]["statutory_range"]["max"], str)


def test_decide_accepts_case_objects_and_dicts(langfang: envrules.Engine) -> None:
    raw = {
        "decided_on": "2026-11-25",
        "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
        "region": {"county": "langfang.gu_an"},
    }
    assert langfang.decide(envrules.Case.model_validate(raw)) == langfang.decide(raw)


def test_decide_many_is_lazy_and_ordered(langfang: envrules.Engine) -> None:
    cases = (
        {
            "id": str(i),
            "decided_on": "2026-11-25",
            "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
            "region": {"county": "langfang.gu_an"},
        }
        for i in range(50)
    )
    ids = [d.case_id for d in langfang.decide_many(cases)]
    assert ids == [str(i) for i in range(50)]


def test_explain_in_both_languages(langfang: envrules.Engine) -> None:
    d = langfang.decide(
        {
            "decided_on": "2026-11-25",
            "violation": {
                "kind": "eia.unapproved_construction",
                "occurred_on": "2022-03-15",
                "eia_document": "report_book",
                "investment": "80000000",
            },
            "region": {"county": "langfang.gu_an"},
        }
    )
    zh, en = d.explain("zh"), d.explain("en")
    assert "从旧兼从轻" in zh and "第一千零九十五条" in zh
    assert "Versions considered" in en and "eia.unapproved_construction.eia_law_2018" in en
