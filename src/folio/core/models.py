import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicCodeModel(TimeStampedModel):
    """A model whose URLs and API ids use a random code, never the integer id."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class Heartbeat(models.Model):
    """The last time a long-running process (worker, scheduler) proved it was alive."""

    name = models.CharField(max_length=100, unique=True)
    beat_at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class SweepSchedule(models.Model):
    """When each periodic sweep is next due; schedulers claim a run by conditional update."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    run_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.name
