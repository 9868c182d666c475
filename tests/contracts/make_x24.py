"""Build x24-haiyue-quay-crane-behavior.docx: a minimal WordprocessingML package.

Not run by the tests; the .docx is committed. Re-running gives the same bytes (fixed zip
timestamps), so the sha256 in x24's expected.json stays valid.

Layout exercised: the nine articles are one two-column table with a header row `条款 | 内容`.
The LEFT cell holds the article number and title together (`第四条 费用及支付`); the RIGHT
cell holds every clause of that article as its own paragraph, each starting with its number
(`4.2 …`). The payment instalments are further paragraphs of the same cell, prefixed `（1）`.
Unlike x12 there is no row per clause and the clause number is not in a cell of its own.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).with_name("x24-haiyue-quay-crane-behavior.docx")

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


def para(*pieces: str, bold: bool = False, center: bool = False) -> str:
    """A paragraph; several pieces become several runs (the second piece bold, like a filled blank)."""
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    runs = "".join(run(p, bold=bold or (len(pieces) > 1 and i % 2 == 1)) for i, p in enumerate(pieces))
    return f"<w:p>{ppr}{runs}</w:p>"


WIDTHS = (2000, 7000)


def cell(paras: list[str], width: int, shade: bool = False) -> str:
    shd = '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' if shade else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>' + "".join(paras) + "</w:tc>"


def row(left: str, *right: str | tuple[str, ...], header: bool = False) -> str:
    body = [para(*r) if isinstance(r, tuple) else para(r, bold=header) for r in right]
    return "<w:tr>" + cell([para(left, bold=True)], WIDTHS[0], header) + cell(body, WIDTHS[1], header) + "</w:tr>"


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


def articles() -> list[str]:
    return [
        row("条款", "内容", header=True),
        row("第一条 项目概述",
            ("1.1 项目名称：", "集装箱码头岸桥作业视频行为识别模型训练项目"),
            "1.2 项目目标：基于乙方码头岸桥及集卡通道监控视频，训练识别违规登高、未系安全带、吊具下方逗留等不安全行为的视频理解模型。验收标准：在乙方提供的验收视频集上，行为识别准确率不低于96%，召回率不低于92%，F1值不低于0.94。",
            "1.3 训练数据：乙方应向甲方提供模型训练所需的全部视频数据，并保证数据的合法性、合规性、真实性和准确性，不侵犯任何第三方的合法权益。甲方仅限于为完成本合同约定的训练任务使用该数据。乙方应在本合同生效后十五个自然日内向甲方交付不少于三千小时的作业监控视频。"),
        row("第二条 服务内容",
            "2.1 模型设计：甲方根据第1.2条约定的项目目标负责模型架构设计，并应乙方要求提供设计方案的详细说明。",
            "2.2 数据预处理：甲方在获得乙方数据后，应进行抽帧、清洗、标注、格式转换等必要的预处理工作，并通知乙方预处理进展。",
            "2.3 模型训练：甲方利用其算法、算力及训练平台开展模型训练，并按照行业标准和最佳实践选择合适的训练策略和参数。模型训练完成并向乙方交付模型文件及部署文档的截止日期为2025年10月31日。",
            "2.4 模型评估与优化：甲方应对模型的准确率、召回率、F1值进行评估，并根据乙方意见持续优化，直至达到本合同约定的标准。甲方应在交付模型后7个自然日内向乙方提交模型评估报告。"),
        row("第三条 甲方的权利与义务",
            "3.1 甲方有权按照本合同约定收取服务费。",
            "3.2 甲方应按照约定的服务内容和标准，按时、按质完成模型训练任务。",
            "3.3 甲方应妥善保管乙方提供的数据及训练过程中产生的数据，防止数据丢失、损坏或被未经授权的第三方访问。",
            "3.4 甲方应于每月15日（含当日）前向乙方提交上月项目进展报告。"),
        row("第四条 乙方的权利与义务",
            "4.1 乙方有权对甲方的服务过程进行必要的监督和检查。",
            "4.2 本合同服务费合计人民币陆拾万元整（¥600,000.00），乙方按以下约定支付：",
            ("（1）首期款：乙方应在本合同签订后", "十", "个自然日内支付服务费合计的40%，即人民币240,000.00元；"),
            "（2）第二期款：乙方应在2025年10月15日（含当日）前支付服务费合计的40%，即人民币240,000.00元；",
            "（3）尾款：模型验收合格后，乙方应在收到甲方开具的发票之日起十五日内支付剩余20%，即人民币120,000.00元。",
            "4.3 乙方应确保其提供的数据合法、合规，并对其提出的训练目标和技术要求负责。"),
        row("第五条 合同期限",
            "5.1 本合同经双方法定代表人或授权代表签字并加盖合同专用章之日起生效，有效期自生效之日起十二（12）个月。",
            "5.2 双方如拟续签，应于合同期满前四十五日书面通知对方，续签条件由双方另行协商确定。"),
        row("第六条 保密条款",
            "6.1 双方对在履行本合同过程中知悉的对方商业秘密、技术信息、港口作业数据等一切非公开信息负有保密义务。",
            "6.2 保密期限为本合同有效期内及本合同终止后二十四个月。",
            "6.3 本保密义务不因本合同的变更、解除或终止而失效。"),
        row("第七条 违约责任",
            "7.1 甲方迟延交付模型的，每迟延一日，按合同总价的0.1%向乙方支付违约金，但违约金总额不超过合同总价的百分之十。",
            "7.2 乙方逾期付款的，按日加收逾期款项0.03%的滞纳金；逾期超过二十日的，甲方有权暂停服务。",
            "7.3 任何一方违反保密义务的，应向对方支付违约金人民币二十万元，并赔偿因此给对方造成的全部损失。"),
        row("第八条 争议解决",
            "8.1 因本合同引起的或与本合同有关的任何争议，双方应友好协商解决。",
            "8.2 协商不成的，任何一方均可向青岛仲裁委员会申请仲裁。"),
        row("第九条 其他",
            "9.1 本合同的任何修改、补充，均应以书面形式作出，并经双方签字盖章后生效。",
            "9.2 本合同未尽事宜，由双方另行协商签订补充协议。",
            "9.3 本合同一式六份，双方各执三份，具有同等法律效力。"),
    ]


def body() -> list[str]:
    p = para
    return [
        p("人工智能模型训练技术服务合同", bold=True, center=True),
        p("合同编号：HYGK-JF-2025-0627"),
        p("甲方（技术服务方）：南京紫金山数智科技有限公司"),
        p("住所：江苏省南京市玄武区徐庄软件园环园中路9号"),
        p("乙方（委托方）：青岛海岳港口集团有限公司"),
        p("住所：山东省青岛市黄岛区前湾港路6号"),
        p("乙方委托甲方为其训练码头作业安全行为识别模型。双方根据《中华人民共和国民法典》及相关法律法规，经友好协商，订立本合同，共同遵守。"),
        table(articles()),
        p("（以下无正文）"),
        p("甲方（盖章）：南京紫金山数智科技有限公司"),
        p("授权代表（签字）：孙立群"),
        p("日期：2025年6月27日"),
        p("乙方（盖章）：青岛海岳港口集团有限公司"),
        p("授权代表（签字）：于海涛"),
        p("日期：2025年6月27日"),
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
            info = zipfile.ZipInfo(name, date_time=(2025, 6, 27, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out


if __name__ == "__main__":
    print(build())
