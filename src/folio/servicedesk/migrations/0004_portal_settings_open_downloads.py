"""Downloads were always served before the "download" action existed: open it on every existing
sender's row so that nothing changes for them. Senders without a row get it from the default."""

from django.db import migrations

DOWNLOAD = "download"


def open_downloads(apps, schema_editor):
    PortalSettings = apps.get_model("servicedesk", "PortalSettings")
    for row in PortalSettings.objects.only("id", "actions").iterator():
        if DOWNLOAD not in row.actions:
            row.actions = [*row.actions, DOWNLOAD]
            row.save(update_fields=["actions"])


def close_downloads(apps, schema_editor):
    PortalSettings = apps.get_model("servicedesk", "PortalSettings")
    for row in PortalSettings.objects.only("id", "actions").iterator():
        if DOWNLOAD in row.actions:
            row.actions = [action for action in row.actions if action != DOWNLOAD]
            row.save(update_fields=["actions"])


class Migration(migrations.Migration):
    dependencies = [
        ("servicedesk", "0003_portal_settings_new_customers_access"),
    ]

    operations = [
        migrations.RunPython(open_downloads, close_downloads),
    ]
