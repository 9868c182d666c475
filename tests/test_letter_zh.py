"""A service undertaking written as a letter (我司 … 贵司, 以下简称), signed by the writer with a sealing
line and no label, then accepted on a reply slip (回执): the payer is the client, the project named
in quotes is the title, the later signature dates the contract. Expected values by hand."""

from __future__ import annotations

from datetime import date

from tracker.parse import parse_text
from tracker.parse.normalize import normalize
from tracker.parse.party_aliases_zh import aliases

LETTER = """技术服务承诺函

致：宁波某物流集团有限公司（以下简称“贵司”）

我司杭州某视觉科技有限公司（以下简称“我司”）就贵司“园区烟火识别算法升级服务”项目承诺如下。

一、服务期限
（一）本函项下服务期限为十二个月，自贵司回执签章之日起计算。

二、费用
（一）服务费用总额为人民币100,000元。
（二）贵司于回执签章之日起15日内支付服务费用的50%，即人民币50,000元。
（三）服务期满后15日内，贵司支付剩余50%，即人民币50,000元。

杭州某视觉科技有限公司（盖章）
授权代表：许某
2026年6月1日

回  执
我司已知悉并同意上述承诺函的全部内容。
宁波某物流集团有限公司（盖章）
日期：2026年6月5日
"""


def test_the_payer_of_two_unexplained_short_names_is_the_client() -> None:
    roles = {a.alias: a.role for a in aliases(normalize(LETTER).text)}
    assert roles == {"贵司": "client", "我司": "provider"}


def test_a_letter_accepted_on_a_reply_slip() -> None:
    doc = parse_text(LETTER, "letter.txt")
    c = doc.contract
    assert (c.client, c.provider) == ("宁波某物流集团有限公司", "杭州某视觉科技有限公司")
    assert c.title == "园区烟火识别算法升级服务"
    assert c.signed_date == date(2026, 6, 5)  # the reply slip, the later of the two
    first = next(o for o in doc.obligations if o.kind == "payment")
    assert first.party == "client" and first.due_date == date(2026, 6, 22)  # 06-20 is a Saturday


EXCHANGE = """训练数据产品交易合同
数据产品名称：中文医疗对话数据集V2.0
甲方（买方）：某智能科技有限公司
乙方（卖方）：某数据服务有限公司
第一条 交付
1.1 数据分两批交付：第一批60万条，乙方应于2026年8月14日前交付；第二批40万条，乙方应于第一批数据验收合格之日起45日内交付。
第二条 价款
2.1 甲方应于本合同生效之日起5个工作日内，将价款的40%即人民币344,000元存入丙方结算专户。
"""


def test_a_second_part_of_a_sentence_does_what_the_first_did_and_deposits_are_payments() -> None:
    doc = parse_text(EXCHANGE, "exchange.txt")
    assert doc.contract.title == "中文医疗对话数据集V2.0"
    kinds = [(o.kind, o.party) for o in doc.obligations if o.clause == "1.1"]
    assert kinds == [("other", "provider"), ("other", "provider")]  # the provider's data, twice; no model
    pay = [o for o in doc.obligations if o.kind == "payment"]
    assert len(pay) == 1 and str(pay[0].amount) == "344000.00"


TW_BUILD = """AI智慧客服系統建置案契約書
立契約書人：
甲方（需求單位）：宏霖人壽保險股份有限公司
乙方（建置廠商）：台北語脈智能股份有限公司
第一條　履約期限
一、乙方應於簽約之次日起十四日曆天內提出期初工作計畫書。
第二條　付款
一、甲方應於簽約後二十個工作天內支付契約總價20%，計新臺幣960,000元。

甲方：宏霖人壽保險股份有限公司　　代表人：陳志宏
乙方：台北語脈智能股份有限公司　　代表人：林佳穎
中華民國一一五年九月二十一日
"""


def test_the_payer_of_the_price_is_the_client_and_a_signatory_on_the_party_line_ends_the_body() -> None:
    doc = parse_text(TW_BUILD, "tw-build.zh-Hant.txt")
    c = doc.contract
    assert (c.client, c.provider) == ("宏霖人壽保險股份有限公司", "台北語脈智能股份有限公司")
    assert c.signed_date == date(2026, 9, 21)
    plan = next(o for o in doc.obligations if "計畫書" in o.quote)
    assert plan.kind == "other" and plan.party == "provider" and plan.due_date == date(2026, 10, 5)
