#!/usr/bin/env python3
"""Submit latency: the time from pressing Send on the review screen to the confirmation
with its reference being written to the terminal, measured in a real pseudo-terminal.

Usage: scripts/bench-submit.py [--runs N] [--binary PATH]
Builds nothing: run `swift build -c release --static-swift-stdlib` first (the default
binary is that build's), or pass --binary.
"""
import argparse
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import tempfile
import termios
import fcntl
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The configuration the kiosk starts with, as the service starts it with its own.
CONFIGURATION = str(ROOT / "Resources/config.example.yaml")

ARTICLE = """---
title: Benchmark Article
category: Bench
updated: 2026-01-07
summary: One article with steps.
---
## How to Fix It
### Step 1: Try
- [ ] First step
- [ ] Second step
"""


def read_until(fd, needle, timeout=10.0):
    """Reads from fd until needle appears; returns (bytes, seconds waited)."""
    start = time.perf_counter()
    seen = b""
    while needle not in seen:
        left = timeout - (time.perf_counter() - start)
        if left <= 0:
            raise TimeoutError(f"waited {timeout}s for {needle!r}; last output {seen[-300:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen, time.perf_counter() - start


def one_run(binary, content, state):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        # As the service starts it: `run` named, with the example configuration.
        os.execv(binary, [binary, "run", "--config", CONFIGURATION, "--content", content, "--state-dir", state])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        read_until(fd, b"How can we help?")
        # Category, article, steps; tick one; not helpful; the steps did not work; open a
        # ticket (on "Still need help?"); the form; Review.
        steps = [b"\r", b"\r", b"\r", b" ", b"\t", b"\t", b"\r", b"n", b"\r", b"\r",
                 b"Jane Citizen", b"\t", b"jane@example.com", b"\t", b"It still fails.", b"\t", b"\r"]
        for keys in steps:
            os.write(fd, keys)
            time.sleep(0.03)
        read_until(fd, b"Check your ticket")
        time.sleep(0.05)
        os.write(fd, b"\r")
        _, seconds = read_until(fd, b"NLM-")
        return seconds
    finally:
        os.kill(pid, 15)
        os.waitpid(pid, 0)
        os.close(fd)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--binary")
    args = parser.parse_args()
    binary = args.binary or subprocess.check_output(
        ["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"],
        cwd=ROOT, text=True).strip() + "/helpdesk-kiosk"
    work = Path(tempfile.mkdtemp(prefix="bench-submit-"))
    try:
        content = work / "content"
        content.mkdir()
        (content / "categories.yaml").write_text("- name: Bench\n  description: Benchmark.\n")
        (content / "bench.md").write_text(ARTICLE)
        times = []
        for run in range(args.runs):
            times.append(one_run(binary, str(content), str(work / f"state-{run}")))
        ms = sorted(t * 1000 for t in times)
        print(f"submit latency (Send -> reference on screen), {len(ms)} runs, fresh outbox each run:")
        print(f"  median {statistics.median(ms):.2f} ms, min {ms[0]:.2f} ms, max {ms[-1]:.2f} ms")
        spooled = sum(1 for _ in work.glob("state-*/spool/*.eml"))
        print(f"  .eml files in the spools: {spooled}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
