"""The compiler's working state: numbered conditions and the problems found."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..case import FACTS, Stage
from ..core.citation import Citation
from ..core.dates import Period
from ..core.errors import Problem, SourceLocation, problem
from ..rulesets.conditions import Compare, Condition, check_condition, leaves

if TYPE_CHECKING:
    from ..rulesets.schema import Basis


class Builder:
    def __init__(self, profile: str) -> None:
        self.profile = profile
        self.problems: list[Problem] = []
        self.conditions: list[Condition] = []
        self._numbered: dict[Condition, int] = {}

    def problem(self, en: str, zh: str, at: SourceLocation | None, code: str = "compile") -> None:
        self.problems.append(problem(en, zh, where=at, code=code))

    def condition(
        self,
        cond: Condition,
        stages: frozenset[Stage] = frozenset({Stage.CASE, Stage.PROFILE}),
        where: str = "",
    ) -> int:
        """Check a condition and number it (equal conditions share a number)."""
        checked, problems = check_condition(cond)
        self.problems.extend(problems)
        if not problems:
            for leaf in leaves(checked):
                fact = FACTS[leaf.path]
                if fact.stage not in stages:
                    self.problem(
                        f"{leaf.path} is a fact of the penalty being decided: only "
                        f"hearing, legal review and collective deliberation tables may "
                        f"test it{where}",
                        f"{leaf.path}是正在作出的处罚的事实，只能用于听证、法制审核、集体讨论决策表",
                        leaf.at,
                        "stage",
                    )
        index = None if problems else self._numbered.get(checked)
        if index is None:
            index = len(self.conditions)
            self.conditions.append(checked)
            if not problems:
                self._numbered[checked] = index
        return index

    def constants(self, path_values: dict[str, set[Any]]) -> None:
        """Ids tested in conditions (regions, kinds, matters) must exist."""
        labels = {
            "region": ("region", "地区"),
            "violation.kind": ("violation kind", "违法行为类别"),
            "matter": ("matter", "事项"),
        }
        for cond in self.conditions:
            for leaf in leaves(cond):
                if leaf.op == "exists":
                    continue
                group = "region" if leaf.path in _REGION_IDS else leaf.path
                if group not in path_values:
                    continue
                known = path_values[group]
                values = leaf.value if isinstance(leaf.value, frozenset) else {leaf.value}
                for v in sorted(str(x) for x in values):
                    if v not in known:
                        en, zh = labels[group]
                        self.problem(
                            f"{leaf.path}: unknown {en} {v!r} in profile {self.profile}",
                            f"{leaf.path}：规则集{self.profile}中没有{zh}{v!r}",
                            leaf.at,
                            "unknown_id",
                        )


_REGION_IDS = frozenset(
    {
        "region.city",
        "region.county",
        "region.counties",
        "region.township",
        "region.townships",
        "region.special_zone",
    }
)


def cite(basis: Basis) -> Citation:
    return Citation(basis.law, basis.article, basis.source, basis.quote)


def period(start: Any, end: Any) -> Period:
    return Period(start, end)


def grounds_of(cond: Condition) -> frozenset[tuple[str, Any]]:
    """The facts a condition relies on positively: (path, member) for set
    facts, (path, None) — the whole fact — for others. The act's kind and its
    dates are what the law is about, not grounds."""
    out: set[tuple[str, Any]] = set()

    def walk(node: Condition, positive: bool) -> None:
        if isinstance(node, Compare):
            fact = FACTS.get(node.path)
            if (
                not positive
                or fact is None
                or node.op in ("ne", "not_in")
                or (node.op == "exists" and not node.value)
            ):
                return
            if node.path == "violation.kind" or fact.type.value == "date":
                return
            if fact.type.is_set:
                if node.op == "exists":
                    return
                if isinstance(node.value, frozenset):
                    out.update((node.path, v) for v in node.value)
                elif isinstance(node.value, str):
                    out.add((node.path, node.value))
                # any other value was refused when the condition was checked
            else:
                out.add((node.path, None))
            return
        from ..rulesets.conditions import Not

        if isinstance(node, Not):
            walk(node.item, not positive)
            return
        for item in node.items:
            walk(item, positive)

    walk(cond, True)
    return frozenset(out)
