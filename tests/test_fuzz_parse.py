"""Fuzzing the parser: random and mutated contracts never crash it, and 1 MB of adversarial
text never makes it backtrack.

Contracts come from ``tests/contracts`` and the public corpus copied into ``tests/fixtures/store``.
Mutations: byte flips, deletions, duplications, spliced clause headers, random Unicode (CJK,
full-width, pinyin annotations), huge numbers, impossible dates, unclosed blanks. Every input
goes through ``parse_text`` (which must never raise); a sample is written to files
(.txt in several encodings, .md, .docx, .pdf garbage) and goes through ``parse_file``, where
only ``InputError`` may escape. Every result must satisfy the spec's invariants (see
``check_result``).

The default run does 1,500 inputs plus the adversarial set; the ``slow`` group does 10,000.
Seeds are fixed (``FUZZ_SEED`` overrides) and every failure names its seed and input index.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import time
import zipfile
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import InputError
from tracker.model import WARNING_CODES
from tracker.parse import parse_file, parse_text
from tracker.parse.readers import read_document

TESTS = Path(__file__).parent
SEED = int(os.environ.get("FUZZ_SEED", "20250301"))
MAX_SECONDS = 10.0  # CPU seconds per 1 MB adversarial parse: a generous guard against catastrophic backtracking
# (bench/parse.py prints the real figure against its 1 s target; a loaded 2-core CI must not fail here)

# ---------------------------------------------------------------- the spec's shape

TOP_KEYS = {"schema", "source", "contract", "obligations", "warnings"}
SOURCE_KEYS = {"file", "sha256", "language"}
CONTRACT_KEYS = {
    "title", "provider", "client", "signed_date", "effective_date", "term", "expiry_date",
    "renewal_notice", "renewal_notice_deadline", "confidentiality_term", "confidentiality_expiry",
    "currency", "total_fee", "copies", "metrics_targets", "penalties",
}
PENALTY_KEYS = {"kind", "rate", "per", "basis", "amount", "cap", "suspend_after_days", "clause"}
OBLIGATION_KEYS = {
    "kind", "party", "title", "due_date", "trigger", "recurrence", "amount", "currency", "metrics",
    "clause", "quote",
}
WARNING_KEYS = {"code", "clause", "quote"}
KINDS = {"data_delivery", "model_delivery", "evaluation_report", "payment", "progress_report",
         "renewal_notice", "contract_expiry", "confidentiality_expiry", "other"}
PARTIES = {"provider", "client", "both"}
EVENTS = {"effective", "signing", "data_delivery", "model_delivery", "acceptance", "invoice",
          "evaluation_report", "expiry"}
PENALTY_KINDS = {"late_payment", "late_delivery", "confidentiality_breach"}
MONEY = re.compile(r"-?\d+\.\d{2}")
RATE = re.compile(r"-?\d+(?:\.\d+)?")
DURATION = re.compile(r"-?P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?")
WS = re.compile(r"\s+")


def _date_or_none(value: object, where: str) -> None:
    if value is not None:
        assert isinstance(value, str), where
        date.fromisoformat(value)  # raises if not a real ISO date


def _money_or_none(value: object, where: str) -> None:
    if value is not None:
        assert isinstance(value, str) and MONEY.fullmatch(value), f"{where}: money {value!r}"


def _rate_or_none(value: object, where: str) -> None:
    if value is not None:
        assert isinstance(value, str) and RATE.fullmatch(value), f"{where}: rate {value!r}"
        Decimal(value)


def _duration_or_none(value: object, where: str) -> None:
    if value is not None:
        assert isinstance(value, str) and DURATION.fullmatch(value) and value.strip("-") != "P", \
            f"{where}: duration {value!r}"


def _verbatim(quote: object, squeezed: str, where: str) -> None:
    assert isinstance(quote, str), f"{where}: quote {quote!r}"
    assert WS.sub("", quote) in squeezed, f"{where}: quote not in the text: {quote[:80]!r}"


def check_result(result, text: str) -> dict:  # type: ignore[no-untyped-def]
    """Every invariant of the obligations document; returns the JSON."""
    doc = result.to_json()
    json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False))  # plain JSON, nothing exotic
    assert set(doc) >= TOP_KEYS and doc["schema"] == "tracker.parse/1"
    assert set(doc["source"]) >= SOURCE_KEYS
    assert doc["source"]["language"] in ("zh-Hans", "zh-Hant", "en")
    assert re.fullmatch(r"[0-9a-f]{64}", doc["source"]["sha256"])
    c = doc["contract"]
    assert set(c) >= CONTRACT_KEYS, CONTRACT_KEYS - set(c)
    for key in ("signed_date", "effective_date", "expiry_date", "renewal_notice_deadline",
                "confidentiality_expiry"):
        _date_or_none(c[key], key)
    for key in ("term", "renewal_notice", "confidentiality_term"):
        _duration_or_none(c[key], key)
    _money_or_none(c["total_fee"], "total_fee")
    assert c["copies"] is None or (isinstance(c["copies"], int) and not isinstance(c["copies"], bool))
    assert c["currency"] is None or re.fullmatch(r"[A-Z]{3}", c["currency"])
    for key, value in (c["metrics_targets"] or {}).items():
        assert key in ("accuracy", "recall", "f1")
        _rate_or_none(value, f"metrics_targets.{key}")
    squeezed = WS.sub("", text)
    for i, p in enumerate(c["penalties"]):
        where = f"penalties[{i}]"
        assert set(p) >= PENALTY_KEYS, where
        assert p["kind"] in PENALTY_KINDS, where
        assert p["per"] in (None, "day", "month", "year"), where
        assert p["basis"] in (None, "overdue_amount", "total_fee", "delayed_amount"), where
        _rate_or_none(p["rate"], where)
        _money_or_none(p["amount"], where)
        if p["cap"] is not None:
            _money_or_none(p["cap"].get("amount"), where + ".cap")
            _rate_or_none(p["cap"].get("rate"), where + ".cap")
        assert p["suspend_after_days"] is None or isinstance(p["suspend_after_days"], int)
    for i, o in enumerate(doc["obligations"]):
        where = f"obligations[{i}]"
        assert set(o) >= OBLIGATION_KEYS, where
        assert o["kind"] in KINDS and o["party"] in PARTIES, where
        assert isinstance(o["title"], str) and o["title"], where
        _date_or_none(o["due_date"], where + ".due_date")
        _money_or_none(o["amount"], where + ".amount")
        if o["trigger"] is not None:
            assert o["trigger"]["event"] in EVENTS, where
            _duration_or_none(o["trigger"]["offset"], where + ".trigger")
            assert isinstance(o["trigger"]["business_days"], bool), where
        assert o["recurrence"] is None or o["recurrence"].startswith("FREQ="), where
        assert o["clause"] is None or isinstance(o["clause"], str), where
        for key, value in (o["metrics"] or {}).items():
            _rate_or_none(value, f"{where}.metrics.{key}")
        _verbatim(o["quote"], squeezed, where)
    for i, w in enumerate(doc["warnings"]):
        where = f"warnings[{i}]"
        assert set(w) >= WARNING_KEYS, where
        assert w["code"] in WARNING_CODES, where
        _verbatim(w["quote"], squeezed, where)
    return doc


# ---------------------------------------------------------------- inputs


@cache
def named_corpus() -> tuple[tuple[str, str], ...]:
    """(file name, text) of every contract the tests hold (readers applied to .docx/.pdf)."""
    out = []
    for folder in (TESTS / "contracts", TESTS / "fixtures" / "store"):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md", ".docx", ".pdf") and path.name != "README.md":
                out.append((path.name, read_document(path).text))
    assert len(out) >= 10
    return tuple(out)


def corpus() -> tuple[str, ...]:
    return tuple(text for _, text in named_corpus())


HEADERS = ("第九十九条", "第一条 ", "第1条", "\n第二条 付款\n", "1.1 ", "\n1.1 ", "4.2.1 ", "\n2.3", "一、", "\n（三）",
           "(1)", "\n1. ", "Article 7 ", "\nARTICLE IV\n", "## 第三条", "\n附件一\n", "Appendix A\n",
           "甲方（盖章）：", "（以下无正文）", "\n99.99 ", "第零条", "第百条", "第十一万条")
SNIPPETS = (
    "[请填写", "[請填寫", "【请填写", "[请填写]", "[", "]", "____", "甲方(", "乙方（委托方）", "甲方（服务提供方）",
    "2025年2月30日", "9999-99-99", "0000-01-01", "2025-13-01", "二〇二五年十三月四十日", "9999年12月31日",
    "February 30, 2025", "31st day of Smarch 2025", "2025.02.29", "1900年1月1日",
    "说(shuō)明", "合(hé)同", "(ā)", "(OCR)", "人民币99999999999999999999999元", "¥1,000,000,000,000.005",
    "壹万亿亿亿元整", "零元整", "捌拾万元整（¥800,000.00）", "伍拾万元整(人民币300,000元)", "千分之五", "万分之零",
    "百分之一千", "1e309%", "99999999999%", "有效期为999999999年", "有效期为九千九百九十九亿年", "有效期为0个月",
    "期满前99999999个月", "保密期限为终止后10000年", "一式九千九百九十九亿份", "一式0份",
    "乙方应于本合同生效之日起99999999999个工作日内支付首期款", "乙方应于本合同生效之日起15日内支付首期款人民币150,000元",
    "每月999日", "每月最后一个工作日", "每周八", "逾期超过99999999999日", "验收合格后支付95%", "支付至合同总额的95%",
    "within thirty (30) business days after the Effective Date", "99999999999 years", "Party A (Provider)",
    "\u3000", "\ufeff", "\u200b", "\x0c", "\r\n", "\t", "０１２３", "（一）", "；", "：", "。。。", "———",
    "𠀀𠀁", "😀", "\u0301", "ﾊﾝｶｸ",
)
CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
FULLWIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000、。「」『』【】〔〕《》"
PINYIN = ("(shuō)", "(hé)", "(tóng)", "(yǐ)", "(fāng)", "(zhī)", "(rì)", "(ǖ)")


def random_unicode(rng: random.Random, n: int) -> str:
    pools = (CJK, FULLWIDTH, "0123456789.,%¥$()[]【】:;-_/ \n", "甲乙方条款第一二三四五六七八九十百千万亿零〇年月日内前后起止",
             "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    out = []
    while len(out) < n:
        r = rng.random()
        if r < 0.05:
            out.append(rng.choice(PINYIN))
        elif r < 0.10:
            out.append(chr(rng.randint(0x20, 0x2FFFF)))  # anything, incl. unassigned code points
        elif r < 0.15:
            out.append(rng.choice(SNIPPETS))
        else:
            out.append(rng.choice(rng.choice(pools)))
    return "".join(out)


def _span(rng: random.Random, text: str, max_len: int = 200) -> tuple[int, int]:
    a = rng.randrange(len(text) + 1)
    return a, min(len(text), a + rng.randint(0, max_len))


def mutate(rng: random.Random, text: str) -> str:
    """One to five random edits of ``text``."""
    for _ in range(rng.randint(1, 5)):
        op = rng.randrange(11)
        if not text:
            text = random_unicode(rng, 50)
        if op == 0:  # byte flips (re-decoded with replacement characters)
            data = bytearray(text.encode("utf-8", "surrogatepass"))
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            text = data.decode("utf-8", "replace")
        elif op == 1:  # deletion
            a, b = _span(rng, text, 500)
            text = text[:a] + text[b:]
        elif op == 2:  # duplication
            a, b = _span(rng, text, 800)
            text = text[:b] + text[a:b] * rng.randint(1, 4) + text[b:]
        elif op == 3:  # spliced clause header
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + rng.choice(HEADERS) + text[pos:]
        elif op == 4:  # nasty snippet
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + rng.choice(SNIPPETS) + text[pos:]
        elif op == 5:  # random Unicode
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + random_unicode(rng, rng.randint(1, 60)) + text[pos:]
        elif op == 6:  # splice with another contract
            other = rng.choice(corpus())
            a, _ = _span(rng, text, 0)
            b, c = _span(rng, other, 1500)
            text = text[:a] + other[b:c] + text[a:]
        elif op == 7:  # swap lines
            lines = text.split("\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == 8:  # every digit replaced by a huge number, or one date made impossible
            if rng.random() < 0.5:
                text = re.sub(r"\d+", lambda m: m.group(0) * rng.randint(1, 8), text, count=rng.randint(1, 30))
            else:
                text = re.sub(r"(\d{4})([-年.])(\d{1,2})", lambda m: f"{m[1]}{m[2]}{rng.randint(0, 99)}", text, count=3)
        elif op == 9:  # truncation
            text = text[: rng.randrange(len(text) + 1)]
        else:  # case, width and script games
            a, b = _span(rng, text, 400)
            piece = text[a:b]
            piece = rng.choice((piece.upper(), piece.lower(), piece.replace("]", ""),
                                "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in piece),
                                piece.replace("\n", " "), piece.replace("。", "\n")))
            text = text[:a] + piece + text[b:]
    return text


def make_input(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return mutate(rng, rng.choice(corpus()))
    if r < 0.70:  # an excerpt: cheaper to parse, and starts and ends mid-clause
        text = rng.choice(corpus())
        a = rng.randrange(len(text))
        return mutate(rng, text[a:a + rng.randint(50, 1500)])
    if r < 0.85:
        return random_unicode(rng, rng.randint(0, 3000))
    if r < 0.95:  # contract-looking token soup
        return "".join(rng.choice(HEADERS + SNIPPETS) + random_unicode(rng, rng.randint(0, 20))
                       for _ in range(rng.randint(1, 120)))
    return rng.choice(("", " ", "\n", "[", "第", "1.1", "甲方(", "(shuō)", "\ufeff", "。", "0", "¥"))


# ---------------------------------------------------------------- files for parse_file


def docx_bytes(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r></w:p>"
                   for line in text.split("\n"))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", xml.encode("utf-8", "surrogatepass"))
    return buf.getvalue()


def file_for(rng: random.Random, text: str) -> tuple[str, bytes]:
    """(suffix, bytes): the text in one of the formats a user hands in, sometimes corrupted."""
    kind = rng.randrange(8)
    if kind == 0:
        return ".txt", text.encode("utf-8", "surrogatepass")
    if kind == 1:
        return ".txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    if kind == 2:
        return ".md", b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")
    if kind == 3:
        return ".txt", text.encode("gb18030", "replace")
    if kind == 4:
        return ".docx", docx_bytes(text)
    if kind == 5:  # a .docx that is a broken zip
        data = bytearray(docx_bytes(text))
        for _ in range(rng.randint(1, 10)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return ".docx", bytes(data)
    if kind == 6:  # PDF garbage
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))
        return ".pdf", b"%PDF-1." + str(rng.randint(0, 9)).encode() + b"\n" + junk + rng.choice((b"", b"\n%%EOF"))
    return rng.choice((".txt", ".md", ".pdf", ".docx")), bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))


# ---------------------------------------------------------------- the runs


def run_text(rng: random.Random, seed: int, i: int) -> None:
    text = make_input(rng)
    try:
        check_result(parse_text(text, f"fuzz-{i}.txt"), text)
    except Exception as e:
        raise AssertionError(f"seed {seed} input {i} ({len(text)} chars): {type(e).__name__}: {e}\n"
                             f"text starts {text[:300]!r}") from e


def run_file(rng: random.Random, seed: int, i: int, tmp: Path) -> bool:
    """True when the file was read (False: the reader refused it with InputError)."""
    text = make_input(rng)
    suffix, data = file_for(rng, text)
    path = tmp / f"fuzz-{i}{suffix}"
    path.write_bytes(data)
    try:
        try:
            result = parse_file(path)
        except InputError as e:
            assert str(path) in str(e) and "\n" not in str(e)  # one line naming the file
            return False
        check_result(result, read_document(path).text)
        return True
    except Exception as e:
        raise AssertionError(f"seed {seed} file {i} ({suffix}, {len(data)} bytes): {type(e).__name__}: {e}") from e
    finally:
        path.unlink()


def fuzz(n_text: int, n_file: int, seed: int, tmp: Path) -> None:
    rng = random.Random(seed)
    for i in range(n_text):
        run_text(rng, seed, i)
    read = 0
    for i in range(n_file):
        read += run_file(rng, seed, i, tmp)
    assert n_file == 0 or 0 < read < n_file  # both readable and refused files were exercised


def test_fuzz_default(tmp_path: Path) -> None:
    fuzz(400, 60, SEED, tmp_path)  # (thousands more in the slow group: test_fuzz_10000)


@pytest.mark.slow
@pytest.mark.timeout(1500)  # 10,000 parses: minutes on a loaded 2-core machine, never a hang
def test_fuzz_10000(tmp_path: Path) -> None:
    fuzz(8_500, 1_500, SEED + 1, tmp_path)


def test_corpus_itself_satisfies_the_invariants() -> None:
    for name, text in named_corpus():
        doc = check_result(parse_text(text, name), text)
        assert doc["obligations"] or "unfilled" in name, name  # a filled contract yields obligations


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(HEADERS + SNIPPETS + PINYIN), st.text(max_size=12)), max_size=40))
def test_token_soup_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    check_result(parse_text(text, "soup.txt"), text)


# ---------------------------------------------------------------- adversarial 1 MB inputs

MB = 1_000_000


def _fill(unit: str) -> str:
    return (unit * (MB // len(unit) + 1))[:MB]


ADVERSARIAL = {
    "brackets": lambda: _fill("["),
    "bracket-please": lambda: _fill("[请填写"),
    "fullwidth-brackets": lambda: _fill("【请"),
    "digits": lambda: _fill("1234567890"),
    "digits-commas": lambda: _fill("1,000,"),
    "dotted-numbers": lambda: _fill("1.1 "),
    "dotted-run": lambda: _fill("1.1.1.1.1."),
    "phrase": lambda: _fill("乙方应于本合同生效之日起"),
    "phrase-with-deadline": lambda: _fill("乙方应于本合同生效之日起15日内支付"),
    "articles": lambda: _fill("第一条"),
    "long-line": lambda: _fill("甲方乙方合同服务数据模型交付验收"),
    "party-paren": lambda: _fill("甲方("),
    "underscores": lambda: _fill("_"),
    "parens": lambda: _fill("("),
    "paren-pinyin": lambda: _fill("说(shuō"),
    "cn-numerals": lambda: _fill("一二三四五六七八九十百千万亿"),
    "capital-money": lambda: _fill("壹贰叁肆伍陆柒捌玖拾佰仟万亿"),
    "yuan": lambda: _fill("人民币1元"),
    "percent": lambda: _fill("百分之"),
    "durations": lambda: _fill("1年1个月1日"),
    "iso-dates": lambda: _fill("2025-03-01"),
    "spaces": lambda: _fill(" "),
    "newlines": lambda: _fill("\n"),
    "english-words": lambda: _fill("within thirty days after "),
    "english-party": lambda: _fill("Party A (Provider "),
    "months": lambda: _fill("March 1 "),
    "after-event": lambda: _fill("验收合格"),
    "full-period": lambda: _fill("满1年"),
    "every-month": lambda: _fill("每月"),
    "recitals": lambda: _fill("鉴于原合同“至2026年9月30日止”修改为"),  # an amendment's old wording, blanked in bounded scans
    "wrapped-english": lambda: _fill("Provider shall deliver the model with\nreference data "),  # soft wraps
    "mixed-soup": lambda: _fill("第1条 1.1 甲方(乙方[请填写2025年2月30日人民币1,000元千分之五"),
    "distinct-blanks": lambda: "".join(f"[请填写{i}]" for i in range(90_000))[:MB],
}
#: Inputs where nearly every line is a match (a clause heading, a date, a signature blank):
#: 100,000-250,000 clauses or warnings each cost some Python, so 1 MB takes 1-3 s on a loaded
#: 2-core machine. The guard here is linearity: 4x the text may cost at most ~7x the time
#: (quadratic behaviour costs 16x), plus an absolute ceiling.
DENSE = {
    "articles-lines": lambda n: ("第一条\n" * (n // 4 + 1))[:n],
    "hash-lines": lambda n: ("# 1.\n" * (n // 5 + 1))[:n],
    "dates": lambda n: ("2025年3月1日" * (n // 9 + 1))[:n],
    "signature-blanks": lambda n: ("甲方:_" * (n // 4 + 1))[:n],
    "party-labels": lambda n: ("甲方:" * (n // 3 + 1))[:n],
    "distinct-signature-blanks": lambda n: "".join(f"\n签字{i}:___" for i in range(n // 8))[:n],
}


def _parses_within(name: str, text: str, bound: float) -> None:
    elapsed = float("inf")
    for _ in range(3):  # best of 3: another process on the machine must not fail the test
        t0 = time.process_time()
        result = parse_text(text, f"{name}.txt")
        elapsed = min(elapsed, time.process_time() - t0)
        if elapsed <= bound:
            break
    assert elapsed <= bound, f"{name}: {len(text) // 1000} KB took {elapsed:.2f} s"
    result.to_json()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_megabyte_parses_within_a_second(name: str) -> None:
    _parses_within(name, ADVERSARIAL[name](), MAX_SECONDS)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_quarter_megabyte_parses_in_bounded_time(name: str) -> None:
    """The same inputs cut to 256 KB in the default group: catastrophic backtracking (time growing with the
    square of the length or worse) shows at this size already; the 1 MB runs are in the slow group."""
    _parses_within(name, ADVERSARIAL[name]()[: MB // 4], MAX_SECONDS / 2)


def _best_of(runs: int, text: str) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        parse_text(text, "dense.txt")
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DENSE))
def test_dense_megabyte_scales_linearly(name: str) -> None:
    quarter = _best_of(3, DENSE[name](MB // 4))
    full = _best_of(2, DENSE[name](MB))  # best of 2 as well: one slow run on a shared machine is not growth
    assert full <= 30.0, f"{name}: 1 MB took {full:.2f} s of CPU"
    assert full <= 7 * quarter + 0.2, f"{name}: 250 KB {quarter:.2f} s, 1 MB {full:.2f} s: not linear"
