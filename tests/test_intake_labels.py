"""The one label normaliser and the value reader, rule by rule, as the spec states them."""
from decimal import Decimal

import pytest

from gkdesk.editions import get_edition
from gkdesk.intake.heading import file_year, filler_unit, title_year
from gkdesk.intake.labels import fold, normalise
from gkdesk.intake.values import read_value


@pytest.mark.parametrize("text, folded", [
    ("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
    ("（一）予以公开", "予以公开"),
    ("(一)予以公开", "予以公开"),
    ("1.属于国家秘密", "属于国家秘密"),
    ("1、属于国家秘密", "属于国家秘密"),
    ("１．当面申请数", "当面申请数"),
    ("①自然人", "自然人"),
    ("其中：主动公开规范性文件数", "主动公开规范性文件数"),
    ("  ()政府信息公开工作专门机构数", "政府信息公开工作专门机构数"),  # the seed lost the numerals
    ("统 计 指 标", "统计指标"),
    ("本年新收政府信息\n公开申请数量", "本年新收政府信息公开申请数量"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    ("3.危及“三安全一稳定”", '危及"三安全一稳定"'),
    ('3.危及"三安全一稳定"', '危及"三安全一稳定"'),
    ("3.危及「三安全一稳定」", '危及"三安全一稳定"'),
    ("12.5", "12.5"),  # a number is not numbering
])
def test_labels_fold_as_the_spec_says(text, folded):
    assert normalise(text) == folded


def test_unit_notes_are_read_before_the_note_is_dropped():
    assert fold("本年收费金额（单位：万元）") == ("本年收费金额", "万元")
    assert fold("本年收费金额(元)") == ("本年收费金额", "元")
    assert fold("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")[1] is None


CELLS = get_edition("report2019").cells


@pytest.mark.parametrize("text, cell, value, noted", [
    ("12", "t3.new.person", 12, False),
    ("１２", "t3.new.person", 12, False),
    ("1,234", "t3.new.person", 1234, False),
    ("12件", "t3.new.person", 12, False),
    ("", "t3.new.person", None, False),
    ("\xa0", "t3.new.person", None, False),
    ("—", "t3.new.person", None, False),
    ("-", "t3.new.person", None, False),
    ("--", "t3.new.person", None, False),
    ("/", "t3.new.person", None, False),
    ("无", "t3.new.person", None, False),
    ("&nbsp;", "t3.new.person", None, False),
    ("-3", "t2.license.change", -3, False),
    ("－3", "t2.license.change", -3, False),
    ("-3", "t3.new.person", None, True),
    ("约12", "t3.new.person", None, True),
    ("2.6万元", "t2.procurement.amount", Decimal("2.6"), False),
    ("251000元", "t2.procurement.amount", Decimal("25.1"), True),
    ("0.5元", "t2.procurement.amount", None, True),
])
def test_values_read_as_clerks_write_them(text, cell, value, noted):
    reading = read_value(text, CELLS[cell])
    assert reading.value == value and (reading.note is not None) == noted


def test_a_heading_in_yuan_converts_plain_numbers():
    reading = read_value("3000", CELLS["t2.procurement.amount"], column_unit="元")
    assert reading.value == Decimal("0.3") and "万元" in reading.note


@pytest.mark.parametrize("lines, year, unit", [
    (["标题: 淄博市公共资源交易中心2018年信息公开年度报告"], 2018, "淄博市公共资源交易中心"),
    (["2019年上海市人民政府办公厅政府信息公开工作年度报告"], 2019, "上海市人民政府办公厅"),
    (["2018年度政府信息公开工作情况统计表"], 2018, ""),
    (["二〇一九年政府信息公开工作年度报告"], 2019, ""),
    (["发布日期:2019-01-25", "2019年1月22日"], None, ""),
    (["发布日期：2022年1月20日", "某区2021年政府信息公开工作年度报告"], 2021, "某区"),
])
def test_year_and_unit_from_the_title(lines, year, unit):
    assert title_year(lines) == (year, unit)


def test_unit_from_the_filler_line_and_year_from_the_file_name():
    assert filler_unit(["填报单位（盖章）：某某县人民政府办公室    填报日期：2022-01-10"]) == \
        "某某县人民政府办公室"
    assert filler_unit(["填报单位:某某镇"]) == "某某镇"
    assert file_year("某局2021年统计表.xls") == 2021 and file_year("报告.docx") is None
