"""Helpers for tests that run `folio` in a subprocess against its own data folder."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def folio_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a `folio` subprocess: SQLite in `data_dir`, development settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLIO_", "DATABASE_URL"))}
    env.update(
        FOLIO_DATA_DIR=str(data_dir),
        FOLIO_ENV="development",
        FOLIO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def run_folio(
    *args: str, data_dir: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "folio.cli", *args],
        env=folio_env(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def migrated_data_dir(tmp_path_factory) -> Path:
    """A data folder with a migrated SQLite database, shared by this session's CLI tests."""
    data_dir = tmp_path_factory.mktemp("folio-data")
    result = run_folio("migrate", "--no-input", "-v0", data_dir=data_dir, timeout=300)
    assert result.returncode == 0, result.stderr
    return data_dir
