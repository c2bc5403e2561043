"""A province's annual report (PDF and XLSX): wall time of the background task that makes
it, for the province with the most selected products, against floors in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kbo_gen .venv/bin/python bench/bench_report.py
    .venv/bin/python bench/bench_report.py --small        # one run each, the CI smoke run

Runs `kbo.reports.tasks.official_report` itself (what the job queue runs after the reports
page: read the records, lay out, print or write, attach the file to the job), as the
province's officer. Floors: the report's data tree alone (`kbo.reports.data.provincial`,
all its queries) and a trivial PDF print (one Thai line printed by the same Chromium call).
The PDF's text is read back with pdftotext when installed (it must name the province).
Target: ≤ 5 s. Without Chromium the PDF rows are skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

TARGET_S = 5.0
TRIVIAL_HTML = (
    '<!doctype html><html lang="th"><meta charset="utf-8"><body><p>รายงานผลการดำเนินงาน</p>'
    "</body></html>"
)


def big_province():
    """(province, year): the province with the most products among those with a KBO project
    in the latest project year (most selected products first among equals)."""
    from django.db.models import Count, OuterRef, Q, Subquery

    from kbo.programmes.models import Project
    from kbo.registry.models import Product

    year = Project.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    if year is None:
        sys.exit("no KBO projects: fill the database first (bench/generate.py or `kbo demo`)")
    products = (
        Product.objects.filter(province=OuterRef("province"))
        .order_by()
        .values("province")
        .annotate(n=Count("pk"))
        .values("n")
    )
    project = (
        Project.objects.filter(fiscal_year=year)
        .annotate(
            products=Subquery(products),
            selected=Count("decisions", filter=Q(decisions__status="SELECTED")),
        )
        .select_related("province")
        .order_by("-products", "-selected", "province__code")
        .first()
    )
    return project.province, year


def pdf_text(content: bytes) -> str | None:
    """The PDF's text layer (None without pdftotext)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(content)
        try:
            done = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
            )
        except FileNotFoundError:
            return None
    return done.stdout


def xlsx_text(content: bytes) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def run_task(user, province, year: int, fmt: str) -> bytes:
    """The background task, as the job queue runs it; the attached file's bytes."""
    from kbo.core.models import Job
    from kbo.reports import tasks

    job = Job.objects.create(user=user, kind=f"reports.{fmt}", title="bench")
    try:
        tasks.official_report.call(
            job_id=str(job.pk), user_id=user.pk, year=year, province_id=province.pk, fmt=fmt
        )
        job.refresh_from_db()
        if job.status != Job.Status.DONE:
            raise AssertionError(f"the report job ended {job.status}: {job.message}")
        with job.result.open("rb") as f:
            return f.read()
    finally:
        if job.result:
            job.result.delete(save=False)
        job.delete()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="one run of each (smoke)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each")
    parser.add_argument("--province", help="province code (default: the biggest project)")
    parser.add_argument("--year", type=int, help="fiscal year (with --province)")
    args = parser.parse_args(argv)
    if args.small:
        args.repeat = 1

    common.setup()
    from django.db import connection

    from kbo.core.pdf import PdfError, chromium, html_to_pdf
    from kbo.geo.models import Province
    from kbo.programmes.models import Decision
    from kbo.registry.models import Product
    from kbo.reports import data, pdf

    info = common.print_machine("provincial annual report")
    if args.province:
        province = Province.objects.get(code=args.province)
        year = args.year or big_province()[1]
    else:
        province, year = big_province()
    user, _ = common.officer_user(province.code)
    if user is None or not user.memberships.filter(province=province).exists():
        user = common.national_user()
    products = Product.objects.filter(province=province).count()
    selected = Decision.objects.filter(
        project__province=province, project__fiscal_year=year, status="SELECTED"
    ).count()
    try:
        chromium()
        printing = True
    except PdfError as exc:
        print(f"PDF skipped: {exc}")
        printing = False
    print(
        f"{province.name_th} ({province.code}), fiscal year {year}: {products:,} products,"
        f" {selected} selected in the year's project;"
        f" as {user.username}; {args.repeat} run(s) of each"
    )

    figures: dict = {"machine": info, "vendor": connection.vendor, "province": province.name_th}
    figures.update(year=year, selected=selected, products=products)
    with common.in_process():
        if not args.small:
            data.provincial(user, province, year)  # warm-up
        tree = [
            common.stopwatch(lambda: data.provincial(user, province, year))
            for _ in range(args.repeat)
        ]
        report = tree[-1][1]
        with common.queries() as captured:
            data.provincial(user, province, year)
        data_s = min(t for t, _ in tree)
        figures["floor_data_s"], figures["data_queries"] = data_s, len(captured)
        render_s = min(
            common.stopwatch(lambda: pdf.provincial_html(report))[0] for _ in range(args.repeat)
        )
        runs: dict[str, list[float]] = {"xlsx": []}
        outputs: dict[str, bytes] = {}
        if printing:
            trivial_s = min(
                common.stopwatch(lambda: html_to_pdf(TRIVIAL_HTML))[0] for _ in range(args.repeat)
            )
            figures["floor_print_s"] = trivial_s
            runs["pdf"] = []
        for fmt in runs:
            if not args.small:  # a warm worker: templates compiled, modules imported
                run_task(user, province, year, fmt)
            for _ in range(args.repeat):
                seconds, outputs[fmt] = common.stopwatch(
                    lambda fmt=fmt: run_task(user, province, year, fmt)
                )
                runs[fmt].append(seconds)

    def s(x: float) -> str:
        return f"{x:.2f}"

    table = common.Table("measure", "runs", "best s", "worst s", "floor s", "ratio", "target")
    table.row(
        f"floor: data tree alone ({len(captured)} queries)", args.repeat, s(data_s), "", "", "", ""
    )
    table.row("HTML of the PDF (templates)", args.repeat, f"{render_s:.3f}", "", "", "", "")
    if printing:
        table.row("floor: trivial PDF print (Chromium)", args.repeat, s(trivial_s), "", "", "", "")
    for fmt, values in runs.items():
        floor = data_s + (figures.get("floor_print_s", 0.0) if fmt == "pdf" else 0.0)
        worst = max(values)
        met = worst <= TARGET_S
        table.row(
            f"report task, {fmt.upper()} ({len(outputs[fmt]):,} bytes)",
            len(values),
            s(min(values)),
            s(worst),
            s(floor) + (" (data + print)" if fmt == "pdf" else " (data)"),
            f"{common.ratio(worst, floor):.1f}×",
            f"≤ {TARGET_S:.0f} s: {'met' if met else 'NOT MET'}",
        )
        figures[fmt] = {"best_s": min(values), "worst_s": worst, "floor_s": floor, "met": met}
        figures[fmt]["bytes"] = len(outputs[fmt])
    # The files say what they are about.
    figures["xlsx"]["names_province"] = province.name_th in xlsx_text(outputs["xlsx"])
    if printing:
        text = pdf_text(outputs["pdf"])
        figures["pdf"]["text"] = text
        figures["pdf"]["names_province"] = None if text is None else province.name_th in text
    for fmt in runs:
        print(f"{fmt.upper()} names {province.name_th}: {figures[fmt]['names_province']}")
    print(f"load average after the run: {common.load_average()}")
    return figures


if __name__ == "__main__":
    main()
