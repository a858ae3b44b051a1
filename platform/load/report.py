#!/usr/bin/env python3
"""Print locust runs side by side: per route, requests per second, p50 and p95 (ms), failures.

    python platform/load/report.py warm=var/load/results/warm_stats.csv cold=...cold_stats.csv

Exits 1 when a run had failures.
"""

import csv
import sys


def read(path):
    """{route: (requests, req/s, p50, p95, failures)} from locust's *_stats.csv."""
    rows = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = "all routes" if row["Name"] == "Aggregated" else row["Name"]
            rows[name] = (
                int(row["Request Count"]),
                float(row["Requests/s"]),
                float(row["50%"] or 0),
                float(row["95%"] or 0),
                int(row["Failure Count"]),
            )
    return rows


def main(argv):
    if not argv or any("=" not in arg for arg in argv):
        sys.exit(__doc__)
    runs = [(label, read(path)) for label, path in (arg.split("=", 1) for arg in argv)]
    routes = []
    for _, rows in runs:
        routes += [name for name in rows if name not in routes and name != "all routes"]
    routes = sorted(routes) + ["all routes"]
    headers = ["route"]
    for label, _ in runs:
        headers += [f"{label} req", f"{label} req/s", "p50 ms", "p95 ms", "fail"]
    table = []
    for route in routes:
        line = [route]
        for _, rows in runs:
            if route in rows:
                count, rate, p50, p95, failures = rows[route]
                line += [str(count), f"{rate:.1f}", f"{p50:.0f}", f"{p95:.0f}", str(failures)]
            else:
                line += ["-"] * 5
        table.append(line)
    widths = [max(len(row[i]) for row in [headers, *table]) for i in range(len(headers))]
    print()
    for index, row in enumerate([headers, *table]):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    totals = {label: rows.get("all routes") for label, rows in runs}
    if len(runs) == 2 and all(totals.values()):
        (first, a), (second, b) = totals.items()
        if b[1]:
            print(f"\nthroughput {first}/{second}: {a[1] / b[1]:.2f}x requests per second")
    failures = sum(rows.get("all routes", (0, 0, 0, 0, 0))[4] for _, rows in runs)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
