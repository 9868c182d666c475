"""Build x35-lanma-coldroll-strip.docx: a minimal WordprocessingML package.

Not run by the tests; the .docx is committed. Re-running gives the same bytes (fixed zip
timestamps), so the sha256 in x35's expected.json stays valid.

Layout exercised: ordinary paragraphs (`第一条` headings, `1.1` clauses), except the payment
schedule of 4.2, which is a Word table with a **two-row header of merged cells**: `期次` and
`备注` span both header rows (`w:vMerge`), `付款节点` spans `付款条件` + `付款期限` and `付款金额`
spans `比例` + `金额（元）` (`w:gridSpan`). Each instalment row has six cells; the deadline is
split between the condition cell (`终验合格`) and the period cell (`…后10个工作日内`); the last
column is a free-text `备注`. A closing `合计` row merges its first three cells and is not an
instalment.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).with_name("x35-lanma-coldroll-strip.docx")

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


def run(text: str, *, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"


def para(text: str = "", *, bold: bool = False, center: bool = False, style: str | None = None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ('<w:jc w:val="center"/>' if center else "")
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{run(text, bold=bold) if text else ''}</w:p>"


# grid: 期次 | 付款条件 | 付款期限 | 比例 | 金额（元） | 备注
GRID = (1100, 1500, 3000, 800, 1400, 1200)


def cell(text: str, width: int, *, span: int = 1, vmerge: str | None = None, header: bool = False) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if header:
        props += '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/><w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text, bold=header, center=header)}</w:tc>"


def tr(cells: list[str], *, header: bool = False) -> str:
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def payment_table() -> str:
    g = GRID
    rows = [
        tr([cell("期次", g[0], vmerge="restart", header=True),
            cell("付款节点", g[1] + g[2], span=2, header=True),
            cell("付款金额", g[3] + g[4], span=2, header=True),
            cell("备注", g[5], vmerge="restart", header=True)], header=True),
        tr([cell("", g[0], vmerge="continue", header=True),
            cell("付款条件", g[1], header=True), cell("付款期限", g[2], header=True),
            cell("比例", g[3], header=True), cell("金额（元）", g[4], header=True),
            cell("", g[5], vmerge="continue", header=True)], header=True),
    ]
    data = [
        ("第一期", "合同生效", "生效之日起15个工作日内", "30%", "240,000.00", "预付款；甲方收款后开具等额发票"),
        ("第二期", "模型交付", "交付之日起30日内", "40%", "320,000.00", "进度款"),
        ("第三期", "终验合格", "终验合格且收到甲方发票后10个工作日内", "25%", "200,000.00", "验收款"),
        ("第四期", "质保期满", "终验合格之日起满六个月后十日内", "5%", "40,000.00", "质保金，质保期六个月"),
    ]
    for values in data:
        rows.append(tr([cell(v, w) for v, w in zip(values, g, strict=True)]))
    rows.append(tr([cell("合计", g[0] + g[1] + g[2], span=3), cell("100%", g[3]),
                    cell("800,000.00", g[4]), cell("", g[5])]))
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in g)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(g)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{border}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        + "".join(rows) + "</w:tbl>"
    )


ARTICLES: list[tuple[str, list[str]]] = [
    ("第一条 项目概述", [
        "1.1 项目名称：冷轧带钢表面缺陷在线检测模型训练项目",
        "1.2 项目目标：基于乙方冷轧产线表面检测仪采集的带钢表面图像，训练识别辊印、划伤、氧化铁皮压入、边裂等缺陷的在线检测模型。验收标准：在乙方封存的验收图像集上，各类缺陷的平均准确率不低于97%，F1值不低于0.93。",
        "1.3 训练数据：乙方应向甲方提供模型训练所需的全部数据，并保证所提供数据的合法性、合规性、真实性和准确性，不侵犯任何第三方的合法权益。甲方仅限于为完成本合同约定的训练任务而使用该数据。乙方应于合同生效后第3个工作日起开始分批交付训练数据，全部数据应于合同生效后30日内交付完毕。",
    ]),
    ("第二条 服务内容", [
        "2.1 模型设计：甲方根据第1.2条约定的项目目标负责模型架构设计，并应乙方要求提供设计方案的详细说明。",
        "2.2 数据预处理：甲方在获得乙方数据后，应进行清洗、裁切、标注复核、格式转换等必要的预处理工作，并通知乙方预处理进展。",
        "2.3 模型训练：甲方利用其算法、算力和训练平台开展模型训练，按照行业标准和最佳实践选择训练策略和参数。甲方应于2026年12月底前向乙方交付训练完成的模型文件、推理程序及部署手册。",
        "2.4 模型评估与优化：甲方应对模型的准确率、F1值进行评估，并根据乙方意见持续优化，直至达到本合同约定的标准。甲方应于模型交付后一周内向乙方提交模型评估报告。",
    ]),
    ("第三条 甲方的权利与义务", [
        "3.1 甲方有权按照本合同约定收取服务费用。",
        "3.2 甲方应按照约定的服务内容和标准，按时、按质完成模型训练任务，确保训练过程的稳定性和安全性。",
        "3.3 甲方应妥善保管乙方提供的数据和训练过程中产生的数据，防止数据丢失、损坏或被未经授权的第三方访问。",
        "3.4 项目实施期间，甲方应于每月第一个工作日向乙方提交上月工作月报。",
    ]),
    ("第四条 乙方的权利与义务", [
        "4.1 乙方有权对甲方的服务过程进行必要的监督和检查，并要求甲方提供相关的工作文档和报告。",
        "4.2 本合同服务费用总额为人民币捌拾万元整（¥800,000.00），乙方按下表分四期向甲方支付：",
        "TABLE",
        "4.3 乙方应确保其提供的数据合法、合规，并对其提出的训练目标、需求描述和技术要求负责。",
        "4.4 乙方应及时、完整地提供训练所需的数据和相关信息，以便甲方顺利开展模型训练工作。",
    ]),
    ("第五条 合同期限", [
        "5.1 本合同自双方签字盖章之日起生效。本合同有效期一年，自生效之日起计算。",
        "5.2 双方如有意续约，应于合同到期日前四十日以书面形式通知对方，并另行协商签订续约协议。",
    ]),
    ("第六条 保密条款", [
        "6.1 双方应对在履行本合同过程中知悉的对方商业秘密、技术信息、生产工艺数据等一切非公开信息承担保密义务。",
        "6.2 保密期限为本合同有效期内及本合同终止后两年。",
        "6.3 本保密义务不因本合同的变更、解除或终止而失效。",
    ]),
    ("第七条 违约责任", [
        "7.1 甲方未按期交付模型的，每延迟一天，按未交付部分对应合同金额的千分之二计付违约金，违约金总额最高为合同总金额的20%。",
        "7.2 乙方未按期付款的，每逾期一天，按应付未付金额的万分之三支付违约金；逾期超过45天的，甲方有权暂停服务。",
        "7.3 任何一方违反保密义务的，应向对方支付违约金人民币叁拾万元整，并赔偿对方因此遭受的全部损失。",
    ]),
    ("第八条 争议解决", [
        "8.1 因本合同引起的或与本合同有关的任何争议，双方应首先友好协商解决。",
        "8.2 协商不成的，任何一方均可向上海国际仲裁中心申请仲裁。",
    ]),
    ("第九条 其他条款", [
        "9.1 本合同的任何修改、补充，均应以书面形式进行，并经双方签字盖章后生效。",
        "9.2 本合同未尽事宜，由双方另行协商签订补充协议，补充协议与本合同具有同等法律效力。",
        "9.3 本合同一式四份，双方各执两份，具有同等法律效力。",
    ]),
]


def body() -> list[str]:
    out = [
        para("人工智能模型训练服务合同", bold=True, center=True, style="Title"),
        para("合同编号：LMZN-FW-2026-0921"),
        para("甲方（服务提供方）：上海澜码智能科技有限公司"),
        para("住所：上海市徐汇区漕河泾开发区宜山路700号"),
        para("乙方（需求方）：马鞍山皖江冷轧薄板有限公司"),
        para("住所：安徽省马鞍山市雨山区湖东南路8号"),
        para("乙方委托甲方为其冷轧产线训练带钢表面缺陷检测模型。根据《中华人民共和国民法典》及相关法律法规，双方在平等、自愿、公平和诚实信用的基础上，经友好协商，订立本合同，以兹共同遵守。"),
    ]
    for heading, clauses in ARTICLES:
        out.append(para(heading, bold=True, style="Heading2"))
        out.extend(payment_table() if c == "TABLE" else para(c) for c in clauses)
    out += [
        para("（以下无正文）"),
        para("甲方（盖章）：上海澜码智能科技有限公司"),
        para("授权代表（签字）：顾承泽"),
        para("签署日期：2026年9月21日"),
        para("乙方（盖章）：马鞍山皖江冷轧薄板有限公司"),
        para("授权代表（签字）：许卫东"),
        para("签署日期：2026年9月21日"),
    ]
    return out


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
            info = zipfile.ZipInfo(name, date_time=(2026, 9, 21, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out


if __name__ == "__main__":
    print(build())
