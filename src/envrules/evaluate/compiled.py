"""The default evaluator: every condition compiled once to a Python function
generated from the condition's AST, reading the case's parts directly.

Generated code never contains text from a ruleset: constants are passed in a
tuple and referred to by index, fact reads come from the fact vocabulary's
own expressions, so a ruleset cannot inject code."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..case import FACTS, Context
from ..plan import Plan
from ..plan.cache import compiled_code
from ..rulesets.conditions import All, Compare, Condition, Not
from .protocol import Matcher

Predicate = Callable[..., bool]


class _Writer:
    def __init__(self) -> None:
        self.constants: list[Any] = []
        self.temps = 0

    def const(self, value: Any) -> str:
        self.constants.append(value)
        return f"K[{len(self.constants) - 1}]"

    def temp(self) -> str:
        self.temps += 1
        return f"_t{self.temps}"

    def expr(self, cond: Condition) -> str:
        if isinstance(cond, Compare):
            return self.leaf(cond)
        if isinstance(cond, Not):
            return f"(not {self.expr(cond.item)})"
        if not cond.items:
            return "True" if isinstance(cond, All) else "False"
        joiner = " and " if isinstance(cond, All) else " or "
        return "(" + joiner.join(self.expr(i) for i in cond.items) + ")"

    def leaf(self, node: Compare) -> str:
        fact = FACTS[node.path]
        read, op = f"({fact.expr})", node.op
        if op == "exists":
            if fact.type.is_set:
                return f"bool{read}" if node.value else f"(not {read})"
            return f"({read} is not None)" if node.value else f"({read} is None)"
        k = self.const(node.value)
        if op == "eq":
            return f"({read} == {k})"
        if op == "in":
            return f"({read} in {k})"
        if op == "contains":
            return f"({k} in {read})"
        if op == "contains_any":
            return f"(not {k}.isdisjoint{read})"
        if op == "contains_all":
            return f"({k} <= {read})"
        t = self.temp()
        symbol = {"ne": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "not_in": "not in"}[op]
        return f"(({t} := {read}) is not None and {t} {symbol} {k})"


def compile_conditions(conditions: Sequence[Condition], cache_key: str = "") -> tuple[Predicate, ...]:
    """One function ``f(c, v, e, r, p, x) -> bool`` per condition; the bytecode
    kept beside the cached plan ``cache_key`` if one is given."""
    writer = _Writer()
    lines = []
    for i, cond in enumerate(conditions):
        lines.append(f"def _k{i}(c, v, e, r, p, x):\n    return {writer.expr(cond)}\n")
    names = ", ".join(f"_k{i}" for i in range(len(conditions)))
    source = "".join(lines) + f"PREDICATES = ({names}{',' if len(conditions) == 1 else ''})\n"
    namespace: dict[str, Any] = {"K": tuple(writer.constants)}
    filename = "<envrules conditions>"
    code = compiled_code(source, filename, cache_key) if cache_key else compile(source, filename, "exec")
    exec(code, namespace)
    return tuple(namespace["PREDICATES"])


TableFunction = Callable[..., Any]


def compile_rules(conditions: Sequence[Condition], rules: Sequence[Any], first: bool) -> TableFunction:
    """One function ``f(c, v, e, r, p, x)`` testing a slice of a table's rules in
    order, the conditions inlined: the first rule that holds (or None), or the
    list of all that hold."""
    writer = _Writer()
    body = ["def _table(c, v, e, r, p, x):"]
    if not first:
        body.append("    out = []")
    for i, rule in enumerate(rules):
        test = writer.expr(conditions[rule.cond])
        body.append(f"    if {test}:")
        body.append(f"        return R[{i}]" if first else f"        out.append(R[{i}])")
    body.append("    return None" if first else "    return out")
    namespace: dict[str, Any] = {"K": tuple(writer.constants), "R": tuple(rules)}
    exec(compile("\n".join(body) + "\n", "<envrules table>", "exec"), namespace)
    function: TableFunction = namespace["_table"]
    return function


class CompiledMatcher:
    """Answers condition queries for one case, and runs whole table slices as
    generated functions."""

    __slots__ = ("_args", "_evaluator")

    def __init__(self, evaluator: CompiledEvaluator, args: tuple[Any, ...]) -> None:
        self._evaluator = evaluator
        self._args = args

    def __call__(self, index: int) -> bool:
        return bool(self._evaluator.predicates[index](*self._args))

    def first(self, rules: Sequence[Any]) -> Any:
        """The first of a slice's rules that holds, or None."""
        return self._evaluator.table(rules, True)(*self._args)

    def all(self, rules: Sequence[Any]) -> list[Any]:
        """Every rule of a slice that holds, in order."""
        found: list[Any] = self._evaluator.table(rules, False)(*self._args)
        return found


class CompiledEvaluator:
    """The default evaluator: generated Python, evaluated lazily — a decision
    tests only the conditions it needs; a table slice runs as one function."""

    name = "compiled"

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.predicates = compile_conditions(plan.conditions, plan.cache_key)
        self._tables: dict[tuple[int, bool], TableFunction] = {}

    def table(self, rules: Sequence[Any], first: bool) -> TableFunction:
        key = (id(rules), first)
        function = self._tables.get(key)
        if function is None:  # built once per slice (slices live as long as the plan)
            function = compile_rules(self.plan.conditions, rules, first)
            self._tables[key] = function
        return function

    def bind(self, ctx: Context) -> Matcher:
        return CompiledMatcher(self, (ctx.c, ctx.v, ctx.e, ctx.r, ctx.p, ctx.x))
