"""The vocabulary of a case: closed sets of values that facts take (enums,
each value an English id with the Chinese term beside it)."""

from __future__ import annotations

from enum import StrEnum

# the outcome vocabulary lives in .outcomes; these names stay importable from here
from .outcomes import MEASURE_SEVERITY as MEASURE_SEVERITY
from .outcomes import RESTRICTIVE_MEASURES as RESTRICTIVE_MEASURES
from .outcomes import AdjustmentKind as AdjustmentKind
from .outcomes import JurisdictionLevel as JurisdictionLevel
from .outcomes import Measure as Measure
from .outcomes import PenaltyOutcome as PenaltyOutcome
from .outcomes import Role as Role
from .outcomes import measures_weight as measures_weight


class EiaDocument(StrEnum):
    """环评文件类型."""

    report_book = "report_book"  # 环境影响报告书
    report_form = "report_form"  # 环境影响报告表
    registration_form = "registration_form"  # 环境影响登记表


class Severity(StrEnum):
    ordinary = "ordinary"
    relatively_serious = "relatively_serious"  # 情节较重 (a middle tier some local rules add)
    serious = "serious"  # 情节严重


class AccidentGrade(StrEnum):
    none = "none"
    general = "general"  # 一般
    larger = "larger"  # 较大
    major = "major"  # 重大
    especially_major = "especially_major"  # 特别重大


class Harm(StrEnum):
    none = "none"
    minor = "minor"
    general = "general"
    serious = "serious"
    especially_serious = "especially_serious"


class WasteCategory(StrEnum):
    general = "general"
    hazardous = "hazardous"
    sludge = "sludge"
    medical = "medical"


class NoiseSource(StrEnum):
    industrial = "industrial"
    construction = "construction"
    social_life = "social_life"
    traffic = "traffic"


class EiaStage(StrEnum):
    """Where the EIA document of the project stands (环评审批状态)."""

    not_submitted = "not_submitted"  # 未依法报批
    submitted_not_approved = "submitted_not_approved"  # 报批后未获批准
    not_resubmitted = "not_resubmitted"  # 重大变动后未依法重新报批
    not_re_examined = "not_re_examined"  # 批准逾五年方开工，未报请原审批部门重新审核
    approved = "approved"  # 环境影响评价文件已依法批准


class Medium(StrEnum):
    air = "air"
    water = "water"
    noise = "noise"
    solid_waste = "solid_waste"
    soil = "soil"
    marine = "marine"
    radioactive = "radioactive"
    other = "other"


class EvasionMethod(StrEnum):
    hidden_pipe = "hidden_pipe"  # 暗管
    seepage_well = "seepage_well"  # 渗井、渗坑
    falsified_data = "falsified_data"  # 篡改、伪造监测数据
    abnormal_facility_operation = "abnormal_facility_operation"  # 不正常运行防治污染设施
    temporary_shutdown = "temporary_shutdown"
    emergency_channel = "emergency_channel"


class DisclosureDefect(StrEnum):
    not_disclosed = "not_disclosed"
    untrue = "untrue"
    wrong_format = "format"
    late = "late"
    not_uploaded = "not_uploaded"


class WasteSource(StrEnum):
    industrial = "industrial"
    household = "household"
    construction = "construction"
    agricultural = "agricultural"
    medical = "medical"
    other = "other"


class LocationClass(StrEnum):
    """Sensitivity of the place (benchmarks' 建设项目地点 / 区域)."""

    general = "general"  # 一般区域
    restricted_or_sensitive = "restricted_or_sensitive"  # 限批区或环境敏感区
    water_source_or_redline = "water_source_or_redline"  # 饮用水水源保护区、生态保护红线


class ProjectStage(StrEnum):
    foundation = "foundation"  # 基础建设阶段
    equipment_installation = "equipment_installation"  # 设备安装阶段
    production = "production"  # 投入生产/使用阶段


class PermitClass(StrEnum):
    registration = "registration"  # 排污登记
    simplified = "simplified"  # 简化管理
    key = "key"  # 重点管理


class AcceptanceDefect(StrEnum):
    """What was wrong with the environmental protection facilities of a project put
    into production or use (三同时 / 未验先投); which article covers which defect is
    in the catalogue (rulesets/national/catalogue/acceptance.yaml)."""

    not_simultaneous = "not_simultaneous"  # 未与主体工程同时设计、同时施工、同时投产使用
    not_built = "not_built"  # 未建成
    substandard = "substandard"  # 未达到规定要求（验收不合格）
    not_accepted = "not_accepted"  # 建成但未经验收
    acceptance_fraud = "acceptance_fraud"  # 在环境保护设施验收中弄虚作假


class OutfallArea(StrEnum):
    """Where a pollutant outfall lies (the outfall rules of the catalogue test it)."""

    drinking_water_source = "drinking_water_source"  # 饮用水水源保护区
    # 自然保护地水体等特殊水体、生态保护红线区域及其他需要特别保护的区域
    specially_protected = "specially_protected"
    general = "general"  # 其他区域


class PermitBreach(StrEnum):
    """How a discharge stands to the pollutant discharge permit (Code arts. 1102, 1103)."""

    no_permit = "no_permit"  # 未依法取得排污许可证排放
    beyond_permit = "beyond_permit"  # 未按照排污许可证载明的种类、浓度、排放量、限值排放


class PollutantClass(StrEnum):
    """A类 / B类 pollutants as a discretion standard defines them (e.g. A类 water
    pollutants: GB 8978 第一类污染物, the listed toxic and hazardous pollutants ...;
    B类: the others). Which definition applies is the ruleset's (its note cites it)."""

    class_a = "class_a"  # A类污染物
    class_b = "class_b"  # B类污染物


class ExceededParameter(StrEnum):
    """The one parameter above the standard, where only one is (仅pH值 / 仅色度超标)."""

    ph = "ph"  # pH值
    colour = "colour"  # 色度
    other = "other"  # 其他污染物


class HazardousStorageDefect(StrEnum):
    """How hazardous waste was stored in breach of the rules."""

    substandard = "substandard"  # 未按照国家环境保护标准贮存
    mixed_with_non_hazardous = "mixed_with_non_hazardous"  # 将危险废物混入非危险废物中贮存


class VocDefect(StrEnum):
    """What a process producing volatile organic compounds (VOCs) lacked."""

    not_enclosed = "not_enclosed"  # 未在密闭空间或者设备中进行，防治设施已按规定安装、使用
    no_facilities = "no_facilities"  # 未按照规定安装、使用污染防治设施
    no_reduction_measures = "no_reduction_measures"  # 无法密闭，且未采取减少废气排放措施


class Circumstance(StrEnum):
    """Circumstances of the act that adjustments and jurisdiction rules test."""

    first_offense = "first_offense"  # 初次违法
    corrected_promptly = "corrected_promptly"  # 及时改正
    harm_eliminated = "harm_eliminated"  # 主动消除或者减轻危害后果
    coerced = "coerced"  # 受他人胁迫或者诱骗
    confessed_unknown = "confessed_unknown"  # 主动供述行政机关尚未掌握的违法行为
    meritorious = "meritorious"  # 配合查处有立功表现
    no_fault_proven = "no_fault_proven"  # 有证据足以证明没有主观过错
    effective_restoration = "effective_restoration"  # 有效采取生态环境修复措施
    compensation_paid = "compensation_paid"  # 及时缴纳赔偿金
    refused_correction = "refused_correction"  # 拒不改正
    repeat_offense = "repeat_offense"  # 多次实施违法行为被处罚
    obstructed_inspection = "obstructed_inspection"  # 阻挠、拒绝监督检查
    falsified_data = "falsified_data"  # 篡改、伪造监测数据
    obstructed_monitoring = "obstructed_monitoring"  # 故意遮挡、干扰自动监测设备（如遮挡监控摄像头）
    malicious_damage = "malicious_damage"  # 恶意损害生态环境
    # 生态环境敏感区：自然保护区、风景名胜区、饮用水水源保护区等 (not a residential 人居环境敏感区)
    sensitive_area = "sensitive_area"
    heavy_pollution_alert = "heavy_pollution_alert"  # 重污染天气预警期间
    caused_incident = "caused_incident"  # 造成突发环境事件
    mass_incident = "mass_incident"  # 群体性环境事件
    media_exposure = "media_exposure"  # 媒体曝光
    mass_reports = "mass_reports"  # 群众集中举报
    leadership_demand = "leadership_demand"  # 市级以上领导要求查办
    higher_authority_demand = "higher_authority_demand"  # 省厅、部要求查处
    refused_stop = "refused_stop"  # 拒不停止建设/排污
    minor_violation = "minor_violation"  # 违法行为轻微 (the officer's finding, or a published list)
    threatened_officers = "threatened_officers"  # 对执法人员威胁、辱骂、殴打、恐吓或者打击报复
    cross_region_pollution = "cross_region_pollution"  # 造成跨行政区域环境污染
    adverse_social_reaction = "adverse_social_reaction"  # 引起不良社会反响
    crime_suspected = "crime_suspected"  # 涉嫌犯罪
    especially_grave_impact = "especially_grave_impact"  # 造成特别严重影响
    # the conditions published lists of minor violations name (轻微违法行为不予处罚清单):
    # each an officer's finding, with its evidence (责令改正决定书, 现场检查笔录, 监测数据)
    corrected_within_order_deadline = "corrected_within_order_deadline"  # 在责令改正期限内改正
    corrected_immediately_after_order = "corrected_immediately_after_order"  # 经责令改正后立即改正
    # 经发现后主动关闭、停止建设、拆除涉案设备或者恢复原状
    stopped_or_restored_after_discovery = "stopped_or_restored_after_discovery"
    # 因突发故障导致污染防治设施不正常运行，24小时内及时报告并采取应急处置、停产等措施减少排放
    sudden_failure_reported_24h = "sudden_failure_reported_24h"
    daily_mean_compliant = "daily_mean_compliant"  # 日均值未超标
    filed_within_5_days_of_inspection = "filed_within_5_days_of_inspection"  # 自检查之日起5日内完成备案
    no_pollutants_produced = "no_pollutants_produced"  # 无污染物产生
    facilities_running_normally = "facilities_running_normally"  # 环境保护设施已按环评要求建成并正常运行
    permit_held = "permit_held"  # 已依法取得排污许可证
    within_12_months_of_commissioning = "within_12_months_of_commissioning"  # 在调试运行12个月内


class EnterpriseKind(StrEnum):
    legal_person = "legal_person"
    other_organization = "other_organization"
    individual_business = "individual_business"  # 个体工商户
    natural_person = "natural_person"


class Size(StrEnum):
    small = "small"
    medium = "medium"
    large = "large"


class MonitoredLevel(StrEnum):
    national = "national"  # 国控
    provincial = "provincial"  # 省控
    city = "city"  # 市控
    none = "none"


class DiscoveryChannel(StrEnum):
    routine_inspection = "routine_inspection"  # 日常检查 / 双随机
    complaint = "complaint"  # 投诉举报
    online_monitoring = "online_monitoring"  # 在线监控
    city_audit = "city_audit"  # 执法稽查
    cross_enforcement = "cross_enforcement"  # 交叉执法
    circuit_enforcement = "circuit_enforcement"  # 巡回执法
    special_action = "special_action"  # 专项行动
    assigned_by_higher = "assigned_by_higher"  # 上级交办
    transferred_in = "transferred_in"  # 其他部门移送


class Designation(StrEnum):
    """指定管辖 requests and decisions."""

    none = "none"
    requested_by_lower = "requested_by_lower"  # 下级报请上级指定
    decided_by_higher = "decided_by_higher"  # 上级认为下级不能独立查处，决定管辖
    disputed = "disputed"  # 管辖争议，协商不成


class CardIssuerClass(StrEnum):
    """单用途商业预付卡发卡企业类别."""

    group = "group"  # 集团发卡企业
    brand = "brand"  # 品牌发卡企业
    scale = "scale"  # 规模发卡企业
    other = "other"  # 其他发卡企业


class Level(StrEnum):
    province = "province"
    city = "city"
    county = "county"
    township = "township"


class ReinspectionResult(StrEnum):
    """What the re-inspection (复查) after an order to correct found."""

    corrected = "corrected"  # 已改正
    continuing = "continuing"  # 违法行为继续
    refused = "refused"  # 拒不改正
    obstructed = "obstructed"  # 拒绝、阻挠复查
