"""The penalty part of a decision: statutory range by date, the lighter-law
rule (从旧兼从轻), limitation, adjustments as exceptions, permitted range.

Everything here is pure: a function of the plan, the case, the condition
matcher and explicit dates."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import attrs

from ._benchmark import find_item, score
from ._case import Case, Circumstance, EnterpriseKind
from ._conditions import paths_of
from ._decision import (
    Adjustment,
    Citation,
    DailyPenalty,
    Flag,
    Limitation,
    MoneyRange,
    Penalty,
    TraceEntry,
    VersionCandidate,
)
from ._errors import EnvrulesError, NoVersionInForce
from ._evaluators import Matcher
from ._facts import FACTS, shift_years
from ._money import ZERO, ceil_yuan, floor_yuan, format_yuan, to_yuan
from ._outcomes import Text
from ._plan import ADJUSTMENT_ORDER, Plan, PlanAdjustment, PlanKind, PlanTier, PlanVersion
from ._schema import (
    AdjustmentPolicy,
    Basis,
    Fine,
    Fixed,
    MultipleOf,
    NoFine,
    PercentOf,
    PerUnit,
    Unspecified,
)

CODE_IN_FORCE = date(2026, 8, 15)
APL = "中华人民共和国行政处罚法（2021年修订）"
CODE = "中华人民共和国生态环境法典"
EPL = "中华人民共和国环境保护法（2014年修订）"
DEFAULT_POLICY = AdjustmentPolicy(
    lighter_upper=Decimal("0.5"), heavier_lower=Decimal("0.5"), reduced_floor=Decimal("0"),
    basis=Basis(law="envrules default (no benchmark in force for this profile)",
                article="docs/penalty.md"),
)


@attrs.frozen
class Span:
    """A money range in whole yuan; ``lo <= hi``, both ≥ 0."""

    lo: Decimal = attrs.field()
    hi: Decimal = attrs.field()

    @hi.validator
    def _ordered(self, _: object, hi: Decimal) -> None:
        if not (ZERO <= self.lo <= hi):
            raise ValueError(f"invalid range {self.lo}–{hi}")

    def out(self) -> MoneyRange:
        return MoneyRange(min=self.lo, max=self.hi)

    def text(self, lang: str = "zh") -> str:
        return f"{format_yuan(self.lo, lang)}–{format_yuan(self.hi, lang)}"


@functools.lru_cache(maxsize=8192)
def tx(zh: str, en: str) -> Text:
    """A bilingual text (immutable, so identical texts are shared)."""
    return Text(zh=zh, en=en)


@functools.lru_cache(maxsize=8192)
def same(text: str) -> Text:
    """A language-neutral text (ids, formulas, amounts)."""
    return Text(zh=text or "—", en=text or "—")


def cite(basis: Basis) -> Citation:
    """The decision's citation of a ruleset basis, made once per basis and
    kept on it (a Citation is immutable; no global cache)."""
    private = basis.__pydantic_private__  # direct: pydantic's __getattr__ is slow here
    assert private is not None
    citation = private.get("_citation")
    if citation is None:
        citation = Citation(law=basis.law, article=basis.article, source=basis.source)
        private["_citation"] = citation
    assert isinstance(citation, Citation)
    return citation


# --------------------------------------------------------------------------- formulas


def _bounded(lo: Decimal, hi: Decimal) -> Span:
    # Amounts computed from a percentage or multiple are rounded *inward* to
    # whole yuan, so the computed range never exceeds the statute's.
    lo_r, hi_r = ceil_yuan(lo), floor_yuan(hi)
    return Span(min(lo_r, hi_r), hi_r)


BASES = {"investment": "建设项目总投资额", "illegal_gain": "违法所得", "cost": "所需处置费用",
         "direct_loss": "直接经济损失", "person_income": "上一年度从本单位取得的收入",
         "discharge_fee": "应缴纳排污费数额", "goods_value": "货值金额",
         "reclamation_fee": "耕地开垦费",
         "units": "每件", "continuing_days": "每日"}


def _bounds_text(floor: Decimal | None, cap: Decimal | None) -> str:
    return ((f"，不低于{format_yuan(floor)}" if floor is not None else "")
            + (f"，最高{format_yuan(cap)}" if cap is not None else ""))


def _within(lo: Decimal, hi: Decimal, floor: Decimal | None,
            cap: Decimal | None) -> tuple[Decimal, Decimal]:
    """Apply a formula's floor (不足…按…计算) and cap (最高…) to both ends."""
    if floor is not None:
        lo, hi = max(lo, floor), max(hi, floor)
    if cap is not None:
        lo, hi = min(lo, cap), min(hi, cap)
    return lo, hi


@functools.lru_cache(maxsize=4096)
def fine_text(fine: Fine) -> str:
    if isinstance(fine, Fixed):
        return f"{format_yuan(fine.min)}以上{format_yuan(fine.max)}以下"
    if isinstance(fine, PercentOf):
        return (f"{BASES[fine.base]}的{fine.min_percent}%–{fine.max_percent}%"
                + _bounds_text(fine.floor, fine.cap))
    if isinstance(fine, MultipleOf):
        text = (f"{BASES[fine.base]}{fine.min_multiple}–{fine.max_multiple}倍"
                + _bounds_text(fine.floor, fine.cap))
        if fine.otherwise is not None:
            text += f"；无{BASES[fine.base]}时{fine_text(fine.otherwise)}"
        return text
    if isinstance(fine, PerUnit):
        return f"{BASES[fine.base]}{format_yuan(fine.min)}–{format_yuan(fine.max)}"
    if isinstance(fine, NoFine):
        return "不处罚款"
    if isinstance(fine, Unspecified):
        return "处罚款（法律未规定数额）"
    return f"{format_yuan(fine.max)}以下"


def compute_fine(fine: Fine, case: Case) -> tuple[Span | None, tuple[str, ...]]:
    """The range a formula gives for a case, or the facts it still needs."""
    v = case.violation
    assert v is not None
    if isinstance(fine, Fixed):
        return Span(fine.min, fine.max), ()
    if isinstance(fine, NoFine):
        return Span(ZERO, ZERO), ()
    if isinstance(fine, Unspecified):
        return None, ()
    if isinstance(fine, PercentOf):
        base = getattr(v, fine.base)
        if base is None:
            return None, (f"violation.{fine.base}",)
        lo, hi = _within(base * fine.min_percent / 100, base * fine.max_percent / 100,
                         fine.floor, fine.cap)
        return _bounded(lo, hi), ()
    if isinstance(fine, MultipleOf):
        base = getattr(v, fine.base)
        if base is None or base == 0:
            if fine.otherwise is not None:
                return compute_fine(fine.otherwise, case)
            if base is None:
                return None, (f"violation.{fine.base}",)
        lo, hi = _within(base * fine.min_multiple, base * fine.max_multiple,
                         fine.floor, fine.cap)
        return _bounded(lo, hi), ()
    if isinstance(fine, PerUnit):
        count = getattr(v, fine.base)
        if count is None:
            return None, (f"violation.{fine.base}",)
        return Span(fine.min * count, fine.max * count), ()
    return Span(ZERO, fine.max), ()  # up_to


# --------------------------------------------------------------------------- versions


@attrs.frozen
class Candidate:
    version: PlanVersion
    role: str
    tier: PlanTier | None
    span: Span | None
    missing: tuple[str, ...]

    def out(self) -> VersionCandidate:
        return VersionCandidate(
            version=self.version.id,
            role=self.role,
            effective_from=self.version.effective_from,
            effective_to=self.version.effective_to,
            basis=cite(self.version.basis),
            tier=self.tier.id if self.tier else None,
            formula=fine_text(self.tier.fine) if self.tier else "—",
            range=self.span.out() if self.span else None,
            missing_facts=self.missing,
            not_illegal=self.version.not_illegal,
        )


def _candidate(version: PlanVersion, role: str, case: Case, match: Matcher,
               plan: Plan) -> Candidate:
    tier = next((t for t in version.tiers if match(t.cond)), None)
    if version.not_illegal:
        return Candidate(version, role, tier, Span(ZERO, ZERO), ())
    if tier is not None and tier.refers_to is not None:
        return Candidate(version, role, tier, None, ())  # another kind: no range to compare
    if tier is None:
        # no tier applies: name the facts the tiers test that the case leaves unset
        tested = sorted(set().union(*(paths_of(plan.conditions[t.cond]) for t in version.tiers)))
        unset = tuple(p for p in tested if _unset(case, p))
        return Candidate(version, role, None, None, unset)
    span, missing = compute_fine(tier.fine, case)
    return Candidate(version, role, tier, span, missing)


def _unset(case: Case, path: str) -> bool:
    fact = FACTS.get(path)
    if fact is None or fact.derived:
        return False
    value = fact.getter(case)
    return value is None


def lighter(new: Candidate, old: Candidate) -> tuple[bool, Text]:
    """Is the later version lighter for this case? (docs/penalty.md)

    Lighter means: it no longer treats the act as illegal; or, with both
    ranges computed on the case's own facts, its maximum is lower, or its
    maximum is equal and its minimum lower. Ranges that cannot be computed
    (a missing fact) cannot be shown lighter, so the old law stays."""
    if new.version.not_illegal:
        return True, tx("新的规定不认为该行为违法", "the later version no longer treats the act as illegal")
    if new.span is None or old.span is None:
        if new.missing or old.missing:
            facts = ", ".join(new.missing + old.missing)
            return False, tx(f"缺少{facts}，无法比较轻重", f"the ranges cannot be compared without {facts}")
        return False, tx("其中一个版本对本案无法计算幅度",
                         "one version gives no computable range for this case")
    if (new.span.hi, new.span.lo) < (old.span.hi, old.span.lo):
        return True, tx(f"新规定幅度{new.span.text()}轻于{old.span.text()}",
                        f"the later range {new.span.text('en')} is lighter than {old.span.text('en')}")
    return False, tx(f"新规定幅度{new.span.text()}不轻于{old.span.text()}",
                     f"the later range {new.span.text('en')} is not lighter than {old.span.text('en')}")


# --------------------------------------------------------------------------- limitation


def limitation(case: Case, as_of: date, version: PlanVersion | None = None) -> Limitation:
    """行政处罚法 art. 36; 生态环境法典 art. 1054 for acts from 2026-08-15; a
    version's own ``limitation_years`` (a special rule of that law) prevails."""
    v = case.violation
    assert v is not None
    if v.occurred_on >= CODE_IN_FORCE:
        years = 5 if v.pollution_or_damage else 2
        basis = Citation(law=CODE, article="第一千零五十四条")
    else:
        years = 2
        basis = Citation(law=APL, article="第三十六条")
    if version is not None and version.limitation_years is not None:
        years, basis = version.limitation_years, cite(version.basis)
    if v.ended_on is None:  # continuing: the period has not started
        return Limitation(years=years, runs_from=None, expires_on=None, expired=False, basis=basis)
    expires = shift_years(v.ended_on, years)
    found = v.discovered_on or as_of
    return Limitation(years=years, runs_from=v.ended_on, expires_on=expires, found_on=found,
                      expired=found > expires, basis=basis)


# --------------------------------------------------------------------------- the procedure


def decide_penalty(
    plan: Plan, kind: PlanKind, case: Case, match: Matcher, as_of: date,
    trace: list[TraceEntry], rematch: Callable[[Case], Matcher] | None = None,
) -> Penalty:
    """The penalty part of a decision. ``rematch`` gives a matcher for a
    variant of the case (used when a tier consumes circumstances)."""
    v = case.violation
    assert v is not None
    old = _candidate(kind.version_on(v.occurred_on), "in_force_when_act_occurred", case, match,
                     plan)
    candidates = [old]
    applied = old
    reason = tx("适用违法行为发生时的规定", "only the version in force when the act occurred applies")
    if case.decided_on is not None:
        try:
            later = kind.version_on(case.decided_on)
        except NoVersionInForce:  # no version in force on the decision date: keep the old law
            later = None
            reason = tx("作出决定时没有有效的规定，适用行为时的规定",
                        "no version is in force on the decision date; the old law applies")
        if later is not None and later.id != old.version.id:
            new = _candidate(later, "in_force_on_decision_date", case, match, plan)
            candidates.append(new)
            is_lighter, why = lighter(new, old)
            applied = new if is_lighter else old
            reason = tx(("从旧兼从轻：适用新的规定——" if is_lighter else "从旧兼从轻：适用行为时的规定——")
                        + why.zh,
                        ("从旧兼从轻: the later version applies — " if is_lighter
                         else "从旧兼从轻: the old version applies — ") + why.en)
        elif later is not None:
            reason = tx("行为时的规定在作出决定时仍然有效",
                        "the version in force when the act occurred is still in force")
    trace.append(TraceEntry(
        step="penalty.version", rule=applied.version.id, title=kind.title,
        outcome=reason, basis=cite(applied.version.basis),
    ))
    if applied.tier is not None:
        trace.append(TraceEntry(
            step="penalty.tier", rule=f"{applied.version.id}#{applied.tier.id}",
            title=applied.tier.title,
            outcome=same(f"{fine_text(applied.tier.fine)}"
                         + (f" = {applied.span.text()}" if applied.span else "")),
            basis=cite(applied.version.basis),
        ))

    version, tier = applied.version, applied.tier
    statutory = applied.span
    lim = limitation(case, as_of, applied.version)
    citation = cite(tier.basis if tier is not None and tier.basis is not None else version.basis)
    common = dict(kind=kind.id, kind_title=kind.title,
                  candidates=tuple(c.out() for c in candidates),
                  applied_version=version.id, lighter_law=reason,
                  statutory_basis=citation,
                  formula=fine_text(tier.fine) if tier else "—", limitation=lim)
    if lim.expired:
        trace.append(TraceEntry(step="penalty.limitation", rule="limitation",
                                outcome=tx(f"{lim.expires_on}后才发现：超过追责时效，不予行政处罚",
                                           f"found after {lim.expires_on}: no penalty"),
                                basis=lim.basis))
        return Penalty(outcome="no_penalty",
                       outcome_reason=tx("超过追责时效", "limitation period expired"),
                       statutory_range=statutory.out() if statutory else None,
                       permitted_range=MoneyRange(min=ZERO, max=ZERO), recommended=ZERO,
                       **common)
    if version.not_illegal:
        return Penalty(outcome="no_penalty",
                       outcome_reason=tx("新的规定不认为该行为违法",
                                         "the later law no longer treats the act as illegal"),
                       statutory_range=None,
                       permitted_range=MoneyRange(min=ZERO, max=ZERO), recommended=ZERO,
                       **common)
    if tier is None or statutory is None:
        missing = applied.missing
        if tier is not None and tier.refers_to is not None:
            why = tx(f"依该版本，本行为属于{tier.refers_to}，应按该违法行为处理",
                     f"under this version the act is {tier.refers_to}: decide it as that kind")
        elif tier is not None and isinstance(tier.fine, Unspecified):
            why = tx("法律规定了罚款但未规定数额：幅度由地方规定确定",
                     "the law provides a fine but sets no amount: local rules set the range")
        elif missing:
            why = tx("尚需事实：" + "、".join(missing), "needs " + ", ".join(missing))
        else:
            why = tx("法律的各档次均不适用于本案事实", "no tier of the law fits the facts")
        return Penalty(outcome="undetermined", outcome_reason=why, statutory_range=None,
                       missing_facts=missing, **common)

    if isinstance(tier.fine, NoFine):
        trace.append(TraceEntry(step="penalty.outcome", rule=f"{version.id}#{tier.id}",
                                outcome=tx("法律对此不设罚款：仅采取其他措施",
                                           "the law provides no fine here: measures only"),
                                basis=citation))
        return Penalty(outcome="measures_only",
                       outcome_reason=tx("法律对此不设罚款，仅适用其他措施",
                                         "the law provides no fine for this act at this stage; "
                                         "only the measures apply"),
                       statutory_range=statutory.out(), permitted_range=statutory.out(),
                       recommended=ZERO, measures=tier.measures,
                       discretionary_measures=tier.discretionary_measures,
                       detention_transfer=version.detention, **common)
    band = statutory
    policy = plan.adjustment_policy or DEFAULT_POLICY
    adj_case, adj_match = case, match
    consumed = tier.consumes & v.circumstances
    if consumed and rematch is not None:
        # the circumstances that selected this tier are not weighed again (禁止重复评价)
        adj_case = case.model_copy(update={"violation": v.model_copy(
            update={"circumstances": v.circumstances - consumed})})
        adj_match = rematch(adj_case)
        trace.append(TraceEntry(
            step="penalty.tier", rule=f"{version.id}#{tier.id}",
            outcome=tx("已作为适用档次的情节，不再重复评价：" + "、".join(sorted(consumed)),
                       "already priced by the tier, not weighed again: "
                       + ", ".join(sorted(consumed))),
            basis=citation))
    adjustments, permitted, outcome, outcome_reason = _adjust(
        plan, kind, adj_case, adj_match, band, policy, as_of, trace)
    bench = None
    found = find_item(plan, kind.id, version, as_of, match)
    if found is not None:
        bench = score(found[0], found[1], match, statutory.lo, statutory.hi)
        trace.append(TraceEntry(
            step="penalty.benchmark", rule=bench.item, title=bench.title,
            outcome=same("; ".join(f"{f.factor}={f.level} {f.percent}%" for f in bench.factors)
                         + f"; Σ {bench.total_percent}% → {format_yuan(bench.amount)}"),
            basis=cite(found[1].basis)))
    if outcome == "no_penalty":
        recommended = ZERO
        how = tx("不予处罚", "no penalty")
    elif bench is not None:
        recommended = bench.amount  # the benchmark amount, moved into the permitted range
        how = tx("裁量基准计算的罚款数额（置于可处罚款幅度内）",
                 "the benchmark amount, kept within the permitted range")
    else:
        recommended = to_yuan((permitted.lo + permitted.hi) / 2)  # 一般处罚: the middle
        how = tx("无适用的裁量基准：取可处罚款幅度的中间值",
                 "no benchmark applies: the middle of the permitted range")
    recommended = min(max(recommended, permitted.lo), permitted.hi)
    person = None
    person_formula = tier.person_fine or version.person_fine
    if person_formula is not None:
        pspan, _ = compute_fine(person_formula, case)
        person = pspan.out() if pspan else None
    daily = _daily(version, case, recommended)
    hearing = _hearing(plan, case, permitted, as_of)
    large = hearing is not None and hearing.required
    below = permitted.lo < statutory.lo
    return Penalty(
        outcome=outcome, outcome_reason=outcome_reason, statutory_range=statutory.out(),
        band=band.out(), benchmark=bench, recommended_basis=how,
        adjustments=tuple(adjustments),
        permitted_range=permitted.out(),
        recommended=recommended, person_fine=person, measures=tier.measures,
        discretionary_measures=tier.discretionary_measures,
        daily_penalty=daily, detention_transfer=version.detention,
        hearing_right=hearing,
        legal_review=Flag(
            required=large or below,
            reason=(tx("罚款可能达到听证标准", "the fine may reach the hearing threshold") if large
                    else tx("可处罚款低于法定最低限额（减轻）",
                            "the permitted range goes below the statutory minimum") if below
                    else tx("一般案件", "ordinary case")),
            basis=Citation(law=APL, article="第五十八条")),
        collective_deliberation=Flag(
            required=below or (large and outcome == "fine"),
            reason=(tx("减轻处罚低于法定最低限额，应当集体讨论",
                       "a reduction below the statutory minimum needs collective deliberation")
                    if below else tx("较大数额罚款（重大案件）应当集体讨论",
                                     "a large fine (major case) needs collective deliberation")
                    if large else tx("一般案件", "ordinary case")),
            basis=Citation(law=APL, article="第五十七条第二款")),
        **common,
    )


class CapExceeded(EnvrulesError):
    """A ruleset would let the permitted maximum exceed the statutory cap.
    The engine refuses to decide rather than return such a decision."""

    def __init__(self, rule: str, amount: Decimal, cap: Decimal) -> None:
        self.rule, self.amount, self.cap = rule, amount, cap
        super().__init__(f"adjustment {rule} would permit {amount}, above the statutory maximum "
                         f"{cap} (不得超过法定罚款限度): fix the ruleset (`envrules lint`)")





def _adjust(
    plan: Plan, kind: PlanKind, case: Case, match: Matcher, band: Span,
    policy: AdjustmentPolicy, as_of: date, trace: list[TraceEntry],
) -> tuple[list[Adjustment], Span, str, Text]:
    """Adjustments are exceptions to the band (default logic, docs/penalty.md):
    不予处罚 (mandatory) overrides everything; 减轻 overrides 从轻/从重; 从轻 and
    从重 together offset to the whole band; alone each takes its part of it.
    An aggravating ground never lowers the range; a mitigating one never
    raises it."""
    assert case.violation is not None
    occurred = case.violation.occurred_on
    considered: list[PlanAdjustment] = []
    hits: dict[str, list[str]] = {k: [] for k in ADJUSTMENT_ORDER}
    ranges: dict[str, list[tuple[str, tuple[Decimal, Decimal]]]] = {"lighter": [], "heavier": []}
    may_waive = []
    for adj in plan.adjustments:  # already in the order exceptions are weighed
        if adj.kinds is not None and kind.id not in adj.kinds:
            continue
        # 从旧兼从轻: an aggravating ground counts only if it was the law when the act
        # occurred and still is when deciding; a mitigating ground if it is either.
        if adj.kind == "heavier":
            in_force = adj.in_force(occurred) and adj.in_force(as_of)
        else:
            in_force = adj.in_force(occurred) or adj.in_force(as_of)
        if not in_force or not match(adj.cond):
            continue
        if adj.kind == "no_penalty" and not adj.mandatory:
            may_waive.append(adj.id)
        else:
            hits[adj.kind].append(adj.id)
        if adj.range is not None and adj.kind in ranges:
            ranges[adj.kind].append((adj.id, adj.range))
        considered.append(adj)

    span = band.hi - band.lo
    if hits["no_penalty"]:
        permitted, outcome, why = Span(ZERO, ZERO), "no_penalty", tx("不予处罚", "no penalty")
        effect = {"no_penalty": tx("不予处罚", "no penalty: no fine")}
    elif hits["reduced"] and band.lo > 0:
        lo = ceil_yuan(band.lo * policy.reduced_floor)
        permitted, outcome, why = (Span(min(lo, band.lo), band.lo), "fine",
                                   tx("减轻处罚", "reduced penalty"))
        effect = {"reduced": tx(f"减轻：低于法定最低限额，{permitted.text()}",
                                f"reduced: below the statutory minimum, {permitted.text('en')}")}
    else:
        mitigating = bool(hits["lighter"] or hits["reduced"] or hits["lighter_or_reduced"])
        aggravating = bool(hits["heavier"])
        lo, hi = band.lo, band.hi
        own = ranges["lighter"] if mitigating and not aggravating else (
            ranges["heavier"] if aggravating and not mitigating else [])
        if own:  # the adjustments' own ranges (their envelope) instead of the policy
            lo = ceil_yuan(band.lo + span * min(r[0] for _, r in own))
            hi = floor_yuan(band.lo + span * max(r[1] for _, r in own))
            if hi > band.hi:
                rule = max(own, key=lambda x: x[1][1])[0]
                raise CapExceeded(rule, hi, band.hi)
            if hits["lighter_or_reduced"] and mitigating and not aggravating:
                lo = ceil_yuan(band.lo * policy.reduced_floor)
        elif mitigating and not aggravating:
            hi = floor_yuan(band.lo + span * policy.lighter_upper)
            if hits["lighter_or_reduced"]:
                lo = ceil_yuan(band.lo * policy.reduced_floor)
        elif aggravating and not mitigating:
            lo = ceil_yuan(band.lo + span * policy.heavier_lower)
        permitted = Span(min(lo, hi), hi)
        outcome, why = "fine", tx("在法定幅度内处以罚款", "fine within the band")
        effect = _effects(permitted, mitigating, aggravating) if considered else {}
    if may_waive and outcome == "fine":
        outcome, why = "may_waive", tx("首违不罚：可以不予行政处罚",
                                       "first violation: the authority may decide not to fine")
    applied_kinds = ({"no_penalty"} if hits["no_penalty"] else
                     {"reduced"} if hits["reduced"] and band.lo > 0 else
                     {k for k in ("lighter", "lighter_or_reduced", "reduced", "heavier") if hits[k]})
    out = []
    for adj in considered:
        applied = (adj.kind in applied_kinds and (adj.mandatory or adj.kind != "no_penalty")) or (
            adj.id in may_waive and outcome == "may_waive")
        eff = effect.get(adj.kind, same("")) if applied else (
            tx("可以不予处罚（首违不罚）", "may not fine (first violation)") if adj.id in may_waive
            else tx("被效力更强的例外排除", "overridden by a stronger exception"))
        basis = cite(adj.basis)
        out.append(Adjustment(rule=adj.id, kind=adj.kind, title=adj.title,
                              mandatory=adj.mandatory, applied=applied, basis=basis, effect=eff))
        trace.append(TraceEntry(step=f"penalty.adjustment.{adj.kind}", rule=adj.id,
                                title=adj.title, outcome=eff, basis=basis, fired=applied))
    return out, permitted, outcome, why


def _effects(permitted: Span, mitigating: bool, aggravating: bool) -> dict[str, Text]:
    """What each kind of adjustment did to the range, for the decision and the trace."""
    whole = tx("从轻与从重相抵：在整个法定幅度内", "lighter and heavier offset: the whole range")
    zh, en = permitted.text(), permitted.text("en")
    return {
        "lighter": (tx(f"从轻：幅度的较低部分，{zh}", f"lighter: lower part of the range, {en}")
                    if not aggravating else whole),
        "reduced": tx("法定最低限额为零，无法减轻：按从轻处理",
                      "reduction impossible below a minimum of zero: treated as lighter"),
        "lighter_or_reduced": (
            tx(f"从轻或者减轻：自减轻下限至幅度的较低部分，{zh}",
               f"lighter or reduced: from the reduced floor to the lower part, {en}")
            if not aggravating else whole),
        "heavier": (tx(f"从重：幅度的较高部分，{zh}", f"heavier: upper part of the range, {en}")
                    if not mitigating else whole),
    }


def _daily(version: PlanVersion, case: Case, per_day: Decimal) -> DailyPenalty | None:
    if not version.daily_penalty:
        return None
    assert case.violation is not None
    code = version.effective_from >= CODE_IN_FORCE  # the law actually applied
    basis = (Citation(law=CODE, article="第一千零六十条") if code
             else Citation(law=EPL, article="第五十九条"))
    refused = Circumstance.refused_correction in case.violation.circumstances
    if not refused:
        return DailyPenalty(eligible=False, basis=basis,
                            reason=tx("仅在罚款并责令改正后拒不改正、违法行为继续时适用",
                                      "applies only if the act continues after a fine and an "
                                      "order to correct"))
    days = case.violation.continuing_days
    return DailyPenalty(
        eligible=True, basis=basis,
        reason=tx("拒不改正：自责令改正之日的次日起，按照原处罚数额按日连续处罚",
                  "refused to correct: the original amount per day from the day after the order "
                  "to correct"),
        days=days, per_day=per_day, total=per_day * days if days is not None else None,
    )


def _hearing(plan: Plan, case: Case, permitted: Span, as_of: date) -> Flag | None:
    thresholds = [t for t in plan.hearing_thresholds if t.in_force(as_of)]
    if not thresholds:
        return None
    t = thresholds[-1]
    individual = case.enterprise.kind is EnterpriseKind.natural_person
    limit = t.individual if individual else t.unit
    return Flag(
        required=permitted.hi >= limit,
        reason=tx(f"{'个人' if individual else '单位'}{format_yuan(limit)}以上罚款应告知听证权利；"
                  f"可处罚款最高{format_yuan(permitted.hi)}",
                  f"a fine of {format_yuan(limit, 'en')} or more carries a hearing right "
                  f"({'individual' if individual else 'unit'}); the permitted maximum is "
                  f"{format_yuan(permitted.hi, 'en')}"),
        basis=cite(t.basis),
    )
