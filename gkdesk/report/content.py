"""What the annual report says, edition by edition, as a list of blocks for the writer.

Sentences with numbers are generated from the table the way a clerk writes them; where the table
says 0 the sentence says there was none (未发生…, 没有…); where it is blank nothing is said.
Everything only the clerk knows is a visible placeholder 【请填写：…】, never an invented fact.
The sentences are written so that `check --text` ties every number to its phrase (tests hold
this for random drafts): one figure per clause, the phrase's words before the number.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Callable, Mapping, Union

from ..draft import Draft
from ..numbers import Value, format_value
from .figures import sum_of


@dataclass(frozen=True)
class Placeholder:
    """Prose the clerk must write, shown highlighted: 【请填写：what】."""
    what: str

    @property
    def text(self) -> str:
        return f"【请填写：{self.what}】"


Part = Union[str, Placeholder]


@dataclass(frozen=True)
class Block:
    kind: str  # title, para, heading1, heading2, table, attachment, attachment_title, signature
    parts: tuple[Part, ...] = ()
    table: int | None = None  # index of the edition's table, for kind == "table"

    @property
    def text(self) -> str:
        return "".join(p.text if isinstance(p, Placeholder) else p for p in self.parts)


@dataclass
class _Report:
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: str, *parts: Part, table: int | None = None) -> None:
        self.blocks.append(Block(kind, tuple(p for p in parts if p != ""), table))

    def para(self, *parts: Part) -> None:
        self.add("para", *parts)

    def sentences(self, clauses: list[str], end: str = "。") -> None:
        """Clauses joined into one paragraph (nothing when every clause was left out)."""
        kept = [c for c in clauses if c]
        if kept:
            self.para("，".join(kept) + end)


# the draft's numbers as the sentences need them: v("a", "b") is their sum, None if both blank
Figures = Callable[..., Union[Value, None]]


def _figures(values: Mapping[str, Value]) -> Figures:
    return lambda *cells: sum_of(values, cells)


def counted(value: Value | None, some: str, *, none: str = "") -> str:
    """`some` with the number in its {} when the table says more than 0, `none` when it says 0,
    nothing if blank."""
    if value is None:
        return ""
    return some.format(format_value(value)) if value > 0 else none


def _details(clauses: list[str], lead: str = "其中") -> list[str]:
    """The clauses that say something, `lead` (其中) before the first."""
    kept = [c for c in clauses if c]
    if kept:
        kept[0] = lead + kept[0]
    return kept


def unit_of(draft: Draft) -> Part:
    return draft.unit or Placeholder("单位名称")


def signature_date(draft: Draft) -> Part:
    try:
        day = datetime.date.fromisoformat(draft.meta.get("filled_on", ""))
    except ValueError:
        return Placeholder("成文日期")
    return f"{day.year}年{day.month}月{day.day}日"


def report_blocks(draft: Draft) -> list[Block]:
    report = _Report()
    report.add("title", f"{draft.year}年", unit_of(draft), "政府信息公开工作年度报告")
    if {"t2", "t3", "t4"} <= {t.id for t in draft.edition_obj.tables}:
        _report_format(report, draft)  # the 2019/2021 format: three tables in sections 二–四
    else:
        _stat2014(report, draft)  # the 2014-era parts, the one table as 附件
    return report.blocks


# --------------------------------------------------------------------------------------------
# report2019 / report2021: 中华人民共和国政府信息公开工作年度报告格式

_FORMAT_NOTICE = {"report2019": "国办公开办函〔2019〕60号", "report2021": "国办公开办函〔2021〕30号"}


def _report_format(report: _Report, draft: Draft) -> None:
    v = _figures(draft.values)
    year = draft.year
    notice = _FORMAT_NOTICE.get(draft.edition, "")
    notice = f"（{notice}）" if notice else ""
    report.para(
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府"
        f"信息公开工作年度报告格式》{notice}要求编制，全文包括总体情况、主动公开政府信息情况、收到和"
        f"处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、"
        f"其他需要报告的事项。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"本报告电子版可在", Placeholder("政府门户网站名称及网址"), "查阅或下载。如对本报告有疑问，请与",
        Placeholder("联系单位、地址、邮编、电话"), "联系。")

    report.add("heading1", "一、总体情况")
    report.para(Placeholder("本年度政府信息公开工作的总体情况：工作部署、重点举措和成效"))
    report.add("heading2", "（一）主动公开")
    _proactive(report, draft, v)
    report.para(Placeholder("主动公开的主要内容、重点领域信息公开和政策解读、回应关切的做法"))
    report.add("heading2", "（二）依申请公开")
    _applications(report, v)
    report.para(Placeholder("依申请公开的办理机制和做法"))
    report.add("heading2", "（三）政府信息管理")
    report.para(Placeholder("政府信息公开审查、规范性文件清理、信息发布管理等情况"))
    report.add("heading2", "（四）政府信息公开平台建设")
    report.para(Placeholder("政府网站、政务新媒体、政府公报等平台建设情况"))
    report.add("heading2", "（五）监督保障")
    report.para(Placeholder("工作机构、人员、培训、考核、社会评议和责任追究情况"))

    tables = {t.id: i for i, t in enumerate(draft.edition_obj.tables)}
    report.add("heading1", "二、主动公开政府信息情况")
    report.add("table", table=tables["t2"])
    report.add("heading1", "三、收到和处理政府信息公开申请情况")
    report.add("table", table=tables["t3"])
    report.add("heading1", "四、政府信息公开行政复议、行政诉讼情况")
    _reviews(report, v)
    report.add("table", table=tables["t4"])
    report.add("heading1", "五、存在的主要问题及改进情况")
    report.para(Placeholder("本年度政府信息公开工作存在的主要问题"))
    report.para(Placeholder("上年度问题的改进情况和下一步工作打算"))
    report.add("heading1", "六、其他需要报告的事项")
    if draft.edition == "report2021":
        report.para("本年度依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：",
                    Placeholder("收取的次数和金额；未收取的写“本年度未收取信息处理费”"), "。")
    report.para(Placeholder("其他需要报告的事项，如人大代表建议和政协提案办理结果公开情况、"
                            "年度政务公开工作要点落实情况；没有的写“无”"))
    report.add("signature", unit_of(draft), signature_date(draft))


# 主动公开政府信息情况, each format's own rows: sentences of (cell, words with its number in {},
# words when it is 0 — "" says nothing).
_PROACTIVE = {
    "report2021": (
        (("t2.regulation.issued", "本年度制发规章{}件", "本年度没有制发规章"),
         ("t2.normative.issued", "制发行政规范性文件{}件", "没有制发行政规范性文件"),
         ("t2.regulation.repealed", "废止规章{}件", ""),
         ("t2.normative.repealed", "废止行政规范性文件{}件", "")),
        (("t2.regulation.in_force", "截至年底现行有效规章{}件", ""),
         ("t2.normative.in_force", "现行有效行政规范性文件{}件", "")),
        (("t2.license.decisions", "本年度作出行政许可处理决定{}件", ""),
         ("t2.penalty.decisions", "作出行政处罚处理决定{}件", ""),
         ("t2.enforcement.decisions", "作出行政强制处理决定{}件", ""),
         ("t2.fee.amount", "行政事业性收费金额{}万元", "")),
    ),
    "report2019": (
        (("t2.regulation.made", "本年度新制作规章{}件", "本年度没有新制作规章"),
         ("t2.normative.made", "新制作规范性文件{}件", "没有新制作规范性文件"),
         ("t2.regulation.published", "新公开规章{}件", ""),
         ("t2.normative.published", "新公开规范性文件{}件", "")),
        (("t2.regulation.total", "截至年底对外公开规章总数{}件", ""),
         ("t2.normative.total", "对外公开规范性文件总数{}件", "")),
        (("t2.license.decisions", "本年度作出行政许可处理决定{}件", ""),
         ("t2.other_service.decisions", "其他对外管理服务事项处理决定{}件", ""),
         ("t2.penalty.decisions", "作出行政处罚处理决定{}件", ""),
         ("t2.enforcement.decisions", "作出行政强制处理决定{}件", ""),
         ("t2.procurement.items", "政府集中采购项目{}项", ""),
         ("t2.procurement.amount", "采购总金额{}万元", "")),
    ),
}


def _proactive(report: _Report, draft: Draft, v: Figures) -> None:
    rows = _PROACTIVE["report2021" if draft.edition == "report2021" else "report2019"]
    for sentence in rows:
        report.sentences([counted(v(cell), some, none=none) for cell, some, none in sentence])


_RESULTS = (
    ("予以公开", ("t3.open.total",)),
    ("部分公开", ("t3.partial.total",)),
    ("不予公开", tuple(f"t3.deny.{i}.total" for i in range(1, 9))),
    ("无法提供", tuple(f"t3.unable.{i}.total" for i in range(1, 4))),
    ("不予处理", tuple(f"t3.reject.{i}.total" for i in range(1, 6))),
    ("其他处理", ("t3.other.total", "t3.other.1.total", "t3.other.2.total", "t3.other.3.total")),
)


def _applications(report: _Report, v: Figures) -> None:
    report.sentences([
        counted(v("t3.new.total"), "本年度新收政府信息公开申请{}件",
                none="本年度未收到政府信息公开申请"),
        counted(v("t3.carried.total"), "上年结转政府信息公开申请{}件", none="无上年结转的申请"),
    ])
    handled = counted(v("t3.total.total"), "本年度办结政府信息公开申请{}件")
    results = _details([counted(v(*cells), words + "{}件") for words, cells in _RESULTS],
                       "其中" if handled else "办理结果为：")
    report.sentences([handled, *results])
    report.sentences([counted(v("t3.forward.total"), "结转下年度继续办理{}件",
                              none="无结转下年度继续办理的申请")])


def _reviews(report: _Report, v: Figures) -> None:
    review = v("t4.review.total")
    suit = v("t4.suit_direct.total", "t4.suit_after.total")
    parts = [counted(review, "本年度发生政府信息公开行政复议{}件",
                     none="本年度未发生政府信息公开行政复议")]
    if review:
        parts += _details([counted(v(f"t4.review.{c}"), w + "{}件")
                           for c, w in (("upheld", "结果维持"), ("corrected", "结果纠正"),
                                        ("other", "其他结果"), ("pending", "尚未审结"))])
    parts.append(counted(suit, "发生政府信息公开行政诉讼{}件",
                         none="未发生政府信息公开行政诉讼"))
    report.sentences(parts)


# --------------------------------------------------------------------------------------------
# stat2014: the parts of a 2014–2018 report, the table as 附件

def _stat2014(report: _Report, draft: Draft) -> None:
    v = _figures(draft.values)
    year = draft.year
    unit = unit_of(draft)
    report.para("根据《中华人民共和国政府信息公开条例》和", Placeholder("本地政府信息公开规定"),
                "规定，现将", unit, f"{year}年政府信息公开工作情况报告如下。本报告中所列数据的统计期限"
                f"自{year}年1月1日起至{year}年12月31日止。本报告电子版可在",
                Placeholder("政府网站名称及网址"), "查阅或下载。")
    report.add("heading1", "一、概述")
    report.para(Placeholder("本年度政府信息公开工作的总体情况"))

    report.add("heading1", "二、政府信息公开的组织领导和制度建设")
    report.sentences([
        counted(v("8.1"), "本年度设立政府信息公开工作专门机构{}个"),
        counted(v("8.4"), "从事政府信息公开工作人员{}人"),
        counted(v("8.4.1"), "其中专职人员{}人"),
        counted(v("8.4.2"), "兼职人员{}人"),
    ])
    report.sentences([
        counted(v("8.5"), "政府信息公开专项经费{}万元"),
        counted(v("9.1"), "召开政府信息公开工作会议或专题会议{}次"),
        counted(v("9.2"), "举办各类培训班{}次"),
        counted(v("9.3"), "接受培训人员{}人次"),
    ])
    report.para(Placeholder("组织领导、制度建设和工作机制"))

    report.add("heading1", "三、发布解读、回应社会关注以及互动交流情况")
    report.sentences([
        counted(v("2.1"), "本年度回应公众关注热点或重大舆情{}次"),
        counted(v("2.2.1"), "参加或举办新闻发布会{}次", none="没有参加或举办新闻发布会"),
        counted(v("2.2.1.a"), "其中主要负责同志参加{}次") if v("2.2.1") else "",
    ])
    report.sentences([
        counted(v("2.2.2"), "开展政府网站在线访谈{}次"),
        counted(v("2.2.2.a"), "其中主要负责同志参加{}次") if v("2.2.2") else "",
        counted(v("2.2.3"), "发布政策解读稿件{}篇"),
        counted(v("2.2.4"), "通过微博微信回应事件{}次"),
        counted(v("2.2.5"), "通过其他方式回应事件{}次"),
    ])
    report.para(Placeholder("政策解读、回应关切和互动交流的做法"))

    report.add("heading1", "四、重点领域政府信息公开工作推进情况")
    report.para(Placeholder("重点领域政府信息公开情况"))

    report.add("heading1", "五、主动公开政府信息以及公开平台建设情况")
    report.sentences([
        counted(v("1.1"), "本年度主动公开政府信息{}条", none="本年度没有主动公开政府信息"),
        counted(v("1.1.a"), "其中主动公开规范性文件{}条"),
        counted(v("1.1.b"), "制发规范性文件{}件"),
    ])
    report.sentences([
        counted(v("1.2.1"), "通过政府网站公开政府信息{}条", none="没有通过政府网站公开政府信息"),
        counted(v("1.2.2"), "通过政务微博公开政府信息{}条", none="没有通过政务微博公开政府信息"),
        counted(v("1.2.3"), "通过政务微信公开政府信息{}条", none="没有通过政务微信公开政府信息"),
        counted(v("1.2.4"), "通过其他方式公开政府信息{}条"),
    ])
    report.sentences([
        counted(v("7"), "向图书馆、档案馆等查阅场所报送信息{}条"),
        counted(v("7.1"), "其中纸质文件{}条"),
        counted(v("7.2"), "电子文件{}条"),
        counted(v("8.2"), "设置政府信息公开查阅点{}个"),
        counted(v("8.3"), "查阅点接待{}人次"),
    ])
    report.para(Placeholder("公开平台建设情况"))

    report.add("heading1", "六、政府信息公开申请的办理情况")
    channels = [counted(v(c), w + "{}件") for c, w in (
        ("3.1.1", "当面申请"), ("3.1.2", "传真申请"), ("3.1.3", "网络申请"), ("3.1.4", "信函申请"),
        ("3.1.5", "其他形式申请"))]
    report.sentences([
        counted(v("3.1"), "本年度收到政府信息公开申请{}件", none="本年度未收到政府信息公开申请"),
        *(_details(channels) if v("3.1") else []),
    ])
    report.sentences([
        counted(v("3.2"), "申请办结{}件"),
        counted(v("3.2.1"), "其中按时办结{}件"),
        counted(v("3.2.2"), "延期办结{}件"),
    ])
    answers = [counted(v(c), w + "{}件") for c, w in (
        ("3.3.1", "属于已主动公开范围"), ("3.3.2", "同意公开"), ("3.3.3", "同意部分公开"),
        ("3.3.4", "不同意公开"), ("3.3.5", "不属于本行政机关公开"), ("3.3.6", "申请信息不存在"),
        ("3.3.7", "告知作出更改补充"), ("3.3.8", "告知通过其他途径办理"))]
    report.sentences([counted(v("3.3"), "申请答复{}件"),
                      *(_details(answers) if v("3.3") else [])])
    report.para(Placeholder("依申请公开的办理做法"))

    report.add("heading1", "七、政府信息的公开收费及减免情况")
    report.para(Placeholder("收费及减免情况；未收费的写明"))

    report.add("heading1", "八、因政府信息公开提起申请行政复议、行政诉讼的情况")
    report.sentences([
        counted(v("4"), "本年度因政府信息公开被申请行政复议{}件",
                none="本年度没有发生因政府信息公开申请行政复议的情况"),
        counted(v("5"), "被提起行政诉讼{}件", none="没有发生因政府信息公开提起行政诉讼的情况"),
        counted(v("6"), "被举报投诉{}件", none="没有发生因政府信息公开被举报投诉的情况"),
    ])

    report.add("heading1", "九、政府信息公开保密审查及监督检查情况")
    report.para(Placeholder("保密审查、监督检查和考核情况"))
    report.add("heading1", "十、政府信息公开存在的主要问题以及改进情况")
    report.para(Placeholder("存在的主要问题和改进措施"))
    report.para(f"附件：{year}年度政府信息公开工作情况统计表")
    report.add("signature", unit, signature_date(draft))
    report.add("attachment", "附件")
    report.add("attachment_title", draft.edition_obj.title_for(year))
    if draft.edition_obj.subtitle:
        report.add("attachment_subtitle", draft.edition_obj.subtitle)
    report.add("table", table=0)
