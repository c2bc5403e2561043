"""The CI smoke run of the passport, API, knowledge, report and load benchmarks: each one's
`--small` path on the test database filled with the demo data (`kbo demo`). They must
complete, print their rows, and give sane numbers; the speed figures themselves live in
docs/benchmarks.md.

The load test needs a live server that sees committed rows, so the demo is loaded once in
a transactional test and all five benchmarks run on it (two demo loads would double the
time): the in-process ones first, then the load test pointed at pytest-django's live
server (`--url`). Each check says which benchmark failed.
"""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from bench import bench_api, bench_knowledge, bench_load, bench_passport, bench_report

PRINTS_PDF = bool(os.environ.get("CI")) or bool(
    shutil.which("chromium") and shutil.which("pdftotext")
)


def passport(capsys) -> None:
    figures = bench_passport.main(["--small"])
    out = capsys.readouterr().out
    assert "| passport, national administrator |" in out, out
    assert "| floor: raw SQL of the main rows |" in out, out
    for label in figures["cases"]:
        assert figures[label]["n"] == 3 * 2, label  # three passports, two requests each
        assert 0 < figures[label]["p50"] <= figures[label]["p95"], label
        assert figures[label]["queries"] > 1, label
    assert figures["floor_trivial"]["p95"] > 0 and figures["floor_sql"]["p95"] > 0


def api(capsys) -> None:
    figures = bench_api.main(["--small"])
    out = capsys.readouterr().out
    for prefix in bench_api.routes():
        assert f"| {prefix} | (first page) |" in out, prefix
    assert "/api/v1/products/?q=ผ้าทอ" in figures["routes"]
    searched = [url for url in figures["routes"] if "q=" in url]
    assert len(searched) >= 3, searched  # producers, products, knowledge sources
    assert all(found["p95"] > 0 for found in figures["routes"].values())


def knowledge(capsys) -> None:
    figures = bench_knowledge.main(["--small"])
    out = capsys.readouterr().out
    assert "| floor: /healthz/ |" in out, out
    assert "| showcase, search “มผช.”, anonymous |" in out, out
    assert len(figures["cases"]) == 9, figures["cases"]
    for label in figures["cases"]:
        assert figures[label]["n"] == 2, label
        assert 0 < figures[label]["p50"] <= figures[label]["p95"], label
        assert figures[f"{label} floor"]["p95"] > 0, label
    # The demo library has standards guides: the search finds them, for every reader.
    assert figures["library, search “มผช.”, national"]["matches"] > 0
    assert figures["showcase, search “มผช.”, anonymous"]["matches"] > 0


def report(capsys) -> None:
    figures = bench_report.main(["--small"])
    out = capsys.readouterr().out
    assert "| report task, XLSX" in out, out
    assert figures["selected"] > 0
    assert figures["xlsx"]["names_province"] is True, figures["province"]
    assert figures["floor_data_s"] > 0 and figures["data_queries"] > 1
    if PRINTS_PDF:
        assert figures["pdf"]["names_province"] is True, figures["province"]
        assert figures["pdf"]["bytes"] > 10_000


def load(capsys, url: str) -> None:
    short = ["--duration", "4", "--warmup", "1", "--floor-duration", "2"]
    figures = bench_load.main(["--small", "--url", url, *short])
    out = capsys.readouterr().out
    assert "| **all pages** |" in out, out
    assert figures["errors"] == [] and figures["floor_errors"] == []
    assert figures["warmup_errors"] == []
    assert figures["requests"] > 5
    assert {"home", "passport", "Thai search"} & set(figures["groups"])
    assert figures["overall"]["p95"] > 0 and figures["floor"]["n"] > 0


@pytest.mark.django_db(transaction=True)
def test_the_passport_api_knowledge_report_and_load_benchmarks_run_small(live_server, capsys):
    call_command("demo", stdout=StringIO())
    passport(capsys)
    api(capsys)
    knowledge(capsys)
    report(capsys)
    load(capsys, live_server.url)
