"""The case timeline: working days, errors that name the event, the rules as
data (checked when the plan compiles), the durable adapter's cleanup, the
command line and the service function."""

from __future__ import annotations

import gc
import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import envrules
from envrules.rulesets import InMemorySource
from envrules.timeline import TimelineError, parse_events, rules_for, timeline_json
from envrules.timeline.calendar import Calendar, add_months

from .conftest import ROOT, RULESETS


@pytest.fixture(scope="module")
def engine() -> envrules.Engine:
    return envrules.load("national", RULESETS)


@pytest.fixture(scope="module")
def calendar(engine: envrules.Engine) -> Calendar:
    assert engine.plan.timeline is not None
    return Calendar(engine.plan.timeline.calendar)


# --- counting ------------------------------------------------------------------------------------


def test_working_days_skip_holidays_and_count_make_up_saturdays(calendar: Calendar) -> None:
    gaps: set[int] = set()
    # 2026 National Day: 1–7 October off, Saturday 10 October worked
    assert calendar.add_working(date(2026, 9, 29), 5, gaps) == date(2026, 10, 12)
    assert not calendar.is_working(date(2026, 10, 5))
    assert calendar.is_working(date(2026, 10, 10))  # a Saturday, worked (调休)
    assert not calendar.is_working(date(2026, 10, 11))
    # 2020: the extended Spring Festival made Saturday 1 February a holiday
    assert not calendar.is_working(date(2020, 2, 1))
    assert gaps == set()


def test_a_year_without_a_calendar_is_counted_monday_to_friday_and_reported(
    engine: envrules.Engine, calendar: Calendar
) -> None:
    gaps: set[int] = set()
    assert calendar.add_working(date(2027, 9, 29), 5, gaps) == date(2027, 10, 6)
    assert gaps == {2027}
    status = engine.timeline([{"type": "penalty_notice", "date": "2027-09-29"}], as_of="2027-10-05")
    assert [w.kind for w in status.warnings] == ["calendar_unknown", "deadline_approaching"]
    assert "2027" in status.warnings[0].explanation.zh


def test_months_keep_the_day_or_take_the_month_end() -> None:
    assert add_months(date(2025, 3, 3), 6) == date(2025, 9, 3)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_a_suit_period_ending_on_a_weekend_moves_to_monday(engine: envrules.Engine) -> None:
    status = engine.timeline([{"type": "decision_served", "date": "2025-03-20"}], as_of="2025-04-01")
    suit = next(d for d in status.deadlines if d.group == "suit")
    assert suit.due == date(2025, 9, 22)  # 20 September 2025 is a Saturday


# --- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "field", "en", "zh"),
    [
        (
            [{"type": "payment", "date": "2025-03-01", "amount": "10"}],
            "events[0]",
            "no decision",
            "此前没有处罚决定",
        ),
        (
            [{"type": "seal_up", "date": "2025-06-02", "days": 45}],
            "events[0].days",
            "more than the 30",
            "超过法定的30日",
        ),
        (
            [
                {"type": "seal_up", "date": "2025-06-02"},
                {"type": "seal_up_extended", "date": "2025-07-10", "days": 5},
            ],
            "events[1].date",
            "after the period ended",
            "届满",
        ),
        (
            [
                {"type": "decision_served", "date": "2025-03-03"},
                {"type": "review_ended", "date": "2025-04-01"},
            ],
            "events[1]",
            "no review_filed",
            "行政复议",
        ),
        (
            [{"type": "act", "date": "2025-03-03"}, {"type": "found", "date": "2025-03-01"}],
            "events[1].date",
            "before the act occurred",
            "早于违法行为发生日",
        ),
        (
            [{"type": "act", "date": "2025-03-03", "kind": "no.such_kind"}],
            "events[0].kind",
            "no version",
            "违法行为类别",
        ),
        ([{"type": "decision_served", "date": "2025-3-3"}], "events[0].date", "YYYY-MM-DD", "取值无效"),
        (
            [{"type": "found", "date": "2025-03-03", "colour": "red"}],
            "events[0].colour",
            "Extra inputs",
            "不认识的字段",
        ),
        ([{"type": "lunch", "date": "2025-03-03"}], "events[0].type", "type is one of", "type 应为"),
    ],
)
def test_an_impossible_or_invalid_history_names_the_event(
    engine: envrules.Engine, events: list[dict[str, object]], field: str, en: str, zh: str
) -> None:
    with pytest.raises(TimelineError) as info:
        engine.timeline(events, as_of="2025-12-31")
    problem = next(p for p in info.value.problems if p.field == field)
    assert en in problem.message
    assert zh in (problem.message_zh or "")


def test_as_of_and_the_evaluator_are_checked(engine: envrules.Engine) -> None:
    with pytest.raises(TimelineError, match="as_of"):
        engine.timeline([], as_of=20250101)
    with pytest.raises(TimelineError, match="unknown timeline evaluator"):
        engine.timeline([], as_of="2025-01-01", evaluator="drools")
    with pytest.raises(TimelineError, match="list of"):
        parse_events({"type": "found"})


def test_events_after_as_of_are_not_evaluated(engine: envrules.Engine) -> None:
    events = [
        {"type": "decision_served", "date": "2025-03-03", "fine": "1000"},
        {"type": "payment", "date": "2025-04-01", "amount": "1000"},
    ]
    before = engine.timeline(events, as_of="2025-03-25")
    assert before.ignored_events == (1,)
    assert next(d for d in before.deadlines if d.group == "payment").status == "overdue"
    after = engine.timeline(events, as_of="2025-04-02")
    assert next(d for d in after.deadlines if d.group == "payment").status == "late"


# --- rules as data ---------------------------------------------------------------------------------

_PROFILE = "title: {zh: 国家, en: National}\nselectable: true\n"


def _source(timeline: str) -> InMemorySource:
    return InMemorySource({"national/profile.yaml": _PROFILE, "national/t.yaml": timeline})


def test_a_rule_naming_an_unknown_signal_field_is_refused_with_its_place() -> None:
    bad = """timeline:
  deadlines:
    - id: t.one
      group: one
      title: {zh: 一, en: One}
      holder: party
      start: {signal: decision_served, where: {colour: red}}
      period: {days: 3}
      met_by: [{signal: paid}]
      basis: {law: 测试法, article: 第一条}
      effective_from: 2020-01-01
"""
    with pytest.raises(envrules.RulesetError) as info:
        envrules.load("national", _source(bad), cache=False)
    assert "national/t.yaml:7" in str(info.value)
    assert "no field 'colour'" in str(info.value)


def test_a_replaced_rule_is_used_instead_and_a_duplicate_id_is_refused() -> None:
    rule = """    - id: {id}
      group: payment
      title: {{zh: 缴纳, en: Pay}}
      holder: party
      start: {{signal: decision_served, where: {{has_fine: true}}}}
      period: {{days: {days}}}
      met_by: [{{signal: paid}}]
      basis: {{law: 测试法, article: 第一条}}
      effective_from: 2020-01-01
"""
    source = InMemorySource(
        {
            "national/profile.yaml": _PROFILE,
            "national/t.yaml": "timeline:\n  deadlines:\n" + rule.format(id="t.pay", days=15),
            "local/profile.yaml": "title: {zh: 地方, en: Local}\nselectable: true\n",
            "local/t.yaml": "timeline:\n  deadlines:\n"
            + rule.format(id="t.pay10", days=10)
            + "      replaces: t.pay\n",
        }
    )
    local = envrules.load("local", source, cache=False)
    status = local.timeline(
        [{"type": "decision_served", "date": "2025-03-03", "fine": "5"}], as_of="2025-03-04"
    )
    assert [(d.rule, d.due) for d in status.deadlines] == [("t.pay10", date(2025, 3, 13))]
    source_dup = InMemorySource(
        {
            "national/profile.yaml": _PROFILE,
            "national/t.yaml": ("timeline:\n  deadlines:\n" + rule.format(id="t.pay", days=15) * 2),
        }
    )
    with pytest.raises(envrules.RulesetError, match="duplicate timeline rule id"):
        envrules.load("national", source_dup, cache=False)


def test_no_law_lives_in_the_timeline_code() -> None:
    """Law titles, article numbers and in-force dates belong in the rulesets."""
    pattern = re.compile(
        r"第[一二三四五六七八九十百千零〇]+条|(?:法|办法|条例)》|"
        r"\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\b"
    )
    for path in sorted((ROOT / "src" / "envrules" / "timeline").glob("*.py")):
        found = pattern.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: {found}"


# --- the durable adapter ---------------------------------------------------------------------------


def test_durable_state_is_deleted_and_rulesets_do_not_accumulate() -> None:
    from envrules.evaluate import durable_host

    gc.collect()  # engines that earlier tests dropped are freed now, not in the middle of the counts
    engine = envrules.load("national", RULESETS, cache=False)
    rules = rules_for(engine.plan)
    ruleset = rules.durable()._ruleset
    before = durable_host.registered()
    host = durable_host.host()
    host.assert_fact(ruleset, {"sid": "control", "t": "k", "v": 1, "d": 1})  # control: kept
    assert host.get_state(ruleset, "control")["sid"] == "control"
    host.delete_state(ruleset, "control")
    events = [{"type": "decision_served", "date": "2025-03-03", "fine": "100"}]
    for _ in range(50):
        engine.timeline(events, as_of="2025-05-01")
    assert durable_host.registered() == before
    for n in range(60):  # the sessions of the evaluations above are gone
        with pytest.raises(Exception, match="Could not get state"):
            host.get_state(ruleset, f"tl{n}")
    again = envrules.load("national", RULESETS, cache=False)
    again.timeline(events, as_of="2025-05-01")
    assert durable_host.registered() == before + 1
    envrules.timeline.release(again.plan)
    assert durable_host.registered() == before
    for _ in range(3):  # engines that are dropped free their timeline ruleset
        gc.collect()
        before = durable_host.registered()
        dropped = envrules.load("national", RULESETS, cache=False)
        dropped.timeline(events, as_of="2025-05-01")
        assert durable_host.registered() == before + 1
        del dropped
        gc.collect()
        assert durable_host.registered() == before


# --- command line and service -----------------------------------------------------------------------


def test_cli_json_and_text(tmp_path: Path) -> None:
    from envrules.tools.cli import app

    events = [
        {"type": "penalty_notice", "date": "2026-09-29"},
        {"type": "hearing_requested", "date": "2026-10-12"},
    ]
    file = tmp_path / "events.json"
    file.write_text(json.dumps({"events": events, "as_of": "2026-10-13"}), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", str(file)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["deadlines"][0]["status"] == "met"
    assert data["deadlines"][0]["due"] == "2026-10-12"
    text = runner.invoke(
        app, ["timeline", str(file), "--format", "text", "--lang", "zh", "--evaluator", "python"]
    )
    assert text.exit_code == 0 and "要求听证" in text.output and "[已履行]" in text.output
    listing = tmp_path / "list.json"
    listing.write_text(json.dumps(events), encoding="utf-8")
    assert runner.invoke(app, ["timeline", str(listing)]).exit_code == 2  # no --as-of


def test_timeline_json_for_the_service(engine: envrules.Engine) -> None:
    events = [{"type": "decision_served", "date": "2025-03-03", "fine": "10000"}]
    first = timeline_json(engine, events, "2025-04-21")
    assert first == timeline_json(engine, events, "2025-04-21")  # deterministic
    data = json.loads(first)
    assert data["amounts"][0]["amount"] == "10000.00"
    assert data["amounts"][0]["capped_on"] == "2025-04-21"
    assert data["evaluator"] == "durable"


def test_json_schemas_of_events_and_status() -> None:
    from envrules.tools.schemas import json_schema

    events = json_schema("events")
    kinds = set(events["items"]["discriminator"]["mapping"])
    assert {"decision_served", "seal_up_extended", "payment"} <= kinds
    status = json_schema("timeline")
    assert set(status["required"]) >= {"as_of", "deadlines", "amounts", "measures", "warnings"}


def test_the_signal_vocabulary_matches_the_event_models() -> None:
    """The rules' vocabulary (rulesets layer) and the event models (timeline
    layer) are written twice because of the layering: they must agree."""
    from envrules.rulesets.schema.timeline import DATE, DERIVED, INT, SIGNALS
    from envrules.timeline.events import EVENT_TYPES

    models = {m.model_fields["type"].annotation.__args__[0]: m for m in EVENT_TYPES}
    assert set(SIGNALS) - DERIVED == set(models)
    skip = {"failed", "has_fine"}  # derived fields of a signal
    for kind, fields in SIGNALS.items():
        if kind in DERIVED:
            continue
        for name, values in fields.items():
            if name in skip:
                continue
            assert name in models[kind].model_fields, (kind, name)
            if values in (DATE, INT):
                continue
            annotation = str(models[kind].model_fields[name].annotation)
            assert all(v in annotation for v in values if v not in ("true", "false")), (kind, name)


def test_the_rules_tables_show_the_timeline_rows(engine: envrules.Engine) -> None:
    from envrules.tools.tables import render_plan

    page = render_plan(engine.plan)
    section = page[page.index("## Case timeline") :]
    assert "`national.timeline.seal_up.coercion_law_25`" in section
    assert "extended ≤ 1× by ≤ 30 days" in section
    assert "3 % a day, capped at the fine" in section
    assert "| 2026 | 国务院办公厅关于2026年部分节假日安排的通知" in section
