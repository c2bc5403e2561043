"""The dashboards benchmark runs in its small mode on the test database (a CI smoke run):
it builds 1,000 products in 77 provinces with five years of sales and 380 projects, serves
both dashboards, and checks their numbers against the raw SQL floor."""

from bench.bench_dashboards import main


def test_the_small_benchmark_runs_and_its_numbers_equal_the_floor(db):
    figures = main(["--small", "--repeat", "2"])
    assert figures["products"] == 1_000
    assert figures["check"] is True
    for case in ("national page", "national revenue panel", "Chiang Mai map panel"):
        assert figures[case]["p95"] > 0
