"""Build x05-lingxi-radiology-report.docx: a minimal WordprocessingML package.

Not run by the tests; the .docx is committed. Re-running gives the same bytes (fixed zip
timestamps), so the sha256 in x05's expected.json stays valid.

What it exercises: a payment schedule as a real table (w:tbl), filled values inside content
controls (w:sdt around runs: project name, total fee, signing date), a sentence split over
several runs with different formatting, and numbering 第一条 / 1.1.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).with_name("x05-lingxi-radiology-report.docx")

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

_sdt_id = [1000]


def run(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"


def sdt(alias: str, tag: str, text: str) -> str:
    """An inline (run-level) plain-text content control holding one run."""
    _sdt_id[0] += 1
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/><w:id w:val="{_sdt_id[0]}"/>'
        f"<w:text/></w:sdtPr><w:sdtContent>{run(text)}</w:sdtContent></w:sdt>"
    )


def para(*parts: str, bold: bool = False, center: bool = False) -> str:
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    body = "".join(p if p.startswith("<") else run(p, bold) for p in parts)
    return f"<w:p>{ppr}{body}</w:p>"


def cell(text: str, width: int) -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f"<w:p>{run(text)}</w:p></w:tc>"
    )


def table(rows: list[list[str]], widths: list[int]) -> str:
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join("<w:tr>" + "".join(cell(t, w) for t, w in zip(r, widths, strict=True)) + "</w:tr>" for r in rows)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def body() -> list[str]:
    h = lambda text: para(text, bold=True)  # noqa: E731
    p = para
    out = [
        para("人工智能模型训练合同协议", bold=True, center=True),
        p("合同编号：LXZN-MED-0612"),
        p("甲方（服务提供方）：武汉光谷灵犀智能科技有限公司"),
        p("住所：湖北省武汉市东湖新技术开发区高新大道999号"),
        p("乙方（需求方）：长沙麓山智慧医疗科技股份有限公司"),
        p("住所：湖南省长沙市岳麓区麓谷大道627号"),
        p("鉴于甲方（以下简称“服务提供方”）拥有人工智能模型训练的专业能力、计算资源和技术经验；乙方（以下简称“需求方”）有明确的模型训练需求，希望委托甲方完成模型训练任务。根据《中华人民共和国民法典》及相关法律法规，甲乙双方在平等、自愿、公平和诚实信用的基础上，经友好协商，就人工智能模型训练事宜达成如下协议，以兹共同遵守。"),
        h("第一条 项目概述"),
        p("1.1 项目名称：", sdt("项目名称", "project_name", "医学影像报告结构化信息抽取模型训练项目")),
        p("1.2 项目目标：训练从CT、MR及超声检查报告中抽取病灶部位、大小、性质及随访建议等结构化字段的信息抽取模型，供乙方区域影像云平台使用。验收标准：结构化字段抽取的召回率不低于90%，F1值不低于0.88。"),
        p(
            "1.3 训练数据：乙方应向甲方提供模型训练所需的全部数据，并保证所提供数据的合法性、合规性，以及数据的真实性、准确性。乙方对数据的来源及合法性负全部责任，确保不侵犯任何第三方的合法权益。甲方仅限于为完成本合同约定的模型训练任务而使用该数据。",
            run("乙方应于本合同生效之日起"),
            run("7", bold=True),
            run("日内向甲方交付不少于10万份脱敏影像报告文本。"),
        ),
        h("第二条 服务内容"),
        p("2.1 模型设计：甲方根据乙方在1.2条中提出的项目目标，负责进行模型架构设计，并应乙方要求提供模型设计方案的详细说明。"),
        p("2.2 数据预处理：在获得乙方数据后，甲方应对数据进行必要的清洗、标注、格式转换等预处理工作，以适应模型训练的要求。甲方应确保预处理过程的科学性和合理性，并通知乙方预处理的进展情况。"),
        p("2.3 模型训练：甲方利用专业的算法、计算资源和训练平台，依据约定的模型设计和预处理后的数据，进行模型训练。甲方应按照行业标准和最佳实践，选择合适的训练策略和参数设置，以优化模型性能。甲方应于2026年12月31日前完成模型训练并向乙方交付模型。"),
        p("2.4 模型评估与优化：模型训练完成后，甲方应进行模型评估，包括但不限于准确率、召回率、F1值等指标，并向乙方提供评估报告。根据乙方反馈的意见和建议，甲方应对模型进行优化，直至达到合同约定的目标或双方协商一致的标准。甲方应于模型交付之日起10个工作日内向乙方提交评估报告。"),
        h("第三条 甲方的权利与义务"),
        p("3.1 甲方有权按照合同约定收取服务费用。"),
        p("3.2 甲方应按照合同约定的服务内容和标准，按时、按质完成模型训练任务，确保训练过程的稳定性和安全性。"),
        p("3.3 甲方应对在履行本合同过程中接触到的乙方的商业秘密和技术信息承担保密义务，非经乙方书面同意，不得向任何第三方泄露。"),
        p("3.4 甲方应妥善保管乙方提供的数据和训练过程中产生的数据，防止数据丢失、损坏或被未经授权的第三方访问。甲方应采取必要的技术措施确保数据安全。"),
        p("3.5 甲方应积极配合乙方对模型训练过程的监督和检查，并根据乙方合理的要求提供相关的工作文档和报告。甲方应于每月10日前向乙方提交上一月度的项目进度报告。"),
        h("第四条 乙方的权利与义务"),
        p("4.1 乙方有权对甲方的服务过程进行必要的监督和检查，并要求甲方提供相关的工作文档和报告。"),
        p(
            "4.2 乙方应按照合同约定向甲方支付服务费用。本合同服务费用总额为",
            sdt("合同总价", "total_fee", "人民币960,000元"),
            "（含税），按下表分三期支付：",
        ),
        table(
            [
                ["期次", "付款节点", "付款比例", "付款金额（元）"],
                ["第一期", "本合同生效之日起5个工作日内", "30%", "288,000.00"],
                ["第二期", "甲方交付模型之日起15日内", "40%", "384,000.00"],
                ["第三期", "模型验收合格后10日内", "30%", "288,000.00"],
            ],
            [1200, 4400, 1400, 2000],
        ),
        p("4.3 乙方应确保其提供的数据的合法性、合规性，并有权要求甲方停止使用侵犯其权益的数据。"),
        p("4.4 乙方应对其提供的模型训练目标、需求描述和技术要求负责，并应积极配合甲方进行需求确认和方案调整。"),
        p("4.5 乙方应按照合同约定向甲方提供必要的训练数据和相关信息，并保证数据的及时性和完整性，以便甲方顺利开展模型训练工作。"),
        h("第五条 合同期限"),
        p("5.1 本合同自双方签字盖章之日起生效，有效期为十个月。"),
        p("5.2 合同期满前二十日，如双方均有意继续合作，应另行协商签订续约协议。续约条件由双方另行协商确定。"),
        h("第六条 保密条款"),
        p("6.1 甲乙双方应对在履行本合同过程中知悉的对方的商业秘密、技术信息、客户信息等一切非公开信息承担保密义务。"),
        p("6.2 保密期限为本合同有效期内及合同终止后三年。"),
        p("6.3 未经对方书面同意，任何一方不得将上述保密信息泄露给任何第三方，或用于本合同约定之外的任何目的。"),
        p("6.4 本保密义务不因本合同的变更、解除或终止而失效。"),
        h("第七条 违约责任"),
        p("7.1 若甲方未能按时、按质完成模型训练任务，每逾期一日，应按合同总额的千分之一向乙方支付违约金，违约金累计不超过合同总额的10%，并赔偿乙方因此遭受的直接经济损失。若违约金不足以弥补乙方损失的，甲方应补足差额。"),
        p("7.2 若乙方未能按时支付服务费用，每逾期一日，应按逾期款项的万分之五向甲方支付违约金。逾期超过30日，甲方有权暂停服务或解除合同，并要求乙方支付全部应付费用及违约金。"),
        p("7.3 任何一方违反本合同项下的保密义务，应向对方支付违约金人民币贰拾万元，并赔偿因此给对方造成的全部损失。"),
        h("第八条 争议解决"),
        p("8.1 因本合同引起的或与本合同有关的任何争议，双方应首先通过友好协商解决。"),
        p("8.2 协商不成的，任何一方均有权将争议提交武汉仲裁委员会，按照其届时有效的仲裁规则进行仲裁。"),
        h("第九条 其他条款"),
        p("9.1 本合同的任何修改、补充，均应以书面形式进行，并经双方签字盖章后生效。"),
        p("9.2 本合同未尽事宜，由双方另行协商签订补充协议。补充协议与本合同具有同等法律效力。"),
        p("9.3 本合同一式六份，甲乙双方各执三份，具有同等法律效力。"),
        p("（以下无正文）"),
        p("甲方（盖章）：武汉光谷灵犀智能科技有限公司"),
        p("授权代表（签字）：易志强"),
        p("日期：", sdt("签署日期", "signed_date_a", "2026年6月12日")),
        p("乙方（盖章）：长沙麓山智慧医疗科技股份有限公司"),
        p("授权代表（签字）：彭雅婷"),
        p("日期：", sdt("签署日期", "signed_date_b", "2026年6月12日")),
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
            info = zipfile.ZipInfo(name, date_time=(2026, 6, 12, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out


if __name__ == "__main__":
    print(build())
