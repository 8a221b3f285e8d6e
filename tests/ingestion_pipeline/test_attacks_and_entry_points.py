"""The XML attack corpus through every entry point (API, ZIP batch, CLI, drop folder): refused
with a 4xx and a reason, and no file or network access; plus batches, the CLI and `folio watch`."""

from __future__ import annotations

import io
import json
import socket
import threading
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from folio.documents.models import Document
from folio.ingestion.drop_folders import drop_file_process, drop_folders_scan
from tests.ingestion_pipeline.conftest import post_json, post_xml
from tests.ingestion_pipeline.documents import folio_json

SECRET = "s3cr3t-do-not-leak"
INVOICE_NS = 'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'


class Listener:
    """A loopback TCP server that counts every connection made to it."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self.server.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def attack_corpus(secret_file: Path, port: int) -> dict[str, bytes]:
    url = f"http://127.0.0.1:{port}"
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY x SYSTEM "file://{secret_file}">]>'
        f"<Invoice {INVOICE_NS}><ID>&x;</ID></Invoice>"
    )
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + f"]><Invoice {INVOICE_NS}>&lol9;</Invoice>"
    )
    return {
        "xxe_file.xml": xxe.encode(),
        "xxe_network.xml": (
            f'<!DOCTYPE Invoice [<!ENTITY x SYSTEM "{url}/entity">]>'
            f"<Invoice {INVOICE_NS}>&x;</Invoice>"
        ).encode(),
        "parameter_entity.xml": (
            f'<!DOCTYPE Invoice [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]><Invoice {INVOICE_NS}/>'
        ).encode(),
        "external_dtd.xml": (
            f'<!DOCTYPE Invoice SYSTEM "{url}/evil.dtd"><Invoice {INVOICE_NS}/>'
        ).encode(),
        "billion_laughs.xml": laughs.encode(),
        "utf16_doctype.xml": xxe.replace('<?xml version="1.0"?>', "").encode("utf-16"),
        "xinclude.xml": (
            f'<Invoice {INVOICE_NS} xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<xi:include href="file://{secret_file}" parse="text"/>'
            f'<xi:include href="{url}/x.xml"/></Invoice>'
        ).encode(),
        "deep_nesting.xml": (
            f"<Invoice {INVOICE_NS}>" + "<a>" * 50_000 + "</a>" * 50_000 + "</Invoice>"
        ).encode(),
        "oversize.xml": b"<Invoice>" + b"<!-- padding -->" * (1_400_000) + b"</Invoice>",
    }


@pytest.fixture
def attacks(tmp_path, listener) -> dict[str, bytes]:
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET)
    return attack_corpus(secret_file, listener.port)


def assert_refused_quietly(payload: dict, listener: Listener) -> None:
    assert payload["code"], payload
    assert SECRET not in json.dumps(payload)
    assert listener.connections == 0


def test_attacks_through_the_api(api, attacks, listener, row_counts):
    before = row_counts()
    for name, body in attacks.items():
        response = post_xml(api, body)
        assert 400 <= response.status_code < 500, name
        assert_refused_quietly(response.json(), listener)
    after = row_counts()
    assert after["documents.Document"] == before["documents.Document"] == 0
    assert after["tenancy.AuditEntry"] == before["tenancy.AuditEntry"] + len(attacks)


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def post_zip(client, data: bytes):
    return client.post("/api/v1/batches", data=data, content_type="application/zip")


def test_attacks_through_a_zip_batch(api, attacks, listener):
    good = json.dumps(folio_json("B-1")).encode()
    response = post_zip(api, zip_of({"good.json": good, **attacks}))
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["stored"], body["rejected"]) == (len(attacks) + 1, 1, len(attacks))
    for result in body["results"]:
        if result["file"] != "good.json":
            assert result["status"] == 422, result
            assert_refused_quietly(result, listener)
    assert list(Document.objects.values_list("number", flat=True)) == ["B-1"]


def test_zip_batches_are_checked_before_unpacking(api, tmp_path):
    assert post_zip(api, b"not a zip").json()["code"] == "batch_not_a_zip"
    slip = post_zip(api, zip_of({"../../escape.json": json.dumps(folio_json("Z-1")).encode()}))
    assert slip.json()["results"][0]["code"] == "batch_unsafe_name"
    assert not Document.objects.filter(number="Z-1").exists()
    many = post_zip(api, zip_of({f"{i}.xml": b"<a/>" for i in range(1001)}))
    assert many.status_code == 422 and many.json()["code"] == "batch_too_many_entries"
    # A bomb: 26 entries of 20 MB of zeros each compress to a few KB but expand past 500 MB.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        chunk = b"\0" * (20 * 1024 * 1024)
        for i in range(26):
            archive.writestr(f"zeros-{i}.xml", chunk)
    bomb = post_zip(api, buffer.getvalue())
    assert bomb.status_code == 422 and bomb.json()["code"] == "batch_too_large_expanded"
    odd = post_zip(api, zip_of({"notes.txt": b"hello", "dir/ok.json": b"{}"}))
    codes = {r["file"]: r["code"] for r in odd.json()["results"]}
    assert codes == {"notes.txt": "batch_unsupported_file", "dir/ok.json": "json_invalid"}


def run_cli(*args) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_cli_ingest_lines_and_exit_codes(sender, tmp_path, corpus):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(folio_json("CLI-1")))
    code, out, _ = run_cli("ingest", str(good), "--sender", sender.slug)
    assert code == 0 and out.startswith(f"{good}: accepted invoice CLI-1 id=")
    code, out, _ = run_cli("ingest", str(good), "--sender", sender.slug)
    assert code == 1 and "duplicate existing_id=" in out
    code, out, _ = run_cli(
        "ingest",
        str(corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml"),
        "--sender",
        sender.slug,
        "--json",
    )
    [result] = json.loads(out)
    assert code == 0 and result["status"] == 201 and result["number"] == "TOSL108"
    batch = tmp_path / "batch.zip"
    batch.write_bytes(zip_of({"a.json": json.dumps(folio_json("CLI-2")).encode()}))
    code, out, _ = run_cli("ingest", str(batch), "--sender", sender.slug)
    assert code == 0 and f"{batch}!a.json: accepted" in out
    code, _, err = run_cli("ingest", str(tmp_path / "missing.xml"), "--sender", sender.slug)
    assert code == 2 and "cannot read" in err
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("ingest", str(good), "--sender", "nobody")


def test_cli_files_and_zips_keep_their_order_and_each_its_own_result(sender, tmp_path):
    """Plain files go through the batch pipeline together (prepared, then stored in commit
    groups); a ZIP between them, a refused file and an unreadable one change none of that."""
    paths = []
    for number in ("F-1", "F-2"):
        path = tmp_path / f"{number}.json"
        path.write_text(json.dumps(folio_json(number)))
        paths.append(path)
    batch = tmp_path / "middle.zip"
    batch.write_bytes(zip_of({"z.json": json.dumps(folio_json("F-3")).encode()}))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    last = tmp_path / "F-4.json"
    last.write_text(json.dumps(folio_json("F-4")))
    missing = tmp_path / "missing.json"
    code, out, err = run_cli(
        "ingest",
        *map(str, [*paths, batch, broken, missing, last]),
        "--sender",
        sender.slug,
        "--json",
    )
    assert code == 2 and f"{missing}: cannot read" in err
    results = json.loads(out)
    assert [(r["file"], r["status"]) for r in results] == [
        (str(paths[0]), 201),
        (str(paths[1]), 201),
        (f"{batch}!z.json", 201),
        (str(broken), 422),
        (str(last), 201),
    ]
    assert [r.get("number") for r in results] == ["F-1", "F-2", "F-3", None, "F-4"]
    stored = Document.objects.get(number="F-4").files.get(kind="source_json")
    assert stored.filename == "F-4.json"


def test_attacks_through_the_cli(sender, attacks, listener, tmp_path):
    paths = []
    for name, body in attacks.items():
        path = tmp_path / name
        path.write_bytes(body)
        paths.append(str(path))
    code, out, _ = run_cli("ingest", *paths, "--sender", sender.slug, "--json")
    assert code == 1
    results = json.loads(out)
    assert len(results) == len(attacks)
    for result in results:
        assert result["status"] == 422
        assert_refused_quietly(result, listener)
    assert not Document.objects.exists()


@pytest.fixture
def drop(settings, tmp_path, sender) -> Path:
    settings.FOLIO_DROP_DIR = tmp_path / "drop"
    folder = settings.FOLIO_DROP_DIR / sender.slug
    folder.mkdir(parents=True)
    return folder


def test_watch_ingests_and_sorts_files_with_a_result_beside_each(drop, sender, attacks, listener):
    (drop / "good.json").write_text(json.dumps(folio_json("W-1")))
    (drop / "batch.zip").write_bytes(zip_of({"w2.json": json.dumps(folio_json("W-2")).encode()}))
    for name, body in attacks.items():
        (drop / name).write_bytes(body)
    code, _out, _ = run_cli("watch", "--once")
    assert code == 0
    assert sorted(p.name for p in (drop / "done").iterdir()) == [
        "batch.zip",
        "batch.zip.result.json",
        "good.json",
        "good.json.result.json",
    ]
    rejected = drop / "rejected"
    for name in attacks:
        assert (rejected / name).is_file(), name
        result = json.loads((rejected / f"{name}.result.json").read_text())
        assert result["status"] == 422
        assert_refused_quietly(result, listener)
    assert sorted(Document.objects.values_list("number", flat=True)) == ["W-1", "W-2"]
    assert [p.name for p in drop.iterdir() if p.is_file()] == []
    # A second pass finds nothing left to do.
    assert drop_folders_scan() == []


def test_a_file_claimed_by_one_watcher_is_not_ingested_by_another(drop, sender):
    path = drop / "once.json"
    path.write_text(json.dumps(folio_json("W-3")))
    first = drop_file_process(path, sender)
    second = drop_file_process(path, sender)
    assert first is not None and first[0] == "done"
    assert second is None
    assert Document.objects.filter(number="W-3").count() == 1


def test_watch_does_not_follow_symlinks(drop, sender, tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps(folio_json("W-4")))
    (drop / "link.json").symlink_to(target)
    drop_folders_scan()
    result = json.loads((drop / "rejected" / "link.json.result.json").read_text())
    assert result["code"] == "not_a_regular_file"
    assert not Document.objects.filter(number="W-4").exists()
    assert target.is_file()


def test_json_and_xml_bodies_are_told_apart(api):
    assert post_json(api, folio_json("T-1")).status_code == 201
    response = api.post(
        "/api/v1/documents",
        data=json.dumps(folio_json("T-2")),
        content_type="application/octet-stream",
    )
    assert response.status_code == 201
