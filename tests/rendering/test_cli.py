"""`folio render FILE... --out-dir DIR [--lang] [--type]`, run as a separate process with no
database reachable: it must not need one."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pikepdf

from folio.rendering.sample import sample_ubl
from tests.rendering.pdftext import pdf_text, squash


def run_folio(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        # Nothing listens on port 1: any database access would fail the command.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
        "FOLIO_DATA_DIR": str(cwd / "no-data-dir"),
        "FOLIO_LOG_LEVEL": "WARNING",
    }
    return subprocess.run(
        [sys.executable, "-m", "folio.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_render_files_to_pdfa_with_same_base_names(tmp_path):
    (tmp_path / "in").mkdir()
    norwegian = tmp_path / "in" / "faktura-1.xml"
    norwegian.write_bytes(sample_ubl(language="nb", number="NO-1", lines=2))
    german = tmp_path / "in" / "rechnung.xml"
    german.write_bytes(sample_ubl(language="de", number="DE-7", lines=2))
    result = run_folio("render", str(norwegian), str(german), "--out-dir", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["faktura-1.pdf", "rechnung.pdf"]
    norwegian_text = squash(pdf_text((out / "faktura-1.pdf").read_bytes()))
    assert "Faktura NO-1" in norwegian_text  # language from the buyer's country
    assert "Rechnung DE-7" in squash(pdf_text((out / "rechnung.pdf").read_bytes()))
    with pikepdf.open(io.BytesIO((out / "rechnung.pdf").read_bytes())) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "3"
        assert pdf.attachments["rechnung.xml"].get_file().read_bytes() == german.read_bytes()
    assert not (tmp_path / "no-data-dir").exists()


def test_language_and_type_options_and_failures(tmp_path):
    source = tmp_path / "doc.xml"
    source.write_bytes(sample_ubl(language="nb", number="R-9", lines=1))
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')
    result = run_folio(
        "render",
        str(source),
        str(broken),
        str(tmp_path / "missing.xml"),
        "--out-dir",
        str(tmp_path / "out"),
        "--lang",
        "sk",
        "--type",
        "reminder",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "broken.xml: xml_doctype_forbidden" in result.stderr
    assert "missing.xml: cannot read" in result.stderr
    assert "2 of 3 file(s) could not be rendered" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc.pdf"]
    text = squash(pdf_text((tmp_path / "out" / "doc.pdf").read_bytes()))
    assert "Upomienka R-9" in text
    assert "Na úhradu" in text
