"""The rules folder (`settings.FOLIO_RULES_DIR`): where the official artefacts live at run time.

Layout:
    MANIFEST.json        {"format": 1, "source", "installed_at", "versions": {...},
                          "files": {"xslt/cen.xslt": "<sha256>", ...}}
    xsd/wrapper-invoice.xsd, xsd/common/*, xsd/ext/*, xsd/maindoc/UBL-{Invoice,CreditNote}-2.1.xsd
    xslt/cen.xslt        OpenPeppol 2026.5 CEN-EN16931-UBL.xslt
    xslt/peppol.xslt     OpenPeppol 2026.5 PEPPOL-EN16931-UBL.xslt

`install` takes the shared corpus folder, any folder that holds those files (or this layout),
or a zip of either. Without an installed folder the engines fall back to the corpus in place
(`settings.FOLIO_CORPUS`), so a fresh clone beside `../shared/corpus` works untouched.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from folio.core.errors import ApplicationError

MANIFEST = "MANIFEST.json"
PEPPOL_RELEASE = "2026.5"
CORPUS_XSLT_DIR = (
    "peppol-xslt-2026.5/phive-rules-peppol/src/main/resources/external/schematron/openpeppol/"
    "2026.5/xslt"
)
CORPUS_XSD_DIR = "ubl-2.1-xsd"
CEN_XSLT_NAME = "CEN-EN16931-UBL.xslt"
PEPPOL_XSLT_NAME = "PEPPOL-EN16931-UBL.xslt"
XSD_WRAPPER = "wrapper-invoice.xsd"
VERSIONS = {
    "peppol": PEPPOL_RELEASE,
    "cen": f"EN16931 as in OpenPeppol {PEPPOL_RELEASE}",
    "ubl": "2.1",
}
# A zip of the rules is small (a few MB); refuse anything that expands far beyond that.
MAX_ZIP_EXPANDED_BYTES = 200 * 1024 * 1024

# Where the official releases live. We could not pin their SHA-256 honestly on this machine
# (no internet, and the corpus NOTICE files name commits, not release archives), so `fetch`
# names them and asks for `install` instead of downloading unverified artefacts.
OFFICIAL_SOURCES = [
    "OpenPeppol BIS Billing 3.0 validation artefacts, release 2026.5 (CEN-EN16931-UBL.xslt and "
    "PEPPOL-EN16931-UBL.xslt): https://github.com/OpenPEPPOL/peppol-bis-invoice-3/releases",
    "OASIS UBL 2.1 schemas (os-UBL-2.1): https://docs.oasis-open.org/ubl/os-UBL-2.1/",
]


class RulesError(ApplicationError):
    status = 400


@dataclass(frozen=True)
class RuleFiles:
    """The three artefacts an official validation needs, wherever they live."""

    xsd: Path
    cen_xslt: Path
    peppol_xslt: Path
    source: str

    def stylesheet(self, name: str) -> Path:
        return {"cen": self.cen_xslt, "peppol": self.peppol_xslt}[name]


def rules_dir() -> Path:
    return Path(settings.FOLIO_RULES_DIR)


def corpus_rule_files(corpus: Path | None = None) -> RuleFiles:
    corpus = Path(corpus or settings.FOLIO_CORPUS)
    return RuleFiles(
        xsd=corpus / CORPUS_XSD_DIR / XSD_WRAPPER,
        cen_xslt=corpus / CORPUS_XSLT_DIR / CEN_XSLT_NAME,
        peppol_xslt=corpus / CORPUS_XSLT_DIR / PEPPOL_XSLT_NAME,
        source=f"corpus:{corpus}",
    )


def installed_rule_files(directory: Path | None = None) -> RuleFiles | None:
    directory = Path(directory or rules_dir())
    if not (directory / MANIFEST).is_file():
        return None
    return RuleFiles(
        xsd=directory / "xsd" / XSD_WRAPPER,
        cen_xslt=directory / "xslt" / "cen.xslt",
        peppol_xslt=directory / "xslt" / "peppol.xslt",
        source=f"rules:{directory}",
    )


def active_rule_files() -> RuleFiles:
    """The installed rules folder, else the corpus in place; raises when neither exists."""
    files = installed_rule_files()
    if files is None:
        files = corpus_rule_files()
    missing = [str(p) for p in (files.xsd, files.cen_xslt, files.peppol_xslt) if not p.is_file()]
    if missing:
        raise RulesError(
            "rules_not_installed",
            "The official validation rules are not installed: run `folio rules install PATH` "
            f"(missing: {', '.join(missing)})",
        )
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _locate(source: Path) -> RuleFiles:
    """Find the artefacts in a corpus folder, a rules folder, or any folder holding them."""
    for candidate in (installed_rule_files(source), corpus_rule_files(source)):
        if candidate and all(
            p.is_file() for p in (candidate.xsd, candidate.cen_xslt, candidate.peppol_xslt)
        ):
            return candidate
    found = {}
    for name in (CEN_XSLT_NAME, PEPPOL_XSLT_NAME, XSD_WRAPPER):
        matches = sorted(source.rglob(name))
        if not matches:
            raise RulesError("rules_incomplete", f"{name} was not found under {source}")
        found[name] = matches[0]
    return RuleFiles(
        xsd=found[XSD_WRAPPER],
        cen_xslt=found[CEN_XSLT_NAME],
        peppol_xslt=found[PEPPOL_XSLT_NAME],
        source=str(source),
    )


def _safe_extract(archive: Path, target: Path) -> None:
    with zipfile.ZipFile(archive) as bundle:
        entries = bundle.infolist()
        if sum(entry.file_size for entry in entries) > MAX_ZIP_EXPANDED_BYTES:
            raise RulesError("rules_zip_too_large", "the zip expands beyond the allowed size")
        root = target.resolve()
        for entry in entries:
            destination = (target / entry.filename).resolve()
            if not destination.is_relative_to(root):
                raise RulesError("rules_zip_unsafe", f"unsafe path in zip: {entry.filename}")
        bundle.extractall(target)


def rules_install(*, source: Path, target: Path | None = None) -> dict:
    """Copy the official artefacts (folder or zip) into the rules folder; return the manifest."""
    source = Path(source)
    target = Path(target or rules_dir())
    if not source.exists():
        raise RulesError("rules_source_missing", f"{source} does not exist")
    with tempfile.TemporaryDirectory() as scratch:
        if source.is_file():
            if not zipfile.is_zipfile(source):
                raise RulesError("rules_source_invalid", f"{source} is neither a folder nor a zip")
            _safe_extract(source, Path(scratch))
            source = Path(scratch)
        found = _locate(source)
        staging = Path(tempfile.mkdtemp(prefix=".rules-", dir=_ensure(target.parent)))
        try:
            xsd_root = found.xsd.parent
            for sub in ("common", "ext"):
                shutil.copytree(xsd_root / sub, staging / "xsd" / sub)
            (staging / "xsd" / "maindoc").mkdir(parents=True)
            for main in ("UBL-Invoice-2.1.xsd", "UBL-CreditNote-2.1.xsd"):
                shutil.copy2(xsd_root / "maindoc" / main, staging / "xsd" / "maindoc" / main)
            shutil.copy2(found.xsd, staging / "xsd" / XSD_WRAPPER)
            (staging / "xslt").mkdir()
            shutil.copy2(found.cen_xslt, staging / "xslt" / "cen.xslt")
            shutil.copy2(found.peppol_xslt, staging / "xslt" / "peppol.xslt")
            manifest = {
                "format": 1,
                "source": str(found.source),
                "installed_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
                "versions": VERSIONS,
                "files": {
                    str(path.relative_to(staging)): _sha256(path)
                    for path in sorted(staging.rglob("*"))
                    if path.is_file()
                },
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
            if target.exists():
                shutil.rmtree(target)
            staging.rename(target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return manifest


def _ensure(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def rules_status(directory: Path | None = None) -> dict:
    """What is installed, its versions, and whether every file still matches its checksum."""
    directory = Path(directory or rules_dir())
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        fallback = corpus_rule_files()
        return {
            "installed": False,
            "directory": str(directory),
            "fallback": fallback.source if fallback.cen_xslt.is_file() else None,
        }
    manifest = json.loads(manifest_path.read_text())
    changed = []
    for relative, expected in manifest["files"].items():
        path = directory / relative
        if not path.is_file() or _sha256(path) != expected:
            changed.append(relative)
    return {
        "installed": True,
        "directory": str(directory),
        "source": manifest.get("source"),
        "installed_at": manifest.get("installed_at"),
        "versions": manifest.get("versions", {}),
        "files": manifest["files"],
        "intact": not changed,
        "changed": changed,
    }
