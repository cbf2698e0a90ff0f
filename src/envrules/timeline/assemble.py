"""From what an evaluator found to the case's status: statuses of the
deadlines, the amounts, the measures and the warnings, each with its basis
and its explanation. Shared by both evaluators."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ..core.text import Text
from ..plan import Plan
from ..plan.timeline_model import TDeadline, TimelinePlan
from .amounts import daily_total, surcharge
from .calendar import Calendar, count_days
from .explain import both, label, yuan
from .rules import Findings, Inst
from .signals import History, Signal
from .status import AmountItem, CaseStatus, DeadlineItem, MeasureItem, WarningItem


class _Assembly:
    def __init__(self, tp: TimelinePlan, h: History, f: Findings, cal: Calendar) -> None:
        self.tp, self.h, self.f, self.cal = tp, h, f, cal
        self.sigs: dict[str, Signal] = h.by_key()
        self.sigs.update({s.key: s for s in f.expired.values()})
        self.warnings: list[WarningItem] = []
        self.gaps: set[int] = set()

    def ref(self, sig: Signal) -> str:
        """How an item names a signal: ``events[3]``, or the deadline that lapsed."""
        if sig.event is not None:
            return f"events[{sig.event}]"
        return self.display(sig.key.removeprefix("x:"))

    def display(self, inst_id: str) -> str:
        inst = self.f.instances[inst_id]
        return f"{self.tp.deadlines[inst.row].group}@{self.ref(self.sigs[inst.start])}"

    def start_text(self, sig: Signal) -> Text:
        if sig.kind == "expired":
            inst_id = sig.key.removeprefix("x:")
            title = self.tp.deadlines[self.f.instances[inst_id].row].title
            return Text(
                f"{title.zh}期限届满 {self.display(inst_id)}",
                f"end of the period “{title.en}” {self.display(inst_id)}",
            )
        return both(sig.kind, sig.event)

    # --- deadlines ------------------------------------------------------------------------------

    def deadline(self, inst: Inst) -> DeadlineItem:
        row = self.tp.deadlines[inst.row]
        start = self.sigs[inst.start]
        as_of = self.h.as_of
        met = self.sigs.get(self.f.meetings.get(inst.id, ""))
        moot = self.sigs.get(self.f.moots.get(inst.id, ""))
        settled: Signal | None = None
        if moot is not None and (met is None or moot.pos < met.pos):
            status, settled = "moot", moot
        elif met is not None:
            status, settled = ("met" if met.day <= inst.due else "late"), met
        elif inst.due >= as_of:
            status = "open"
        else:
            status = "lapsed" if row.right else "overdue"
        left = (inst.due - as_of).days if status == "open" else None
        over = (
            ((settled.day if settled else as_of) - inst.due).days
            if status in ("late", "overdue", "lapsed")
            else None
        )
        starts_on = start.dates.get(row.starts_from) if row.starts_from else start.day
        assert starts_on is not None
        self.gaps |= inst.gaps
        item = DeadlineItem(
            id=f"{row.group}@{self.ref(start)}",
            rule=row.id,
            group=row.group,
            title=row.title,
            holder=row.holder,
            event=start.event,
            starts_on=starts_on,
            due=inst.due,
            period=self._period(row, inst),
            status=status,
            settled_on=settled.day if settled else None,
            settled_by=settled.event if settled else None,
            days_left=left,
            days_over=over,
            extensions=inst.extensions,
            basis=row.basis,
            explanation=self._explain(row, inst, start, starts_on, status, settled, left, over),
        )
        if status == "open" and row.warn_days is not None and left is not None and (left <= row.warn_days):
            self._warn_due(row, item, left)
        return item

    def _period(self, row: TDeadline, inst: Inst) -> Text:
        if row.span is None:
            return Text("决定书载明的期限", "the date the order sets")
        span = row.span.text()
        if inst.extensions:
            return Text(
                f"{span.zh}（已延长{inst.extensions}次）", f"{span.en} (extended {inst.extensions} time(s))"
            )
        return span

    def _explain(
        self,
        row: TDeadline,
        inst: Inst,
        start: Signal,
        starts_on: date,
        status: str,
        settled: Signal | None,
        left: int | None,
        over: int | None,
    ) -> Text:
        what = self.start_text(start)
        period = self._period(row, inst)
        zh = f"{row.title.zh}：自{starts_on}（{what.zh}）起{period.zh}，至{inst.due}止。"
        en = f"{row.title.en}: {period.en} from {starts_on} ({what.en}), until {inst.due}. "
        by = both(settled.kind, settled.event) if settled else None
        if status == "open":
            zh += "今日届满。" if left == 0 else f"尚未届满，还有{left}日。"
            en += "It ends today." if left == 0 else f"Running: {left} day(s) left."
        elif status == "met" and settled and by:
            zh += f"已于{settled.day}履行（{by.zh}）。"
            en += f"Met on {settled.day} ({by.en})."
        elif status == "late" and settled and by:
            zh += f"于{settled.day}履行（{by.zh}），超过期限{over}日。"
            en += f"Met on {settled.day} ({by.en}), {over} day(s) late."
        elif status == "moot" and settled and by:
            zh += f"因{by.zh}（{settled.day}）不再适用。"
            en += f"No longer applies: {by.en} on {settled.day}."
        elif status == "overdue":
            zh += f"已逾期{over}日，尚未履行。"
            en += f"Overdue by {over} day(s)."
        else:
            zh += f"已届满{over}日，未行使。"
            en += f"Lapsed {over} day(s) ago, unused."
        if row.on_lapse is not None and status in ("late", "overdue", "lapsed"):
            zh += row.on_lapse.zh + "。"
            en += " " + row.on_lapse.en[:1].upper() + row.on_lapse.en[1:] + "."
        return Text(zh, en.strip())

    def _warn_due(self, row: TDeadline, item: DeadlineItem, left: int) -> None:
        kind = row.warn_kind or "deadline_approaching"
        self.warnings.append(
            WarningItem(
                id=f"{kind}:{item.id}",
                kind=kind,
                due=item.due,
                days_left=left,
                about=item.id,
                basis=row.basis,
                explanation=Text(
                    f"{row.title.zh}将于{item.due}届满（还有{left}日）。",
                    f"{row.title.en} runs out on {item.due} ({left} day(s) left).",
                ),
            )
        )

    # --- amounts --------------------------------------------------------------------------------

    def _halts(self, row: int, before: Signal, until: date) -> list[tuple[date, date]]:
        out = []
        for (r, _j, key), end in self.f.halts.items():
            h = self.sigs[key]
            if r != row or h.pos > before.pos:
                continue
            last = self.sigs[end].day - timedelta(days=1) if end else until
            out.append((h.day, last))
        return out

    def _original_fine(self) -> Decimal | None:
        for s in self.h.signals:
            if (
                s.kind == "decision_served"
                and s.fields.get("kind") == "penalty"
                and (s.event is not None and s.event in self.h.fines)
            ):
                return self.h.fines[s.event]
        return None

    def daily(self, row_index: int, order: Signal, end: Signal | None) -> AmountItem:
        row = self.tp.daily[row_index]
        last = end.day if end is not None else self.h.as_of
        halts = self._halts(row_index, end or self._clock(), last)
        total, excluded = count_days(order.day + timedelta(days=1), last, halts)
        days = total - excluded
        per_day = self._original_fine()
        amount = daily_total(per_day, days)
        first = order.day + timedelta(days=1)
        halt_zh = f"（其中{excluded}日停止排污，不计）" if excluded else ""
        halt_en = f" ({excluded} day(s) with the discharge halted not counted)" if excluded else ""
        if end is not None:
            zh = (
                f"按日连续处罚：自{first}（{label(order.kind, order.event, 'zh')}的次日）至{last}"
                f"（{label(end.kind, end.event, 'zh')}发现违法行为继续）计{days}日{halt_zh}，"
                f"按原罚款数额{yuan(per_day, 'zh')}每日计，合计{yuan(amount, 'zh')}。"
            )
            en = (
                f"Daily penalty: {days} day(s) from {first} (the day after the "
                f"{label(order.kind, order.event, 'en')}) to {last} (the "
                f"{label(end.kind, end.event, 'en')} found the act continuing){halt_en}, at the "
                f"original fine of {yuan(per_day, 'en')} a day: {yuan(amount, 'en')}."
            )
        else:
            zh = (
                f"按日连续处罚（暂计）：自{first}至{last}已{days}日{halt_zh}；如复查发现违法行为继续，"
                f"按原罚款数额{yuan(per_day, 'zh')}每日计为{yuan(amount, 'zh')}。"
            )
            en = (
                f"Daily penalty accruing: {days} day(s) from {first} to {last}{halt_en}; if the "
                f"re-inspection finds the act continuing, {yuan(per_day, 'en')} a day makes "
                f"{yuan(amount, 'en')}."
            )
        ref = end if end is not None else order
        also = (row.stopped_basis,) if excluded and row.stopped_basis else ()
        return AmountItem(
            id=f"{'daily' if end else 'daily_accruing'}@events[{ref.event}]",
            rule=row.id,
            kind="daily_penalty" if end else "daily_penalty_accruing",
            event=ref.event,
            start=first,
            end=last,
            days=days,
            excluded_days=excluded,
            per_day=per_day,
            amount=amount,
            provisional=end is None,
            basis=row.basis,
            also=also,
            explanation=Text(zh, en),
        )

    def _clock(self) -> Signal:
        return Signal("clock", "clock", self.h.as_of, 10**18, -1, None)

    def surcharge(self, row_index: int, x: Signal) -> AmountItem | None:
        row = self.tp.surcharges[row_index]
        k = x.subject
        fine = self.h.fines.get(k)
        if fine is None or any(s.kind == "revoked" and s.subject == k for s in self.h.signals):
            return None
        payments = [(d, a) for d, a, _ in self.h.payments.get(k, ())]
        pauses = []
        for (r, _j, key), end in self.f.pauses.items():
            a = self.sigs[key]
            if r == row_index and a.subject == k:
                pauses.append((a.day, self.sigs[end].day if end else self.h.as_of))
        s = surcharge(fine, row.rate, row.cap, x.day, self.h.as_of, payments, pauses)
        zh = (
            f"加处罚款：自{x.day}（缴纳期限届满次日）起每日按罚款数额的{row.rate}%计，计{s.days}日"
            + (f"（行政复议、诉讼期间{s.paused}日不计）" if s.paused else "")
            + f"，共{yuan(s.amount, 'zh')}"
            + (f"；已于{s.capped_on}达到罚款数额，不再增加。" if s.capped_on else "。")
        )
        en = (
            f"Surcharge: {row.rate} % of the fine a day from {x.day} (the day after the payment "
            f"period), {s.days} day(s)"
            + (f" ({s.paused} day(s) of review or suit not counted)" if s.paused else "")
            + f": {yuan(s.amount, 'en')}"
            + (f"; it reached the fine on {s.capped_on} and stops there." if s.capped_on else ".")
        )
        return AmountItem(
            id=f"surcharge@events[{k}]",
            rule=row.id,
            kind="surcharge",
            event=k,
            start=x.day,
            end=self.h.as_of,
            days=s.days,
            excluded_days=s.paused,
            rate_percent=row.rate,
            base=fine,
            amount=s.amount,
            cap=fine if row.cap else None,
            capped_on=s.capped_on,
            basis=row.basis,
            explanation=Text(zh, en),
        )

    # --- measures -------------------------------------------------------------------------------

    def measures(self) -> list[MeasureItem]:
        best: dict[tuple[int, str], tuple[date, tuple[str, ...]]] = {}
        for index, keys in self.f.measures:
            m = self.tp.measures[index]
            when = date.min
            for trig, key in zip(m.after, keys, strict=True):
                sig = self.sigs[key]
                day = sig.day
                if trig.wait is not None:
                    gaps: set[int] = set()
                    day = self.cal.add(sig.day, trig.wait, gaps) + timedelta(days=1)
                    self.gaps |= gaps
                when = max(when, day)
            old = best.get((index, keys[0]))
            if old is None or when < old[0]:
                best[(index, keys[0])] = (when, keys)
        return [self._measure(i, when, keys) for (i, _), (when, keys) in best.items()]

    def _measure(self, index: int, when: date, keys: tuple[str, ...]) -> MeasureItem:
        m = self.tp.measures[index]
        taken = self.sigs.get(self.f.taken.get((index, keys[0]), ""))
        status = "taken" if taken else ("available" if when <= self.h.as_of else "pending")
        triggers = [self.sigs[k] for k in keys]
        why = Text(
            "、".join(self.start_text(s).zh for s in triggers),
            ", ".join(self.start_text(s).en for s in triggers),
        )
        zh = f"{m.title.zh}：{why.zh}，自{when}起可以采取。"
        en = f"{m.title.en}: after {why.en}, available from {when}."
        if taken is not None:
            zh += f"已于{taken.day}采取（{label(taken.kind, taken.event, 'zh')}）。"
            en += f" Taken on {taken.day} ({label(taken.kind, taken.event, 'en')})."
        return MeasureItem(
            id=f"{m.measure}@{self.ref(triggers[0])}",
            rule=m.id,
            measure=m.measure,
            title=m.title,
            status=status,
            available_from=when,
            taken_on=taken.day if taken else None,
            taken_by=taken.event if taken else None,
            triggers=tuple(self.ref(s) for s in triggers),
            basis=m.basis,
            explanation=Text(zh, en),
        )

    def calendar_warnings(self) -> None:
        for year in sorted(self.gaps):
            self.warnings.append(
                WarningItem(
                    id=f"calendar_unknown:{year}",
                    kind="calendar_unknown",
                    explanation=Text(
                        f"规则集中没有{year}年的节假日安排，该年的工作日按周一至周五计算。",
                        f"The rulesets have no holiday calendar for {year}: its working days were "
                        "counted Monday to Friday.",
                    ),
                )
            )


def assemble(plan: Plan, history: History, findings: Findings, cal: Calendar, evaluator: str) -> CaseStatus:
    tp = plan.timeline
    assert tp is not None
    a = _Assembly(tp, history, findings, cal)
    deadlines = sorted(
        (a.deadline(i) for i in findings.instances.values()), key=lambda d: (d.starts_on, d.due, d.id)
    )
    amounts = [a.daily(r, a.sigs[o], a.sigs[x]) for r, o, x in findings.cycles]
    amounts += [a.daily(r, a.sigs[o], None) for r, o in findings.accruing]
    amounts += [x for x in (a.surcharge(r, a.sigs[k]) for r, k in findings.surcharges) if x]
    measures = sorted(a.measures(), key=lambda m: (m.available_from, m.id))
    a.calendar_warnings()
    return CaseStatus(
        as_of=history.as_of,
        profile=plan.profile,
        rulesets=plan.digest,
        evaluator=evaluator,
        deadlines=tuple(deadlines),
        amounts=tuple(sorted(amounts, key=lambda x: (x.start, x.id))),
        measures=tuple(measures),
        warnings=tuple(sorted(a.warnings, key=lambda w: (w.due or date.min, w.id))),
        ignored_events=history.ignored,
    )
