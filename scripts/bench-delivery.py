#!/usr/bin/env python3
"""Delivery throughput: 1,000 queued tickets through msmtp to a loopback SMTP server.

Queues the tickets with `helpdesk-kiosk outbox test --count N` in a fresh state folder,
starts scripts/smtp-sink.py (aiosmtpd) on 127.0.0.1, and times `helpdesk-kiosk outbox
deliver` with the sendmail transport (msmtp -C a temporary msmtprc). Prints tickets per
second and the deliverer's peak resident memory (VmHWM, sampled from /proc while it
runs, so the msmtp children are not counted), and checks that every ticket arrived once.
Then the same with a program that only reads the message, which gives the deliverer's
own cost per ticket (claim, spawn, record) apart from msmtp's and the SMTP dialogue's.

Usage: scripts/bench-delivery.py [--tickets N] [--deliverers K] [--binary PATH]
Builds nothing: run `swift build -c release --static-swift-stdlib` first (the default
binary is that build's), or pass --binary. Needs msmtp and aiosmtpd (scripts/setup).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python_with_aiosmtpd():
    """The python3 on PATH if it has aiosmtpd, else Debian's."""
    for candidate in [shutil.which("python3"), "/usr/bin/python3"]:
        if candidate and subprocess.run([candidate, "-c", "import aiosmtpd"],
                                         capture_output=True).returncode == 0:
            return candidate
    sys.exit("aiosmtpd is missing: run scripts/setup (python3-aiosmtpd, or pip install aiosmtpd)")


def peak_rss_kib(pid):
    """VmHWM of a running process in KiB, or None once it has ended."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def deliver(binary, work, name, program, arguments, tickets, deliverers):
    """Queues `tickets` test tickets in a fresh state folder and delivers them with
    `deliverers` processes at once; returns (seconds, delivered, peak KiB per deliverer)."""
    config = work / f"{name}.yaml"
    listed = ", ".join(f'"{argument}"' for argument in arguments)
    config.write_text(
        "kiosk_id: bench-1\nlocation: Benchmark\nsender: kiosk@netlumait.com.au\n"
        f"transport: sendmail\nsendmail:\n  program: {program}\n"
        f"  arguments: [{listed}]\n  time_limit: 30s\n")
    common = ["--config", str(config), "--state-dir", str(work / f"state-{name}")]
    subprocess.run([binary, "outbox", "test", "--count", str(tickets)] + common,
                   check=True, stdout=subprocess.DEVNULL)
    start = time.monotonic()
    processes = [subprocess.Popen([binary, "outbox", "deliver"] + common,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(deliverers)]
    peaks = [0] * len(processes)
    while any(process.poll() is None for process in processes):
        for index, process in enumerate(processes):
            peak = peak_rss_kib(process.pid)
            if peak:
                peaks[index] = max(peaks[index], peak)
        time.sleep(0.02)
    elapsed = time.monotonic() - start
    outputs = [process.communicate() for process in processes]
    if any(process.returncode != 0 for process in processes):
        sys.exit("a deliverer failed:\n" + "\n".join(err for _, err in outputs))
    delivered = sum(out.count("  delivered  ") for out, _ in outputs)
    return elapsed, delivered, peaks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--deliverers", type=int, default=1,
                        help="deliverers run at once (they share the queue)")
    parser.add_argument("--binary")
    args = parser.parse_args()
    msmtp = shutil.which("msmtp") or "/usr/bin/msmtp"
    if not os.access(msmtp, os.X_OK):
        sys.exit("msmtp is missing: run scripts/setup (apt-get install msmtp)")
    binary = args.binary or subprocess.check_output(
        ["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"],
        cwd=ROOT, text=True).strip() + "/helpdesk-kiosk"

    work = Path(tempfile.mkdtemp(prefix="bench-delivery-"))
    sink = None
    try:
        maildir, port_file = work / "mail", work / "port"
        sink = subprocess.Popen(
            [python_with_aiosmtpd(), str(ROOT / "scripts/smtp-sink.py"), "--maildir", str(maildir),
             "--port-file", str(port_file), "--lifetime", "600"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while not port_file.exists():
            if time.monotonic() > deadline or sink.poll() is not None:
                sys.exit("the SMTP server did not start")
            time.sleep(0.02)
        port = int(port_file.read_text())

        msmtprc = work / "msmtprc"
        msmtprc.write_text(f"host 127.0.0.1\nport {port}\nauth off\ntls off\n"
                           "from kiosk@netlumait.com.au\ntimeout 10\n")
        msmtprc.chmod(0o600)
        elapsed, delivered, peaks = deliver(
            binary, work, "msmtp", msmtp, ["-C", str(msmtprc)], args.tickets, args.deliverers)

        # The same with a program that only reads the message: the deliverer's own cost
        # (claim, spawn, record: two durable commits per ticket), without SMTP.
        reader = work / "read-only"
        reader.write_text("#!/bin/sh\nexec cat >/dev/null\n")
        reader.chmod(0o755)
        base_elapsed, base_delivered, base_peaks = deliver(
            binary, work, "baseline", str(reader), [], args.tickets, args.deliverers)

        received = sorted(maildir.glob("*.eml"))
        ids = set()
        for path in received:
            for line in path.read_bytes().split(b"\r\n"):
                if line.startswith(b"Message-ID: "):
                    ids.add(line)
                    break
        print(f"{args.tickets} tickets, {args.deliverers} deliverer(s) at once:")
        print(f"  through msmtp to aiosmtpd on 127.0.0.1: {delivered} delivered in {elapsed:.2f} s, "
              f"{delivered / elapsed:.0f} tickets/s ({1000 * elapsed / max(delivered, 1):.1f} ms per ticket)")
        print(f"    peak RSS of the deliverer: {', '.join(f'{peak / 1024:.1f} MiB' for peak in peaks)}")
        print(f"    received by the server: {len(received)} messages, {len(ids)} distinct Message-IDs")
        print(f"  to a program that only reads the message (the deliverer's own cost): {base_delivered} "
              f"in {base_elapsed:.2f} s, {base_delivered / base_elapsed:.0f} tickets/s "
              f"({1000 * base_elapsed / max(base_delivered, 1):.1f} ms per ticket), peak RSS "
              f"{', '.join(f'{peak / 1024:.1f} MiB' for peak in base_peaks)}")
        if len(received) != args.tickets or len(ids) != args.tickets:
            sys.exit("not every ticket arrived exactly once")
    finally:
        if sink is not None:
            sink.terminate()
            sink.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
