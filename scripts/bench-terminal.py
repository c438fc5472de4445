#!/usr/bin/env python3
"""Whole-process benchmark of the kiosk beside dialog and less, in a real pseudo-terminal.

Usage: scripts/bench-terminal.py [--binary PATH] [--runs N] [--size COLSxROWS] [--articles N]
                                 [--settle MS] [--json FILE] [--self-test]

Each program runs in its own pseudo-terminal (default 80x24, TERM=xterm-256color). Its
output is fed, as it arrives, to a terminal emulator (pyte, with the SU, SD and REP
controls that ncurses sends and pyte 0.8 lacks), so the driver knows what is on the
screen; keys are sent as that terminal would send them. The programs alternate within
each run (the order turns round from one run to the next); every figure is a median.

How a frame is timed, for every program alike: from spawn (or from the key) until the
emulated screen first holds the complete expected frame. Everything waiting on the
terminal is read, then fed to the emulator one read at a time, and the frame's test is
made after each; the time is that of the read that completed the frame. The expected
frames:

  Home            "How can we help?" and every category the Home menu shows; for `dialog
                  --menu` with the same items, the same text and every item
  first screen    every row of the screen the program settles on when it opens the file
                  (learnt once, untimed, before the runs): `less FILE` from spawn, the
                  kiosk's reader from the Enter that opens the article
  End             the file's last line visible: the kiosk's End, less's G, from the key
  --help          the last line of the help text visible

The time of the last byte before a --settle gap, the figure earlier benchmarks gave, is
shown beside each first frame ("quiet") for comparison.

Memory, read from /proc while the program runs: peak RSS (VmHWM), private memory
(Private_Clean + Private_Dirty of smaps_rollup) and anonymous memory (Anonymous). It is
read when the frame is complete ("at frame") and again before the program is stopped
("at end": after the menu walk, for Home). The peak RSS of `--help`, which exits at once,
comes from GNU time (`/usr/bin/time -f %M`), so that this process's own pages do not count.

Other figures, reported without a target: bytes per ↓ down the whole Home menu twice,
beside `dialog --menu`; bytes per line scrolled in the reader on
Resources/content/session-expired.md, beside `less` on its text (after one key to settle,
8 keys, each divided by the lines it scrolled); the start on a folder of 1 generated
article and on the large folder with the index made.

Targets:
  first frame at Home, index made         ≤ 2× dialog --menu's
  first frame at Home, new state folder   ≤ 2× dialog --menu's: the shipped content's index
                                          must not delay Home
  peak RSS at Home, after the menu walk   ≤ 3× dialog --menu's
  1 MiB article, first screen from Enter  ≤ 2× less's first screen of the same file
  1 MiB article, End to the last line     ≤ less's G
  first start until Home on what `scripts/gen-content.py --articles 10000` writes, with
  no index yet (a new state folder in every run)                                  ≤ 5 s
  the installed program, stripped as scripts/install does it       ≤ 30 MB (10^6 bytes)
  `helpdesk-kiosk --help`                 the floor: reported, without a target

Needs: a release build (`swift build -c release --static-swift-stdlib --product
helpdesk-kiosk`), dialog, less, GNU time, strip and objcopy, and pyte (`scripts/setup
--bench` installs them; pyte is installed with pip when missing). The kiosk runs with
--dev and a throwaway --state-dir. `--self-test` checks the screen model and stops; the
same checks run before every benchmark.
"""
import argparse
import fcntl
import importlib.util
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "Resources/content"
# The configuration the kiosk starts with, as the service starts it with its own.
CONFIGURATION = ROOT / "Resources/config.example.yaml"
SEED = SHIPPED / "session-expired.md"
SEED_TITLE = 'How to Fix "Your Session Has Expired" Errors'
HOME_TEXT = "How can we help?"
MIB = 1 << 20

# pyte keeps private modes shifted left by 5; DECCKM (private mode 1) is application cursor keys.
DECCKM = 1 << 5
KEYS = {  # name: (normal cursor keys, application cursor keys)
    "down": (b"\x1b[B", b"\x1bOB"),
    "up": (b"\x1b[A", b"\x1bOA"),
    "end": (b"\x1b[F", b"\x1bOF"),
    "enter": (b"\r", b"\r"),
    "G": (b"G", b"G"),
}


def need_pyte():
    """Imports pyte, installing it with pip first when it is missing."""
    try:
        import pyte
        return pyte
    except ImportError:
        pass
    print("bench-terminal: installing pyte, the terminal emulator this benchmark reads screens with "
          f"({sys.executable} -m pip install pyte)", file=sys.stderr)
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                "pyte"]).returncode == 0
    if not installed:
        sys.exit(f"bench-terminal: pip could not install pyte; install it for {sys.executable} "
                 "(python3 -m pip install pyte) or run scripts/setup --bench")
    import pyte
    return pyte


class BenchError(Exception):
    pass


# The screen model.

def terminal_model(pyte):
    """The classes of the screen model: pyte's Screen and ByteStream with what xterm does
    and pyte 0.8 lacks, and ncurses sends for xterm-256color:

      CSI n S   SU: scroll the scroll region up n lines (default 1); the cursor stays
      CSI n T   SD: scroll the scroll region down n lines (default 1); the cursor stays
      CSI n b   REP: repeat the preceding graphic character n times (default 1)

    Without them the model shows text the terminal no longer shows (SU, SD) or misses
    text it does (REP). `CSI ? … S` (XTSMGRAPHICS) and `CSI … T` with several parameters
    (mouse highlight tracking) are not scrolls and are left alone."""

    class Screen(pyte.Screen):
        def reset(self):
            super().reset()
            self.last_graphic = None
            self.texts = [""] * self.lines

        def rows(self):
            """The text of each row, as pyte's `display` gives it; only the rows changed
            since the last call are read again, so that testing a frame after every read
            costs little (the time it takes is time the measured program may wait for the
            processor)."""
            if len(self.texts) != self.lines:  # resized
                self.texts = [""] * self.lines
                self.dirty.update(range(self.lines))
            if self.dirty:
                for y in self.dirty:
                    if y < self.lines:
                        self.texts[y] = self._row_text(self.buffer[y])
                self.dirty.clear()
            return self.texts

        def _row_text(self, line):
            text = []
            wide = False
            for x in range(self.columns):
                if wide:  # the stub of a wide character
                    wide = False
                    continue
                data = line[x].data
                text.append(data)
                # Wide characters start at U+1100; wcwidth is only asked above that.
                wide = data > "\u10ff" and pyte.screens.wcwidth(data[0]) == 2
            return "".join(text)

        def draw(self, data):
            """Draws text as pyte does, and keeps its last character for REP."""
            super().draw(data)
            if data:
                self.last_graphic = data[-1]

        def _region(self):
            top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
            return top, bottom

        def scroll_up(self, count=None, *rest, private=False):
            """SU: the rows of the scroll region move up `count` rows; blank rows come in
            at its bottom."""
            if private or rest:
                return
            top, bottom = self._region()
            count = min(max(count or 1, 1), bottom - top + 1)
            for y in range(top, bottom + 1 - count):
                self.buffer[y] = self.buffer[y + count]
            for y in range(bottom + 1 - count, bottom + 1):
                self.buffer.pop(y, None)
            self.dirty.update(range(top, bottom + 1))

        def scroll_down(self, count=None, *rest, private=False):
            """SD: the rows of the scroll region move down `count` rows; blank rows come in
            at its top."""
            if private or rest:
                return
            top, bottom = self._region()
            count = min(max(count or 1, 1), bottom - top + 1)
            for y in range(bottom, top + count - 1, -1):
                self.buffer[y] = self.buffer[y - count]
            for y in range(top, top + count):
                self.buffer.pop(y, None)
            self.dirty.update(range(top, bottom + 1))

        def repeat_last(self, count=None, *rest, private=False):
            """REP: the last character drawn, drawn `count` times more."""
            if private or self.last_graphic is None:
                return
            self.draw(self.last_graphic * max(count or 1, 1))

    class Stream(pyte.ByteStream):
        csi = dict(pyte.ByteStream.csi, S="scroll_up", T="scroll_down", b="repeat_last")

    return Screen, Stream


def new_screen(pyte, columns, rows):
    """A screen model and the stream that feeds it bytes."""
    screen_class, stream_class = terminal_model(pyte)
    screen = screen_class(columns, rows)
    return screen, stream_class(screen)


def self_test(pyte):
    """Feeds the screen model known sequences and checks what it shows; returns the
    failures (an empty list when the model is sound)."""
    rows5 = b"".join(b"\x1b[%d;1Hline %d" % (row, row) for row in range(1, 6))
    cases = [
        # (what, bytes, expected rows, expected cursor (x, y) or None)
        ("REP repeats the preceding character", b"ab\x1b[3b", ["abbbb"], None),
        ("REP without a count repeats once", b"x\x1b[b", ["xx"], None),
        ("REP repeats a wide character", "猫\x1b[2b".encode(), ["猫猫猫"], None),
        ("SU scrolls the screen up, blank rows at the bottom", rows5 + b"\x1b[2S",
         ["line 3", "line 4", "line 5", "", ""], None),
        ("SU without a count scrolls one line", rows5 + b"\x1b[S", ["line 2", "line 3", "line 4", "line 5", ""], None),
        ("SD scrolls the screen down, blank rows at the top", rows5 + b"\x1b[2T",
         ["", "", "line 1", "line 2", "line 3"], None),
        ("SU keeps the cursor where it is", rows5 + b"\x1b[3;4H\x1b[1S", None, (3, 2)),
        ("SU scrolls only the scroll region", rows5 + b"\x1b[2;4r\x1b[1S",
         ["line 1", "line 3", "line 4", "", "line 5"], None),
        ("SD scrolls only the scroll region", rows5 + b"\x1b[2;4r\x1b[1T",
         ["line 1", "", "line 2", "line 3", "line 5"], None),
        ("SU by more than the region clears it", rows5 + b"\x1b[2;4r\x1b[9S", ["line 1", "", "", "", "line 5"], None),
        ("CSI ? … S (XTSMGRAPHICS) does not scroll", rows5 + b"\x1b[?1;1;0S",
         ["line 1", "line 2", "line 3", "line 4", "line 5"], None),
        ("CSI … T with several parameters does not scroll", rows5 + b"\x1b[1;1;1;1;1T",
         ["line 1", "line 2", "line 3", "line 4", "line 5"], None),
    ]
    failures = []
    for what, data, rows, cursor in cases:
        screen, stream = new_screen(pyte, 12, 5)
        screen.rows()  # read once before, so that only the changed rows are read again
        stream.feed(data)
        shown = [line.rstrip() for line in screen.display]
        if screen.rows() != screen.display:
            failures.append(f"{what}: the rows read again after changes differ from pyte's display")
        if rows is not None and shown[:len(rows)] != rows:
            failures.append(f"{what}: shows {shown[:len(rows)]}, not {rows}")
        if cursor is not None and (screen.cursor.x, screen.cursor.y) != cursor:
            failures.append(f"{what}: the cursor is at {(screen.cursor.x, screen.cursor.y)}, not {cursor}")
    return len(cases), failures


# Frames and programs.

class Frame:
    """A complete frame: texts that must all be on the screen, and rows that must read
    exactly so (trailing spaces aside)."""

    def __init__(self, description, texts=(), rows=None):
        self.description = description
        self.texts = list(texts)
        self.rows = dict(rows or {})

    def shown(self, screen):
        display = screen.rows()
        if any(display[row].rstrip() != text for row, text in self.rows.items()):
            return False
        whole = "\n".join(display)
        return all(text in whole for text in self.texts)

    def missing(self, screen):
        display = screen.rows()
        whole = "\n".join(display)
        rows = [f"row {row + 1}: {text!r}" for row, text in self.rows.items() if display[row].rstrip() != text]
        return [repr(text) for text in self.texts if text not in whole] + rows

    @staticmethod
    def settled(description, screen, texts=()):
        """The screen as it stands, every row that holds text, as the frame to wait for."""
        rows = {row: line.rstrip() for row, line in enumerate(screen.rows()) if line.strip()}
        return Frame(description, texts, rows)


class Session:
    """One program in its own pseudo-terminal, with an emulated screen."""

    def __init__(self, pyte, argv, size, env, label):
        self.label = label
        columns, rows = size
        self.screen, self.stream = new_screen(pyte, columns, rows)
        self.written = 0
        self.ended = False
        winsize = struct.pack("HHHH", rows, columns, 0, 0)
        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.last_byte = self.start

    def text(self):
        return "\n".join(line.rstrip() for line in self.screen.rows())

    def _read_waiting(self, timeout):
        """Waits up to `timeout` seconds for output, then reads all that is waiting without
        waiting again; returns [(time of the read, bytes)]."""
        chunks = []
        ready = select.select([self.fd], [], [], max(timeout, 0))[0]
        while ready:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:  # EIO: the program closed the terminal
                data = b""
            if not data:
                self.ended = True
                break
            chunks.append((time.perf_counter(), data))
            ready = select.select([self.fd], [], [], 0)[0]
        return chunks

    def _take(self, chunk):
        at, data = chunk
        self.stream.feed(data)
        self.written += len(data)
        self.last_byte = at

    def wait_for(self, frame, since=None, timeout=10.0):
        """Reads until the screen holds `frame`, testing it after each read; returns the
        seconds from `since` (default: the spawn) to the read that completed it."""
        since = self.start if since is None else since
        deadline = time.perf_counter() + timeout
        while True:
            chunks = self._read_waiting(deadline - time.perf_counter())
            done = None
            for chunk in chunks:
                self._take(chunk)
                if done is None and frame.shown(self.screen):
                    done = chunk[0]
            if done is not None:
                return done - since
            if self.ended:
                raise BenchError(f"{self.label}: the program ended before {frame.description} showed; "
                                 f"missing {', '.join(frame.missing(self.screen))}; the screen shows:\n{self.text()}")
            if time.perf_counter() >= deadline:
                raise BenchError(f"{self.label}: {frame.description} not complete in {timeout:.0f} s; missing "
                                 f"{', '.join(frame.missing(self.screen))}; the screen shows:\n{self.text()}")

    def settle(self, quiet, timeout=10.0, changed=False, until_end=False):
        """Reads until nothing more comes for `quiet` seconds (with `changed`, after at least
        one byte; with `until_end`, until the program closes the terminal). Returns the
        bytes read."""
        before = self.written
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise BenchError(f"{self.label}: the screen did not settle in {timeout:.0f} s; "
                                 f"it shows:\n{self.text()}")
            chunks = self._read_waiting(left if until_end else min(quiet, left))
            for chunk in chunks:
                self._take(chunk)
            if self.ended:
                if until_end:
                    return self.written - before
                raise BenchError(f"{self.label}: the program ended; the screen shows:\n{self.text()}")
            if not chunks and not until_end and (self.written > before or not changed):
                return self.written - before

    def press(self, name, frame=None, quiet=0.1, timeout=10.0):
        """Sends a key as the terminal would (cursor keys follow DECCKM), waits for `frame`
        when given and then for the screen to settle; returns (bytes written in answer,
        seconds from the key to the read that completed the frame, or None). The key's
        time is kept in `sent`, for the time to the last byte."""
        key = KEYS[name][1 if DECCKM in self.screen.mode else 0]
        before = self.written
        self.sent = time.perf_counter()
        os.write(self.fd, key)
        elapsed = self.wait_for(frame, since=self.sent, timeout=timeout) if frame else None
        self.settle(quiet, timeout=timeout, changed=frame is None)
        return self.written - before, elapsed

    def memory(self):
        """Peak RSS, RSS, private and anonymous memory of the program now, in MiB."""
        fields = {}
        # smaps_rollup first: VmHWM, read after it, then never falls below what it counted.
        for name in (f"/proc/{self.pid}/smaps_rollup", f"/proc/{self.pid}/status"):
            for line in Path(name).read_text().splitlines():
                key, _, value = line.partition(":")
                parts = value.split()
                if len(parts) == 2 and parts[1] == "kB":
                    fields[key] = int(parts[0]) / 1024
        try:
            return {"peak_rss_mib": fields["VmHWM"], "rss_mib": fields["VmRSS"],
                    "private_mib": fields["Private_Clean"] + fields["Private_Dirty"],
                    "anonymous_mib": fields["Anonymous"]}
        except KeyError as missing:
            raise BenchError(f"{self.label}: no {missing} in /proc/{self.pid}") from None

    def close(self):
        try:
            if not self.ended:
                os.kill(self.pid, signal.SIGTERM)
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline:
                # Keep reading so that a program writing its last screen cannot block.
                if select.select([self.fd], [], [], 0.01)[0]:
                    try:
                        os.read(self.fd, 1 << 16)
                    except OSError:
                        pass
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    return
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        finally:
            os.close(self.fd)


def lines_scrolled(before, after):
    """How many lines the text moved up between two screens, from the rows that appear
    exactly once on both."""
    shifts = {}
    for index, row in enumerate(before):
        if row.strip() and before.count(row) == 1 and after.count(row) == 1:
            shift = index - after.index(row)
            if shift > 0:
                shifts[shift] = shifts.get(shift, 0) + 1
    if not shifts:
        raise BenchError("the screen did not scroll")
    return max(shifts, key=shifts.get)


def ms(seconds):
    return seconds * 1000


class Bench:
    def __init__(self, args, pyte, work):
        self.pyte = pyte
        self.args = args
        self.size = args.size
        self.quiet = args.settle / 1000
        self.work = work
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work / "home"),
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
            "LESSHISTFILE": "-", "XDG_STATE_HOME": str(work / "xdg"),
        }
        (work / "home").mkdir()
        self.categories = shipped_categories()
        self.fresh = 0
        # The frames to wait for, learnt by `calibrate`.
        self.frames = {}

    def spawn(self, argv, label):
        return Session(self.pyte, argv, self.size, self.env, label)

    def kiosk(self, content, label, state=None):
        """The kiosk on a content folder, with a state folder (where the content index
        lives): by default one of its own for that content, kept from one run to the next.
        Started as the service starts it: `run`, named, with a configuration file (the
        example, which `scripts/install` lays down)."""
        state = state or self.work / "state" / Path(content).name
        return self.spawn([str(self.args.binary), "run", "--dev", "--config", str(CONFIGURATION),
                           "--state-dir", str(state), "--content", str(content)], label)

    def new_state(self):
        """A state folder that does not exist yet: the kiosk starts there with no index."""
        self.fresh += 1
        return self.work / "fresh" / str(self.fresh)

    def first_frame(self, session, frame, timeout=10.0):
        """Spawn to the complete frame, and spawn to the last byte before a quiet gap (the
        earlier measure), in ms; with the memory at the frame."""
        complete = session.wait_for(frame, timeout=timeout)
        at_frame = session.memory()
        session.settle(self.quiet, timeout=timeout)
        return {"first_frame_ms": ms(complete), "quiet_ms": ms(session.last_byte - session.start),
                **{f"{key}_at_frame": value for key, value in at_frame.items()}}

    def at_end(self, session):
        return {f"{key}_at_end": value for key, value in session.memory().items()}

    def menu_downs(self, session, items):
        """Bytes per ↓ down the whole menu twice (↑ back up is not counted)."""
        sizes = []
        for _ in range(2):
            for _ in range(items - 1):
                sizes.append(session.press("down", quiet=self.quiet)[0])
            for _ in range(items - 1):
                session.press("up", quiet=self.quiet)
        return statistics.mean(sizes)

    def scroll_lines(self, session, keys=8):
        """Bytes per line scrolled by ↓, over `keys` keys after one to settle."""
        session.press("down", quiet=self.quiet)
        written = scrolled = 0
        for _ in range(keys):
            before = list(session.screen.rows())
            written += session.press("down", quiet=self.quiet)[0]
            scrolled += lines_scrolled(before, list(session.screen.rows()))
        return written / scrolled

    # Learning the frames: untimed starts, before the runs.

    def home_frame(self, session, names, label):
        """The Home frame: the title and every one of `names` that the settled Home shows."""
        shown = [name for name in names if name in session.text()]
        if not shown:
            raise BenchError(f"{label}: no category on Home; the screen shows:\n{session.text()}")
        return Frame(f"Home ({len(shown)} categories, the last {shown[-1]!r})", [HOME_TEXT, *shown])

    def calibrate(self):
        """Starts each program once, untimed, to learn its complete frames; the kiosk's
        starts make the content indexes the 'index made' runs use. Returns the first-frame
        times of these first starts, for information."""
        first = {}
        generated = [name for name, _ in self.generator.CATEGORIES]
        for key, folder, names in [("shipped", SHIPPED, self.categories), ("seed", self.seed_folder, None),
                                   ("one", self.one_folder, generated), ("many", self.many_folder, generated)]:
            session = self.kiosk(folder, f"the kiosk's first start on {folder.name}")
            try:
                started = session.wait_for(Frame("Home", [HOME_TEXT, *(names or [])[:1]]), timeout=900)
                session.settle(self.quiet)
                if names:
                    self.frames[key] = self.home_frame(session, names, session.label)
                first[key] = ms(started)
            finally:
                session.close()
        missing = [name for name in self.categories if name not in self.frames["shipped"].texts]
        if missing:
            raise BenchError(f"Home does not show every shipped category at {self.size[0]}x{self.size[1]} "
                             f"(not {missing}), so it cannot be set beside dialog's menu of them all")
        self.frames["dialog"] = Frame(f"dialog's menu ({len(self.categories)} items)", [HOME_TEXT, *self.categories])

        large = self.many["large"][0]
        self.frames["end"] = Frame("the last line", [large["last_line"]])
        session = self.kiosk(self.many_folder, "the kiosk reader on the 1 MiB article")
        try:
            session.wait_for(self.frames["many"], timeout=60)
            session.press("enter", Frame("the first category", [large["title"]]), self.quiet, timeout=60)
            session.press("enter", Frame("the article", [large["title"], "About This Reference"]), self.quiet,
                          timeout=60)
            self.frames["reader"] = Frame.settled("the article's first screen", session.screen, [large["title"]])
            session.press("end", self.frames["end"], self.quiet, timeout=60)
        finally:
            session.close()
        for key, path, text in [("less_large", large["file"], "title: " + large["title"]),
                                ("less_seed", self.seed_text, 'What Does "Session Expired" Mean?')]:
            session = self.spawn(["less", str(path)], f"less on {Path(path).name}")
            try:
                session.wait_for(Frame("the file", [text]))
                session.settle(self.quiet)
                self.frames[key] = Frame.settled(f"less's first screen of {Path(path).name}", session.screen, [text])
            finally:
                session.close()
        help_text = subprocess.run([str(self.args.binary), "--help"], capture_output=True, text=True, timeout=30)
        lines = [line.strip() for line in help_text.stdout.splitlines() if line.strip()]
        if help_text.returncode != 0 or not lines:
            raise BenchError(f"{self.args.binary} --help failed: {help_text.stderr.strip()}")
        self.frames["help"] = Frame("the help's last line", [lines[-1]])
        return first

    # The trials. Each starts one program, measures it and stops it.

    def kiosk_home(self):
        """Home on the shipped content, the index made by an earlier start."""
        session = self.kiosk(SHIPPED, "kiosk on the shipped content")
        try:
            result = self.first_frame(session, self.frames["shipped"])
            result["bytes_per_down"] = self.menu_downs(session, len(self.categories))
            return {**result, **self.at_end(session)}
        finally:
            session.close()

    def kiosk_home_new(self):
        """Home on the shipped content with a new state folder: no index yet."""
        state = self.new_state()
        session = self.kiosk(SHIPPED, "kiosk on the shipped content, new state folder", state)
        try:
            result = self.first_frame(session, self.frames["shipped"])
            return {**result, **self.at_end(session)}
        finally:
            session.close()
            shutil.rmtree(state, ignore_errors=True)

    def dialog_menu(self):
        items = []
        for number, name in enumerate(self.categories, start=1):
            items += [str(number), name]
        session = self.spawn(["dialog", "--menu", HOME_TEXT, "0", "0", "0", *items], "dialog --menu")
        try:
            result = self.first_frame(session, self.frames["dialog"])
            result["bytes_per_down"] = self.menu_downs(session, len(self.categories))
            return {**result, **self.at_end(session)}
        finally:
            session.close()

    def kiosk_reader(self):
        session = self.kiosk(self.seed_folder, "kiosk reader on session-expired.md")
        try:
            session.wait_for(Frame("Home", [HOME_TEXT]))
            session.settle(self.quiet)
            session.press("enter", Frame("the category", [SEED_TITLE]), self.quiet)
            session.press("enter", Frame("the article", [SEED_TITLE, "What Does"]), self.quiet)
            return {"bytes_per_line": self.scroll_lines(session), **self.at_end(session)}
        finally:
            session.close()

    def less_seed(self):
        session = self.spawn(["less", str(self.seed_text)], "less on session-expired.md")
        try:
            result = self.first_frame(session, self.frames["less_seed"])
            result["bytes_per_line"] = self.scroll_lines(session)
            return {**result, **self.at_end(session)}
        finally:
            session.close()

    def kiosk_one(self):
        session = self.kiosk(self.one_folder, "kiosk on 1 article")
        try:
            return {**self.first_frame(session, self.frames["one"]), **self.at_end(session)}
        finally:
            session.close()

    def kiosk_many(self):
        """Start on the large folder, index made; then the 1 MiB article: Enter on the first
        category, Enter on its first article (timed to the first screen), then End."""
        large = self.many["large"][0]
        session = self.kiosk(self.many_folder, f"kiosk on {self.args.articles:,} articles")
        try:
            result = self.first_frame(session, self.frames["many"], timeout=600)
            session.press("enter", Frame("the first category", [large["title"]]), self.quiet, timeout=60)
            _, opened = session.press("enter", self.frames["reader"], self.quiet, timeout=60)
            opened_quiet = session.last_byte - session.sent
            opened_memory = session.memory()
            _, ended = session.press("end", self.frames["end"], self.quiet, timeout=60)
            result.update({"open_ms": ms(opened), "open_quiet_ms": ms(opened_quiet), "end_ms": ms(ended),
                           "end_quiet_ms": ms(session.last_byte - session.sent)})
            result.update({f"{key}_at_open": value for key, value in opened_memory.items()})
            return {**result, **self.at_end(session)}
        finally:
            session.close()

    def kiosk_many_new(self):
        """The first start on the large folder: a new state folder, so the index is made
        before Home."""
        state = self.new_state()
        session = self.kiosk(self.many_folder, f"kiosk on {self.args.articles:,} articles, new state folder", state)
        try:
            return self.first_frame(session, self.frames["many"], timeout=900)
        finally:
            session.close()
            shutil.rmtree(state, ignore_errors=True)

    def less_large(self):
        large = self.many["large"][0]
        session = self.spawn(["less", large["file"]], "less on the 1 MiB article")
        try:
            result = self.first_frame(session, self.frames["less_large"])
            _, ended = session.press("G", self.frames["end"], self.quiet, timeout=60)
            result.update({"open_ms": result["first_frame_ms"], "open_quiet_ms": result["quiet_ms"],
                           "end_ms": ms(ended), "end_quiet_ms": ms(session.last_byte - session.sent)})
            return {**result, **self.at_end(session)}
        finally:
            session.close()

    def kiosk_help(self):
        """`helpdesk-kiosk --help`: spawn to its last line on the screen; its peak RSS from GNU
        time, in a second start."""
        session = self.spawn([str(self.args.binary), "--help"], "helpdesk-kiosk --help")
        try:
            complete = session.wait_for(self.frames["help"])
            session.settle(self.quiet, until_end=True)
        finally:
            session.close()
        result = {"first_frame_ms": ms(complete), "quiet_ms": ms(session.last_byte - session.start)}
        peak = peak_rss_of_exited([str(self.args.binary), "--help"], self.env)
        if peak is not None:
            result["peak_rss_mib_at_end"] = peak
        return result

    def prepare(self):
        """The seed article alone in a folder (for the reader), its text for less, and the
        generated folders of 1 and --articles articles."""
        self.seed_folder = self.work / "seed"
        self.seed_folder.mkdir()
        front, body = split_front_matter(SEED.read_text(encoding="utf-8"))
        category = re.search(r"^category: (.*)$", front, re.M).group(1).strip()
        description = dict(shipped_categories(with_descriptions=True)).get(category, "")
        (self.seed_folder / "categories.yaml").write_text(
            f"- name: {category}\n  description: {description}\n", encoding="utf-8")
        shutil.copy(SEED, self.seed_folder / SEED.name)
        self.seed_text = self.work / "session-expired.txt"
        self.seed_text.write_text(body, encoding="utf-8")

        self.generator = load_generator()
        self.one_folder = self.work / "one"
        self.one = self.generator.generate(1, self.one_folder, seed=1, large=0)
        self.many_folder = self.work / "many"
        started = time.perf_counter()
        # As `scripts/gen-content.py --articles N` makes it (its default seed and large articles).
        self.many = self.generator.generate(self.args.articles, self.many_folder)
        print(f"generated {self.args.articles:,} articles ({self.many['bytes'] / 1e6:.0f} MB, "
              f"{len(self.many['large'])} of about 1 MiB) in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    def run(self):
        trials = {
            "kiosk_home": self.kiosk_home, "dialog_menu": self.dialog_menu, "kiosk_home_new": self.kiosk_home_new,
            "kiosk_reader": self.kiosk_reader, "less_seed": self.less_seed, "kiosk_one": self.kiosk_one,
            "kiosk_many": self.kiosk_many, "less_large": self.less_large, "kiosk_many_new": self.kiosk_many_new,
            "kiosk_help": self.kiosk_help,
        }
        names = list(trials)
        samples = {name: [] for name in names}
        progress = sys.stderr.isatty()
        for run in range(self.args.runs):
            order = names[run % len(names):] + names[:run % len(names)]
            for name in order:
                if progress:
                    print(f"\r\033[Krun {run + 1} of {self.args.runs}: {name}", file=sys.stderr, end="", flush=True)
                samples[name].append(trials[name]())
        if progress:
            print("\r\033[K", file=sys.stderr, end="", flush=True)
        medians = {name: {key: statistics.median(sample[key] for sample in runs) for key in runs[0]}
                   for name, runs in samples.items()}
        return samples, medians


def peak_rss_of_exited(argv, env):
    """The peak RSS (MiB) of a program that exits at once, from GNU time; None without it.
    Read this way rather than from this process's wait4(), whose figure also counts the
    pages of the forked copy of this process before it became the program."""
    gnu_time = "/usr/bin/time"
    if not os.access(gnu_time, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as output:
        done = subprocess.run([gnu_time, "-f", "%M", "-o", output.name, *argv], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        text = output.read().strip().splitlines()
    if done.returncode != 0 or not text or not text[-1].isdigit():
        return None
    return int(text[-1]) / 1024


def installed_size(binary, work):
    """The program's size as scripts/install lays it down: its symbols kept apart with
    objcopy, the program stripped, a debug link added. Bytes, or None without binutils."""
    if not (shutil.which("objcopy") and shutil.which("strip")):
        return None
    folder = work / "install"
    folder.mkdir()
    program = folder / "helpdesk-kiosk"
    shutil.copy(binary, program)
    for argv in (["objcopy", "--only-keep-debug", program.name, program.name + ".debug"],
                 ["strip", "--strip-all", program.name],
                 ["objcopy", "--add-gnu-debuglink=" + program.name + ".debug", program.name]):
        subprocess.run(argv, cwd=folder, check=True, capture_output=True)
    return program.stat().st_size


def split_front_matter(text):
    """(front matter, body) of an article file."""
    _, front, body = text.split("---\n", 2)
    return front, body


def shipped_categories(with_descriptions=False):
    """The shipped categories that hold an article, in the order of categories.yaml: the
    kiosk's Home menu."""
    text = (SHIPPED / "categories.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"^- name: (.*)\n\s+description: (.*)$", text, re.M)
    used = set()
    for path in SHIPPED.glob("*.md"):
        front, _ = split_front_matter(path.read_text(encoding="utf-8"))
        used.add(re.search(r"^category: (.*)$", front, re.M).group(1).strip())
    entries = [(name.strip(), description.strip()) for name, description in entries if name.strip() in used]
    return entries if with_descriptions else [name for name, _ in entries]


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_content", ROOT / "scripts/gen-content.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def version(argv):
    try:
        output = subprocess.run(argv, capture_output=True, text=True, timeout=5)
        return (output.stdout or output.stderr).splitlines()[0].strip()
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def commit():
    """The checkout's commit, `+dirty` when its tracked files differ from it or it has new
    files, and the paths that differ."""
    def git(*argv):
        return subprocess.run(["git", "-C", str(ROOT), *argv], capture_output=True, text=True, timeout=30)
    head = git("rev-parse", "--short", "HEAD")
    if head.returncode != 0:
        return "unknown (not a git checkout)", []
    # Plumbing that only reads, so that nothing is written to the repository.
    changed = git("diff-index", "--name-only", "HEAD", "--").stdout.split()
    changed += git("ls-files", "--others", "--exclude-standard").stdout.split()
    return head.stdout.strip() + ("+dirty" if changed else ""), sorted(set(changed))


def load_text(load):
    return f"load average {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (1, 5, 15 min)"


def report(medians, size_bytes, args):
    """The targets, then the other figures, then each program's times and memory; returns
    the rows for --json."""
    m = medians
    home, dialog, many, less = m["kiosk_home"], m["dialog_menu"], m["kiosk_many"], m["less_large"]
    items = len(shipped_categories())
    articles = f"{args.articles:,}"
    targets = [
        # measure, kiosk, anchor, anchor name, unit, target ratio
        ("first frame at Home, index made", home["first_frame_ms"], dialog["first_frame_ms"],
         f"dialog --menu, {items} items", "ms", 2.0),
        ("first frame at Home, new state folder", m["kiosk_home_new"]["first_frame_ms"], dialog["first_frame_ms"],
         "dialog --menu", "ms", 2.0),
        ("peak RSS at Home, after the menu walk", home["peak_rss_mib_at_end"], dialog["peak_rss_mib_at_end"],
         "dialog --menu", "MiB", 3.0),
        ("1 MiB article: first screen, from Enter", many["open_ms"], less["open_ms"], "less, from spawn", "ms", 2.0),
        ("1 MiB article: End to the last line", many["end_ms"], less["end_ms"], "less, G", "ms", 1.0),
        (f"first start on {articles} articles, no index, to Home", m["kiosk_many_new"]["first_frame_ms"], 5000.0,
         "limit", "ms", 1.0),
    ]
    if size_bytes is not None:
        targets.append(("installed program, stripped", size_bytes / 1e6, 30.0, "limit", "MB", 1.0))
    help_row = m["kiosk_help"]
    others = [
        ("helpdesk-kiosk --help (the floor)", help_row["first_frame_ms"], dialog["first_frame_ms"], "dialog --menu",
         "ms"),
        ("first frame at Home, last byte before a gap", home["quiet_ms"], dialog["quiet_ms"], "dialog --menu", "ms"),
        ("peak RSS at Home, at the first frame", home["peak_rss_mib_at_frame"], dialog["peak_rss_mib_at_frame"],
         "dialog --menu", "MiB"),
        ("private memory at Home, after the menu walk", home["private_mib_at_end"], dialog["private_mib_at_end"],
         "dialog --menu", "MiB"),
        ("anonymous memory at Home, after the menu walk", home["anonymous_mib_at_end"], dialog["anonymous_mib_at_end"],
         "dialog --menu", "MiB"),
        ("peak RSS at Home, new state folder", m["kiosk_home_new"]["peak_rss_mib_at_end"],
         dialog["peak_rss_mib_at_end"], "dialog --menu", "MiB"),
        (f"first frame at Home, {articles} articles, index made", many["first_frame_ms"],
         m["kiosk_one"]["first_frame_ms"], "1 article", "ms"),
        ("1 MiB article: peak RSS at its first screen", many["peak_rss_mib_at_open"], less["peak_rss_mib_at_frame"],
         "less", "MiB"),
        ("1 MiB article: private memory at its first screen", many["private_mib_at_open"],
         less["private_mib_at_frame"], "less", "MiB"),
        ("bytes per ↓, Home", home["bytes_per_down"], dialog["bytes_per_down"], "dialog --menu", "B"),
        ("bytes per line scrolled, reader", m["kiosk_reader"]["bytes_per_line"], m["less_seed"]["bytes_per_line"],
         "less", "B"),
    ]
    if "peak_rss_mib_at_end" in help_row:
        others.insert(1, ("helpdesk-kiosk --help: peak RSS (GNU time)", help_row["peak_rss_mib_at_end"],
                          dialog["peak_rss_mib_at_end"], "dialog --menu", "MiB"))

    def figure(value, unit):
        if unit == "B":
            return f"{value:,.0f} {unit}"
        return f"{value:,.1f} {unit}" if unit != "MB" else f"{value:,.2f} {unit}"

    table = []
    print("Targets")
    print(f"  {'measure':49} {'kiosk':>11} {'anchor':>11}  {'':24} {'ratio':>6}  {'target':10} result")
    for measure, kiosk, anchor, name, unit, target in targets:
        ratio = kiosk / anchor if anchor else float("inf")
        met = ratio <= target
        wanted = f"≤ {target:g}×" if name != "limit" else "≤ limit"
        print(f"  {measure:49} {figure(kiosk, unit):>11} {figure(anchor, unit):>11}  {name:24} {ratio:6.2f}  "
              f"{wanted:10} {'met' if met else 'MISSED'}")
        table.append({"measure": measure, "kiosk": kiosk, "anchor": anchor, "anchor_name": name, "unit": unit,
                      "ratio": ratio, "target_ratio": target, "met": met})
    met = sum(row["met"] for row in table)
    print(f"  {met} of {len(table)} targets met")
    print()
    print("Other figures (no target)")
    for measure, kiosk, anchor, name, unit in others:
        ratio = kiosk / anchor if anchor else float("inf")
        print(f"  {measure:49} {figure(kiosk, unit):>11} {figure(anchor, unit):>11}  {name:24} {ratio:6.2f}")
        table.append({"measure": measure, "kiosk": kiosk, "anchor": anchor, "anchor_name": name, "unit": unit,
                      "ratio": ratio, "target_ratio": None, "met": None})
    print()
    labels = {
        "kiosk_home": "kiosk, Home, index made", "kiosk_home_new": "kiosk, Home, new state folder",
        "dialog_menu": "dialog --menu", "kiosk_one": "kiosk, Home, 1 article",
        "kiosk_many": f"kiosk, Home, {articles} articles", "kiosk_many_new": f"kiosk, Home, {articles}, new state",
        "less_seed": "less, session-expired text", "less_large": "less, 1 MiB article",
        "kiosk_reader": "kiosk reader, session-expired", "kiosk_help": "helpdesk-kiosk --help",
    }
    print("Each program: ms from spawn to the complete frame (frame) and to the last byte before a quiet gap")
    print("(quiet); memory in MiB: peak RSS / private / anonymous")
    print(f"  {'program':34} {'frame':>9} {'quiet':>9}   {'at the frame':>20}   {'at end':>20}")

    def memory(row, when):
        if f"private_mib_{when}" in row:
            return (f"{row[f'peak_rss_mib_{when}']:5.1f} / {row[f'private_mib_{when}']:5.1f} / "
                    f"{row[f'anonymous_mib_{when}']:5.1f}")
        if f"peak_rss_mib_{when}" in row:
            return f"{row[f'peak_rss_mib_{when}']:5.1f} /     – /     –"
        return "–"

    for name, label in labels.items():
        row = m[name]
        frame = f"{row['first_frame_ms']:9.1f}" if "first_frame_ms" in row else f"{'–':>9}"
        quiet = f"{row['quiet_ms']:9.1f}" if "quiet_ms" in row else f"{'–':>9}"
        print(f"  {label:34} {frame} {quiet}   {memory(row, 'at_frame'):>20}   {memory(row, 'at_end'):>20}")
    print(f"  {'kiosk, 1 MiB article (from Enter)':34} {many['open_ms']:9.1f} {many['open_quiet_ms']:9.1f}   "
          f"{memory(many, 'at_open'):>20}")
    print(f"  {'kiosk, End (from the key)':34} {many['end_ms']:9.1f} {many['end_quiet_ms']:9.1f}")
    print(f"  {'less, G (from the key)':34} {less['end_ms']:9.1f} {less['end_quiet_ms']:9.1f}")
    if size_bytes is not None:
        print(f"  installed program: {size_bytes:,} bytes ({size_bytes / MIB:.1f} MiB) "
              f"from {args.binary.stat().st_size:,} bytes unstripped")
    return table


def parse_size(text):
    match = re.fullmatch(r"(\d+)x(\d+)", text)
    if not match or int(match.group(1)) < 40 or int(match.group(2)) < 12:
        raise argparse.ArgumentTypeError(f"'{text}' is not COLSxROWS of at least 40x12, e.g. 80x24")
    return int(match.group(1)), int(match.group(2))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", type=Path, default=ROOT / ".build/release/helpdesk-kiosk", metavar="PATH",
                        help="the kiosk to measure (default .build/release/helpdesk-kiosk)")
    parser.add_argument("--runs", type=int, default=5, metavar="N",
                        help="runs; each figure is their median (default 5)")
    parser.add_argument("--size", type=parse_size, default=(80, 24), metavar="COLSxROWS",
                        help="terminal size (default 80x24)")
    parser.add_argument("--articles", type=int, default=10000, metavar="N",
                        help="articles of the large folder (default 10000)")
    parser.add_argument("--settle", type=int, default=100, metavar="MS",
                        help="quiet time after which a screen counts as settled (default 100 ms)")
    parser.add_argument("--json", metavar="FILE", help="also write every sample and median as JSON ('-': stdout)")
    parser.add_argument("--self-test", action="store_true", help="check the screen model and stop")
    args = parser.parse_args()
    pyte = need_pyte()
    cases, failures = self_test(pyte)
    if args.self_test or failures:
        for failure in failures:
            print(f"screen model: {failure}", file=sys.stderr)
        print(f"screen model self-test: {cases - len(failures)} passed, {len(failures)} failed")
        sys.exit(1 if failures else 0)
    if args.runs < 1 or args.articles < 4 or args.settle < 10:
        parser.error("--runs must be 1 or more, --articles 4 or more and --settle 10 ms or more")
    args.binary = args.binary.resolve()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"bench-terminal: {args.binary} is not built: run "
                 "`swift build -c release --static-swift-stdlib --product helpdesk-kiosk` or pass --binary")
    missing = [tool for tool in ("dialog", "less") if not shutil.which(tool)]
    if missing:
        sys.exit(f"bench-terminal: {' and '.join(missing)} not found: run scripts/setup --bench "
                 f"(or apt-get install {' '.join(missing)})")

    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="bench-terminal-"))
    try:
        size_bytes = installed_size(args.binary, work)
        bench = Bench(args, pyte, work)
        bench.prepare()
        first_starts = bench.calibrate()
        samples, medians = bench.run()
    except BenchError as error:
        sys.exit(f"bench-terminal: {error}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    columns, rows = args.size
    revision, changed = commit()
    shown = ""
    if changed:
        shown = f" ({', '.join(changed)})" if len(changed) <= 3 else f" ({len(changed)} paths differ)"
    print(f"Whole-process benchmark at {columns}x{rows}, medians of {args.runs} runs, programs alternating within "
          f"each run; frames timed to the read that completed them")
    print(f"commit {revision}{shown}")
    print(f"machine: {os.cpu_count()} cores; {load_text(load_before)} at the start, {load_after[0]:.2f}, "
          f"{load_after[1]:.2f}, {load_after[2]:.2f} at the end")
    print(f"kiosk {args.binary}; dialog {version(['dialog', '--version']).removeprefix('Version: ')}; "
          f"{version(['less', '--version'])}")
    print()
    table = report(medians, size_bytes, args)
    if args.json:
        document = json.dumps({
            "commit": revision, "changed": changed, "cores": os.cpu_count(),
            "load_average_start": load_before, "load_average_end": load_after,
            "size": f"{columns}x{rows}", "runs": args.runs, "articles": args.articles, "binary": str(args.binary),
            "installed_bytes": size_bytes, "table": table, "first_starts_ms": first_starts, "medians": medians,
            "samples": samples,
        }, indent=2, ensure_ascii=False)
        if args.json == "-":
            print(document)
        else:
            Path(args.json).write_text(document + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
