"""Hostile contract files: every failure is the one-line input error, within bounded memory.

Zip bombs (lying and honest), corrupt deflate data, content controls nested thousands deep,
DTDs in UTF-8 and UTF-16, random mutations of a real .docx and PDF; a damaged PDF's library
warnings stay off stderr; `tracker add DIR` reports a bad file and stores the rest.
"""

from __future__ import annotations

import contextlib
import random
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.mutate import mutate
from tracker.errors import InputError
from tracker.parse import parse_file, parse_text
from tracker.parse.readers import MAX_TEXT_CHARS, read_document

ROOT = Path(__file__).resolve().parents[1]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
TAIL = "</w:body></w:document>"
PARA = '<w:p><w:r><w:t xml:space="preserve">第一条 甲方应于本合同生效之日起10个工作日内支付人民币1000元。</w:t></w:r></w:p>'


def write_docx(path: Path, document: bytes | str, *, extra: dict[str, str | bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        for name, text in (extra or {}).items():
            z.writestr(name, text)
    return path


def one_line_error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path)
    err = caught.value
    assert str(err).startswith(f"{path}: ") and "\n" not in str(err) and err.exit_code == 2
    return err


def peak_rss_mb_reading(path: Path) -> tuple[float, str]:
    """Read ``path`` in a fresh process: its peak memory (MB) and the error it reported."""
    # VmHWM, not ru_maxrss: the latter keeps the high-water mark of the forking pytest process
    code = ("import sys\n"
            "from tracker.errors import InputError\n"
            "from tracker.parse.readers import read_document\n"
            "try:\n    read_document(sys.argv[1]); out = 'read'\n"
            "except InputError as e:\n    out = str(e)\n"
            "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')][0]\n"
            "print(int(hwm.split()[1]) / 1024)\nprint(out)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    rss, msg = proc.stdout.splitlines()[:2]
    return float(rss), msg


def _patch_sizes(path: Path, member: str, size: int) -> None:
    """Make the archive declare ``size`` as the uncompressed size of ``member`` (local and central)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    local = info.header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, size)
    central = data.find(b"PK\x01\x02" + data[local + 4:local + 6])
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == member.encode():
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def _big_docx(path: Path, megabytes: int) -> Path:
    para = PARA.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(HEAD.encode())
            block = para * (1024 * 1024 // len(para) + 1)
            for _ in range(megabytes):
                f.write(block)
            f.write(TAIL.encode())
    return path


def test_honest_190_mb_part_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = _big_docx(tmp_path / "huge.docx", 190)
    assert path.stat().st_size < 3 * 1024 * 1024  # it compresses very well
    rss, msg = peak_rss_mb_reading(path)
    assert msg.startswith(f"{path}: not a valid .docx (word/document.xml is implausibly large")
    assert rss < 300


@pytest.mark.parametrize("declared", [1000, 15 * 1024 * 1024])
def test_a_part_that_lies_about_its_size_is_refused_in_bounded_memory(tmp_path: Path, declared: int) -> None:
    path = _big_docx(tmp_path / "liar.docx", 60)
    _patch_sizes(path, "word/document.xml", declared)
    rss, msg = peak_rss_mb_reading(path)
    assert msg.startswith(f"{path}: not a valid .docx (word/document.xml"), msg
    assert rss < 300


def test_corrupt_deflate_data_is_an_input_error(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "z.docx", HEAD + PARA * 2000 + TAIL)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 60):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    assert "not a valid .docx" in one_line_error(path).problem


def test_content_controls_nested_thousands_deep(tmp_path: Path) -> None:
    depth = 20_000
    body = "<w:sdt><w:sdtContent>" * depth + PARA + "</w:sdtContent></w:sdt>" * depth
    err = one_line_error(write_docx(tmp_path / "deep.docx", HEAD + body + TAIL))
    assert "levels deep; refused" in err.problem


def test_moderate_nesting_still_reads(tmp_path: Path) -> None:
    body = "<w:sdt><w:sdtContent>" * 40 + PARA + "</w:sdtContent></w:sdt>" * 40
    assert "支付人民币1000元" in read_document(write_docx(tmp_path / "ok.docx", HEAD + body + TAIL)).text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le"])
def test_billion_laughs_refused_in_any_encoding(tmp_path: Path, encoding: str) -> None:
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    decl = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    xml = (f'<?xml version="1.0" encoding="{decl}"?><!DOCTYPE d [{ents}]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>')
    data = xml.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    err = one_line_error(write_docx(tmp_path / "lol.docx", data))
    assert "DOCTYPE" in err.problem


def test_doctype_in_numbering_part_is_refused(tmp_path: Path) -> None:
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="x/numbering" Target="numbering.xml"/></Relationships>')
    err = one_line_error(write_docx(tmp_path / "n.docx", HEAD + PARA + TAIL, extra={
        "word/_rels/document.xml.rels": rels,
        "word/numbering.xml":
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE n SYSTEM "http://x/n.dtd"><n/>'.encode("utf-16")}))
    assert "word/numbering.xml declares a DOCTYPE" in err.problem


def test_too_many_elements(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 200_000
    assert "elements; refused" in one_line_error(write_docx(tmp_path / "many.docx", HEAD + body + TAIL)).problem


def test_text_beyond_the_cap_is_one_clear_error() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("甲" * (MAX_TEXT_CHARS + 1), "long.txt")
    assert str(caught.value) == f"long.txt: document text is too long ({MAX_TEXT_CHARS + 1:,} characters; " \
                                f"the limit is {MAX_TEXT_CHARS:,})"


def _mutations(seed: int, data: bytes, n: int) -> list[bytes]:
    rng = random.Random(seed)
    return [mutate(rng, data) for _ in range(n)]


@pytest.mark.parametrize("sample", ["tests/contracts/x05-lingxi-radiology-report.docx",
                                    "tests/contracts/x20-autonumber.docx",
                                    "tests/contracts/x07-haina-waybill-ner.en.pdf"])
def test_mutated_files_fail_only_with_the_input_error(tmp_path: Path, sample: str,
                                                      capfd: pytest.CaptureFixture[str]) -> None:
    src = ROOT / sample
    for k, data in enumerate(_mutations(13, src.read_bytes(), 60)):
        path = tmp_path / f"m{k}{src.suffix}"
        path.write_bytes(data)
        try:
            parse_file(path)
        except InputError as exc:
            assert "\n" not in str(exc)
    err = capfd.readouterr().err
    assert err == "", err[:500]  # no library warnings on stderr


def test_damaged_pdf_warnings_stay_off_stderr(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                              caplog: pytest.LogCaptureFixture) -> None:
    data = (ROOT / "tests/contracts/x07-haina-waybill-ner.en.pdf").read_bytes()
    k = data.rfind(b"startxref")
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data[:k] + b"startxref\n999999\n%%EOF\n")  # a wrong xref pointer: pypdf complains
    import logging

    with caplog.at_level(logging.DEBUG, logger="tracker.parse.pypdf"), contextlib.suppress(InputError):
        read_document(path)
    assert capfd.readouterr().err == ""
    assert any(r.name == "tracker.parse.pypdf" and r.levelno == logging.DEBUG for r in caplog.records)


def test_add_dir_reports_the_bad_file_and_stores_the_rest(tmp_path: Path) -> None:
    from tracker.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("x01-hengrui-bearing-defect.txt", "x09-jinxin-card-fraud.txt"):
        (folder / name).write_bytes((ROOT / "tests/contracts" / name).read_bytes())
    bad = write_docx(folder / "m-bad.docx", HEAD + PARA + TAIL)
    data = bytearray(bad.read_bytes())
    with zipfile.ZipFile(bad) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5:start + 25] = b"\xff" * 20
    bad.write_bytes(bytes(data))
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "t.db"), "add", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout.count("added contract #") == 2
    assert f"error: {bad}: not a valid .docx" in result.stderr
    assert "error: 1 of 3 files could not be added" in result.stderr


@pytest.mark.slow
def test_fuzz_thousands_of_mutated_files_only_input_errors(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Bounded: 2,000 mutations over every sample format (bench/hostile.py runs 10,000)."""
    samples = sorted(p for p in (ROOT / "tests" / "contracts").iterdir()
                     if p.suffix in (".txt", ".md", ".docx", ".pdf"))
    others: list[str] = []
    for k in range(2000):
        src = samples[k % len(samples)]
        (data,) = _mutations(1000 + k, src.read_bytes(), 1)
        path = tmp_path / f"f{k % 20}{src.suffix}"
        path.write_bytes(data)
        try:
            parse_file(path)
        except InputError as exc:
            assert "\n" not in str(exc)
        except Exception as exc:
            others.append(f"{src.name} #{k}: {type(exc).__name__}")
    assert others == []
    assert capfd.readouterr().err == ""
