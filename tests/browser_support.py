"""What the browser tests share: how Chromium is launched here (ARCHITECTURE.md §11), the
sideways-scroll probe, screenshots kept on request, and axe-core's serious findings."""

from __future__ import annotations

import os
from pathlib import Path

# Without the background-networking flags Chromium keeps trying to reach the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIDEWAYS_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def screenshot(page, name: str) -> None:
    """Keep a full-page screenshot in FOLIO_SCREENSHOTS, when that folder is set."""
    folder = os.environ.get("FOLIO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def serious_violations(results) -> str:
    """axe-core's serious and critical violations, one line; empty when there are none."""
    return "; ".join(
        f"{violation['id']} ({violation['impact']})"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    )
