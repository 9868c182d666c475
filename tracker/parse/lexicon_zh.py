"""Chinese vocabularies as data: party roles, events, obligation kinds, titles, time units and
table columns (the penalty words are in :mod:`tracker.parse.lexicon_zh_penalties`).

One place for the words (Simplified; Traditional text is folded to Simplified before the rules
read it). Each entry is a canonical id and the alternatives that name it; the rules decide what
to do with a match, the tables only say which words mean what. To teach the parser a new wording,
add it here and add a row to ``tests/examples/``.
"""

from __future__ import annotations

import re
from functools import lru_cache

# ---------------------------------------------------------------- party roles

#: Role ids: ``client`` (who commissions and pays), ``provider`` (who performs), ``both``.
#: Whether 甲方 / 乙方 is the client or the provider is never in this table: each contract
#: defines it (``委托方（甲方）``), see :mod:`tracker.parse.parties_zh`.
#: role word → role id. Longer words win over the shorter words inside them (委托开发方 is
#: the client although it contains 开发方).
ROLE_WORDS: dict[str, str] = {
    # the client: who commissions, buys, needs
    "委托方": "client", "委托人": "client", "委托单位": "client", "委托开发方": "client",
    "委任人": "client", "委任方": "client",
    "需求方": "client", "需方": "client", "采购人": "client", "采购方": "client", "采购单位": "client",
    "买方": "client", "发包方": "client", "发包人": "client", "用户方": "client", "定作方": "client",
    "定作人": "client", "招标人": "client", "客户方": "client",
    "被许可方": "client", "被许可人": "client", "承租方": "client", "承租人": "client",
    "出资方": "client", "订阅方": "client", "客户": "client", "数据使用方": "client", "资料使用方": "client",
    "建设单位": "client", "建设方": "client", "使用单位": "client",
    # the provider: who is commissioned, supplies, serves
    "受托方": "provider", "受托人": "provider", "受托单位": "provider", "受托开发方": "provider",
    "受任人": "provider", "受任方": "provider",
    "服务提供方": "provider", "服务提供者": "provider", "服务方": "provider", "服务商": "provider",
    "技术服务方": "provider", "技术方": "provider", "供应商": "provider", "供方": "provider",
    "供货方": "provider", "中标人": "provider", "中标供应商": "provider", "成交供应商": "provider",
    "承接方": "provider", "开发方": "provider", "研发方": "provider", "承包方": "provider",
    "承包人": "provider", "承揽方": "provider", "承揽人": "provider", "卖方": "provider", "承办商": "provider",
    "许可方": "provider", "许可人": "provider", "授权方": "provider", "出租方": "provider", "出租人": "provider",
    "服务供应商": "provider", "研究开发方": "provider", "技术开发方": "provider", "评测服务方": "provider",
    "数据提供方": "provider", "资料提供方": "provider", "承建单位": "provider", "承建方": "provider", "实施单位": "provider", "实施方": "provider",
    "评测机构": "provider", "测评机构": "provider", "检测机构": "provider", "检验机构": "provider",
    "认证机构": "provider", "测试机构": "provider", "检测单位": "provider",
    # both sides
    "双方": "both", "甲乙双方": "both", "各方": "both", "合同双方": "both",
}

#: Role stems: a stem names a role with any of the party suffixes (许可 → 许可方 / 许可人 /
#: 许可单位), and 被 before a stem names the other side (被许可方 is the client, 被委托方 the
#: provider). Words in ``ROLE_WORDS`` win over generated ones.
ROLE_STEMS: dict[str, str] = {
    "委托": "client", "委任": "client", "采购": "client", "发包": "client", "定作": "client",
    "招标": "client", "承租": "client", "出资": "client", "订阅": "client", "订购": "client",
    "受让": "client", "买受": "client", "需求": "client", "建设": "client",
    "受托": "provider", "受任": "provider", "许可": "provider", "授权": "provider", "出租": "provider",
    "承包": "provider", "承揽": "provider", "承接": "provider", "承建": "provider", "承办": "provider", "分包": "provider",
    "转让": "provider", "让与": "provider", "出卖": "provider", "中标": "provider",
    "供应": "provider", "供货": "provider", "实施": "provider", "开发": "provider", "研发": "provider",
    "服务": "provider", "服务提供": "provider", "技术服务": "provider", "数据提供": "provider",
}
_STEM_SUFFIXES = ("方", "人", "单位", "商", "者")
#: a suffix only one side is named with: a Taiwan agency that commissions (委託機關), a vendor entrusted (受託廠商)
_SIDE_SUFFIXES = {"client": ("机关",), "provider": ("厂商",)}
OTHER = {"client": "provider", "provider": "client"}  # the other side's role


def _with_stems(words: dict[str, str]) -> dict[str, str]:
    out = dict(words)
    for stem, role in ROLE_STEMS.items():
        for suffix in _STEM_SUFFIXES:
            out.setdefault(stem + suffix, role)
            if suffix in ("方", "人"):
                out.setdefault("被" + stem + suffix, OTHER[role])
        for suffix in _SIDE_SUFFIXES[role]:
            out.setdefault(stem + suffix, role)
    return out


ROLE_WORDS = _with_stems(ROLE_WORDS)

SIDES = ("甲方", "乙方")  # the two party letters a contract assigns to roles

_BY_LENGTH = sorted(ROLE_WORDS, key=len, reverse=True)
#: any role word, longest first
_NOT_A_PARTY = r"(?![式法案面向便针位员])"  # 采购方式, 各方面, 需方案, 开发人员: not party words
ROLE_RX = re.compile("(?:" + "|".join(map(re.escape, _BY_LENGTH)) + ")" + _NOT_A_PARTY)
#: a role word that names one side (not 双方)
SIDE_ROLE_RX = re.compile("(?:" + "|".join(re.escape(w) for w in _BY_LENGTH if ROLE_WORDS[w] != "both") + ")" + _NOT_A_PARTY)
#: a word for both sides as a subject (双方于每月5日前对账)
BOTH_RX = re.compile("|".join(re.escape(w) for w in _BY_LENGTH if ROLE_WORDS[w] == "both") + r"(?!面)")
#: a party word a sentence may use as its subject: 甲方 / 乙方 or a one-side role word
PARTY_RX = re.compile("(?:" + "|".join([*SIDES, *(re.escape(w) for w in _BY_LENGTH if ROLE_WORDS[w] != "both")]) + ")" + _NOT_A_PARTY)


def role_word(text: str) -> str | None:
    """The role of the first one-side role word in ``text``: ``委托方（甲方）`` → ``client``,
    ``乙方（服务方）`` → ``provider``; ``委托代理人`` (an agent, not a party) → ``None``."""
    m = SIDE_ROLE_RX.search(text)
    return ROLE_WORDS[m.group(0)] if m else None


def role_of(word: str) -> str | None:
    """The role of exactly ``word`` (``双方`` → ``both``), or None."""
    return ROLE_WORDS.get(word)


#: words that name a side only where the contract defines a party by them
#: (``机关：某局（以下简称机关）``): elsewhere 主管机关 or 其他厂商 are not parties
DEFINED_ROLE_WORDS: dict[str, str] = {
    "机关": "client", "采购机关": "client", "招标机关": "client", "业主": "client", "业主方": "client",
    "厂商": "provider", "得标厂商": "provider", "承办单位": "provider",
}


def defined_role(alias: str) -> str | None:
    """The role of a word a contract defines as a party's short name, when its wording says it."""
    return DEFINED_ROLE_WORDS.get(alias) or role_word(alias)


# ---------------------------------------------------------------- events and kinds

#: what a contract delivers when it delivers "the model": the trained model or the contracted
#: system / platform / SDK built around it (shared/corpus-shapes conventions)
DELIVERABLE = r"模型|系统|算法|平台|SDK|软件|成果物|集群|安装包|应用程序|智能体|看板|大屏"
#: a work on data (a lead-in "本项目分三轮采集" over items "第一轮：…乙方应于…前交付" delivers data, not a model)
DATA_WORK = r"采集|标注|转写|清洗|数据|语料|数字化|著录"

#: events, one row per general id (award, go_live, warranty_end …): the time layer
#: (``timex_lexicon.EVENTS_ZH``) reads them with the longest match; ``SCHEMA_EVENT`` maps them onto
#: the spec's eight events. The one Chinese event vocabulary: add a wording here.
#: the warranty's names (保養期 is Hong Kong's), one list for every rule that reads a warranty period
WARRANTY = r"质保|保修|维保|保固|保养"
#: what data is named by: the object of a hand-over (``DATA_OBJECT``, with 资料) and of the data delivery event
DATA_NOUN = r"数据|语料|样本|样品|图像|影像|视频|音频|素材|单证|病例|病历|日志|术语库|术语表|词库|词表|切片"

EVENT_WORDS: tuple[tuple[str, str], ...] = (
    ("warranty_end", rf"(?:{WARRANTY})期(?:间)?(?:届满|期满|满|结束|到期)|质保期满"),
    ("trial_end", r"试用期(?:间)?(?:届满|期满|满|结束|到期)"),  # a free trial before a purchase: no schema event
    ("renewal_expiry", r"续(?:约|展|签|期)期(?:间)?(?:届满|期满|满|到期)|续约期满"),
    ("confirmation", r"(?:并|且)?经[^,。;]{0,8}?确认"),
    ("due_date", r"(?:付款|履行|交付)期限届满|到期日|应付日|(?:逾期|迟延|延迟|延期)(?:付款|交付|支付|履行)?"),
    ("go_live", r"(?:系统|模型|平台|软件)?上线(?:试运行|运行)?|试运行(?:期满|结束)?|投入(?:使用|运行)|(?:系统|模型|平台|软件|算法)部署(?:完成|完毕|(?=后|之日))"),
    ("expiry", r"(?:合同|协议|契约|本合同|本协议|服务|租|有效|合作)?期(?:限)?(?:届满|期满|满|到期)"
               r"|(?:合同|协议|契约)(?:到期|终止|期满)|期满|届满|到期|终止"),
    ("termination", r"(?:合同|协议|契约)?解除"),
    ("effective", r"(?:签订|签署|签字|盖章)(?:并|且)?生效|生效|(?:订阅|服务|合同|项目)(?:开始|起始)日"),
    ("signing", r"(?:双方)?(?:授权代表)?(?:签订|签署|签字(?:盖章)?|签约|盖章|签章|订立|回签)(?:日)?"  # (回签: countersigned)
                r"|(?:本|该)?(?:订单|采购单|工作单)(?:经(?:双方|供应商|乙方))?确认(?=之日|日|后)"),  # an order is made when confirmed
    ("award", r"(?:中标|成交)(?:通知书)?|决标"),
    ("commencement_notice", r"(?:书面)?开工通知"),
    ("commencement", r"开工(?:日)?"),
    ("kickoff", r"(?:项目)?启动会|项目启动"),
    ("preliminary_acceptance", r"初验(?:合格|通过|完成)?|初步验收(?:合格|通过)?"),
    ("milestone_acceptance", r"阶段性?验收(?:合格|通过)|里程碑验收(?:合格|通过)?"),
    ("acceptance_request", r"(?:提交|提出)?(?:终验|初验|验收)申请"),
    ("acceptance", r"考核(?:结果)?(?:确认|合格|通过)|(?:联合)?评审通过|通过(?:联合)?评审|(?<!报告)(?:审查|审核|审定|质控|质检|抽检|抽验|抽查)(?:通过|合格)|通过[^,。;]{0,4}?(?:审查|审核)|到货验收(?:日|合格|通过|完成)?|(?:终验|最终验收|竣工验收|验收)(?:合格|通过|完成)|通过(?:最终|终)?验收|终验"
                   r"|验收报告(?:签署|出具)?|(?:签署|签发)验收(?:单|报告|证书)|验收(?:日|之日)|验收"
                   # accepting a deliverable in writing: "书面确认接纳《模型评估报告》后"
                   r"|(?:书面)?确认?(?:接纳|接受|认可)[^,。;]{0,16}?(?:报告|成果|交付物|交付成果)[》>]?"
                   # "甲方签署第一阶段工作量确认单后": a confirmation sheet signed is the stage accepted
                   r"|(?:签署|签发|签字确认)[^,。;]{0,12}?(?<!上线)(?:确认单|验收单|确认书)[》>]?"  # (a 上线确认书 dates the go-live)
                   # "提交《诊断报告》并经甲方书面确认后": a deliverable confirmed in writing is accepted
                   # (an evaluation report confirmed is still the report's event: it names a schema event)
                   r"|(?:报告(?<!评估报告)(?<!测试报告)(?<!评测报告)(?<!测评报告)(?<!检测报告)|成果|交付物|方案|证明|材料|文件|终稿|定稿|(?:考核|评估|考评)结果)[》>]?\s*(?:并|且)?经[^,。;]{0,8}?(?:书面)?确认"
                   r"|(?:考核|考评)(?:合格|通过)"),
    ("milestone", r"里程碑|阶段(?:性)?成果|第[一二三四五六七八九十\d]+阶段"),
    ("performance_bond", r"履约保(?:函|证金)"),
    ("payment_request", r"付款申请|请款申请|付款请求"),
    ("invoice", r"(?:增值税)?(?:专用|普通)?发票|领据|收据|(?:合规|正式|等额)票据|请款(?:单据?|文件|资料)|结算发票|(?<!对)(?:用量|费用|月度)?账单"),  # (a bill, not a 对账单)
    ("reconciliation", r"对账(?:确认|单确认)?"),
    ("settlement_confirmation", r"结算单[^,。;]{0,6}确认"),
    ("payment", r"(?:收到|收讫)(?:全部)?(?:款项|货款|付款|预付款)|款项到账|款到|付款|支付"),
    ("evaluation_report", r"(?:模型)?(?:评估|测试|评测|测评|检测|验证|初测|复测)报告(?:交付|提交|出具|送达|[^,。;]{0,2}经[^,。;]{0,8}?(?:审查|审核)通过)?"),
    ("data_delivery", rf"(?:提供|交付|交齐|提交|移交|开放|上传|收到|收齐|收妥|接收|收受)(?:[甲乙]方)?(?:(?:按(?:照)?)?第[^,。;]{{1,10}}?[条款项](?:约定|所述|所列|规定)?(?:的)?)?[^,。;]{{0,12}}?(?:{DATA_NOUN}|录音|(?<!验收)(?<!结算)资料|(?:测试|评测|训练|验证)(?:集|材料))(?![^,。;]{{0,6}}?(?:证明|报告|清单))"
                      r"|(?:数据|语料|样本|样品)[^,。;]{0,4}(?:交付|交齐|到位|提供|送达|上传)"),
    ("model_delivery", r"(?:训练)?模型[^,。;]{0,6}?(?:交付|移交)|交付[^,。;]{0,8}?模型"),
    ("installation", r"安装调试(?:完成|完毕)?|安装(?:完成|完毕)"),
    ("arrival", r"货物?到达(?:指定地点|指定位置|现场|交货地点)?|到货|货到"),
    ("shipment", r"发货|发运"),
    ("site_handover", r"提供[^,。;]{0,4}(?:部署|运行|开发)?环境|场地移交"),
    ("requirements_signoff", r"确认需求(?:规格)?(?:说明书)?|需求(?:规格)?(?:说明书)?[^,。;]{0,3}确认"),
    ("iteration_end", r"迭代(?:周期)?(?:结束|完成)"),
    ("task_batch_issue", r"领取(?:每批|每一批|各批|该批)?任务包?"),
    ("batch_delivery", r"完成一批[^,。;后]{0,8}"),
    ("service_start", r"(?:账号|资源|服务|云资源)?开通"),
    ("incident_report", r"报修|故障报告|报障"),
    ("notice", r"(?:书面)?(?:整改|催告|维修|发货)?通知(?:书)?|书面要求|要求"),
    ("delivery", r"交付(?:日)?|交货|成果提交|提交成果"),
)

#: wordings the duty rules also read as a spec event where the time layer keeps a finer id or none:
#: a payment notice is the invoice, a delivered system is the model's delivery, a reconciled batch,
#: a confirmed statement (确认单确认之日) or a mid-term check passed is accepted (spec ids directly)
EVENT_WORDS_WIDE: tuple[tuple[str, str], ...] = (
    ("model_delivery", rf"部署(?:完成|上线)|(?<!数据)交付日|(?:{DELIVERABLE})[^,。;]{{0,4}}(?:交付|上线)|交付(?:本)?(?:{DELIVERABLE})"),
    ("acceptance", r"(?:中期|阶段性?)(?:检查|验收)(?:通过|合格)|对账确认|(?:确认单|对账单|结算单)(?:经[甲乙双]方)?(?:签字|签章|盖章)?确认"),
    ("invoice", r"付款通知|付款申请|请款单"),
)


@lru_cache(maxsize=1)
def _event_rows() -> tuple[tuple[str | None, re.Pattern[str]], ...]:
    from tracker.parse.timex_lexicon import SCHEMA_EVENT  # deferred: timex_lexicon imports this module

    rows = [(SCHEMA_EVENT.get(g), re.compile(rx)) for g, rx in EVENT_WORDS]
    return (*rows, *((e, re.compile(rx)) for e, rx in EVENT_WORDS_WIDE))


@lru_cache(maxsize=1)
def _any_event() -> re.Pattern[str]:
    """Whether any event row matches anywhere: one search of their union, guarded by its first characters."""
    from tracker.parse.rx_prefilter import guard
    from tracker.regex_own import compile_own

    return compile_own(guard("|".join(f"(?:{rx.pattern})" for _, rx in _event_rows())))  # (the rows alone: kept)


def event_of(phrase: str) -> str | None:
    """The spec event a phrase counts from: of all the events it names, the one that ends last
    (at equal ends, the longer match). A spec event inside a longer wording that maps onto none
    is not one (终验申请 is a request, not the acceptance)."""
    if not _any_event().search(phrase):
        return None  # no row matches: half the phrases asked about (one search, not one per row)
    spec: list[tuple[int, int, str]] = []
    other: list[tuple[int, int]] = []
    for event, rx in _event_rows():
        for m in rx.finditer(phrase):
            (spec.append((m.start(), m.end(), event)) if event else other.append(m.span()))
    kept = [h for h in spec if not any(a <= h[0] and h[1] <= b and b - a > h[1] - h[0] for a, b in other)]
    best = max(kept, key=lambda h: (h[1], h[1] - h[0]), default=None)
    return best[2] if best else None


#: the words that make a sentence a duty of someone (应 / 须 / 负责…), beyond a verb of payment or delivery
MODAL = r"应|须|需|必须|负责|承诺|保证|有义务"
#: what follows a party that is a duty's subject ("第一批影像：甲方应于…前交付"), not its object
SUBJECT_DUTY = r"应当|应|须|需|必须|负责|将于|于"
#: a row of a 合同要素表 that states a duty (the table is a contract's clauses, not a schedule)
CLAUSE_TABLE_DUTY = r"应|须|负责|提供|提交|交付|支付|完成|计付"
#: the words around a per-row rule's row noun: 各期款项 → 期, 每一批次 → 批次, 该批数据价款 → 批
ROW_NOUN_FILLER = r"[各每一个的]|款项|费用|价款|款"


#: obligation kinds by what the sentence asks for, tried in order (the first that matches wins).
#: ``None`` marks wording that is never an obligation of its own (damages, penalties).
KIND_NOT_OBLIGATION = r"违约金|赔偿|滞纳金|(?:逾期|迟延|延迟|延滞)利息|罚金|罚款|不再(?:执行|履行|支付)|予以取消|(?<!不)作废"  # (a cancelled duty is none)
REMAINDER = r"余款|尾款|余额|剩余(?:款项|部分|价款|费用|金额)|其余(?:款项|价款|费用)"  # what is left: parse.remainders
PAY_BARE = r"(?:^|(?<=[,;:]))付(?=[^,。;]{0,8}(?:价金|价款|总额|总价|费|元|百分之|%))"  # ",付契约价金总额百分之五十"
PAYMENT_ACTION = rf"支付|付款|{PAY_BARE}|(?<!交)付清|结清|给付|拨付|划拨|汇付|缴付|预付|(?:一次性)?补足|补齐差额|(?:存入|汇入|转入|划入)[^,。;]{{0,12}}?(?:账户|专户|账号)"
PAYMENT_NOT = r"停止使用"
#: money a party lodges and gets back is no price: paying a deposit or a bond is an ``other`` duty
DEPOSIT = r"押金|(?<!质量)保证金|保函"  # (a 质量保证金 kept back from the price is paid as a last instalment)
#: payment words that name a document or a precondition, not a payment: 发出付款通知, 提出付款申请, 收到发票后方予付款
PAYMENT_PAPERS = r"付款通知|付款申请|请款单?|付款计划|付款安排|(?:付款|支付)的?(?:依据|凭证|前提)|(?:方予|方可|才(?:予|会|可|能)?|始予)(?:付款|支付)|(?:付款|支付)(?:之|以)?前"
#: assessments that are not the model's evaluation: 合规差距评估报告, 风险评估报告, 安全自评估报告
NOT_MODEL_EVALUATION = r"合规|风险|安全|渗透|漏洞|弱点|差距|审计|资产|影响|可行性|(?:系统)?健康|运行状况|巡检|集群|算力|硬件|机房|基础设施"
#: a report named as the model's evaluation (a recurring one stays an evaluation report)
SUMMARY = r"(?:总|最终|综合)"  # 测试总报告, 最终评估报告: the report its plain name is
EVALUATION_REPORT_NOUN = rf"(?:评估|测试|评测|测评|检测|验证){SUMMARY}?报告|初测报告|复测报告|精度评价报告|效果评价报告|测试与评估报告|(?:模型|算法)(?:表现|效果|性能)报告"
#: the model's metrics a report states (准确率, 召回率, F1 …)
METRIC_WORDS = r"准确率|正确率|召回率|精确率|敏感度|灵敏度|F1|各项指标|验收指标"
#: what a report does with the metrics it states (载明, 包含, 并检附…结果)
STATES = r"载明|列明|写明|包括|包含|说明|检附|附具|附上|附有"
EVALUATION_REPORT = (EVALUATION_REPORT_NOUN +
                     # any report that states the model's metrics (期末报告，载明…正确率及…召回率)
                     rf"|报告[^。;]{{0,30}}?(?:{STATES})[^。;]{{0,30}}?(?:{METRIC_WORDS})")
PROGRESS_REPORT = r"进度报告|进展报告|工作报告|(?:进度|进展)摘要|周报|旬报|月报|季报|月度报告|季度报告|服务报告"
#: what a duty that recurs hands in when it is a report (每季度…提交使用情况说明, Taiwan's 每週五…回報進度): ``progress_report``
PERIODIC_REPORT = r"报告|汇报|(?:进度|进展|工作|项目)摘要|(?:工作|研究|会议|进度)纪要|(?<!投资)回报|报送|情况说明|报表|统计表|进度表|简报|通报|(?:用量|调用量|使用量)[^,。;]{0,12}(?:明细|统计)"
DATA_OBJECT = rf"{DATA_NOUN}|资料"
HAND_OVER = r"提供|交付|交齐|提交|移交|开放|上传|送达|送交|寄送|递交|发布|下发"
#: the provider delivers the model or the contracted system: 交付模型, 系统开发完成并部署上线; or opens the service it
#: sells (SERVICE_OPENING: 开通API密钥/实例/算力…), the delivery of a contract with no model (kinds_zh.settle_openings)
SERVICE_OPENED = r"API(?![^,。;]{0,4}接口)|实例|算力|资源|集群|租户|(?<!数据)(?<!资料)平台(?!方)|环境|空间|后台|控制台|服务(?![器商方热通电窗渠])"
MODEL_ACTION = (rf"(?:{DELIVERABLE})[^,。;]{{0,8}}(?:交付|上线)|(?:交付|上线)[^,。;]{{0,8}}(?:{DELIVERABLE})"
                r"|部署[^,。;]{0,4}上线|正式上线|完成[^,。;]{0,8}(?<!教育)(?<!操作)(?<!人员)(?:训练|调校|调优|微调)|(?:提交|移交)[^,。;]{0,8}(?:安装包|应用程序)"
                # developing the model and standing it up at the client (not a system sent to a test environment);
                # installing and commissioning the system (安装调试, 安装及调试), completing a work and taking it live
                # (完成旅客流量预测看板并上线): its delivery
                rf"|完成[^,。;]{{0,4}}(?:模型|算法)开发|(?:部署|建置)(?:完成|完毕)|完成(?:模型|系统|算法|平台)[^,。;]{{0,6}}部署(?![^,。;]{{0,8}}测试环境)|(?:训练|开发|调优|微调)(?:并|后)上线|完成(?![^,。;]{{0,16}}?(?:手册|文档|方案|报告|说明|教程|制度|培训))[^,。;]{{0,16}}?并(?:部署)?上线"
                r"|完成[^,。;]{0,8}安装(?:[、及和与]\s*)?调试|完成(?:软件|软体|系统|平台)安装")
RACKING = r"上架|布线|加电"  # servers racked and powered: hardware hosted, not a service opened
SERVICE_OPENING = rf"(?:{SERVICE_OPENED})[^,。;]{{0,10}}?开通(?![^,。;]{{0,2}}(?:后|之日|之后|以后|起|时))|开通[^,。;]{{0,10}}?(?:{SERVICE_OPENED})"
#: what a provider hands over that is paper, not the model ("交付日不得晚于…" without an object
#: is the model's delivery; 交付实施方案 is not)
PAPER_DELIVERABLE = r"报告|方案|文档|文件|说明|数据|语料|计划|确认书|清单|对账单|结算单|确认单|结果|标注成果|材料|图像|样本|文本|手册|记录"
#: what a provider hands over that is a place or infrastructure, not the model (机柜、电力及网络的交付)
PLACE_DELIVERABLE = r"机柜|机房|机架|电力|网络|专线|带宽|场地|工位|办公|账号|账户|帐号|帐户"
#: what a client hands over in a training contract is its data (交付 / 提供 … with any object
#: but these: an account, a place, help, an answer)
CLIENT_HAND_OVER = r"交付|提供|提交|移交"
NOT_DATA_OBJECT = (r"账户|账号|帐户|帐号|场地|办公|机架|电力|内网|堡垒机|专线|带宽|白名单|IP|位址|网段|对接人|联系方式|协助|配合|便利|条件|发票|确认|意见|答复|通知|告知|授权|联系人|接口|模型|镜像|"
                   r"环境|通道|端口|VPN|权限|保函|担保|证明|函|服务器|伺服器|硬件|GPU|算力|机房|机柜|源代码|源码|原始码|代码|样机|设备|终端")


#: the head of an object that is paperwork, not data: 资料使用计划书, 销毁证明, 研究成果汇编
PAPER_HEAD = r"(?:计划书|计画书|申请书|说明书|(?:整改|书面|补充)说明|确认书|承诺书|文件|副本|复印件|技术文档|使用文档|接口文档|设计文档|运维文档|操作文档|部署文档|用户文档|开发文档|对账单|结算单|账单|报表|规范|标准|工具|模板|清单|目录|申请|手册|证明|报告|汇编|方案|函|申报|材料|备案)"
#: giving back or disposing of something is never its delivery (返还…储存媒体，删除…资料副本)
DISPOSE = r"返还|退还|归还|交还|删除|销毁|清除"


#: a provider's deliverable that is not the model: still an obligation, of kind ``other``
OTHER_ACTION = r"迁出|撤出|搬离|到岗|进场|进驻|安装(?!费|位置|地点|环境|要求|条件)|交还|交存|更新[^,。;]{0,6}?版本|注销|部署|发送|寄送|推送|汇报|交付|提交|(?<![未不])提出(?![^,。;]{0,8}异议)|提供|完成|出具|颁发|送达|签署|发出|发布|下发|书面通知|书面确认(?=[^,。;]{0,3}《|[^,。;]{0,12}(?:规范|方案|需求|清单|计划|样例|标准))|移交|返还|退还|归还|发还|删除|销毁|清除|擦除|办理|申请|登记|备案|公告|报送|提送|送交|缴纳|缴交|对账|召开|举办|组织|开通|开放|运抵|交货|发运|运送|导出|(?:进行|开展)[^,。;]{0,16}?培训|取得[^,。;]{0,24}?(?:核准|批准|许可|审批|同意)"
RIGHT = rf"(?<![不认许])(?:可以?|有权)(?:自行|随时)?(?:{OTHER_ACTION})"  # 订购方可自行导出其数据: a right, no duty


#: a hand-over of data: the verb and the data in one phrase (提供训练数据, 将语料交付乙方), not
#: "开通数据接收账户，并提供账户信息"
DATA_HAND_OVER = re.compile(rf"(?:{HAND_OVER})[^,。;:]{{0,16}}(?:{DATA_OBJECT})|(?:{DATA_OBJECT})[^,。;:]{{0,16}}(?:{HAND_OVER})")


# ---------------------------------------------------------------- title

#: the label of the project's name on a cover page or in the first article (then a colon)
TITLE_LABEL = r"(?:(?:项目|计划|专案|课题|服务|采购|标的|数据产品)名称|采购标的|招标项目|(?:本)?案名(?:称)?|(?<![\u4e00-\u9fff])订阅(?:服务|产品)(?=\s*(?:\*\*)?\s*[:|】]))"
#: where a title value stops before its line's end: a defined-term bracket (（「本项目」）), the next field of a
#: one-line scrape (甲方(受托人):…, 根据《…), a preamble a scan ran on into (…（含私有知识库）甲乙双方依据…)
TITLE_END = (r"\s*\(\s*(?:以下简称|下称|简称|[「“\"'‘『]\s*本)"
             r"|\s+(?=(?:甲|乙)\s*方\s*[(:]|根据《|鉴于)|(?<=\))(?=甲乙双方|双方(?:依据|根据|经|本着|就)|\s*,\s*(?:含|包括|包含))")


# ---------------------------------------------------------------- time units

#: words between "期满前" and the notice period: 期满前不少于两个月, 期满前提前60日, 届满前至少30日
NOTICE_FILLER = r"\s*(?:不少于|不得少于|不低于|至少|最少|提前)?"
#: an amendment's new value follows these words: 由期满前30日变更为期满前45日
AMENDED_TO = r"变更为|调整为|修改为|改为|更改为"

#: a count of working days (Taiwan writes 工作天) or of calendar days (日曆天 is Taiwan's word)
BUSINESS_DAY = r"工作日|工作天|营业日"
DAY_UNITS = r"个?工作日|个?工作天|个?营业日|个?自然日|个?日历日|个?日历天"

#: a sentence that makes the contract itself effective: a service period it states is the term
CONTRACT_EFFECTIVE = r"(?:本|该)(?:合同|协议|契约)[^,。;]{0,20}生效"
#: periods that are the contract's term when a clause states them (a subscription's 订阅期 is its term)
TERM_PERIOD = r"有效期|履行期限|履约期|服务期|合作期|租赁期|租期|订阅期|许可期|(?:研究|执行|计划)期(?:程|间)"
#: periods of service inside the term (README conventions: not obligations, not the term)
SERVICE_PERIOD = rf"{WARRANTY}|试运行|试运转|运维|免费维护"

# ---------------------------------------------------------------- tables

#: table column headers → the role of the column, tried in order (交付日期 dates a delivery,
#: 付款时间及条件 is a condition, 付款节点 a milestone, 付款金额 an amount)
TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    # an amendment table's old wording (原约定 | 变更后约定): replaced, so no obligation of its own
    ("old", r"原(?:合同)?(?:约定|条款|内容|规定|条文)|变更前|修改前|调整前"),
    ("new", r"变更后|修改后|调整后|现约定"),
    ("deadline", r"(?:交付|完成|提交|提供|交货|上线|培训|实施|执行|举办|开展|部署|计划)(?:(?:内容|成果|物)?(?:及|和|与))?(?:截止)?(?:日期|时间|期限|节点|时限|日)"
                 r"|截止(?:日期|时间|日)|最迟(?:完成|交付)?(?:日期|时间)|交期|交货期"),
    ("condition", r"付款条件|支付条件|付款时间|支付时间|付款期限|支付期限|付款时限|支付时限|付款日期|付款时点|支付时点|条件|期限"),
    ("party", r"责任方|负责方|责任主体|承担方|执行方|责任单位|负责人|(?:交付|提交|提供|完成|实施)方"),
    ("title", r"期次|阶段|款项|批次|名称|任务|内容|交付物|成果"),
    ("milestone", r"节点|里程碑"),
    ("percent", r"比例|百分比|占比"),
    ("amount", r"金额|款额|数额|价款|费用"),
    ("note", r"备注|说明"),
)
