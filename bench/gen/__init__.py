"""The national-scale data generator's parts (see bench/generate.py).

- `base`: the shared pieces: id blocks, the bulk writer (COPY on PostgreSQL), the world of
  reference rows (geography, areas, rounds), names and random streams.
- `registry`: producers, products and their histories (stars, segments, certificates, sales).
- `network`: networks, committee terms and seats, knowledge sources.
- `users`: the accounts the benchmarks sign in as.
- `programmes`: yearly projects, decisions, analyses, needs, plans and trainings.
- `contests`: provincial contests and the national contest.
- `knowledge`: the knowledge library (items, areas, categories, authors, versions, case studies).
"""
