#!/usr/bin/env python3
"""Whole-process benchmark of the kiosk beside dialog and less, in a real pseudo-terminal.

Usage: scripts/bench-terminal.py [--binary PATH] [--runs N] [--size COLSxROWS] [--json FILE]

Each program runs in its own pseudo-terminal (default 80x24, TERM=xterm-256color); its
output goes to a terminal emulator (pyte) so the driver knows what is on the screen, and
keys are sent as that terminal would send them. The programs alternate within each run
(the order turns round from one run to the next); every figure is a median of the runs.

  first frame     spawn to the last byte of the first complete screen: the expected text
                  is on the emulated screen and nothing more arrives for --settle ms
  peak RSS        VmHWM of the program itself, read just before it is stopped
  bytes per ↓     on the kiosk's Home and on `dialog --menu` with the same items (the
                  shipped categories), down the whole menu twice; ↑ back is not counted
  bytes per line  the kiosk reader on Resources/content/session-expired.md (Enter, Enter
                  from Home on a folder holding that article) and `less` on its text;
                  after one key to settle, 8 keys, each divided by the lines it scrolled
  start-up        the kiosk's first frame on 1 generated article and on --articles (10,000);
                  before the runs the kiosk starts once on each folder with a new state
                  folder (where a content index would be built): that start is shown apart
  1 MB open + end the kiosk: Enter on the first article of the first category of the
                  generated folder (a 1 MiB one, see scripts/gen-content.py), then End;
                  `less` on the same file: spawn, then G. Each step is timed from its key
                  (or spawn) to the last byte of the settled screen; the sum is compared.

Targets (issue 6): first frame ≤ dialog's; bytes per ↓ ≤ dialog's; bytes per scrolled
line ≤ less's; peak RSS ≤ 3× dialog's; start-up on 10,000 articles ≤ 1.5× on 1 article;
1 MB open + end ≤ less's.

Needs: a release build (`swift build -c release --static-swift-stdlib --product
helpdesk-kiosk`), dialog, less and pyte (`scripts/setup --bench` installs them; pyte is
installed with pip when missing). The kiosk runs with --dev and a throwaway --state-dir.
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
SEED = SHIPPED / "session-expired.md"
SEED_TITLE = 'How to Fix "Your Session Has Expired" Errors'
HOME_TEXT = "How can we help?"

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


class Session:
    """One program in its own pseudo-terminal, with an emulated screen."""

    def __init__(self, pyte, argv, size, env, label):
        self.label = label
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
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
        return "\n".join(self.screen.display)

    def settle(self, expect=(), timeout=10.0, quiet=0.1, changed=False):
        """Reads until every `expect` text is on the screen (and, with `changed`, at least
        one byte came) and then nothing for `quiet` seconds. Returns the bytes read."""
        deadline = time.perf_counter() + timeout
        count = 0
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                missing = [text for text in expect if text not in self.text()]
                raise BenchError(f"{self.label}: {missing or 'output'} not seen in {timeout:.0f} s; "
                                 f"the screen shows:\n{self.text()}")
            ready = select.select([self.fd], [], [], min(quiet, left))[0]
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise BenchError(f"{self.label}: the program ended; the screen shows:\n{self.text()}")
                self.last_byte = time.perf_counter()
                count += len(chunk)
                self.stream.feed(chunk)
            elif (count or not changed) and all(text in self.text() for text in expect):
                return count

    def press(self, name, **settle):
        """Sends a key as the terminal would (cursor keys follow DECCKM); returns (bytes
        written in answer, seconds from the key to the last byte)."""
        key = KEYS[name][1 if DECCKM in self.screen.mode else 0]
        sent = time.perf_counter()
        os.write(self.fd, key)
        count = self.settle(**settle)
        return count, self.last_byte - sent

    def peak_rss_mib(self):
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise BenchError(f"{self.label}: no VmHWM in /proc/{self.pid}/status")

    def close(self):
        try:
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
        except ProcessLookupError:
            pass
        except ChildProcessError:
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

    def spawn(self, argv, label):
        return Session(self.pyte, argv, self.size, self.env, label)

    def kiosk(self, content, label):
        """The kiosk on a content folder, with a state folder of its own for that content
        (the content index lives there), kept from one run to the next."""
        state = self.work / "state" / Path(content).name
        return self.spawn([str(self.args.binary), "--dev", "--state-dir", str(state),
                           "--content", str(content)], label)

    def first_frame(self, session, expect, timeout=10.0):
        session.settle(expect=expect, timeout=timeout, quiet=self.quiet)
        return (session.last_byte - session.start) * 1000

    def menu_downs(self, session, items):
        """Bytes per ↓ down the whole menu twice (↑ back up is not counted)."""
        sizes = []
        for _ in range(2):
            for _ in range(items - 1):
                sizes.append(session.press("down", quiet=self.quiet, changed=True)[0])
            for _ in range(items - 1):
                session.press("up", quiet=self.quiet, changed=True)
        return statistics.mean(sizes)

    def scroll_lines(self, session, keys=8):
        """Bytes per line scrolled by ↓, over `keys` keys after one to settle."""
        session.press("down", quiet=self.quiet, changed=True)
        written = scrolled = 0
        for _ in range(keys):
            before = list(session.screen.display)
            written += session.press("down", quiet=self.quiet, changed=True)[0]
            scrolled += lines_scrolled(before, list(session.screen.display))
        return written / scrolled

    # The trials. Each starts one program, measures it and stops it.

    def kiosk_home(self):
        session = self.kiosk(SHIPPED, "kiosk on the shipped content")
        try:
            first = self.first_frame(session, [HOME_TEXT, self.categories[-1]])
            per_down = self.menu_downs(session, len(self.categories))
            return {"first_frame_ms": first, "bytes_per_down": per_down, "peak_rss_mib": session.peak_rss_mib()}
        finally:
            session.close()

    def dialog_menu(self):
        items = []
        for number, name in enumerate(self.categories, start=1):
            items += [str(number), name]
        session = self.spawn(["dialog", "--menu", HOME_TEXT, "0", "0", "0", *items], "dialog --menu")
        try:
            first = self.first_frame(session, [HOME_TEXT, self.categories[-1]])
            per_down = self.menu_downs(session, len(self.categories))
            return {"first_frame_ms": first, "bytes_per_down": per_down, "peak_rss_mib": session.peak_rss_mib()}
        finally:
            session.close()

    def kiosk_reader(self):
        session = self.kiosk(self.seed_folder, "kiosk reader on session-expired.md")
        try:
            self.first_frame(session, [HOME_TEXT])
            session.press("enter", expect=[SEED_TITLE], quiet=self.quiet)
            session.press("enter", expect=[SEED_TITLE, "What Does"], quiet=self.quiet)
            per_line = self.scroll_lines(session)
            return {"bytes_per_line": per_line, "peak_rss_mib": session.peak_rss_mib()}
        finally:
            session.close()

    def less_seed(self):
        session = self.spawn(["less", str(self.seed_text)], "less on session-expired.md")
        try:
            first = self.first_frame(session, ['What Does "Session Expired" Mean?'])
            per_line = self.scroll_lines(session)
            return {"first_frame_ms": first, "bytes_per_line": per_line, "peak_rss_mib": session.peak_rss_mib()}
        finally:
            session.close()

    def kiosk_one(self):
        session = self.kiosk(self.one_folder, "kiosk on 1 article")
        try:
            first = self.first_frame(session, [HOME_TEXT, self.one["first_category"]])
            return {"first_frame_ms": first, "peak_rss_mib": session.peak_rss_mib()}
        finally:
            session.close()

    def kiosk_many(self):
        """Start-up on the large folder, then the 1 MB article: open it and go to its end."""
        large = self.many["large"][0]
        session = self.kiosk(self.many_folder, f"kiosk on {self.args.articles:,} articles")
        try:
            first = self.first_frame(session, [HOME_TEXT, self.many["first_category"]], timeout=600)
            session.press("enter", expect=[large["title"]], quiet=self.quiet, timeout=60)
            _, opened = session.press("enter", expect=[large["title"], "About This Reference"],
                                      quiet=self.quiet, timeout=60)
            _, ended = session.press("end", expect=[large["last_line"]], quiet=self.quiet, timeout=60)
            return {"first_frame_ms": first, "open_ms": opened * 1000, "end_ms": ended * 1000,
                    "open_end_ms": (opened + ended) * 1000, "peak_rss_mib": session.peak_rss_mib()}
        finally:
            session.close()

    def less_large(self):
        large = self.many["large"][0]
        session = self.spawn(["less", large["file"]], "less on the 1 MB article")
        try:
            opened = self.first_frame(session, ["title: " + large["title"]]) / 1000
            _, ended = session.press("G", expect=[large["last_line"]], quiet=self.quiet, timeout=60)
            return {"open_ms": opened * 1000, "end_ms": ended * 1000, "open_end_ms": (opened + ended) * 1000,
                    "peak_rss_mib": session.peak_rss_mib()}
        finally:
            session.close()

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

        generator = load_generator()
        self.one_folder = self.work / "one"
        self.one = generator.generate(1, self.one_folder, seed=1, large=0)
        self.many_folder = self.work / "many"
        started = time.perf_counter()
        self.many = generator.generate(self.args.articles, self.many_folder, seed=1, large=1)
        self.one["first_category"] = self.many["first_category"] = generator.CATEGORIES[0][0]
        print(f"generated {self.args.articles:,} articles ({self.many['bytes'] / 1e6:.0f} MB, one of about 1 MiB) "
              f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    def first_starts(self):
        """Starts the kiosk once on each folder before the timed runs, so that they measure
        a kiosk that has run on its content before; returns the first-frame times of these
        first starts on the generated folders (with a content index, the ones that build it)."""
        first = {}
        for folder, expect, name in [
            (SHIPPED, HOME_TEXT, None), (self.seed_folder, HOME_TEXT, None),
            (self.one_folder, HOME_TEXT, "kiosk_one"), (self.many_folder, HOME_TEXT, "kiosk_many"),
        ]:
            session = self.kiosk(folder, f"kiosk's first start on {folder.name}")
            try:
                time_ms = self.first_frame(session, [expect], timeout=600)
            finally:
                session.close()
            if name:
                first[name] = time_ms
        return first

    def run(self):
        trials = {
            "kiosk_home": self.kiosk_home, "dialog_menu": self.dialog_menu, "kiosk_reader": self.kiosk_reader,
            "less_seed": self.less_seed, "kiosk_one": self.kiosk_one, "kiosk_many": self.kiosk_many,
            "less_large": self.less_large,
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


def report(medians, first_starts, args):
    """The table of figures against the targets; returns its rows for --json too."""
    m = medians
    items = len(shipped_categories())
    rows = [
        # measure, kiosk, anchor, anchor name, unit, target ratio (None: for information)
        (f"first frame, Home vs dialog --menu ({items} items)", m["kiosk_home"]["first_frame_ms"],
         m["dialog_menu"]["first_frame_ms"], "dialog", "ms", 1.0),
        ("bytes per ↓, Home vs dialog --menu", m["kiosk_home"]["bytes_per_down"],
         m["dialog_menu"]["bytes_per_down"], "dialog", "B", 1.0),
        ("bytes per line scrolled, reader vs less", m["kiosk_reader"]["bytes_per_line"],
         m["less_seed"]["bytes_per_line"], "less", "B", 1.0),
        ("peak RSS, Home vs dialog --menu", m["kiosk_home"]["peak_rss_mib"], m["dialog_menu"]["peak_rss_mib"],
         "dialog", "MiB", 3.0),
        (f"start-up, {args.articles:,} vs 1 article", m["kiosk_many"]["first_frame_ms"],
         m["kiosk_one"]["first_frame_ms"], "1 article", "ms", 1.5),
        ("  first start, state folder new (one run)", first_starts["kiosk_many"], first_starts["kiosk_one"],
         "1 article", "ms", None),
        ("1 MB article: open + End vs less + G", m["kiosk_many"]["open_end_ms"], m["less_large"]["open_end_ms"],
         "less", "ms", 1.0),
        ("  open (Enter vs spawning less)", m["kiosk_many"]["open_ms"], m["less_large"]["open_ms"], "less", "ms", None),
        ("  End vs G", m["kiosk_many"]["end_ms"], m["less_large"]["end_ms"], "less", "ms", None),
        ("first frame, Home vs less on an article", m["kiosk_home"]["first_frame_ms"],
         m["less_seed"]["first_frame_ms"], "less", "ms", None),
        ("peak RSS, reader vs less", m["kiosk_reader"]["peak_rss_mib"], m["less_seed"]["peak_rss_mib"],
         "less", "MiB", None),
        (f"peak RSS, {args.articles:,} articles + 1 MB open vs less on it", m["kiosk_many"]["peak_rss_mib"],
         m["less_large"]["peak_rss_mib"], "less", "MiB", None),
    ]

    def figure(value, unit):
        return f"{value:,.1f} {unit}" if unit != "B" else f"{value:,.0f} {unit}"

    table = []
    print(f"{'measure':52} {'kiosk':>11} {'anchor':>11}  {'':9} {'ratio':>6}  {'target':7} result")
    for measure, kiosk, anchor, name, unit, target in rows:
        ratio = kiosk / anchor if anchor else float("inf")
        met = None if target is None else ratio <= target
        result = "" if met is None else ("met" if met else "missed")
        print(f"{measure:52} {figure(kiosk, unit):>11} {figure(anchor, unit):>11}  {name:9} {ratio:6.2f}  "
              f"{'' if target is None else f'≤ {target:g}':7} {result}")
        table.append({"measure": measure, "kiosk": kiosk, "anchor": anchor, "anchor_name": name, "unit": unit,
                      "ratio": ratio, "target_ratio": target, "met": met})
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
    parser.add_argument("--runs", type=int, default=5, metavar="N", help="runs; each figure is their median (default 5)")
    parser.add_argument("--size", type=parse_size, default=(80, 24), metavar="COLSxROWS",
                        help="terminal size (default 80x24)")
    parser.add_argument("--articles", type=int, default=10000, metavar="N", help="articles of the large folder (default 10000)")
    parser.add_argument("--settle", type=int, default=100, metavar="MS",
                        help="quiet time after which a screen counts as complete (default 100 ms)")
    parser.add_argument("--json", metavar="FILE", help="also write every sample and median as JSON ('-': stdout)")
    args = parser.parse_args()
    if args.runs < 1 or args.articles < 2 or args.settle < 10:
        parser.error("--runs must be 1 or more, --articles 2 or more and --settle 10 ms or more")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"bench-terminal: {args.binary} is not built: run "
                 "`swift build -c release --static-swift-stdlib --product helpdesk-kiosk` or pass --binary")
    missing = [tool for tool in ("dialog", "less") if not shutil.which(tool)]
    if missing:
        sys.exit(f"bench-terminal: {' and '.join(missing)} not found: run scripts/setup --bench "
                 f"(or apt-get install {' '.join(missing)})")
    pyte = need_pyte()

    work = Path(tempfile.mkdtemp(prefix="bench-terminal-"))
    try:
        bench = Bench(args, pyte, work)
        bench.prepare()
        first_starts = bench.first_starts()
        samples, medians = bench.run()
    except BenchError as error:
        sys.exit(f"bench-terminal: {error}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    columns, rows = args.size
    load = os.getloadavg()[0]
    print(f"Whole-process benchmark at {columns}x{rows}, medians of {args.runs} runs, programs alternating "
          f"within each run; {os.cpu_count()} cores, load average {load:.1f} at the end")
    print(f"kiosk {args.binary}; dialog {version(['dialog', '--version']).removeprefix('Version: ')}; "
          f"{version(['less', '--version'])}")
    print()
    table = report(medians, first_starts, args)
    if args.json:
        document = json.dumps({"size": f"{columns}x{rows}", "runs": args.runs, "articles": args.articles,
                               "binary": str(args.binary), "table": table, "first_starts_ms": first_starts, "medians": medians,
                               "samples": samples}, indent=2, ensure_ascii=False)
        if args.json == "-":
            print(document)
        else:
            Path(args.json).write_text(document + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
