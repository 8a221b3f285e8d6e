from tests.delivery.conftest import _delivery_folders, smtp_server  # noqa: F401
