"""Documents' periodic sweeps (run by `folio scheduler`)."""

from datetime import timedelta

from folio.core.scheduling import register_sweep
from folio.documents.statistics import monthly_figures_rollup


# Short enough that a closed month's late changes (a receipt, a resend) reach the dashboard
# within minutes; a run that finds nothing changed costs two small queries.
@register_sweep("documents.monthly_figures", every=timedelta(minutes=10))
def roll_up_monthly_figures() -> None:
    monthly_figures_rollup()
