"""chainrule studio under load: many sessions training live over WebSockets, one server.

Starts ``chainrule studio`` in its own process, opens ``--sessions`` WebSockets (each a
tab: its own data set, network and training), presses play on all of them and listens for
``--seconds``. Reports, over every session's updates:

- the update interval: time between two live updates of one session (the page's frame;
  the server aims at one every 50 ms) -- median, p95, max;
- the reply latency: a ``ping`` sent every half second by each session while all of them
  train, until its ``pong`` (how long a click waits) -- median, p95;
- the server's CPU time per update and its share of a core (figures that depend less on
  what else the machine runs than the intervals do);
- the server's memory: resident set (VmRSS) while all sessions train and its peak (VmHWM);
- isolation: every session trained (its epochs advanced) and kept its own settings;
- freeing: the sessions the server still holds after the sockets closed.

    python benchmarks/studio_load.py                      # 30 sessions, 20 s
    python benchmarks/studio_load.py --sessions 2 --seconds 2

The machine's load (``os.getloadavg``) is printed with the figures: on a shared machine
other work takes cores from the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np
import websockets

DATASETS = ("xor", "circle", "gaussians", "spiral")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_kib(pid: int) -> dict[str, int]:
    found = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/status", timeout=10) as r:
        return json.loads(r.read())


async def tab(url: str, n: int, seconds: float, out: dict) -> None:
    """One tab: its own settings, play, count updates and time pings."""
    config = {"dataset": DATASETS[n % len(DATASETS)], "seed": n, "learning_rate": 0.03}
    intervals: list[float] = []
    pings: list[float] = []
    async with websockets.connect(url, max_size=2**22) as ws:
        welcome = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "init", "config": config}))
        state = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "play"}))
        start = time.perf_counter()
        last_update = None
        next_ping = start + 0.5
        ping_sent = None
        epoch = 0
        while time.perf_counter() - start < seconds:
            now = time.perf_counter()
            if ping_sent is None and now >= next_ping:
                ping_sent = now
                await ws.send(json.dumps({"type": "ping"}))
            try:
                message = json.loads(await asyncio.wait_for(ws.recv(), timeout=1.0))
            except asyncio.TimeoutError:
                continue
            now = time.perf_counter()
            if message["type"] == "update":
                if last_update is not None:
                    intervals.append(now - last_update)
                last_update = now
                epoch = message["epoch"]
            elif message["type"] == "pong" and ping_sent is not None:
                pings.append(now - ping_sent)
                ping_sent = None
                next_ping = now + 0.5
        await ws.send(json.dumps({"type": "pause"}))
    out[n] = {
        "session": welcome["session"],
        "dataset": state["config"]["dataset"],
        "wanted": config["dataset"],
        "seed": state["config"]["seed"],
        "epochs": epoch,
        "intervals": intervals,
        "pings": pings,
    }


async def load(url: str, sessions: int, seconds: float, pid: int) -> tuple[dict, dict]:
    out: dict = {}
    tasks = [asyncio.create_task(tab(url, n, seconds, out)) for n in range(sessions)]
    await asyncio.sleep(min(seconds / 2, 5.0) + 1.0)
    during = memory_kib(pid)
    await asyncio.gather(*tasks)
    return out, during


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {name.ljust(width)} | {value} |" for name, value in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "chainrule", "studio", "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        server.stdout.readline()
        for _ in range(200):
            try:
                status(base)
                break
            except OSError:
                time.sleep(0.05)
        idle = memory_kib(server.pid)
        load_before = os.getloadavg()
        cpu_before, wall_before = cpu_seconds(server.pid), time.perf_counter()
        out, during = asyncio.run(
            load(f"ws://127.0.0.1:{port}/ws", args.sessions, args.seconds, server.pid)
        )
        load_after = os.getloadavg()
        cpu = cpu_seconds(server.pid) - cpu_before
        wall = time.perf_counter() - wall_before
        time.sleep(0.5)
        left = status(base)["sessions"]
        peak = memory_kib(server.pid)["VmHWM"]
    finally:
        server.terminate()
        server.wait(timeout=20)
    intervals = np.array([x for s in out.values() for x in s["intervals"]]) * 1000
    pings = np.array([x for s in out.values() for x in s["pings"]]) * 1000
    isolated = len({s["session"] for s in out.values()}) == args.sessions and all(
        s["dataset"] == s["wanted"] and s["seed"] == n and s["epochs"] > 0 for n, s in out.items()
    )
    print(f"chainrule studio: {args.sessions} sessions training live for {args.seconds:g} s")
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after (1 min)"
    )
    print()
    print(
        table(
            [
                ("updates received", f"{intervals.size + len(out)}"),
                ("update interval median (ms)", f"{np.median(intervals):.1f}"),
                ("update interval p95 (ms)", f"{np.percentile(intervals, 95):.1f}"),
                ("update interval max (ms)", f"{intervals.max():.1f}"),
                ("reply latency median (ms)", f"{np.median(pings):.1f}" if pings.size else "–"),
                (
                    "reply latency p95 (ms)",
                    f"{np.percentile(pings, 95):.1f}" if pings.size else "–",
                ),
                ("epochs per session, min", f"{min(s['epochs'] for s in out.values())}"),
                ("server CPU per update (ms)", f"{1000 * cpu / (intervals.size + len(out)):.2f}"),
                ("server CPU use (% of a core)", f"{100 * cpu / wall:.0f}"),
                ("server memory idle (MB)", f"{idle['VmRSS'] / 1024:.1f}"),
                ("server memory under load (MB)", f"{during['VmRSS'] / 1024:.1f}"),
                ("server memory peak (MB)", f"{peak / 1024:.1f}"),
                ("sessions isolated", "yes" if isolated else "NO"),
                ("sessions left after close", f"{left}"),
            ]
        )
    )
    return 0 if isolated and left == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
