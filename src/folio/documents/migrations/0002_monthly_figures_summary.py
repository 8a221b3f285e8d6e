import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("tenancy", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonthlyFigure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "month",
                    models.DateField(help_text="The first day of the month.", verbose_name="month"),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[("sent", "Sent"), ("received", "Received")],
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                (
                    "type",
                    models.CharField(
                        choices=[
                            ("invoice", "Invoice"),
                            ("credit_note", "Credit note"),
                            ("reminder", "Reminder"),
                            ("quote", "Quote"),
                            ("order_confirmation", "Order confirmation"),
                            ("delivery_note", "Delivery note"),
                            ("statement", "Statement"),
                            ("payment_request", "Payment request"),
                            ("purchase_order", "Purchase order"),
                            ("bill_of_lading", "Bill of lading"),
                            ("contract", "Contract"),
                            ("price_list", "Price list"),
                            ("other", "Other"),
                        ],
                        max_length=30,
                        verbose_name="type",
                    ),
                ),
                ("channel", models.CharField(blank=True, max_length=20, verbose_name="channel")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("received", "Received"),
                            ("stopped", "Stopped"),
                            ("accepted", "Accepted"),
                            ("sending", "Sending"),
                            ("sent", "Sent"),
                            ("delivered", "Delivered"),
                            ("failed", "Failed"),
                            ("cancelled", "Cancelled"),
                        ],
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                ("documents", models.PositiveIntegerField(default=0, verbose_name="documents")),
                (
                    "amount_total",
                    models.DecimalField(
                        decimal_places=2, default=0, max_digits=20, verbose_name="total"
                    ),
                ),
                ("deliveries", models.PositiveIntegerField(default=0, verbose_name="deliveries")),
                (
                    "deliveries_opened",
                    models.PositiveIntegerField(default=0, verbose_name="deliveries opened"),
                ),
                (
                    "deliveries_failed",
                    models.PositiveIntegerField(default=0, verbose_name="deliveries failed"),
                ),
                (
                    "cost",
                    models.DecimalField(
                        decimal_places=4, default=0, max_digits=18, verbose_name="delivery cost"
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tenancy.organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "monthly figure",
                "verbose_name_plural": "monthly figures",
                "constraints": [
                    models.UniqueConstraint(
                        fields=(
                            "organization",
                            "month",
                            "direction",
                            "type",
                            "channel",
                            "status",
                            "currency",
                        ),
                        name="monthly_figure_unique",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="MonthlyRollup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month")),
                ("rolled_up_at", models.DateTimeField(verbose_name="rolled up")),
                ("documents", models.PositiveIntegerField(default=0, verbose_name="documents")),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tenancy.organization",
                    ),
                ),
            ],
            options={
                "verbose_name": "monthly roll-up",
                "verbose_name_plural": "monthly roll-ups",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organization", "month"), name="monthly_rollup_unique"
                    )
                ],
            },
        ),
    ]
