"""Chinese penalty vocabularies as data: what a penalty is charged on, who broke what, caps,
suspension rights and the running rate's period (:mod:`tracker.parse.penalties_zh` reads them).
"""

from __future__ import annotations

#: what a penalty is charged on → the spec's basis ids. The delayed part wins wherever it is
#: ("未交付部分对应合同金额"); otherwise the basis named last before the rate.
#: ORDER_SUM: an order's sum under a framework, not the late order's (该/子/逾期/未交付…订单) nor one order's (每笔/单笔);
#: TOTAL_FEE: the total price, however named (合同总价, 研发经费总额, 年度订阅费…): one vocabulary for the fee and the basis
ORDER_SUM = r"(?<![该当子批每单各应笔份])(?<!逾期)(?<!未交付)订单(?:总)?(?:金额|价款|总价)|订单总价"
TOTAL_FEE = (r"合同总额|合同总价|(?:采购|中标|成交|项目|签约)总价(?!款)|合同总金额|(?:本)?协议总(?:金额|额|价)|[\u4e00-\u9fff]{1,4}费总(?:额|价|金额)|[\u4e00-\u9fff]{1,4}(?<!违约)(?<!赔偿)(?<!保证)(?<!押)金总(?:额|金额)|[\u4e00-\u9fff]{1,4}费合计(?:金额)?|(?:服务费用?|研发经费|开发经费|项目经费|经费|费用|价款)总额|总(?:服务费用?|费用|经费|价款)"
             rf"|合同价款|合同金额|总价款|契约总价金?|总价金|(?:契约|合同)?价金总额|年度(?:订阅|运维|服务|维护|许可)费|{ORDER_SUM}")
BASES: tuple[tuple[str, str], ...] = (
    ("total_fee", TOTAL_FEE),
    ("overdue_amount", r"逾期付款部分|逾期金额|逾期未付|逾期支付部分|应付未付|未付款项|未付金额|欠付|欠款"
                       r"|逾期(?:应付)?款项|迟延(?:之|的)?金额|(?:逾期|迟延|延迟)(?:付款|支付)(?:金额|部分)|未付部分|拖欠|应付款项"),
    ("delayed_amount", r"迟延交付部分|逾期交付部分|逾期部分(?:对应)?[的之]?(?:合同|契约|订单)?(?:价金|价款|费用|金额|款项)|延迟交付部分|未交付部分|迟延部分|延期交付部分|迟延交付[^,。;]{0,8}部分"
                       r"|当批|该批|本批|(?:该|当)(?:期|轮)(?!间|限)[\u4e00-\u9fff]{0,8}?(?:费用|费|金额|价款|款项)|逾期(?:交付)?(?:的)?批次|批次(?:对应)?(?:费用|金额|价款)|(?:该|本|当)(?:笔)?订单(?:金额|款项|价款)?"
                       r"|(?:该|当|相应|相关)(?:部分|里程碑|阶段|节点|数据包|工作包|任务包|交付物|成果|分期)[\u4e00-\u9fff]{0,4}?(?:对应)?(?:款项|价款|费用|金额)"
                       r"|(?:逾期|迟延|延迟|延期)交付(?:的)?(?:(?!违约|罚)[\u4e00-\u9fff]){1,6}?(?:金额|价款|货款|款项)"),
)

#: who broke what → the penalty kind. The trigger that starts first in the sentence wins.
TRIGGERS: tuple[tuple[str, str], ...] = (
    ("confidentiality_breach", r"违反[^,。;]{0,16}(?:保密|个人信息|隐私)|泄露|泄密|披露[^,。;]{0,8}(?:秘密|保密|机密)"),
    ("late_payment", r"(?:逾期|迟延|延迟|延期|拖延|延误)(?:支付|付款|给付|付清|拨付)|逾期未(?:支付|付|拨付)|拖欠|欠付"
                     r"|(?:未|没有|未能)(?:按时|按期|如期|按约定|依约)?[^,。;]{0,14}(?:支付|付款|给付|拨付)"),
    ("late_delivery", r"(?:逾期|迟延|延迟|延期|延误)(?:履行)?[^,。;]{0,2}(?:交付|完成|提交|交货|上线|出具|履约|提供|开展|举办|实施|返还|归还|移交|开通|部署|安装|更新)|未能按时|未按期|未能按期|未如期"
                      r"|未能?(?:按|依|在|于)?[^,。;]{0,14}(?:期限|时限|时间|日期|期|节点|进度|计划)[^,。;]{0,3}(?:交付|完成|提交|提出|提送|报送|送交|递交|上线|履约|履行|提供|开展|举办|实施|开通|部署|出具)"
                      r"|(?:交付|完成)[^,。;]{0,4}(?:逾期|迟延|延误)"
                      r"|未能?(?:按|依)(?:[^,。;]{0,16}约定[^,。;]{0,3}|照?第[^,。;]{1,12}?[条款项][^,。;]{0,4}?)(?:交付|完成|提交|上线|提供|部署|出具|开通)"),
)

#: an article title that announces breach consequences (违约责任, 逾期罚款, 罚则): a later item of it
#: may complete a penalty without naming a sum (逾期达二十日以上者，甲方得解除契约)
BREACH_TITLE = r"违约|罚款|罚则|罚金|迟延履[约行]|逾期(?:责任|履[约行])|延误"
CONSEQUENCE = r"违约金|滞纳金|利息|罚金|罚款|赔偿金"  # words that make a sentence a penalty: a sum owed for the breach
DAMAGES = r"赔偿"  # damages without a rate or a sum are not penalties (``赔偿…全部损失``)
#: cross references: 违反第8条 / 违反本合同第八条约定 → the title of that article decides the kind
XREF = (r"违反(?:本合同|本契约|本协议)?第\s*(?P<n>[\d一二三四五六七八九十百]+)(?:\.\d+)*\s*条"
        r"|违反(?:前项|前款|本条|上述|前述)(?:约定|规定|义务)?")  # "违反前项义务": this article's title decides
XREF_TITLES: tuple[tuple[str, str], ...] = (
    ("confidentiality_breach", r"保密|机密|秘密"),
    ("late_payment", r"付款|支付|价款|费用|结算"),
    ("late_delivery", r"交付|履约|履行|期限|进度|工期"),
)

#: a cap: 累计不超过合同总价的10% / 以合同总价20%为上限 / 最高不超过人民币10万元
CAP_BEFORE = r"不超过|不得超过|不高于|最高不超过|上限为|最高为|不超出|以不超过"
CAP_AROUND = (r"以", r"为(?:上)?限")
SUSPEND_LEAD = r"(?:逾期|迟延|延期|延迟|延误|落后)"  # a right to suspend or terminate after N days overdue
SUSPEND_OVER = r"超过|达到|达|满|逾"
SUSPEND_RIGHT = r"解除|终止|暂停|中止|停止"

#: the running rate's period
PER_DAY = r"每(?:逾期|迟延|延迟|延期|延误|逾)[^,。;]{0,6}?一?(?:日|天)|每日|每天|按日|日(?:千|万)分之|以日为单位|日利率"
PER_MONTH = r"每(?:逾期|迟延|延迟|延期|逾)?一?个?月|每月|按月|月利率"
PER_YEAR = r"每年|按年|年利率|年化|年息"
