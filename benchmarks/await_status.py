#!/usr/bin/env python3
"""Waits for a server's first answer with a given status; prints the milliseconds since START_MS.

usage: await_status.py URL STATUS START_MS PID TIMEOUT_S

Asks every 10 ms from this one process, so that timing a start does not take processor time from
the start it times: a `curl` started every 10 ms costs a few milliseconds of CPU each, which a
server using both cores of a small machine to start pays for and a single-threaded one does not.
Exits 1 when PID ends first or TIMEOUT_S passes, 0 once answered. Only loopback, plain HTTP/1.1.
"""
import os
import socket
import sys
import time
from urllib.parse import urlsplit


def answered(host, port, request, status):
    try:
        with socket.create_connection((host, port), timeout=1) as connection:
            connection.sendall(request)
            head = connection.recv(32).decode("ascii", "replace")
    except OSError:
        return False
    parts = head.split(" ", 2)
    return len(parts) > 1 and parts[1].startswith(status)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def main():
    url, status, start_ms, pid, timeout = sys.argv[1:6]
    target = urlsplit(url)
    if target.hostname not in ("127.0.0.1", "localhost"):
        sys.exit(f"refusing non-local target {target.hostname}")
    request = (
        f"GET {target.path or '/'} HTTP/1.1\r\nHost: {target.netloc}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii")

    deadline = time.monotonic() + float(timeout)
    while time.monotonic() < deadline:
        if answered(target.hostname, target.port, request, status):
            print(int(time.time() * 1000) - int(start_ms))
            return 0
        if not alive(int(pid)):
            return 1
        time.sleep(0.01)
    return 1


if __name__ == "__main__":
    sys.exit(main())
