import CNcursesw
import Glibc
import KioskCore
import KioskRender

/// Why the terminal cannot be used; the message is one line for standard error.
public struct TerminalError: Error, CustomStringConvertible {
  public var description: String
}

/// What the terminal delivered.
public enum TerminalInput: Equatable {
  case event(Event)
  /// A signal that asks the program to end (SIGTERM, SIGHUP, SIGINT).
  case signal(Int32)
  /// Nothing arrived within the timeout.
  case timeout
  /// The descriptor given to `nextInput` became readable: work done elsewhere is ready.
  case wake
}

/// The ncurses backend: the only code that talks to the terminal. It starts and restores
/// the terminal, reads what the terminal sends (turned into keys, pastes and mouse reports
/// by `InputDecoder`), reports resizes, and draws a cell grid, sending only the cells that
/// changed since the last frame.
public final class Terminal {
  /// Whether the locale is UTF-8; without it, text is folded to ASCII.
  public let isUnicode: Bool
  public var glyphs: Glyphs { isUnicode ? .unicode : .ascii }
  /// The theme drawn with: the one asked for, or monochrome when `NO_COLOR` is set or the
  /// terminal has no colours.
  public var theme: Theme { palette.theme }

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private let signals: Int32
  /// SIGWINCH, read as signals are: a resize wakes the input loop without a race.
  private let resizes: Int32
  private var previousMask = sigset_t()
  /// Made on the first read of input, after the first frame: its table of the terminal's
  /// key sequences is not needed to draw.
  private lazy var decoder = InputDecoder(terminalKeys: Terminal.describedKeys())
  /// Events decoded and not yet returned.
  private var decoded: [Event] = []
  /// When the terminal last sent something: the decoder's delay counts from then.
  private var lastRead = ContinuousClock.now
  private var drawn: CellGrid?
  private var palette: Palette
  private var isRestored = false
  private var isCursorShown = false

  /// Takes over the terminal on standard input and output.
  /// - Parameter theme: the configured theme.
  /// - Throws: `TerminalError` when they are not a terminal or `TERM` names none that
  ///   can be drawn on; the terminal is then left untouched.
  public init(theme: Theme = .standard) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(description: "standard input and output must be a terminal")
    }
    guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
      throw TerminalError(description: "TERM is not set: set it to the terminal's type, e.g. TERM=xterm-256color")
    }
    // The character type alone is what ncurses (wide characters) and the UTF-8 test need;
    // loading the other categories of the locale would only slow the start.
    setlocale(LC_CTYPE, "")
    isUnicode = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"

    // Check the terminal description before touching the terminal.
    var status: Int32 = 0
    guard setupterm(term, STDOUT_FILENO, &status) == OK else {
      throw TerminalError(description: "unknown terminal type '\(term)': set TERM to one this machine knows")
    }
    let canMoveCursor = kiosk_has_string_capability("cup") != 0
    del_curterm(set_curterm(nil))
    guard canMoveCursor else {
      throw TerminalError(description: "terminal type '\(term)' cannot move the cursor, so the kiosk cannot draw on it")
    }

    // Job control has no place on a kiosk: nothing stops it (ncurses then installs no
    // handler of its own for these either).
    for signal in [SIGTSTP, SIGTTIN, SIGTTOU] { Glibc.signal(signal, SIG_IGN) }

    guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
      let screen = newterm(term, output, input)
    else {
      throw TerminalError(description: "cannot start the terminal '\(term)'")
    }
    self.screen = screen
    guard let window = newwin(0, 0, 0, 0) else {
      endwin()
      delscreen(screen)
      throw TerminalError(description: "cannot create a window on the terminal")
    }
    self.window = window

    // SIGTERM, SIGHUP and SIGINT arrive through a descriptor, read in the input loop,
    // so the program can restore the terminal in an orderly way; so does SIGWINCH, on a
    // descriptor of its own.
    var endingSignals = sigset_t()
    sigemptyset(&endingSignals)
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] { sigaddset(&endingSignals, signal) }
    var resizeSignal = sigset_t()
    sigemptyset(&resizeSignal)
    sigaddset(&resizeSignal, SIGWINCH)
    var blockedSignals = endingSignals
    sigaddset(&blockedSignals, SIGWINCH)
    sigprocmask(SIG_BLOCK, &blockedSignals, &previousMask)
    signals = signalfd(-1, &endingSignals, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
    resizes = signalfd(-1, &resizeSignal, Int32(SFD_CLOEXEC | SFD_NONBLOCK))

    // ncurses sets the modes and draws; the input is read here as bytes and decoded by
    // InputDecoder (`decoder`), with the keys of the terminal's description added to the
    // common ones. Keypad mode makes the terminal send the sequences its description lists.
    raw()
    noecho()
    nonl()
    keypad(window, true)
    meta(window, true)
    mousemask(kiosk_mouse_press() | kiosk_mouse_wheel_up() | kiosk_mouse_wheel_down(), nil)
    curs_set(0)
    leaveok(window, false)
    palette = Palette.make(theme)
    Terminal.restoreOnCrash()
    // Bracketed paste: a paste arrives marked, so it is read as text, not as keys.
    Terminal.send("\u{1B}[?2004h")
  }

  deinit {
    restore()
  }

  /// The window's size now.
  public var size: Size {
    Size(columns: Int(getmaxx(window)), rows: Int(getmaxy(window)))
  }

  /// Gives the terminal back as it was: modes, cursor, main screen. Safe to call twice.
  public func restore() {
    guard !isRestored else { return }
    isRestored = true
    Terminal.send("\u{1B}[?2004l")
    curs_set(1)
    endwin()
    delwin(window)
    delscreen(screen)
    if signals >= 0 { close(signals) }
    if resizes >= 0 { close(resizes) }
    sigprocmask(SIG_SETMASK, &previousMask, nil)
  }

  /// Writes a control sequence straight to the terminal (ncurses has no call for it).
  private static func send(_ sequence: String) {
    _ = sequence.utf8CString.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count - 1) }
  }

  /// On a crash (a trap or a fault) the terminal is restored before the process dies.
  private static func restoreOnCrash() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signal in
      endwin()
      raise(signal)
    }
    action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
    sigemptyset(&action.sa_mask)
    for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
      sigaction(signal, &action, nil)
    }
  }

  // MARK: Input

  /// Waits for the next key, mouse report, resize or ending signal.
  /// - Parameters:
  ///   - timeout: milliseconds to wait; nil waits for ever.
  ///   - wake: a descriptor that another thread makes readable when its work is done.
  public func nextInput(timeout: Int? = nil, wake: Int32? = nil) -> TerminalInput {
    let deadline = timeout.map { ContinuousClock.now.advanced(by: .milliseconds($0)) }
    while true {
      // A resize first, before keys already read: they are then handled at the new size.
      if readResize() { return .event(.resize(size)) }
      if let event = nextDecoded() { return .event(event) }
      if let signal = readSignal() { return .signal(signal) }
      // Until the deadline; less while the decoder waits to see whether more of a sequence
      // (or a paste) comes.
      let flushTime = decoder.flushDelay.map { lastRead.advanced(by: .milliseconds($0)) }
      let wakeTime = [deadline, flushTime].compactMap { $0 }.min()
      let wait = wakeTime.map { Terminal.milliseconds(until: $0) }
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
        pollfd(fd: resizes, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake ?? -1, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, nfds_t(fds.count), Int32(wait ?? -1))
      if ready == 0 {
        if let flushTime, ContinuousClock.now >= flushTime {
          // Nothing more came: a lone ESC is the Escape key, a paste ends as it stands.
          decoded += decoder.flush()
          continue
        }
        if let deadline, ContinuousClock.now >= deadline { return .timeout }
        continue
      }
      if ready < 0 {
        if errno != EINTR { return .signal(SIGHUP) }
        continue
      }
      // Keys first: a finished search waits for the key in hand.
      if fds[0].revents & Int16(POLLIN) != 0 {
        // The terminal went away when it is readable but gives nothing.
        if !readTerminal() { return .signal(SIGHUP) }
        continue
      }
      if fds[3].revents & Int16(POLLIN) != 0 { return .wake }
      if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
        // The terminal went away.
        return .signal(SIGHUP)
      }
    }
  }

  /// A signal that asks the program to end, if one has come, without waiting: for long
  /// work before the run loop (the first reading of the articles) to stop at.
  public func pendingSignal() -> Int32? {
    readSignal()
  }

  private func readSignal() -> Int32? {
    var info = signalfd_siginfo()
    let count = read(signals, &info, MemoryLayout<signalfd_siginfo>.size)
    return count == MemoryLayout<signalfd_siginfo>.size ? Int32(info.ssi_signo) : nil
  }

  /// Whether the window changed size (SIGWINCH) since last asked; ncurses then takes the
  /// new size, and the next frame is drawn in full.
  private func readResize() -> Bool {
    var info = signalfd_siginfo()
    var isResized = false
    while read(resizes, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
      isResized = true
    }
    guard isResized else { return false }
    var windowSize = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &windowSize) == 0, windowSize.ws_row > 0, windowSize.ws_col > 0 {
      resize_term(Int32(windowSize.ws_row), Int32(windowSize.ws_col))
    }
    // What the terminal shows after a resize is unknown: draw all of it.
    clearok(window, true)
    return true
  }

  /// Reads what the terminal has sent and decodes it; false when it gives nothing (end of
  /// file or an error: the terminal is gone).
  private func readTerminal() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4_096)
    let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
    if count > 0 {
      lastRead = .now
      decoded += decoder.feed(buffer.prefix(count))
      return true
    }
    return count < 0 && (errno == EINTR || errno == EAGAIN)
  }

  /// The next decoded event, or nil when none is waiting.
  private func nextDecoded() -> Event? {
    guard !decoded.isEmpty else { return nil }
    let event = decoded.removeFirst()
    if event == .key(.control("l")) {
      // Ctrl-L: draw the whole screen again (after another program wrote on it).
      drawn = nil
      clearok(window, true)
      return .resize(size)
    }
    return event
  }

  /// Whole milliseconds from now to an instant, rounded up; 0 once it has passed.
  private static func milliseconds(until instant: ContinuousClock.Instant) -> Int {
    let left = ContinuousClock.now.duration(to: instant) / .milliseconds(1)
    return max(Int(left.rounded(.up)), 0)
  }

  /// The key sequences of the terminal's description (terminfo), for the decoder.
  private static func describedKeys() -> [[UInt8]: Key] {
    var keys: [[UInt8]: Key] = [:]
    for (name, key) in KeySequences.capabilities {
      // tigetstr gives NULL for an absent capability and (char *)-1 for a name that is not
      // a string capability.
      guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { continue }
      keys[Array(UnsafeRawBufferPointer(start: value, count: strlen(value)))] = key
    }
    return keys
  }

  // MARK: Output

  /// Clears the whole terminal, its scrollback too, and draws the next frame in full:
  /// nothing of a finished session stays anywhere on the screen.
  public func wipe() {
    Terminal.send("\u{1B}[3J")
    clearok(window, true)
    drawn = nil
  }

  /// Draws a frame. Only cells that differ from the last frame are handed to ncurses,
  /// which in turn sends the terminal only what changed on the screen.
  public func draw(_ grid: CellGrid) {
    let previous = drawn?.size == grid.size ? drawn : nil
    if previous == nil { werase(window) }
    // Neighbouring cells mostly share a style: its look is looked up once for them.
    var last: (style: Style, look: Palette.Look)?
    for row in 0..<grid.size.rows {
      for column in 0..<grid.size.columns {
        let cell = grid[row, column]
        if let previous, previous[row, column] == cell { continue }
        if cell.isContinuation {
          // The right half of a double-width character is drawn with its left half;
          // when the left half is not wide (ASCII folding) it needs a cell of its own.
          if isUnicode { continue }
        }
        let look: Palette.Look
        if let last, last.style == cell.style {
          look = last.look
        } else {
          look = palette.look(cell.style)
          last = (cell.style, look)
        }
        put(cell, look: look, row: row, column: column)
      }
    }
    if grid.showsCursor != isCursorShown {
      curs_set(grid.showsCursor ? 1 : 0)
      isCursorShown = grid.showsCursor
    }
    // The cursor stands on the focused item after every frame, shown or not: screen
    // readers and braille displays follow it.
    let cursor = grid.cursor ?? (0, 0)
    wmove(
      window, Int32(min(max(cursor.row, 0), max(grid.size.rows - 1, 0))),
      Int32(min(max(cursor.column, 0), max(grid.size.columns - 1, 0))))
    drawn = grid
    wnoutrefresh(window)
    doupdate()
  }

  private func put(_ cell: Cell, look: Palette.Look, row: Int, column: Int) {
    // The cell's characters, ended by a NUL, in a buffer on the stack: a screen is
    // thousands of cells.
    var buffer: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &buffer) { bytes in
      let characters = bytes.bindMemory(to: wchar_t.self)
      if isUnicode {
        // At most CCHARW_MAX - 1 of them, leaving room for the NUL.
        let room = min(Int(CCHARW_MAX), characters.count) - 1
        var count = 0
        for scalar in cell.character.unicodeScalars {
          guard count < room else { break }
          characters[count] = wchar_t(bitPattern: scalar.value)
          count += 1
        }
      } else {
        let folded = cell.isContinuation ? "?" : AsciiFold.fold(cell.character)
        characters[0] = wchar_t(folded.asciiValue ?? 0x3F)
      }
      var complex = cchar_t()
      setcchar(&complex, characters.baseAddress, look.attributes, look.pair, nil)
      mvwadd_wch(window, Int32(row), Int32(column), &complex)
    }
  }
}
