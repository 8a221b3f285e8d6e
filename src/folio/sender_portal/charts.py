"""Server-side SVG charts for the dashboard (pygal), embedded as images.

Each chart is shown as an <img> with a data: URL, so that pygal's tooltips script never runs in
the page; every chart has a table alternative next to it on the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable

import pygal
from django.core.cache import cache
from pygal.style import Style

CHART_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#52606d",
    opacity=".9",
    opacity_hover="1",
    colors=("#1d4ed8", "#0f766e", "#b45309", "#7c3aed", "#be123c", "#475569", "#15803d"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=12,
)


def _common(chart_class, **options):
    return chart_class(
        style=CHART_STYLE,
        width=options.pop("width", 760),
        height=options.pop("height", 320),
        disable_xml_declaration=True,
        js=[],
        legend_at_bottom=True,
        legend_at_bottom_columns=options.pop("legend_columns", 3),
        print_values=False,
        show_y_guides=True,
        **options,
    )


# Drawing the dashboard's three charts took ~25 ms of every dashboard request, while the figures
# behind them change a few times an hour. A chart is a pure function of its kind and its data, so
# the drawn image is kept under a hash of those (never stale: other figures give another key).
CHART_CACHE_SECONDS = 600
CHART_CACHE_VERSION = 1


def data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _drawn(kind: str, data: object, draw: Callable[[], str]) -> str:
    """The chart's data URL from the cache, or drawn (and kept) when these figures are new."""
    digest = hashlib.sha256(
        json.dumps([CHART_CACHE_VERSION, kind, data], default=str).encode("utf-8")
    ).hexdigest()
    key = f"sender_portal:chart:{digest}"
    url = cache.get(key)
    if url is None:
        url = data_url(draw())
        cache.set(key, url, CHART_CACHE_SECONDS)
    return url


def stacked_bars(x_labels: list[str], series: dict[str, list[int]]) -> str:
    def draw() -> str:
        chart = _common(pygal.StackedBar, x_label_rotation=0, truncate_label=-1)
        chart.x_labels = x_labels
        for name, values in series.items():
            chart.add(name, values)
        return chart.render(is_unicode=True)

    return _drawn("stacked_bars", [x_labels, list(series.items())], draw)


def horizontal_bars(series: dict[str, float], *, value_suffix: str = "") -> str:
    def draw() -> str:
        chart = _common(
            pygal.HorizontalBar,
            width=1000,
            height=max(200, 30 * len(series) + 120),
            legend_columns=4,
        )
        for name, value in series.items():
            chart.add(name, [{"value": float(value), "label": f"{value}{value_suffix}"}])
        return chart.render(is_unicode=True)

    return _drawn("horizontal_bars", [list(series.items()), value_suffix], draw)


def donut(series: dict[str, int]) -> str:
    def draw() -> str:
        # Sized for half a card, next to its table: drawn near the size it is shown.
        chart = _common(pygal.Pie, inner_radius=0.55, width=520, height=420, legend_columns=2)
        for name, value in series.items():
            chart.add(name, value)
        return chart.render(is_unicode=True)

    return _drawn("donut", list(series.items()), draw)
