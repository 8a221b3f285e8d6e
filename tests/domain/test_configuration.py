"""Every environment variable Folio reads is documented in .env.example and the README."""

import ast
import re
from pathlib import Path

import pytest

from folio.core.environment import ConfigurationError, env_bool, env_int, env_list, env_path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "src" / "folio"
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "env_path"}


def variables_read_by_folio() -> set[str]:
    names = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ENV_READERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
    return names


def test_settings_read_the_variables_we_expect_at_least():
    # Guards the scanner itself: if it found nothing, the checks below would pass vacuously.
    assert {"FOLIO_ENV", "FOLIO_SECRET_KEY", "DATABASE_URL", "FOLIO_DATA_DIR"} <= (
        variables_read_by_folio()
    )


def test_env_example_lists_every_variable():
    text = (REPO / ".env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
    assert sorted(variables_read_by_folio() - listed) == []


def test_readme_documents_every_variable():
    text = (REPO / "README.md").read_text()
    assert sorted(name for name in variables_read_by_folio() if f"`{name}`" not in text) == []


@pytest.mark.parametrize(
    ("reader", "raw", "expected"),
    [
        (env_bool, "yes", True),
        (env_bool, "Off", False),
        (env_bool, "", True),  # empty means "use the default"
        (env_int, "42", 42),
        (env_list, " a, b ,,c ", ["a", "b", "c"]),
    ],
)
def test_typed_readers_parse_values(monkeypatch, reader, raw, expected):
    monkeypatch.setenv("FOLIO_TEST_VALUE", raw)
    default = {env_bool: True, env_int: 0, env_list: None}[reader]
    assert reader("FOLIO_TEST_VALUE", default) == expected


@pytest.mark.parametrize(("reader", "raw"), [(env_bool, "maybe"), (env_int, "ten")])
def test_typed_readers_refuse_nonsense(monkeypatch, reader, raw):
    monkeypatch.setenv("FOLIO_TEST_VALUE", raw)
    with pytest.raises(ConfigurationError, match="FOLIO_TEST_VALUE"):
        reader("FOLIO_TEST_VALUE", 0)


def test_paths_are_absolute(monkeypatch, tmp_path):
    monkeypatch.setenv("FOLIO_TEST_VALUE", "~/folio-data")
    assert env_path("FOLIO_TEST_VALUE", tmp_path).is_absolute()
    monkeypatch.delenv("FOLIO_TEST_VALUE")
    assert env_path("FOLIO_TEST_VALUE", Path("relative")) == Path("relative").resolve()
