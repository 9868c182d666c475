"""Rules from blind batches 82-83: a Hong Kong 服務協議 between 委託方 and 承辦商 ("本協議於…由以下雙方訂立",
signatories side by side), an instalment stated in the sentence before the one that pays it, and a weekly
report sent back (回報) by e-mail."""

from __future__ import annotations

from typing import Any

from tracker.parse import parse_text


def _parse(text: str, name: str = "t.zh-Hant.txt") -> dict[str, Any]:
    return parse_text(text, name).to_json()


HK = ("服務協議\n\n本協議於二〇二六年十二月十四日由以下雙方訂立：\n"
      "委託方：恒翠零售集團有限公司，一間於香港註冊成立之公司（下稱「委託方」）；及\n"
      "承辦商：港智視覺科技有限公司，一間於香港註冊成立之公司（下稱「承辦商」）。\n\n"
      "第1條　雙方責任\n1.1　委託方須於本協議簽署日起計十日內，向承辦商提供門市影像樣本。\n"
      "1.2　承辦商須於二〇二七年二月二十六日或之前完成模型於全部門市之部署。\n"
      "第2條　付款\n2.1　服務費總額為港幣肆拾捌萬陸仟元正（HK$486,000）。\n"
      "2.2　第一期款項為服務費總額之30%，即港幣145,800元。承辦商於簽署後發出發票，委託方須於發票日期起計三十日內支付。\n"
      "2.3　第二期款項為服務費總額之70%，即港幣340,200元，委託方須於二〇二七年六月三十日或之前支付。\n")


def test_a_hong_kong_contractor_is_the_provider_and_the_agreement_is_made_on_its_date() -> None:
    """承辦商 (the contractor) is the provider, 委託方 the client; "本協議於…由以下雙方訂立" dates the
    signing, as "本合同于…签订" does, and the duties count from it."""
    doc = _parse(HK)
    c = doc["contract"]
    assert (c["provider"], c["client"], c["signed_date"]) == ("港智視覺科技有限公司", "恒翠零售集團有限公司", "2026-12-14")
    got = [(o["clause"], o["kind"], o["party"], o["due_date"]) for o in doc["obligations"] if o["clause"].startswith("1.")]
    assert got == [("1.1", "data_delivery", "client", "2026-12-24"), ("1.2", "model_delivery", "provider", "2027-02-26")]


def test_an_instalment_stated_in_the_sentence_before_lends_its_sum_to_the_sentence_that_pays_it() -> None:
    """"第一期款項為…之30%，即港幣145,800元。…委託方須於發票日期起計三十日內支付。": one payment of
    145,800.00 from the invoice; the second instalment keeps its own sum."""
    pays = [(o["clause"], o["amount"], o["title"], o["trigger"], o["due_date"])
            for o in _parse(HK)["obligations"] if o["kind"] == "payment"]
    assert pays == [("2.2", "145800.00", "第一期款 30%", {"event": "invoice", "offset": "P30D", "business_days": False}, None),
                    ("2.3", "340200.00", "第二期款 70%", None, "2027-06-30")]


def test_a_sentence_before_that_is_a_duty_of_its_own_lends_nothing() -> None:
    text = ("第三条 付款\n3.1 服务费总额为人民币100,000元。\n"
            "3.2 首期款为合同总额的40%，甲方应于签订后5日内支付。甲方须于收到发票之日起三十日内支付尾款。\n")
    pays = [(o["title"], o["amount"]) for o in _parse(text, "t.txt")["obligations"] if o["kind"] == "payment"]
    assert pays == [("首期款 40%", "40000.00"), ("尾款", "60000.00")]


SIDE_BY_SIDE = ("服務協議\n委託方：恒翠零售集團有限公司\n承辦商：港智視覺科技有限公司\n"
                "第1條　期限\n1.1　本協議自簽署日起生效，為期十二個月。\n第2條　一般條款\n2.1　本協議一式兩份，雙方各執一份。\n\n"
                "委託方　　　　　　　　承辦商\n恒翠零售集團有限公司　　　港智視覺科技有限公司\n"
                "授權簽署人：黃嘉敏　　　　授權簽署人：鄧志朗\n"
                "日期：二〇二六年十二月十四日　　　日期：二〇二六年十二月十五日\n")


def test_signatories_side_by_side_close_the_body_and_date_the_signing() -> None:
    """Two 授權簽署人 fields on one line are the signature block: its dates (the later) are the
    signing, and the term counts from it."""
    c = _parse(SIDE_BY_SIDE)["contract"]
    assert (c["signed_date"], c["effective_date"], c["expiry_date"]) == ("2026-12-15", "2026-12-15", "2027-12-15")


def test_a_weekly_report_sent_back_by_email_is_a_progress_report() -> None:
    """Taiwan's 回報 (to report back) of each week's progress is the periodic report; an investment's 回報
    (its return) is not."""
    text = ("第三條 進度\n3.1 作業期間，乙方應於每週五以電子郵件回報當週作業進度及抽驗結果。\n"
            "3.2 甲方應於每季度末月20日前向乙方支付投資回報。\n")
    got = {o["clause"]: (o["kind"], o["party"], o["recurrence"]) for o in _parse(text)["obligations"]}
    assert got["3.1"] == ("progress_report", "provider", "FREQ=WEEKLY;BYDAY=FR")
    assert got.get("3.2", ("none",))[0] != "progress_report"
