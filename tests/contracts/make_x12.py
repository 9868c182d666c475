"""Build x12-meiju-service-dispatch.docx: a minimal WordprocessingML package.

Not run by the tests; the .docx is committed. Re-running gives the same bytes (fixed zip
timestamps), so the sha256 in x12's expected.json stays valid.

What it exercises: the whole clause layout is one two-column Word table (w:tbl): a row per
article heading (`第一条 | 项目概述`) and a row per clause (`4.2 | text`), so the clause number
sits in its own cell, never at the start of the clause text. The payment instalments are
separate paragraphs inside one cell. Several deadline sentences are split over many runs with
different formatting, with w:proofErr and w:bookmarkStart/End between the runs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).with_name("x12-meiju-service-dispatch.docx")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

_bm = [0]


def run(text: str, *, bold: bool = False, italic: bool = False, underline: bool = False, color: str = "") -> str:
    props = ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if underline:
        props += '<w:u w:val="single"/>'
    if color:
        props += f'<w:color w:val="{color}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"


def split(*pieces: str) -> str:
    """A sentence split over many runs, alternating formatting, with proofErr and a bookmark between runs."""
    _bm[0] += 1
    out = [f'<w:bookmarkStart w:id="{_bm[0]}" w:name="_Ref{_bm[0]:04d}"/>']
    for i, piece in enumerate(pieces):
        if i % 3 == 1:
            out.append('<w:proofErr w:type="spellStart"/>')
        out.append(run(piece, bold=i % 2 == 1, underline=i % 3 == 2, color="C00000" if i % 4 == 3 else ""))
        if i % 3 == 1:
            out.append('<w:proofErr w:type="spellEnd"/>')
    out.append(f'<w:bookmarkEnd w:id="{_bm[0]}"/>')
    return "".join(out)


def para(*parts: str, bold: bool = False, center: bool = False) -> str:
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    body = "".join(p if p.startswith("<") else run(p, bold=bold) for p in parts)
    return f"<w:p>{ppr}{body}</w:p>"


def cell(paras: list[str], width: int, shade: bool = False) -> str:
    shd = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if shade else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>' + "".join(paras) + "</w:tc>"


WIDTHS = (1100, 7900)


def heading_row(number: str, name: str) -> str:
    return "<w:tr>" + cell([para(number, bold=True)], WIDTHS[0], True) + cell([para(name, bold=True)], WIDTHS[1], True) + "</w:tr>"


def clause_row(number: str, *paras: str) -> str:
    body = [p if p.startswith("<w:p>") or p.startswith("<w:p ") else para(p) for p in paras]
    return "<w:tr>" + cell([para(number)], WIDTHS[0]) + cell(body, WIDTHS[1]) + "</w:tr>"


def table(rows: list[str]) -> str:
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in WIDTHS)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>" + "".join(rows) + "</w:tbl>"
    )


def clauses() -> list[str]:
    H, C, P = heading_row, clause_row, para
    return [
        H("第一条", "项目概述"),
        C("1.1", P("项目名称：", run("家电售后工单智能分派模型训练项目", bold=True))),
        C("1.2", "项目目标：基于甲方全国售后服务网络的历史工单、网点能力及工程师技能数据，训练将报修工单自动分派至最合适服务网点与工程师的排序模型。验收标准：工单分派Top-1准确率不低于88%，紧急工单召回率不低于80%。"),
        C("1.3", P(
            "训练数据：甲方应向乙方提供模型训练所需的全部数据，并保证所提供数据的合法性、合规性，以及数据的真实性、准确性。甲方对数据的来源及合法性负全部责任，确保不侵犯任何第三方的合法权益。乙方仅限于为完成本合同约定的模型训练任务而使用该数据。",
            split("甲方应于", "本合同", "生效之日起", "15", "日内", "向乙方交付近两年的售后工单及处理记录", "。"),
        )),
        H("第二条", "服务内容"),
        C("2.1", "模型设计：乙方根据甲方在1.2条中提出的项目目标，负责进行模型架构设计，并应甲方要求提供模型设计方案的详细说明。"),
        C("2.2", "数据预处理：在获得甲方数据后，乙方应对数据进行必要的清洗、标注、格式转换等预处理工作，以适应模型训练的要求，并通知甲方预处理的进展情况。"),
        C("2.3", P(
            "模型训练：乙方利用专业的算法、计算资源和训练平台进行模型训练，并按照行业标准和最佳实践选择合适的训练策略和参数设置。",
            split("乙方应于本合同生效之日起", "四个月", "内完成模型训练", "，并向甲方交付", "模型", "及接口文档", "。"),
        )),
        C("2.4", P(
            "模型评估与优化：模型训练完成后，乙方应进行模型评估，并根据甲方反馈的意见和建议对模型进行优化，直至达到合同约定的目标。",
            split("乙方应于模型交付后", "10", "日内向甲方提交", "评估报告", "。"),
        )),
        H("第三条", "甲方的权利与义务"),
        C("3.1", "甲方有权对乙方的服务过程进行必要的监督和检查，并要求乙方提供相关的工作文档和报告。"),
        C("3.2",
          "甲方应按照本合同约定向乙方支付服务费用。合同总价为人民币壹佰零伍万元整（¥1,050,000.00），分三期支付：",
          P(split("（1）首期款：本合同生效后", "15", "个工作日内", "，甲方支付合同总价的", "30%", "，即人民币315,000.00元；")),
          P(split("（2）第二期款：乙方交付模型且甲方收到乙方开具的等额发票后", "20", "日内", "，甲方支付合同总价的", "40%", "，即人民币420,000.00元；")),
          P(split("（3）尾款：模型终验合格后", "30", "日内", "，甲方支付合同总价的", "30%", "，即人民币315,000.00元。")),
          ),
        C("3.3", "甲方应确保其提供的数据的合法性、合规性，并有权要求乙方停止使用侵犯其权益的数据。"),
        C("3.4", "甲方应对其提供的模型训练目标、需求描述和技术要求负责，并应积极配合乙方进行需求确认和方案调整。"),
        H("第四条", "乙方的权利与义务"),
        C("4.1", "乙方有权按照合同约定收取服务费用。"),
        C("4.2", "乙方应按照合同约定的服务内容和标准，按时、按质完成模型训练任务，确保训练过程的稳定性和安全性。"),
        C("4.3", "乙方应对在履行本合同过程中接触到的甲方的商业秘密和技术信息承担保密义务，非经甲方书面同意，不得向任何第三方泄露。"),
        C("4.4", "乙方应妥善保管甲方提供的数据和训练过程中产生的数据，防止数据丢失、损坏或被未经授权的第三方访问。"),
        H("第五条", "合同期限"),
        C("5.1", P(split("本合同自双方签署之日起生效", "，", "有效期为", "二十四个月", "。"))),
        C("5.2", "合同期满前三十个日历日，如双方均有意继续合作，应另行协商签订续约协议。续约条件由双方另行协商确定。"),
        H("第六条", "保密条款"),
        C("6.1", "甲乙双方应对在履行本合同过程中知悉的对方的商业秘密、技术信息、客户信息等一切非公开信息承担保密义务。"),
        C("6.2", "保密期限至本合同终止之日起满四年。"),
        C("6.3", "未经对方书面同意，任何一方不得将上述保密信息泄露给任何第三方，或用于本合同约定之外的任何目的。"),
        H("第七条", "违约责任"),
        C("7.1", P(split("乙方逾期交付的，每逾期一天应按逾期交付部分对应费用的", "千分之二", "向甲方支付违约金，违约金总额以人民币", "拾万元", "为上限。"))),
        C("7.2", P(split("甲方逾期付款的，每逾期一日按逾期金额的万分之", "四", "向乙方支付违约金；逾期超过", "三十", "日的，乙方有权暂停服务或解除合同。"))),
        C("7.3", "任何一方违反本合同项下的保密义务，应向对方支付违约金人民币伍拾万元，并赔偿因此给对方造成的全部损失。"),
        H("第八条", "争议解决"),
        C("8.1", "因本合同引起的或与本合同有关的任何争议，双方应首先通过友好协商解决。"),
        C("8.2", "协商不成的，任何一方均有权向甲方住所地有管辖权的人民法院提起诉讼。"),
        H("第九条", "其他条款"),
        C("9.1", "本合同的任何修改、补充，均应以书面形式进行，并经双方签字盖章后生效。"),
        C("9.2", "本合同未尽事宜，由双方另行协商签订补充协议。补充协议与本合同具有同等法律效力。"),
        C("9.3", "本合同一式陆份，甲方执肆份，乙方执贰份，具有同等法律效力。"),
    ]


def body() -> list[str]:
    p = para
    return [
        para("人工智能模型训练委托合同", bold=True, center=True),
        p("合同编号：MJ-FW-AI-2505"),
        p("甲方（需求方）：佛山顺德美居家电股份有限公司"),
        p("住所：广东省佛山市顺德区北滘镇美居大道6号"),
        p("乙方（服务提供方）：深圳前海知行智能科技有限公司"),
        p("住所：广东省深圳市南山区前海深港合作区前湾一路1号"),
        p("甲方作为委托方，拟委托乙方完成人工智能模型训练任务；乙方拥有人工智能模型训练的专业能力、计算资源和技术经验。根据《中华人民共和国民法典》及相关法律法规，甲乙双方在平等、自愿、公平和诚实信用的基础上，经友好协商，就人工智能模型训练事宜达成如下协议，以兹共同遵守。"),
        table(clauses()),
        p("（以下无正文）"),
        p("甲方（盖章）：佛山顺德美居家电股份有限公司"),
        p("授权代表（签字）：何嘉欣"),
        p("日期：2025年5月16日"),
        p("乙方（盖章）：深圳前海知行智能科技有限公司"),
        p("授权代表（签字）：潘卓伟"),
        p("日期：2025年5月16日"),
    ]


def document_xml() -> str:
    sect = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/>'
        "</w:sectPr>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}"><w:body>' + "".join(body()) + sect + "</w:body></w:document>"
    )


def build(out: Path = OUT) -> Path:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document_xml()),
    ]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2025, 5, 16, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out


if __name__ == "__main__":
    print(build())
