"""Region data of the shipped profiles (rulesets/<province>/<city>/regions.yaml): every county-level unit
and township with its statistical division code (统计用区划代码, 2023 edition and the editions before it),
and a case naming any real township of a profile's area is accepted."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

import envrules

from .conftest import RULESETS

# profile -> (city id, the first four digits of its codes, a kind to decide with)
PROFILES = {
    "hebei/langfang": ("langfang", "1310", "air.excess_emission"),
    "hebei/baoding": ("baoding", "1306", "air.excess_emission"),
    "hebei/commerce": ("xingtai", "1305", "commerce.prepaid_card_unfiled"),
    "liaoning/panjin": ("panjin", "2111", "air.excess_emission"),
    "guangdong/shenzhen": ("shenzhen", "4403", "air.excess_emission"),
    "shaanxi/shangluo": ("shangluo", "6110", "air.excess_emission"),
}

# Regions the statistics do not list: they have no code (and are said so in regions.yaml).
NO_CODE = {
    "hebei/langfang": {"langfang.linkong"},
    "hebei/baoding": {"baiyangdian"},
    "hebei/commerce": set(),
    "liaoning/panjin": {"panjin.liaodongwan", "panjin.liaohekou", "liao_river_protection_area"},
    "guangdong/shenzhen": {"shenzhen.dapeng", "shenzhen.shenshan"},
    "shaanxi/shangluo": set(),
}

# Towns the dataset lists under another city's county but the profile's zone administers.
OTHER_CITY_CODE = {"guangdong/shenzhen": "441521"}  # 汕尾市海丰县: the four towns of 深汕特别合作区

# Real townships picked from the 2023 edition (code, name as published), with the id they have here.
PICKED = [
    ("hebei/langfang", "langfang.anci.diaohetou", "131002104000", "调河头镇"),
    ("hebei/langfang", "langfang.sanhe.yanjiao", "131082109000", "燕郊镇"),
    ("hebei/langfang", "langfang.lfda.yaohuadao", "131071450000", "耀华道街道"),
    ("hebei/baoding", "baoding.anxin.zhaili", "130632201000", "寨里乡"),
    ("hebei/baoding", "baoding.dingzhou.haotouzhuang", "130682204000", "号头庄回族乡"),
    ("hebei/baoding", "baoding.xiongxian.maozhou", "130638106000", "鄚州镇"),
    ("hebei/commerce", "xingtai.xindu.jiangjunmu", "130503108000", "将军墓镇"),
    ("hebei/commerce", "xingtai.ningjin.dongwang", "130528104000", "东汪镇"),
    ("liaoning/panjin", "panjin.dawa.zhaoquanhe", "211104114000", "赵圈河镇"),
    ("liaoning/panjin", "panjin.panshan.yangjuanzi", "211122106000", "羊圈子镇"),
    ("guangdong/shenzhen", "shenzhen.longhua.guanlan", "440309006000", "观澜街道"),
    ("guangdong/shenzhen", "shenzhen.dapeng.nan_ao", "440307011000", "南澳街道"),
    ("guangdong/shenzhen", "shenzhen.shenshan.xiaomo", "441521102000", "小漠镇"),
    ("shaanxi/shangluo", "shangluo.zhashui.qianyou", "611026001000", "乾佑街道"),
    ("shaanxi/shangluo", "shangluo.shanyang.manchuanguan", "611024106000", "漫川关镇"),
]

# Dated renames: region id -> a former name it records.
RENAMES = {
    "hebei/baoding": {
        "baoding.jingxiu": "新市区",
        "baoding.lianchi": "北市区",
        "baoding.mancheng": "满城县",
        "baoding.qingyuan": "清苑县",
        "baoding.xushui": "徐水县",
    },
    "hebei/commerce": {
        "xingtai.xiangdu": "桥东区",
        "xingtai.xindu": "桥西区",
        "xingtai.renze": "任县",
        "xingtai.nanhe": "南和县",
    },
    "liaoning/panjin": {"panjin.dawa": "大洼县", "panjin.panshan.taiping": "太平镇"},
    "guangdong/shenzhen": {
        "shenzhen.longhua": "龙华新区",
        "shenzhen.pingshan": "坪山新区",
        "shenzhen.guangming": "光明新区",
    },
    "shaanxi/shangluo": {"shangluo.shangzhou": "商州市"},
}


@cache
def load(name: str) -> envrules.Engine:
    return envrules.load(name, RULESETS)


@pytest.fixture(params=sorted(PROFILES))
def profile(request: pytest.FixtureRequest) -> tuple[str, envrules.Engine]:
    return request.param, load(request.param)


def test_every_region_has_a_code_except_the_zones_the_statistics_omit(profile) -> None:
    name, engine = profile
    missing = {r.id for r in engine.plan.regions.values() if r.code is None and r.level != "province"}
    assert missing == NO_CODE[name]
    for r in engine.plan.regions.values():
        if r.id in NO_CODE[name]:
            assert r.note, f"{r.id} has no code and should say why"


def test_codes_are_the_published_twelve_digits_of_the_city(profile) -> None:
    name, engine = profile
    city, prefix, _ = PROFILES[name]
    regions = engine.plan.regions
    assert regions[city].code == prefix + "00000000"
    for r in regions.values():
        if r.code is None:
            continue
        assert re.fullmatch(r"\d{12}", r.code)
        assert r.code[:4] == prefix or r.code[:6] == OTHER_CITY_CODE.get(name), r.id
        if r.level == "county":
            assert r.code.endswith("000000"), r.id
        if r.level == "township":
            assert r.code.endswith("000") and not r.code.endswith("000000"), r.id
            parent = regions[r.parent]  # type: ignore[index]
            if parent.code is not None:  # a zone without a code holds towns coded under their county
                assert r.code[:6] == parent.code[:6], r.id


def test_codes_are_unique(profile) -> None:
    _, engine = profile
    codes = [r.code for r in engine.plan.regions.values() if r.code]
    assert len(codes) == len(set(codes))


def test_ids_are_unique_and_parents_and_successors_exist() -> None:
    seen: dict[str, Path] = {}
    for path in sorted(RULESETS.glob("*/*/regions.yaml")):
        for rid in re.findall(r"^  - \{id: ([^,]+),", path.read_text(encoding="utf-8"), re.M):
            assert rid not in seen, f"{rid} in {path} and {seen[rid]}"
            seen[rid] = path
    for name in PROFILES:
        regions = load(name).plan.regions
        for r in regions.values():
            if r.parent is not None:
                assert r.parent in regions, r.id
                assert {"county": "city", "township": "county"}.get(r.level) == regions[r.parent].level
            if r.successor is not None:
                assert regions[r.successor].level == r.level, r.id
            if r.level == "township":
                assert r.id.startswith(r.parent + "."), r.id  # type: ignore[operator]


def test_each_profile_has_its_regions_file() -> None:
    for name in PROFILES:
        meta = load(name).plan.regions
        assert sum(r.level == "township" for r in meta.values()) > 40, name
        assert (RULESETS / name / "regions.yaml").is_file()


@pytest.mark.parametrize(("name", "rid", "code", "zh"), PICKED)
def test_picked_townships_carry_the_published_code_and_are_accepted(
    name: str, rid: str, code: str, zh: str
) -> None:
    engine = load(name)
    region = engine.plan.regions[rid]
    assert (region.code, region.name) == (code, zh)
    kind = PROFILES[name][2]
    d = engine.decide(
        {
            "decided_on": "2026-11-25",
            "region": {"township": rid},
            "violation": {"kind": kind, "occurred_on": "2026-09-01"},
        }
    )
    assert d.jurisdiction is not None


def test_no_real_township_is_rejected(profile) -> None:
    """A case with only the township and a violation is accepted for every township of the area."""
    name, engine = profile
    kind = PROFILES[name][2]
    for r in engine.plan.regions.values():
        if r.level != "township":
            continue
        engine.decide(
            {
                "decided_on": "2026-11-25",
                "region": {"township": r.id},
                "violation": {"kind": kind, "occurred_on": "2026-09-01"},
            }
        )


def test_dated_renames_are_recorded() -> None:
    for name, renames in RENAMES.items():
        regions = load(name).plan.regions
        for rid, former in renames.items():
            assert former in {f.name for f in regions[rid].former_names}, (rid, former)
    dawa = load("liaoning/panjin").plan.regions["panjin.dawa"].former_names[0]
    assert (dawa.name, str(dawa.until)) == ("大洼县", "2016-03-20")
    xingtai = load("hebei/commerce").plan.regions
    assert str(xingtai["xingtai.xingtai_county"].effective_to) == "2020-06-23"
    assert xingtai["xingtai.xingtai_county.nanshimen"].successor == "xingtai.xindu.nanshimen"


def test_central_urban_area_readings() -> None:
    def central(name: str) -> set[str]:
        regions = load(name).plan.regions
        return {r.id for r in regions.values() if r.central_urban_area and r.level == "county"}

    assert central("hebei/langfang") == {"langfang.guangyang", "langfang.anci", "langfang.lfda"}
    assert central("hebei/baoding") == {"baoding.jingxiu", "baoding.lianchi"}
    for name in ("liaoning/panjin", "guangdong/shenzhen", "shaanxi/shangluo", "hebei/commerce"):
        assert central(name) == set(), name


def test_regions_command_shows_the_code() -> None:
    from typer.testing import CliRunner

    from envrules.tools.cli import app

    result = CliRunner().invoke(app, ["regions", "-p", "liaoning/panjin", "--rulesets", str(RULESETS)])
    assert result.exit_code == 0
    assert "panjin.dawa  大洼区  211104000000  (county)" in result.output
    assert "panjin.liaodongwan  辽东湾新区  -  (county)" in result.output
