#!/usr/bin/env python3
"""A small, real SMTP server on the loopback interface for delivery tests and benchmarks.

Listens on 127.0.0.1 (a free port unless --port is given), and writes each message it
accepts into --maildir as NNNNNN.eml (the DATA bytes exactly as aiosmtpd hands them over:
dot-unstuffed, CRLF line ends as sent, without the final ".") with NNNNNN.json beside it
(the envelope: sender and recipients). Both files appear atomically (temporary + rename).

The chosen port is written to --port-file once the server accepts connections, so that a
test can wait for that file. The server runs until SIGTERM or SIGINT, or until --lifetime
seconds have passed (a test that crashes must not leave it running for ever).

How it answers is set by a mode: the --mode argument, replaced by the first line of
--mode-file whenever that file exists (read at every command, so a test can change the
mode while the server runs). Modes:

  accept              accept every message (the default)
  mail CODE TEXT      answer CODE TEXT to MAIL FROM (421 or 451: try later)
  rcpt CODE TEXT      answer CODE TEXT to RCPT TO (550: no such user)
  data CODE TEXT      answer CODE TEXT after the message's data, and store nothing

Usage: smtp-sink.py --maildir DIR --port-file FILE [--mode MODE] [--mode-file FILE]
                    [--port N] [--lifetime SECONDS]
"""
import argparse
import itertools
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    """The aiosmtpd handler: answers as the mode says and stores accepted messages."""

    def __init__(self, maildir, mode, mode_file):
        self.maildir = maildir
        self.mode = mode
        self.mode_file = mode_file
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    def current_mode(self):
        """The mode as (stage, reply) where stage is accept, mail, rcpt or data."""
        text = self.mode
        if self.mode_file and os.path.exists(self.mode_file):
            with open(self.mode_file, encoding="utf-8") as handle:
                text = handle.readline().strip() or "accept"
        parts = text.split(" ", 1)
        if parts[0] == "accept" or len(parts) < 2:
            return "accept", None
        return parts[0], parts[1]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        stage, reply = self.current_mode()
        if stage == "mail":
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        stage, reply = self.current_mode()
        if stage == "rcpt":
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        stage, reply = self.current_mode()
        if stage == "data":
            return reply
        with self.lock:
            number = next(self.counter)
        name = os.path.join(self.maildir, f"{number:06d}")
        self.write(name + ".json", json.dumps(
            {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}).encode())
        # The .eml last: a reader that sees it also sees the envelope.
        self.write(name + ".eml", envelope.original_content)
        return "250 OK: queued as " + os.path.basename(name)

    @staticmethod
    def write(path, data):
        temporary = path + ".tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.rename(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mode", default="accept")
    parser.add_argument("--mode-file")
    parser.add_argument("--lifetime", type=float, default=600)
    arguments = parser.parse_args()

    os.makedirs(arguments.maildir, exist_ok=True)
    sink = Sink(arguments.maildir, arguments.mode, arguments.mode_file)
    port = arguments.port
    if port == 0:
        # Ask the system for a free port, then let the controller bind it.
        import socket
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    # Messages up to 10 MiB; 8BITMIME is announced by aiosmtpd.
    controller = Controller(sink, hostname="127.0.0.1", port=port,
                            server_kwargs={"data_size_limit": 10 * 1024 * 1024})
    controller.start()

    done = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: done.set())
    temporary = arguments.port_file + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(f"{port}\n")
    os.rename(temporary, arguments.port_file)
    done.wait(arguments.lifetime)
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
