"""The case timeline: what is due, overdue and available on any date of a
case that runs for months — deadlines, the daily penalty, the late-payment
surcharge, follow-on measures and warnings — from the dated events of its
history and the dated, cited timeline rules of the rulesets
(docs/timeline.md). Evaluated by durable-rules (forward chaining over the
case's facts) or by the plain-Python oracle; both find the same."""

from .engine import EVALUATORS, TimelineRules, evaluate, release, rules_for, timeline_json
from .events import MAX_EVENTS, TimelineError, event_schema, parse_events
from .status import AmountItem, CaseStatus, DeadlineItem, MeasureItem, WarningItem

__all__ = [
    "EVALUATORS",
    "MAX_EVENTS",
    "AmountItem",
    "CaseStatus",
    "DeadlineItem",
    "MeasureItem",
    "TimelineError",
    "TimelineRules",
    "WarningItem",
    "evaluate",
    "event_schema",
    "parse_events",
    "release",
    "rules_for",
    "timeline_json",
]
