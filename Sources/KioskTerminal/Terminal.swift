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
/// the terminal, turns keys, mouse reports and resizes into events, and draws a cell grid,
/// sending only the cells that changed since the last frame.
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
  private var blockedSignals = sigset_t()
  private var previousMask = sigset_t()
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
    setlocale(LC_ALL, "")
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
    // so the program can restore the terminal in an orderly way.
    sigemptyset(&blockedSignals)
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] { sigaddset(&blockedSignals, signal) }
    sigprocmask(SIG_BLOCK, &blockedSignals, &previousMask)
    signals = signalfd(-1, &blockedSignals, Int32(SFD_CLOEXEC | SFD_NONBLOCK))

    raw()
    noecho()
    nonl()
    keypad(window, true)
    meta(window, true)
    Terminal.defineCommonKeys()
    set_escdelay(25)
    mouseinterval(0)
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
    sigprocmask(SIG_SETMASK, &previousMask, nil)
  }

  /// Writes a control sequence straight to the terminal (ncurses has no call for it).
  private static func send(_ sequence: String) {
    _ = sequence.utf8CString.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count - 1) }
  }

  /// Keys whose sequences differ between terminals and their descriptions (tmux sends
  /// `ESC [ 4 ~` for End where xterm's entry says `ESC O F`): ncurses learns them all,
  /// so arrows, Home, End, Delete and the page keys work whatever `TERM` claims.
  private static func defineCommonKeys() {
    let keys: [(String, Int32)] = [
      ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
      ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
      ("\u{1B}[3~", KEY_DC), ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[Z", KEY_BTAB),
      // Arrows in both cursor-key modes: a terminal may not switch modes as asked.
      ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
      ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
    ]
    for (sequence, key) in keys where key_defined(sequence) <= 0 {
      define_key(sequence, key)
    }
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
    while true {
      if let event = readEvent() { return .event(event) }
      if let signal = readSignal() { return .signal(signal) }
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake ?? -1, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, nfds_t(fds.count), Int32(timeout ?? -1))
      if ready == 0 { return .timeout }
      // Keys first: a finished search waits for the key in hand.
      if ready > 0 && fds[2].revents & Int16(POLLIN) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
        return .wake
      }
      if ready < 0 && errno != EINTR { return .signal(SIGHUP) }
      if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
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

  /// One event from what ncurses has read, or nil when nothing is waiting.
  private func readEvent() -> Event? {
    wtimeout(window, 0)
    while true {
      var character: wint_t = 0
      let status = wget_wch(window, &character)
      if status == ERR { return nil }
      if status == KEY_CODE_YES {
        if let event = functionKey(Int32(character)) { return event }
        continue
      }
      if character == 0x1B {
        switch readEscapeSequence() {
        case .key: return .key(.escape)
        case .paste(let text): return .paste(text)
        case .discarded: continue
        }
      }
      if character == 0x0C {
        // Ctrl-L: draw the whole screen again (after another program wrote on it).
        drawn = nil
        clearok(window, true)
        return .resize(size)
      }
      if let key = Terminal.key(for: character) { return .key(key) }
    }
  }

  /// What an ESC that ncurses did not know as a key turned out to start.
  private enum EscapeSequence {
    /// Nothing followed: the Escape key.
    case key
    /// A bracketed paste, with its text.
    case paste(String)
    /// A sequence (pasted, or a key the terminal description lacks), read and dropped.
    case discarded
  }

  /// The longest paste kept; the rest of a longer one is read and dropped.
  private static let maximumPaste = 16_384

  /// Reads what follows an ESC that ncurses did not know as a key. When more input is
  /// already waiting, the ESC started a sequence: a bracketed paste is returned as text,
  /// anything else is read whole and dropped, so no part of it becomes a key.
  private func readEscapeSequence() -> EscapeSequence {
    var next: wint_t = 0
    guard wget_wch(window, &next) == OK else { return .key }
    switch next {
    case 0x5B:  // CSI: parameters and intermediates, then a final byte
      var parameters = ""
      while wget_wch(window, &next) == OK, !(0x40...0x7E).contains(next) {
        if let scalar = Unicode.Scalar(UInt32(next)) { parameters.unicodeScalars.append(scalar) }
      }
      if parameters == "200" && next == 0x7E { return .paste(readPaste()) }
    case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC: up to BEL or ST
      var previous: wint_t = 0
      while wget_wch(window, &next) == OK {
        if next == 0x07 || next == 0x9C || (previous == 0x1B && next == 0x5C) { break }
        previous = next
      }
    case 0x4F:  // SS3: one more character (keypad keys in application mode)
      _ = wget_wch(window, &next)
    default:  // Alt plus a key
      break
    }
    return .discarded
  }

  /// The text of a bracketed paste, up to its closing `ESC [ 2 0 1 ~`.
  private func readPaste() -> String {
    wtimeout(window, 100)
    defer { wtimeout(window, 0) }
    let end: [wint_t] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
    var text = String.UnicodeScalarView()
    var tail: [wint_t] = []
    var next: wint_t = 0
    while true {
      let status = wget_wch(window, &next)
      if status == ERR { break }
      if status == KEY_CODE_YES { continue }
      tail.append(next)
      if tail.count > end.count { tail.removeFirst() }
      if tail == end {
        text.removeLast(min(end.count - 1, text.count))
        break
      }
      if text.count < Terminal.maximumPaste, let scalar = Unicode.Scalar(UInt32(next)) {
        text.append(scalar == "\r" ? "\n" : scalar)
      }
    }
    return String(text)
  }

  /// A character from the keyboard as a key: control characters by name, never raw.
  static func key(for character: wint_t) -> Key? {
    switch character {
    case 0x0D, 0x0A: return .enter
    case 0x09: return .tab
    case 0x1B: return .escape
    case 0x7F, 0x08: return .backspace
    case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(character) + 0x60)))
    case 0x00, 0x1C...0x1F, 0x80...0x9F: return nil
    default:
      guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
      let text = TerminalText.sanitize(String(scalar))
      return text.first.map { .character($0) }
    }
  }

  private func functionKey(_ code: Int32) -> Event? {
    switch code {
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_HOME: return .key(.home)
    case KEY_END, KEY_LL: return .key(.end)
    case KEY_ENTER: return .key(.enter)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_DC: return .key(.delete)
    case KEY_BTAB: return .key(.backTab)
    case KEY_RESIZE: return .resize(size)
    case KEY_MOUSE: return mouse()
    case kiosk_key_f(1)...kiosk_key_f(24): return .key(.function(Int(code - kiosk_key_f(0))))
    default: return nil
    }
  }

  private func mouse() -> Event? {
    var report = MEVENT()
    guard getmouse(&report) == OK else { return nil }
    let kind: MouseEvent.Kind
    if report.bstate & kiosk_mouse_wheel_up() != 0 {
      kind = .wheelUp
    } else if report.bstate & kiosk_mouse_wheel_down() != 0 {
      kind = .wheelDown
    } else if report.bstate & kiosk_mouse_press() != 0 {
      kind = .press
    } else {
      return nil
    }
    return .mouse(MouseEvent(kind, row: Int(report.y), column: Int(report.x)))
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
    for row in 0..<grid.size.rows {
      for column in 0..<grid.size.columns {
        let cell = grid[row, column]
        if let previous, previous[row, column] == cell { continue }
        if cell.isContinuation {
          // The right half of a double-width character is drawn with its left half;
          // when the left half is not wide (ASCII folding) it needs a cell of its own.
          if isUnicode { continue }
        }
        put(cell, row: row, column: column)
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

  private func put(_ cell: Cell, row: Int, column: Int) {
    let look = palette.look(cell.style)
    var characters: [wchar_t]
    if isUnicode {
      characters = cell.character.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
    } else {
      let folded = cell.isContinuation ? "?" : AsciiFold.fold(cell.character)
      characters = [wchar_t(folded.asciiValue ?? 0x3F)]
    }
    characters.append(0)
    var complex = cchar_t()
    setcchar(&complex, characters, look.attributes, look.pair, nil)
    mvwadd_wch(window, Int32(row), Int32(column), &complex)
  }
}
