#!/usr/bin/env python3
"""Start-up, memory and bytes per key of the kiosk in a real pseudo-terminal at 80x24,
side by side with `less` on the same article (and `dialog --menu`, when installed).

Usage: scripts/bench-terminal.py [--runs N] [--binary PATH]
Measures a release build (`swift build -c release --static-swift-stdlib`) unless --binary
names another. Prints medians of N runs (default 5).
"""
import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "Resources/content/session-expired.md"


def spawn(argv, env=None):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})})
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def read_until(fd, needle, timeout=5.0):
    start = time.perf_counter()
    seen = b""
    while needle not in seen:
        left = timeout - (time.perf_counter() - start)
        if left <= 0:
            raise TimeoutError(f"{needle!r} not seen; got {seen[-200:]!r}")
        if select.select([fd], [], [], left)[0]:
            seen += os.read(fd, 65536)
    return seen, time.perf_counter() - start


def drain(fd, quiet=0.15):
    """Bytes written until the program has been quiet for `quiet` seconds."""
    data = b""
    while select.select([fd], [], [], quiet)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data


def peak_rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    finally:
        os.close(fd)


def measure(argv, ready, key, settle_keys=(), env=None):
    """Time to `ready`, peak RSS, and bytes written per `key` (the mean over 5 presses)."""
    start = time.perf_counter()
    pid, fd = spawn(argv, env)
    _, _ = read_until(fd, ready)
    first = time.perf_counter() - start
    drain(fd)
    for keys in settle_keys:
        os.write(fd, keys)
        drain(fd)
    sizes = []
    for _ in range(5):
        os.write(fd, key)
        sizes.append(len(drain(fd)))
    rss = peak_rss_kib(pid)
    stop(pid, fd)
    return first * 1000, rss / 1024, statistics.mean(sizes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary")
    args = parser.parse_args()
    binary = args.binary or subprocess.check_output(
        ["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"],
        cwd=ROOT, text=True).strip() + "/helpdesk-kiosk"
    state = Path("/tmp") / f"bench-terminal-{os.getpid()}"
    text = ARTICLE.read_text().split("---", 2)[2]
    plain = state / "article.txt"
    state.mkdir(parents=True, exist_ok=True)
    plain.write_text(text)
    programs = {
        "kiosk menu (↓ per key)": ([binary, "--state-dir", str(state)], b"How can we help?", b"\x1b[B", ()),
        "kiosk reader (1 line per key)": (
            [binary, "--state-dir", str(state)], b"How can we help?", b"\x1b[B",
            (b"\r", b"\x1b[B\x1b[B", b"\r")),
        "less (1 line per key)": (["less", str(plain)], b"What Does", b"\x1b[B", ()),
    }
    if shutil.which("dialog"):
        items = []
        for index in range(4):
            items += [str(index + 1), f"Category {index + 1}"]
        programs["dialog --menu (↓ per key)"] = (
            ["dialog", "--menu", "How can we help?", "20", "70", "10", *items], b"Category 4", b"\x1b[B", ())
    try:
        print(f"{'program':32} {'first frame':>12} {'peak RSS':>10} {'bytes/key':>10}   (medians of {args.runs})")
        for name, (argv, ready, key, settle) in programs.items():
            runs = [measure(argv, ready, key, settle) for _ in range(args.runs)]
            first, rss, per_key = (statistics.median(r[i] for r in runs) for i in range(3))
            print(f"{name:32} {first:9.1f} ms {rss:7.1f} MiB {per_key:10.0f}")
    finally:
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
