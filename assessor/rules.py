"""The plan's eligibility logic: small named predicates, each citing its clause.

A predicate decides one thing about a household from its (validated) answers.
The tables at the end say which predicates lead to which support item and
measure; assessor/result.py turns the outcome into words. No threshold is
written here: the dibao standard and the months rule are dated parameters
(assessor/data/parameters.toml).

Reading of the text, where it needed one:
- A measure may apply when one of its paths holds (MEASURE_PATHS); by default
  its paths are those of its support items, so a measure is shown with at least
  one concrete item. Measures whose clause names the group in its first
  sentence (2, 3, 4, 5, 7) apply to that group even when no single item does.
- 二（三）1 gives start-up help "对有创业意愿的" inside the sentence about
  laid-off workers, while its first sentence promises 创业援助 to every worker
  in hardship able to work; we follow the first sentence.
- "低于低保标准" is strictly below; 脱困 needs income strictly above ("超过"),
  so income exactly at the standard is neither.
- "Not sure" (NOT_SURE) never makes a predicate hold: a household that does not
  know is not counted as lifted out, nor as recognised. TO_CHECK names what such
  a household should find out, and the result says it *may* be otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .policy import Measure, SupportItem, policy
from .questions import NOT_SURE

# ── the household, as the rules see it ─────────────────────────────────────


class Household:
    """The validated answers of one household, plus the standard they are judged by.

    Questions that were not asked are None (multichoice: empty).
    """

    QUESTIONS = (
        "in_baotou_urban",
        "is_worker",
        "household_size",
        "monthly_income",
        "months_above_standard",
        "employment_status",
        "layoff_cause",
        "enterprise_situation",
        "able_to_work",
        "working_age",
        "wants_work",
        "wants_business",
        "wants_training",
        "graduate_not_continuing",
        "trainee_background",
        "recognised_difficulty",
        "market_job_hard",
        "serious_illness",
        "medical_costs_hardship",
        "disability",
        "insurance_issues",
        "school_levels",
        "housing_situation",
        "sudden_hardship",
    )
    MULTICHOICE = ("enterprise_situation", "recognised_difficulty", "insurance_issues", "school_levels")
    # What the rules see before an answer or a judgement is set (see result.judged_household).
    _UNASKED = {
        **dict.fromkeys(QUESTIONS),
        **dict.fromkeys(MULTICHOICE, ()),
        "standard": None,
        "months_required": 0,
    }

    def __init__(self, answers: dict[str, Any]):
        # Two dict updates: the batch builds one of these per household.
        attributes = self.__dict__
        attributes.update(self._UNASKED)
        attributes.update(answers)


# ── scope (the title; 一) ───────────────────────────────────────────────────


def is_in_baotou_urban(h: Household) -> bool:
    """Title and 一: the plan is Baotou's, for workers in hardship in its urban area (城镇)."""
    return h.in_baotou_urban is True


def is_worker(h: Household) -> bool:
    """Title and 二（三）1: the plan is for workers (职工), including those laid off or waiting for a post."""
    return h.is_worker is True


def is_in_scope(h: Household) -> bool:
    """The plan covers 包头市城镇困难职工: a worker in Baotou's urban area."""
    return is_in_baotou_urban(h) and is_worker(h)


# ── standing against the goal (一) ──────────────────────────────────────────


def is_below_dibao_standard(h: Household) -> bool:
    """二（三）3, 6: 符合低保条件 — income per person below the dibao standard.

    Only a sign: the civil affairs bureau decides who meets the dibao conditions.
    """
    return h.monthly_income < h.standard * h.household_size


def is_above_dibao_standard(h: Household) -> bool:
    """一: 家庭人均收入…超过当地低保标准 — strictly above; equal is not above."""
    return h.monthly_income > h.standard * h.household_size


def is_lifted_out(h: Household) -> bool:
    """一: 脱困 — income per person above the standard for the required consecutive months (连续6个月)."""
    months = h.months_above_standard
    return is_above_dibao_standard(h) and (months if isinstance(months, int) else 0) >= h.months_required


def is_on_relief_path(h: Household) -> bool:
    """一: 因重病、残疾等因素无法脱困的 … 实现解困 — serious illness or disability, not lifted out."""
    return (has_serious_illness(h) or h.disability is True) and not is_lifted_out(h)


# ── 二（三）1 employment and entrepreneurship ───────────────────────────────


def is_able_to_work(h: Household) -> bool:
    """二（三）1: 对有劳动能力的困难职工 — someone in the household is able to work."""
    return h.able_to_work is True


def is_within_working_age(h: Household) -> bool:
    """二（三）1: 法定劳动年龄内 — from the minimum working age up to the statutory retirement age (asked)."""
    return h.working_age == "working_age"


def has_wish_to_work(h: Household) -> bool:
    """二（三）1: 有劳动能力和就业愿望的困难职工家庭成员 — wants a job."""
    return h.wants_work is True


def has_wish_to_start_business(h: Household) -> bool:
    """二（三）1: 对有创业意愿的 — wants to start a business."""
    return h.wants_business is True


def has_wish_for_training(h: Household) -> bool:
    """二（三）1: 有培训愿望和培训需求的 — wants job-transfer or skills training."""
    return h.wants_training is True


def is_laid_off_by_reform(h: Household) -> bool:
    """二（三）1: 国企改革改制、…化解过剩产能及企业停产、半停产后下岗待岗的困难职工."""
    return h.employment_status == "laid_off" and h.layoff_cause in (
        "soe_reform",
        "overcapacity",
        "production_stopped",
    )


def is_unemployed_or_in_long_stopped_enterprise(h: Household) -> bool:
    """二（三）1: 失业人员和长期停产企业职工."""
    return h.employment_status == "unemployed" or "long_stopped" in h.enterprise_situation


def has_school_leaver_not_continuing(h: Household) -> bool:
    """二（三）1: 困难职工家庭成员中未继续升学的应届初高中毕业生."""
    return h.graduate_not_continuing is True


def is_school_leaver_rural_or_dibao(h: Household) -> bool:
    """二（三）1: 其中农村牧区学员和城市最低生活保障家庭的学员."""
    return h.trainee_background in ("rural_pastoral", "urban_dibao")


def is_recognised_with_employment_difficulty(h: Household) -> bool:
    """二（三）1: 被认定为就业困难人员中的大龄困难人员和零就业家庭人员 ("not sure" is not recognised)."""
    return any(value != NOT_SURE for value in h.recognised_difficulty)


def has_difficulty_finding_work_on_market(h: Household) -> bool:
    """二（三）1: 通过市场渠道确实难以就业的."""
    return h.market_job_hard is True


# ── 二（三）2 and 6: illness ────────────────────────────────────────────────


def has_serious_illness(h: Household) -> bool:
    """二（三）2: 在档大病困难职工 / 患重特大疾病困难职工."""
    return h.serious_illness is True


def has_hardship_from_illness(h: Household) -> bool:
    """二（三）2: 因病致困的职工 — serious illness, or hardship from medical costs."""
    return h.serious_illness is True or h.medical_costs_hardship is True


# ── 二（三）3 social insurance ──────────────────────────────────────────────


def has_social_insurance_problem(h: Household) -> bool:
    """二（三）3: 因企业欠缴社会保险费或没有落实相关社保待遇的困难职工."""
    return bool(h.insurance_issues)


def has_ended_labour_relationship(h: Household) -> bool:
    """二（三）3: 困难职工与企业解除劳动关系的."""
    return "contract_ended" in h.insurance_issues


def is_unable_to_retire_for_arrears(h: Household) -> bool:
    """二（三）3: 困难职工因企业欠缴社会保险费而不能办理退休的."""
    return "cannot_retire_arrears" in h.insurance_issues


def has_work_injury_problem(h: Household) -> bool:
    """二（三）3: 因工伤认定困难、工伤保险待遇落实不到位等原因造成家庭困难的职工."""
    return "work_injury" in h.insurance_issues


def is_affected_by_overcapacity_cut(h: Household) -> bool:
    """二（三）3: 化解过剩产能…过程中 — laid off through cutting overcapacity."""
    return h.employment_status == "laid_off" and h.layoff_cause == "overcapacity"


def has_enterprise_in_merger_or_bankruptcy(h: Household) -> bool:
    """二（三）3, 7: 兼并重组、破产清算 — the enterprise is in merger, restructuring or bankruptcy."""
    return "merger_restructuring" in h.enterprise_situation or "bankruptcy" in h.enterprise_situation


# ── 二（三）4 schooling, 5 housing, 6 temporary assistance ──────────────────


def has_children_in_school(h: Household) -> bool:
    """二（三）4: 困难职工家庭就学子女 — from pre-school to postgraduate (从学前教育至研究生教育)."""
    return bool(h.school_levels)


def has_children_beyond_compulsory_education(h: Household) -> bool:
    """二（三）4: 就读高中、大学（非政府义务制教育）的困难职工家庭子女."""
    return "senior_high" in h.school_levels or "university" in h.school_levels


def has_no_or_dangerous_housing(h: Household) -> bool:
    """二（三）5: 没有住房和居住危房的困难职工."""
    return h.housing_situation in ("no_housing", "dangerous")


def has_sudden_hardship(h: Household) -> bool:
    """二（三）6: 遭遇突发事件、意外伤害、重大疾病或其他特殊原因导致基本生活暂时陷入困境."""
    return h.sudden_hardship is True


# ── 二（三）7 supply-side structural reform ─────────────────────────────────


def has_enterprise_in_difficulty(h: Household) -> bool:
    """二（三）7: 兼并重组、破产清算 … 经济下行压力加大、部分企业效益下滑 — any named enterprise situation."""
    return bool(h.enterprise_situation)


def is_laid_off_by_structural_change(h: Household) -> bool:
    """二（三）7: 供给侧结构性改革中职工…的新情况新问题 — laid off through overcapacity cuts or stoppage."""
    return h.employment_status == "laid_off" and h.layoff_cause in ("overcapacity", "production_stopped")


# ── what a household that answered "not sure" should check ─────────────────


def is_unsure_of_months_above_standard(h: Household) -> bool:
    """一: 家庭人均收入连续6个月超过当地低保标准 — income is above the standard now, and the
    household does not know for how many months in a row."""
    return h.months_above_standard == NOT_SURE and is_above_dibao_standard(h)


def is_unsure_of_recognised_difficulty(h: Household) -> bool:
    """二（三）1: 被认定为就业困难人员中的大龄困难人员和零就业家庭人员 — the household does not
    know whether anyone has been recognised."""
    return NOT_SURE in h.recognised_difficulty


# Question id → (when its "not sure" matters, the clause that makes it matter).
# The words are explanations.toml's [to_check.<question id>].
TO_CHECK: dict[str, tuple[Callable[[Household], bool], str]] = {
    "months_above_standard": (is_unsure_of_months_above_standard, "1-tasks"),
    "recognised_difficulty": (is_unsure_of_recognised_difficulty, "2-3-1"),
}


# ── which predicates lead where ────────────────────────────────────────────

Predicate = Callable[[Household], bool]
Path = tuple[Predicate, ...]  # every predicate must hold

SUPPORT_PATHS: dict[str, tuple[Path, ...]] = {
    # 二（三）1
    "employment-services": ((is_able_to_work, is_within_working_age, has_wish_to_work),),
    "free-employment-services": ((is_laid_off_by_reform,),),
    "entrepreneurship-services": ((is_able_to_work, has_wish_to_start_business),),
    "startup-guarantee-loan": ((is_able_to_work, has_wish_to_start_business),),
    "skills-training": ((is_unemployed_or_in_long_stopped_enterprise, has_wish_for_training),),
    "vocational-training-subsidy": ((is_unemployed_or_in_long_stopped_enterprise, has_wish_for_training),),
    "labour-preparation-training": ((has_school_leaver_not_continuing,),),
    "labour-preparation-living-subsidy": (
        (has_school_leaver_not_continuing, is_school_leaver_rural_or_dibao),
    ),
    "public-welfare-post-priority": (
        (is_recognised_with_employment_difficulty, has_difficulty_finding_work_on_market),
    ),
    # 二（三）2
    "medical-insurance": ((has_hardship_from_illness,),),
    "medical-assistance": ((has_hardship_from_illness,),),
    "mutual-aid-medical": ((has_serious_illness,),),
    "charity-medical-aid": ((has_serious_illness,),),
    # 二（三）3 (only within the measure's group: see MEASURE_PATHS)
    "social-insurance-coverage": ((has_social_insurance_problem,),),
    "insurance-continuation": ((has_ended_labour_relationship,),),
    "arrears-back-payment": ((is_unable_to_retire_for_arrears,),),
    "work-injury-benefits": ((has_work_injury_problem,),),
    "dibao-enrolment": ((is_below_dibao_standard,),),
    "restructuring-social-security": (
        (has_enterprise_in_merger_or_bankruptcy,),
        (is_affected_by_overcapacity_cut,),
    ),
    # 二（三）4
    "student-financial-aid": ((has_children_in_school,),),
    "golden-autumn-scholarship": ((has_children_in_school,),),
    "charitable-education-aid": ((has_children_beyond_compulsory_education,),),
    # 二（三）5
    "subsidised-housing": ((has_no_or_dangerous_housing,),),
    "housing-in-kind": ((has_no_or_dangerous_housing,),),
    "rental-subsidy": ((has_no_or_dangerous_housing,),),
    # 二（三）6
    "dibao": ((is_below_dibao_standard,),),
    "medical-assistance-safety-net": ((has_hardship_from_illness,),),
    "temporary-assistance": ((has_sudden_hardship,),),
    # 二（三）7
    "resettlement-social-security": ((has_enterprise_in_merger_or_bankruptcy,),),
    "rights-protection": ((has_enterprise_in_difficulty,), (is_laid_off_by_structural_change,)),
    "counselling-legal-aid": ((has_enterprise_in_difficulty,), (is_laid_off_by_structural_change,)),
}

# Measures whose clause names the group they cover; the others apply when one of their items does.
MEASURE_PATHS: dict[str, tuple[Path, ...]] = {
    "illness": ((has_hardship_from_illness,),),
    "social-insurance": ((has_social_insurance_problem,),),
    "schooling": ((has_children_in_school,),),
    "housing": ((has_no_or_dangerous_housing,),),
    "structural-reform": ((has_enterprise_in_difficulty,), (is_laid_off_by_structural_change,)),
}

PREDICATES: dict[str, Predicate] = {
    p.__name__: p
    for paths in (*SUPPORT_PATHS.values(), *MEASURE_PATHS.values())
    for path in paths
    for p in path
}


@dataclass(frozen=True)
class MeasureRule:
    measure: Measure
    paths: tuple[Path, ...]
    support: tuple[tuple[SupportItem, tuple[Path, ...]], ...]


@cache
def measure_rules() -> tuple[MeasureRule, ...]:
    """Each measure of the data with its paths, built once; every support item must have a rule."""
    items = {s.id for m in policy().measures for s in m.support}
    if items != set(SUPPORT_PATHS):
        raise ValueError(
            f"rules: support items without a rule {sorted(items - set(SUPPORT_PATHS))}, "
            f"rules without an item {sorted(set(SUPPORT_PATHS) - items)}"
        )
    rules = []
    for measure in policy().measures:
        support = tuple((item, SUPPORT_PATHS[item.id]) for item in measure.support)
        paths = MEASURE_PATHS.get(measure.id) or tuple(dict.fromkeys(p for _, ps in support for p in ps))
        rules.append(MeasureRule(measure=measure, paths=paths, support=support))
    return tuple(rules)


# Screening many households: each predicate is evaluated once per household into
# a bit of an integer; a path holds when all of its bits are set.
_BITS = {name: 1 << i for i, name in enumerate(PREDICATES)}
_PREDICATE_BITS = tuple((predicate, _BITS[name]) for name, predicate in PREDICATES.items())


def _mask(path: Path) -> int:
    mask = 0
    for predicate in path:
        mask |= _BITS[predicate.__name__]
    return mask


def truth(h: Household) -> int:
    """The predicates that hold for the household, one bit each."""
    bits = 0
    for predicate, bit in _PREDICATE_BITS:
        if predicate(h):
            bits |= bit
    return bits


@cache
def _masks() -> tuple[
    tuple[MeasureRule, tuple[int, ...], tuple[tuple[SupportItem, tuple[int, ...]], ...]], ...
]:
    return tuple(
        (
            rule,
            tuple(map(_mask, rule.paths)),
            tuple((item, tuple(map(_mask, paths))) for item, paths in rule.support),
        )
        for rule in measure_rules()
    )


def screen(h: Household) -> list[tuple[MeasureRule, list[SupportItem]]]:
    """The measures that may apply to an in-scope household, each with its support items that may apply."""
    bits = truth(h)
    found = []
    for rule, masks, support in _masks():
        for mask in masks:
            if bits & mask == mask:
                items = []
                for item, item_masks in support:
                    for item_mask in item_masks:
                        if bits & item_mask == item_mask:
                            items.append(item)
                            break
                found.append((rule, items))
                break
    return found


# ── dated parameters in force ──────────────────────────────────────────────


@dataclass(frozen=True)
class Standard:
    """The dibao standard a result used, and where it came from."""

    value: float
    label_zh: str
    label_en: str
    source: str
    start: dt.date | None
    is_local: bool
    user_set: bool
    cited: Any = None  # sources.Source: publisher, title, date, as readers see it


@cache
def official_standard(as_of: dt.date) -> Standard | None:
    """一: 当地低保标准 in force on `as_of`: the operator's Baotou figure, else the sourced default."""
    the_policy = policy()
    for parameter, is_local in (
        (the_policy.dibao_local, True),
        (the_policy.parameters["dibao_standard"], False),
    ):
        dated = parameter.on(as_of)
        if dated is not None:
            return Standard(
                value=dated.value,
                label_zh=parameter.label_zh,
                label_en=parameter.label_en,
                source=dated.source,
                start=dated.start,
                is_local=is_local,
                user_set=False,
                cited=dated.cited,
            )
    return None


@cache
def months_required(as_of: dt.date) -> int | None:
    """一: 连续6个月 — the months above the standard that count as lifted out, in force on `as_of`."""
    dated = policy().parameters["months_above_standard"].on(as_of)
    return None if dated is None else int(dated.value)
