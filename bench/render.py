"""Rendering benchmark: PDFs per second on one core, Typst (compiler reused) beside WeasyPrint.

    .venv/bin/pip install -e '.[bench]'    # WeasyPrint, for the comparison only
    .venv/bin/python bench/render.py [--seconds 5] [--documents 1000]

For a 1-page and a 3-page invoice it prints documents per second for
  - Typst: UBL bytes -> hardened parse -> presentation -> PDF/A-3b with the XML embedded,
    one compiler reused for every document (Folio's path);
  - WeasyPrint: the same document's HTML rendering (the same presentation data) -> PDF;
and then the peak RSS of a fresh process that renders --documents different invoices.
Targets (issue 4): >= 25 PDFs/s for 1 page, >= 6x WeasyPrint, peak RSS < 250 MB.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folio.settings")
os.environ.setdefault("FOLIO_LOG_LEVEL", "WARNING")


def setup() -> None:
    import django

    # One core: Typst and WeasyPrint may both start worker threads; pin them all to CPU 0.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def rate(function, seconds: float) -> tuple[float, float]:
    """Documents per second of CPU time (what one core delivers, even on a busy machine) and
    per second of wall time. `function(i)` renders the i-th document."""
    function(0)  # warm-up: the first compile loads fonts and templates
    count = 0
    wall_started, cpu_started = time.perf_counter(), time.process_time()
    while True:
        count += 1
        function(count)
        wall = time.perf_counter() - wall_started
        if wall >= seconds and count >= 3:
            cpu = time.process_time() - cpu_started
            return count / cpu, count / wall


def throughput(seconds: float) -> None:
    from weasyprint import HTML

    from folio.rendering.html import render_html
    from folio.rendering.pdf import render_pdf, request_from_ubl
    from folio.rendering.sample import sample_ubl

    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'invoice':<8} {'pages':>6} {'Typst PDFs/s':>13} {'WeasyPrint PDFs/s':>18} "
        f"{'ratio':>6}   (wall clock: Typst / WeasyPrint)"
    )
    for label, lines in (("1-page", 5), ("3-page", 45)):
        # Every iteration renders a different document (its own number), so no renderer can
        # answer from a cache of the previous identical one.
        def xml_for(index: int, lines=lines) -> bytes:
            return sample_ubl(language="nb", number=f"B-{index:06d}", lines=lines)

        def typst_once(index: int) -> None:
            render_pdf(request_from_ubl(xml_for(index)))

        def weasy_once(index: int) -> None:
            HTML(string=render_html(request_from_ubl(xml_for(index)))).write_pdf()

        typst_pages = page_count(render_pdf(request_from_ubl(xml_for(0))).content)
        weasy_pages = page_count(HTML(string=render_html(request_from_ubl(xml_for(0)))).write_pdf())
        typst_cpu, typst_wall = rate(typst_once, seconds)
        weasy_cpu, weasy_wall = rate(weasy_once, seconds)
        print(
            f"{label:<8} {f'{typst_pages}/{weasy_pages}':>6} {typst_cpu:>13.1f} {weasy_cpu:>18.1f} "
            f"{typst_cpu / weasy_cpu:>5.1f}x   ({typst_wall:.1f} / {weasy_wall:.1f})"
        )
    print("PDFs per second of CPU time on one core; pages: Typst/WeasyPrint. Both include")
    print("parsing the UBL and building the document's data; Typst writes PDF/A-3b with the XML.")


def peak_rss_mb() -> float:
    """This process's high-water mark of resident memory. VmHWM belongs to the process's own
    address space; ru_maxrss would also count the parent's memory at fork time."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss(documents: int) -> None:
    from folio.rendering.pdf import render_pdf, request_from_ubl
    from folio.rendering.sample import sample_ubl

    languages = ["nb", "sv", "da", "de", "sk", "en"]
    started = time.perf_counter()
    total_bytes = 0
    for index in range(documents):
        xml = sample_ubl(
            language=languages[index % len(languages)],
            number=f"RSS-{index:05d}",
            lines=3 + index % 12,
        )
        total_bytes += len(render_pdf(request_from_ubl(xml)).content)
    elapsed = time.perf_counter() - started
    cpu = time.process_time()
    peak_mb = peak_rss_mb()
    print(
        f"{documents} documents in {elapsed:.1f} s wall, {cpu:.1f} s CPU "
        f"({documents / cpu:.1f}/s of CPU, "
        f"{total_bytes / documents / 1024:.0f} KB each): peak RSS {peak_mb:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    parser.add_argument("--documents", type=int, default=1000, help="documents for peak RSS")
    parser.add_argument("--rss-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup()
    if args.rss_only:
        peak_rss(args.documents)
        return
    throughput(args.seconds)
    # Peak RSS in a fresh process, so that WeasyPrint's memory does not count.
    subprocess.run(
        [sys.executable, __file__, "--rss-only", "--documents", str(args.documents)], check=True
    )


if __name__ == "__main__":
    main()
