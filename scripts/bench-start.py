#!/usr/bin/env python3
"""The kiosk's first frame at Home, for one or more builds side by side, beside `dialog --menu`.

Usage: scripts/bench-start.py [--binary PATH]... [--runs N] [--new-state] [--size COLSxROWS]

Each build (default .build/release/helpdesk-kiosk; give --binary once per build to set
builds of two commits side by side) and `dialog --menu` with the same items start in
turn, in each run (the order turns round from one run to the next), as
scripts/bench-terminal.py starts them: in a pseudo-terminal, TERM=xterm-256color, the
frame timed to the read that completed it. The kiosk runs on the shipped content with its
index made by an untimed start first, or with --new-state on a state folder that does not
exist yet, so that the index is made before Home.

Two figures per program, each given as the minimum, the first quartile and the median:

  frame   ms from spawn until the emulated screen holds the complete first frame
  CPU     ms of CPU time the program had used by then, on all its threads: it is stopped
          (SIGSTOP) as soon as the frame is complete and its tasks' schedstat read. This
          one hardly moves when other work shares the machine, where the frame time does;
          it includes what the program did between the frame and the stop (well under a
          millisecond).

Meant for comparing builds of the start-up, fast: about 3 seconds per 10 runs of a build.
scripts/bench-terminal.py remains the benchmark of record.
"""

import argparse
import importlib.util
import os
import shutil
import signal
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_terminal_bench():
    """scripts/bench-terminal.py, whose pseudo-terminal sessions and frames this uses."""
    spec = importlib.util.spec_from_file_location("bench_terminal", ROOT / "scripts/bench-terminal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_ms(pid):
    """CPU time used so far by every thread of a process, in ms (schedstat's first field)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        total += int((task / "schedstat").read_text().split()[0])
    return total / 1e6


def summary(values):
    ordered = sorted(values)
    return ordered[0], ordered[len(ordered) // 4], statistics.median(ordered)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", type=Path, action="append", metavar="PATH",
                        help="a kiosk build to measure; give it once per build (default .build/release/helpdesk-kiosk)")
    parser.add_argument("--runs", type=int, default=30, metavar="N", help="runs (default 30)")
    parser.add_argument("--new-state", action="store_true",
                        help="start each time on a new state folder: the index is made before Home")
    bench_terminal = load_terminal_bench()
    parser.add_argument("--size", type=bench_terminal.parse_size, default=(80, 24), metavar="COLSxROWS",
                        help="terminal size (default 80x24)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    named = args.binary or [Path(".build/release/helpdesk-kiosk")]
    binaries = [path.resolve() for path in named]
    for binary in binaries:
        if not os.access(binary, os.X_OK):
            sys.exit(f"bench-start: {binary} is not built: run "
                     "`swift build -c release --static-swift-stdlib --product helpdesk-kiosk` or pass --binary")
    if not shutil.which("dialog"):
        sys.exit("bench-start: dialog not found: run scripts/setup --bench (or apt-get install dialog)")
    pyte = bench_terminal.need_pyte()

    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="bench-start-"))
    try:
        benches = []
        for number, binary in enumerate(binaries):
            options = argparse.Namespace(binary=binary, size=args.size, settle=100, articles=4)
            folder = work / str(number)
            folder.mkdir()
            bench = bench_terminal.Bench(options, pyte, folder)
            # An untimed start makes the index and shows which categories Home has.
            session = bench.kiosk(bench_terminal.SHIPPED, f"{binary}: the first start")
            try:
                session.wait_for(bench_terminal.Frame("Home", [bench_terminal.HOME_TEXT]), timeout=60)
                session.settle(0.1)
                bench.frames["shipped"] = bench.home_frame(session, bench.categories, session.label)
            finally:
                session.close()
            benches.append(bench)
        items = []
        for number, name in enumerate(benches[0].categories, start=1):
            items += [str(number), name]
        dialog_frame = bench_terminal.Frame("dialog's menu", [bench_terminal.HOME_TEXT, *benches[0].categories])

        programs = [(str(path), bench) for path, bench in zip(named, benches)] + [("dialog --menu", None)]
        samples = {name: {"frame": [], "cpu": []} for name, _ in programs}
        for run in range(args.runs):
            for name, bench in programs[run % len(programs):] + programs[:run % len(programs)]:
                state = None
                if bench is None:
                    session = benches[0].spawn(
                        ["dialog", "--menu", bench_terminal.HOME_TEXT, "0", "0", "0", *items], "dialog --menu")
                    frame = dialog_frame
                else:
                    state = bench.new_state() if args.new_state else None
                    session = bench.kiosk(bench_terminal.SHIPPED, name, state)
                    frame = bench.frames["shipped"]
                try:
                    samples[name]["frame"].append(session.wait_for(frame) * 1000)
                    os.kill(session.pid, signal.SIGSTOP)
                    samples[name]["cpu"].append(cpu_ms(session.pid))
                    os.kill(session.pid, signal.SIGKILL)
                finally:
                    session.close()
                    if state:
                        shutil.rmtree(state, ignore_errors=True)
    except bench_terminal.BenchError as error:
        sys.exit(f"bench-start: {error}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    revision, changed = bench_terminal.commit()
    columns, rows = args.size
    print(f"First frame at Home ({'new state folder' if args.new_state else 'index made'}), {columns}x{rows}, "
          f"{args.runs} runs, programs alternating; commit {revision}{' (changed)' if changed else ''}")
    print(f"load average {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end; "
          f"{os.cpu_count()} cores")
    print(f"{'program':<60} {'frame ms: min':>13} {'p25':>6} {'median':>7}   {'CPU ms: min':>11} {'p25':>6} {'median':>7}")
    for name, _ in programs:
        frame = summary(samples[name]["frame"])
        cpu = summary(samples[name]["cpu"])
        print(f"{name[-60:]:<60} {frame[0]:13.1f} {frame[1]:6.1f} {frame[2]:7.1f}   "
              f"{cpu[0]:11.2f} {cpu[1]:6.2f} {cpu[2]:7.2f}")


if __name__ == "__main__":
    main()
