#!/usr/bin/env python3
"""The cost of one durable SQLite commit on this disk, paced as the latency run is paced.

usage: sync_floor.py DIRECTORY RATE SECONDS

Commits one small row per transaction into a new database in DIRECTORY (WAL, synchronous=FULL,
as the service's default), RATE times a second for SECONDS, and prints "p50_ms p99_ms commits".
No HTTP, no JSON, no signature: what is left is the write to the log and its sync, the part of
an answer no intake that keeps full durability can skip. bench.sh prints it next to the service's
latency so that a p99 target can be read against what the disk allows.

Python's SQLite syncs with fdatasync where the service's driver (sqlite-jdbc) calls fsync. Paced
the same way from Java, the two were within each other's run-to-run noise on the benchmark's
machine (README, Performance), so this stays the simpler tool.
"""
import os
import sqlite3
import sys
import time


def main():
    directory, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    if rate <= 0 or seconds <= 0:
        sys.exit("sync_floor.py: RATE and SECONDS must be more than 0")
    path = os.path.join(directory, "sync-floor.db")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT)")
    body = "x" * 200

    interval = 1.0 / rate
    latencies = []
    next_at = time.perf_counter()
    deadline = next_at + seconds
    while next_at < deadline:
        pause = next_at - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        started = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO rows (body) VALUES (?)", (body,))
        db.execute("COMMIT")
        latencies.append(time.perf_counter() - started)
        # As load.sh's rate runs do, a commit that overran its slot delays the next one instead of
        # being made up for in a burst.
        next_at = max(next_at + interval, time.perf_counter())

    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(f"{p50:.2f} {p99:.2f} {len(latencies)}")


if __name__ == "__main__":
    main()
