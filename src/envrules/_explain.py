"""Render a decision as text a lawyer can follow, in Chinese or English."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ._decision import Decision, MoneyRange
from ._money import format_yuan

_L: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "处理决定", "case": "案件", "profile": "规则集", "dates": "日期",
        "occurred": "违法行为发生", "decided": "作出决定", "asof": "程序规则适用日",
        "jurisdiction": "一、管辖", "level": "层级", "authority": "执法机关",
        "departments": "二、职责部门", "office": "内设处室", "transfers": "移送",
        "supervision": "监管", "monitoring": "监测事权",
        "penalty": "三、罚款", "candidates": "可适用的法律版本（从旧兼从轻）",
        "applied": "适用", "statutory": "法定幅度", "band": "裁量基准幅度",
        "adjustments": "从轻、减轻、从重、不予处罚", "permitted": "可处罚款幅度",
        "recommended": "建议罚款", "measures": "其他措施", "daily": "按日连续处罚",
        "limitation": "追责时效", "flags": "程序", "hearing": "听证", "review": "法制审核",
        "collective": "集体讨论", "trace": "四、规则适用记录", "none": "无",
        "missing": "尚需事实", "yes": "是", "no": "否", "outcome": "结论",
        "role": {"lead": "牵头", "cooperating": "配合", "participating": "参与",
                 "informed": "知会", "sole": "负责"},
        "level_names": {"province": "省级", "city": "市级", "county": "县级",
                        "township": "乡镇（街道）级", "needs_designation": "需由共同上级指定管辖"},
        "not_fired": "未适用", "benchmark": "裁量基准", "start": "裁量起点",
        "not_established": "无法查明，按最低档",
        "no_benchmark": "本规则集无适用的裁量表", "found": "发现日",
        "no_end": "未填写违法行为终了日期，按持续状态处理",
        "now": "现为", "no_id": "（未编号）",
        "no_departments": "本规则集未就本案规定职责部门或内设处室",
        "kinds": {"no_penalty": "不予处罚", "reduced": "减轻", "lighter_or_reduced": "从轻或者减轻",
                  "lighter": "从轻", "heavier": "从重"},
        "may_measures": "可以采取的措施", "expired": "已超过", "running": "未超过",
        "continuing": "违法行为仍在继续，时效尚未起算", "expires": "届满日", "years": "年",
        "outcomes": {"fine": "处以罚款", "no_penalty": "不予处罚", "may_waive": "可以不予处罚",
                     "measures_only": "不处罚款，采取其他措施", "undetermined": "尚不能确定"},
    },
    "en": {
        "title": "Decision", "case": "Case", "profile": "Profile", "dates": "Dates",
        "occurred": "act occurred", "decided": "decided", "asof": "procedural rules as of",
        "jurisdiction": "1. Jurisdiction", "level": "level", "authority": "authority",
        "departments": "2. Responsible departments", "office": "internal office",
        "transfers": "transfers", "supervision": "supervision", "monitoring": "monitoring",
        "penalty": "3. Fine", "candidates": "Versions considered (lighter-law rule)",
        "applied": "applied", "statutory": "statutory range", "band": "discretion band",
        "adjustments": "Adjustments", "permitted": "permitted range",
        "recommended": "recommended fine", "measures": "other measures",
        "daily": "daily continuous penalty", "limitation": "limitation",
        "flags": "procedure", "hearing": "hearing right", "review": "legal review",
        "collective": "collective deliberation", "trace": "4. Rules applied", "none": "none",
        "missing": "facts still needed", "yes": "yes", "no": "no", "outcome": "outcome",
        "role": {"lead": "lead", "cooperating": "cooperating", "participating": "participating",
                 "informed": "informed", "sole": "responsible"},
        "level_names": {"province": "province", "city": "city", "county": "county",
                        "township": "township", "needs_designation":
                        "needs designation by the common superior"},
        "not_fired": "not applied", "benchmark": "discretion benchmark",
        "start": "starting point", "not_established": "not established: lowest level",
        "no_benchmark": "no benchmark table applies in this profile", "found": "found",
        "no_end": "no ended_on given: treated as continuing",
        "now": "now", "no_id": "(no id)",
        "no_departments": "the profile assigns no department or office for this case",
        "kinds": {"no_penalty": "no penalty", "reduced": "reduced", "lighter_or_reduced":
                  "lighter or reduced", "lighter": "lighter", "heavier": "heavier"},
        "may_measures": "measures the law allows", "expired": "expired", "running": "running",
        "continuing": "continuing act, not yet running", "expires": "expires", "years": " years",
        "outcomes": {"fine": "fine", "no_penalty": "no penalty", "may_waive": "may waive",
                     "measures_only": "measures only", "undetermined": "undetermined"},
    },
}


MEASURES = {
    "order_to_correct": ("责令改正", "order to correct"),
    "order_stop_construction": ("责令停止建设", "order to stop construction"),
    "order_restore": ("责令恢复原状", "order to restore"),
    "order_make_up_procedure": ("责令限期补办手续", "order to make up the procedure"),
    "order_stop_production": ("责令停止生产或者使用", "order to stop production or use"),
    "production_restriction": ("责令限制生产", "order to restrict production"),
    "suspension_rectification": ("责令停产整治", "order to suspend production for rectification"),
    "suspension_or_closure": ("报经有批准权的人民政府批准，责令停业、关闭",
                              "suspension or closure with government approval"),
    "confiscate_illegal_gains": ("没收违法所得", "confiscation of illegal gains"),
    "confiscate_equipment": ("没收设施、设备", "confiscation of equipment"),
    "order_disclose": ("责令公开", "order to disclose"),
    "public_notice": ("予以公告", "public notice"),
    "revoke_license": ("吊销许可证", "revocation of the licence"),
    "transfer_public_security": ("移送公安机关", "transfer to public security"),
    "warning": ("警告", "warning"),
    "order_to_file": ("责令备案", "order to file"),
    "order_to_eliminate": ("责令消除污染", "order to eliminate the pollution"),
    "seal_or_seize": ("查封、扣押", "sealing or seizure"),
    "revoke_qualification": ("取消检验资格", "revocation of the testing qualification"),
    "revoke_business_qualification": ("撤销（吊销）经营资格", "revocation of the business qualification"),
    "business_ban": ("禁止从事相关业务", "ban from the business"),
    "public_criticism": ("通报批评", "public criticism"),
    "order_time_limited_treatment": ("责令限期治理", "order of treatment within a time limit"),
    "order_demolish": ("责令拆除", "order to demolish"),
    "order_close": ("责令关闭", "order to close"),
    "lower_qualification": ("降低资质等级", "lowering of the qualification grade"),
    "order_stop_discharge": ("责令停止排污", "order to stop discharging"),
    "confiscate_items": ("没收非法财物", "confiscation of illegal property"),
    "order_remove_outfall": ("责令拆除排污口", "order to remove the outfall"),
    "order_stop_use": ("责令停止使用", "order to stop use"),
}


def _measure(m: str, lang: str) -> str:
    zh, en = MEASURES.get(m, (m, m))
    return zh if lang == "zh" else en


def _r(r: MoneyRange | None, lang: str) -> str:
    if r is None:
        return "—"
    return f"{format_yuan(r.min, lang)} – {format_yuan(r.max, lang)}"


def _m(x: Decimal | None, lang: str) -> str:
    return "—" if x is None else format_yuan(x, lang)


def explain(d: Decision, lang: str = "zh") -> str:
    if lang not in _L:
        raise ValueError("lang is 'zh' or 'en'")
    t = _L[lang]
    out: list[str] = []
    add = out.append
    add(f"{t['title']} — {t['case']} {d.case_id or t['no_id']} · {t['profile']} {d.profile} "
        f"({d.ruleset_digest})")
    dates = d.dates
    add(f"{t['dates']}: {t['occurred']} {dates.occurred_on}; {t['decided']} "
        f"{dates.decided_on or '—'}; {t['asof']} {dates.as_of} ({dates.as_of_source})")
    add("")
    j = d.jurisdiction
    add(t["jurisdiction"])
    if j is None:
        add(f"  {t['none']}")
    else:
        add(f"  {t['level']}: {t['level_names'][j.level.value]}"
            + (f"; {t['authority']}: {j.authority_name or j.authority}" if j.authority else "")
            + (f" → {t['now']} {j.successor_name or j.successor}" if j.successor else ""))
        if j.reason:
            add(f"  {j.reason.get(lang)}")
        if j.basis:
            add(f"  [{j.rule}] {j.basis}")
    for tr in d.transfers:
        add(f"  {t['transfers']} → {tr.to}: {tr.reason.get(lang)} [{tr.rule}] {tr.basis}")
    add("")
    add(t["departments"])
    if not d.departments and d.office is None:
        add(f"  {t['no_departments']}")
    for dep in d.departments:
        duty = f" — {dep.duty.get(lang)}" if dep.duty else ""
        now = f" → {t['now']} {dep.successor_name or dep.successor}" if dep.successor else ""
        add(f"  {dep.department_name or dep.department}{now} ({t['role'][dep.role.value]}){duty}")
        add(f"    [{dep.rule}] {dep.basis}")
    if d.office:
        now = (f" → {t['now']} {d.office.successor_name or d.office.successor}"
               if d.office.successor else "")
        add(f"  {t['office']}: {d.office.office_name or d.office.office}{now} [{d.office.rule}] "
            f"{d.office.basis}")
    for s in d.supervision:
        bits = [x for x in (s.enterprise_class and f"class {s.enterprise_class}",
                            s.supervisor_name or s.supervisor,
                            s.inspection.get(lang) if s.inspection else None,
                            s.sampling_ratio) if x]
        add(f"  {t['supervision']}: {'; '.join(bits)} [{s.rule}] {s.basis}")
    for m in d.monitoring:
        who = m.authority_name or m.authority or ""
        add(f"  {t['monitoring']}: {t['level_names'][m.level.value]} {who} "
            f"{m.duty.get(lang) if m.duty else ''} [{m.rule}] {m.basis}")
    p = d.penalty
    if p is not None:
        add("")
        add(f"{t['penalty']} — {p.kind_title.get(lang)} ({p.kind})")
        add(f"  {t['candidates']}:")
        for c in p.candidates:
            mark = "→" if c.version == p.applied_version else " "
            add(f"   {mark} {c.version} ({c.effective_from} – {c.effective_to or '…'}): "
                f"{c.basis}; {c.formula} = {_r(c.range, lang)}"
                + (f" ({t['missing']}: {', '.join(c.missing_facts)})" if c.missing_facts else ""))
        add(f"  {t['applied']}: {p.applied_version} — {p.lighter_law.get(lang)}")
        add(f"  {t['statutory']}: {_r(p.statutory_range, lang)} ({p.statutory_basis})")
        if p.benchmark is None and p.permitted_range is not None:
            add(f"  {t['benchmark']}: {t['no_benchmark']}")
        if p.benchmark is not None:
            b = p.benchmark
            add(f"  {t['benchmark']}: {b.title.get(lang)} [{b.item}]")
            add(f"    {t['start']}: {b.start_percent}%")
            for f in b.factors:
                unknown = "" if f.established else f" ({t['not_established']})"
                add(f"    {f.title.get(lang)}: {f.level_title} +{f.percent}%{unknown}")
            add(f"    = {b.total_percent}% → {_m(b.amount, lang)} ({b.formula})")
        if p.adjustments:
            add(f"  {t['adjustments']}:")
            for a in p.adjustments:
                add(f"    {'✓' if a.applied else '·'} {t['kinds'][a.kind]} {a.title.get(lang)}: "
                    f"{a.effect.get(lang)} "
                    f"[{a.rule}] {a.basis}")
        add(f"  {t['outcome']}: {t['outcomes'][p.outcome]} — {p.outcome_reason.get(lang)}")
        add(f"  {t['permitted']}: {_r(p.permitted_range, lang)}")
        add(f"  {t['recommended']}: {_m(p.recommended, lang)}"
            + (f" ({p.recommended_basis.get(lang)})" if p.recommended_basis else ""))
        if p.missing_facts:
            add(f"  {t['missing']}: {', '.join(p.missing_facts)}")
        if p.measures:
            add(f"  {t['measures']}: {'、'.join(_measure(m, lang) for m in p.measures)}")
        if p.discretionary_measures:
            add(f"  {t['may_measures']}: "
                f"{'、'.join(_measure(m, lang) for m in p.discretionary_measures)}")
        lim = p.limitation
        state = t["expired"] if lim.expired else t["running"] if lim.runs_from else t["continuing"]
        found = f", {t['found']} {lim.found_on}" if lim.found_on else ""
        assumed = "" if lim.runs_from else f" ({t['no_end']})"
        add(f"  {t['limitation']}: {lim.years}{t['years']}, {state}{assumed}"
            + (f" ({t['expires']} {lim.expires_on}{found})" if lim.expires_on else "")
            + f" — {lim.basis}")
        if p.daily_penalty:
            dp = p.daily_penalty
            add(f"  {t['daily']}: {t['yes'] if dp.eligible else t['no']} — {dp.reason.get(lang)}"
                + (f"; {dp.days} × {_m(dp.per_day, lang)} = {_m(dp.total, lang)}"
                   if dp.total is not None else "") + f" ({dp.basis})")
        flags = [(t["hearing"], p.hearing_right), (t["review"], p.legal_review),
                 (t["collective"], p.collective_deliberation)]
        shown = [f"{name}: {t['yes'] if f.required else t['no']} ({f.reason.get(lang)})"
                 for name, f in flags if f is not None]
        if shown:
            add(f"  {t['flags']}: " + "; ".join(shown))
    add("")
    add(t["trace"])
    for i, e in enumerate(d.trace, 1):
        mark = "" if e.fired else f" ({t['not_fired']})"
        add(f"  {i:>2}. [{e.step}] {e.rule}{mark}: {e.outcome.get(lang)}")
        if e.basis:
            add(f"      {e.basis}")
        if e.note:
            add(f"      {e.note}")
    return "\n".join(out)
