#!/usr/bin/env python3
"""Opens COUNT TCP connections to HOST:PORT, WORKERS at a time; each sends one HTTP request and
reads the answer until the server closes. Prints one JSON object: connections/s over the whole run
and per-connection latency (connect to close) percentiles in ms. Bounded in count and time."""
import json, socket, sys, threading, time

host, port, count, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
request = b"GET /bench HTTP/1.1\r\nHost: bench\r\nUser-Agent: portscope-bench\r\n\r\n"
latencies, failures, lock = [], [0], threading.Lock()
left = [count]

def one():
    start = time.perf_counter()
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(request)
        got = 0
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += len(chunk)
    if got == 0:
        raise IOError("no answer")
    return time.perf_counter() - start

def worker():
    while True:
        with lock:
            if left[0] == 0:
                return
            left[0] -= 1
        try:
            t = one()
            with lock:
                latencies.append(t)
        except Exception:
            with lock:
                failures[0] += 1

begin = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - begin
latencies.sort()
def pct(p):
    return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 2) if latencies else None
print(json.dumps({"connections": len(latencies), "failures": failures[0], "seconds": round(wall, 3),
                  "perSecond": round(len(latencies) / wall, 1), "p50ms": pct(0.5), "p90ms": pct(0.9),
                  "p99ms": pct(0.99)}))
