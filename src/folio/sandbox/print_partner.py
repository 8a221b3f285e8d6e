"""A sandbox print partner: picks up complete batches from the drop folder, "prints" them and
answers with a status file, as a print house's system does.

A batch is complete when its `<name>.ready` marker exists. Each letter is printed and posted,
except letters to an address without a postcode or to country `XX`, which are rejected as
undeliverable. The batch files move to `picked-up/`; the answer is `<name>.status.csv`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path

from django.utils import timezone


def print_partner_run_once(*, drop_dir: Path, status_dir: Path) -> list[str]:
    """Process every complete batch waiting; returns the batch names handled."""
    handled = []
    if not drop_dir.is_dir():
        return handled
    status_dir.mkdir(parents=True, exist_ok=True)
    picked_up = drop_dir / "picked-up"
    picked_up.mkdir(exist_ok=True)
    for marker in sorted(drop_dir.glob("*.ready")):
        name = marker.name.removesuffix(".ready")
        manifest = json.loads((drop_dir / f"{name}.manifest.json").read_text())
        now = timezone.now().isoformat()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["message_key", "status", "at", "detail"])
        for item in manifest["items"]:
            address = item.get("address") or []
            if item.get("country") == "XX" or len(address) < 3:
                writer.writerow([item["message_key"], "rejected", now, "address incomplete"])
            else:
                writer.writerow([item["message_key"], "printed", now, ""])
                writer.writerow([item["message_key"], "posted", now, ""])
        temporary = status_dir / f".{name}.status.csv.part"
        temporary.write_text(buffer.getvalue())
        os.replace(temporary, status_dir / f"{name}.status.csv")
        for suffix in (".pdf", ".manifest.json", ".manifest.csv", ".ready"):
            path = drop_dir / f"{name}{suffix}"
            if path.exists():
                os.replace(path, picked_up / path.name)
        handled.append(name)
    return handled


class SandboxPrintPartner:
    """Polls the drop folder in a thread until stopped."""

    def __init__(self, *, drop_dir: Path, status_dir: Path, interval: float = 1.0):
        self.drop_dir = drop_dir
        self.status_dir = status_dir
        self.interval = interval
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self.stopped.is_set():
            print_partner_run_once(drop_dir=self.drop_dir, status_dir=self.status_dir)
            self.stopped.wait(self.interval)

    def start(self) -> SandboxPrintPartner:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
