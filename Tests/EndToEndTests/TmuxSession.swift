import Foundation
import KioskTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an end-to-end step failed; the message carries the screen as it was last seen.
struct EndToEndFailure: Error, CustomStringConvertible {
  var description: String
}

/// Where the `helpdesk-kiosk` executable is.
enum KioskBinary {
  /// `KIOSK_BINARY` when set; else the build folder the test bundle runs from; else
  /// `<package>/.build/debug/helpdesk-kiosk`.
  static func locate() throws -> URL {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["KIOSK_BINARY"], !path.isEmpty {
      let url = URL(fileURLWithPath: path)
      guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw EndToEndFailure(description: "KIOSK_BINARY=\(path) is not an executable file")
      }
      return url
    }
    let candidates = candidateFolders().map { $0.appendingPathComponent("helpdesk-kiosk") }
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
      return found
    }
    throw EndToEndFailure(
      description: "helpdesk-kiosk was not found (looked at \(candidates.map(\.path).joined(separator: ", "))); "
        + "build it with `swift build --build-tests` or set KIOSK_BINARY")
  }

  /// On Linux the test runner is `.build/<triple>/debug/<package>PackageTests.xctest`, an
  /// executable: `CommandLine.arguments[0]` names it and `Bundle.main` is its folder. On
  /// macOS the bundle is a folder inside the build folder.
  static func candidateFolders() -> [URL] {
    var folders: [URL] = []
    if let first = CommandLine.arguments.first, first.contains("/") {
      folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
    }
    let bundle = Bundle.main.bundleURL.resolvingSymlinksInPath()
    folders.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
    for testBundle in Bundle.allBundles where testBundle.bundleURL.pathExtension == "xctest" {
      folders.append(testBundle.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    folders.append(packageRoot.appendingPathComponent(".build/debug"))
    return folders
  }
}

/// A private tmux server with one session of 1 window running the kiosk, for one test.
///
/// The kiosk runs under a small shell script that writes the kiosk's pid before it starts
/// and its exit status after it ends, then prints a line and lingers, so that the pane
/// (and what the kiosk left on it) can still be read after the kiosk has gone.
final class TmuxSession {
  /// The tmux socket name (`tmux -L`): unique per test, so tests can run in parallel.
  let socket: String
  /// A private folder for the script, the status, pid and stderr files and the state.
  let folder: URL
  let statusFile: URL
  let pidFile: URL
  let stderrFile: URL
  private static let sessionName = "kiosk"
  private var isClosed = false

  /// Starts `helpdesk-kiosk ARGUMENTS` in a new tmux server.
  /// - Parameters:
  ///   - arguments: the kiosk's arguments; `--state-dir` is added for `run` unless given.
  ///   - term: the `TERM` the kiosk gets.
  ///   - content: passed as `--content` unless nil.
  ///   - standardErrorOnPane: the kiosk's standard error is the pane itself rather than the
  ///     `stderr` file, and `JOURNAL_STREAM` names it (as a careless unit file could), so
  ///     that anything the kiosk writes there shows on the screen.
  ///   - environment: more variables for the kiosk, e.g. `NO_COLOR`.
  init(
    _ arguments: [String] = [], term: String = "xterm-256color", columns: Int = 80, rows: Int = 24,
    content: URL? = shippedContent, locale: String = "C.UTF-8", standardErrorOnPane: Bool = false,
    environment: [String: String] = [:]
  ) throws {
    let tmux = try Tmux.executable()
    let binary = try KioskBinary.locate()
    socket = "kiosk-e2e-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(socket, isDirectory: true)
    statusFile = folder.appendingPathComponent("status")
    pidFile = folder.appendingPathComponent("pid")
    stderrFile = folder.appendingPathComponent("stderr")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

    var kioskArguments = arguments
    if let content { kioskArguments += ["--content", content.path] }
    if !arguments.contains("--state-dir") && arguments.first != "check" {
      kioskArguments += ["--state-dir", folder.appendingPathComponent("state").path]
    }
    // CI has an unknown environment: force a UTF-8 locale and the terminal type, and drop
    // what would override them (LC_ALL) or the window size (LINES, COLUMNS).
    let command =
      ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "-u", "LINES", "-u", "COLUMNS", "-u", "NO_COLOR",
       "LANG=\(locale)", "TERM=\(term)"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
      + [binary.path] + kioskArguments
    let status = statusFile.path
    let journal = standardErrorOnPane ? "JOURNAL_STREAM=\"$(stat -L -c %d:%i /proc/self/fd/2)\"; export JOURNAL_STREAM" : ""
    let redirection = standardErrorOnPane ? "" : "2> \(Tmux.quote(stderrFile.path))"
    let script = """
      #!/bin/sh
      stty -g > \(Tmux.quote(folder.appendingPathComponent("stty.before").path))
      \(journal)
      sh -c 'echo $$ > "$0"; exec "$@"' \(Tmux.quote(pidFile.path)) \
      \(command.map(Tmux.quote).joined(separator: " ")) \(redirection)
      status=$?
      stty -g > \(Tmux.quote(folder.appendingPathComponent("stty.after").path))
      echo "$status" > \(Tmux.quote(status + ".tmp"))
      mv \(Tmux.quote(status + ".tmp")) \(Tmux.quote(status))
      printf '\\n%s\\n' "kiosk exited with status $status"
      sleep 30

      """
    let scriptFile = folder.appendingPathComponent("run.sh")
    try script.write(to: scriptFile, atomically: true, encoding: .utf8)

    self.tmux = tmux
    try run(
      "new-session", "-d", "-s", Self.sessionName, "-x", "\(columns)", "-y", "\(rows)",
      "-e", "TERM=\(term)", "-e", "LANG=C.UTF-8", "sh \(Tmux.quote(scriptFile.path))")
    socketPath = try? run("display-message", "-p", "#{socket_path}").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The server's socket file, which `kill-server` leaves behind.
  private var socketPath: String?

  private let tmux: URL

  deinit { close() }

  /// Kills the tmux server (and with it the kiosk) and removes the private folder.
  func close() {
    guard !isClosed else { return }
    isClosed = true
    _ = try? run("kill-server")
    if let socketPath, socketPath.hasSuffix("/\(socket)") { unlink(socketPath) }
    try? FileManager.default.removeItem(at: folder)
  }

  // MARK: Keys and size

  /// Types text as it is, as a paste would arrive: no key names, control characters and
  /// escape sequences included.
  func type(_ text: String) throws {
    try run("send-keys", "-t", Self.sessionName, "-l", text)
  }

  /// Sends keys by their tmux names: `Down`, `Enter`, `Escape`, `BSpace`, `NPage`, `C-c`, `q`.
  func send(_ keys: String...) throws {
    try send(keys)
  }

  func send(_ keys: [String]) throws {
    try run(["send-keys", "-t", Self.sessionName] + keys)
  }

  /// Resizes the window; the kiosk gets SIGWINCH.
  func resize(columns: Int, rows: Int) throws {
    try run("resize-window", "-t", Self.sessionName, "-x", "\(columns)", "-y", "\(rows)")
  }

  /// A tmux format about the pane, e.g. `#{alternate_on}`.
  func format(_ format: String) throws -> String {
    try run("display-message", "-p", "-t", Self.sessionName, format)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  // MARK: Reading the screen

  /// The visible pane as text, one line per row (trailing blanks dropped by tmux).
  func screen() throws -> String {
    var text = try run("capture-pane", "-p", "-t", Self.sessionName)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  /// Polls the screen every 20 ms until `predicate` holds on a screen that stays the same
  /// for 20 ms; returns that screen.
  @discardableResult
  func waitUntil(
    _ what: String, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation,
    _ predicate: (Screen) -> Bool
  ) async throws -> Screen {
    let (found, last) = try await firstScreen(within: timeout, where: predicate)
    if let found { return found }
    throw timedOut(waitingFor: what, after: timeout, last: last, sourceLocation)
  }

  /// The first screen within `timeout` on which `predicate` holds and that stays the same
  /// for 20 ms, or nil; and the last screen seen.
  private func firstScreen(
    within timeout: Duration, where predicate: (Screen) -> Bool
  ) async throws -> (found: Screen?, last: Screen) {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    var last = Screen(text: "")
    while true {
      last = Screen(text: try screen())
      if predicate(last) {
        // A capture can catch a redraw half done: return a screen that has settled.
        try await Task.sleep(for: .milliseconds(20))
        let again = Screen(text: try screen())
        if again == last { return (last, last) }
        continue
      }
      if clock.now >= deadline { return (nil, last) }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  private func timedOut(
    waitingFor what: String, after timeout: Duration, last: Screen, _ sourceLocation: SourceLocation
  ) -> EndToEndFailure {
    EndToEndFailure(
      description: "\(sourceLocation.fileName):\(sourceLocation.line): timed out after \(timeout) "
        + "waiting for \(what); the screen was:\n\(last.framed)\n"
        + "kiosk stderr: \(stderr().isEmpty ? "(empty)" : stderr())")
  }

  /// The visible pane with its colours and attributes as SGR escape sequences.
  func styledScreen() throws -> String {
    try run("capture-pane", "-p", "-e", "-t", Self.sessionName)
  }

  /// Where the terminal's cursor is, as a row and a column from 0, and whether it is shown.
  func cursor() throws -> (row: Int, column: Int, isShown: Bool) {
    let words = try format("#{cursor_y} #{cursor_x} #{cursor_flag}").split(separator: " ").compactMap { Int($0) }
    guard words.count == 3 else { throw EndToEndFailure(description: "tmux gave no cursor position: \(words)") }
    return (words[0], words[1], words[2] == 1)
  }

  /// The pane's scrollback and screen, all of it.
  func history() throws -> String {
    try run("capture-pane", "-p", "-S", "-", "-E", "-", "-t", Self.sessionName)
  }

  /// Waits until `text` is on the screen.
  @discardableResult
  func waitFor(
    _ text: String, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> Screen {
    try await waitUntil("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) {
      $0.text.contains(text)
    }
  }

  /// Waits until the screen differs from `previous`.
  @discardableResult
  func waitForChange(
    from previous: Screen, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> Screen {
    try await waitUntil("the screen to change", timeout: timeout, sourceLocation: sourceLocation) {
      $0 != previous
    }
  }

  /// Sends one key and waits until the screen shows its effect.
  @discardableResult
  func press(
    _ key: String, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> Screen {
    let before = Screen(text: try screen())
    try send(key)
    return try await waitForChange(from: before, timeout: timeout, sourceLocation: sourceLocation)
  }

  /// Waits until the kiosk has read and handled every key sent so far, and returns the
  /// screen they left. F1 opens the help on every screen and any key closes it: the help
  /// showing after F1 proves that the keys before F1 were handled, so what they did not do
  /// can be checked now, where a pause would only hope so. F1 then closes the help again.
  ///
  /// A help left open on the screen is first waited away: the keys sent close it, or else
  /// F1 does. The keys must not end in a lone Escape: an Esc followed at once by F1 is read
  /// as Alt-F1.
  ///
  /// The kiosk may have a help open that it has not drawn yet: still working through keys
  /// sent, or drawing the whole screen again (Ctrl-L, which does not close the help). F1
  /// then closes it; and a press not read yet can undo the one before. So each step presses
  /// F1 again, after waits that double, until the screen shows what it waits for.
  @discardableResult
  func waitUntilHandled(
    timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> Screen {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    func step(_ what: String, pressingFirst: Bool, _ predicate: (Screen) -> Bool) async throws -> Screen {
      var wait = Duration.milliseconds(250)
      var isPressing = pressingFirst
      while true {
        if isPressing { try send("F1") }
        isPressing = true
        let (found, last) = try await firstScreen(
          within: min(wait, ContinuousClock.now.duration(to: deadline)), where: predicate)
        if let found { return found }
        if ContinuousClock.now >= deadline { throw timedOut(waitingFor: what, after: timeout, last: last, sourceLocation) }
        wait *= 2
      }
    }
    _ = try await step("a help already open to close", pressingFirst: false) { !$0.showsHelp }
    _ = try await step("the help", pressingFirst: true) { $0.showsHelp }
    return try await step("the help closed", pressingFirst: true) { !$0.showsHelp }
  }

  // MARK: The process

  /// The kiosk's exit status once it has ended, or nil if it is still running at the timeout.
  func waitForExit(timeout: Duration = .seconds(5)) async throws -> Int32? {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      if let text = try? String(contentsOf: statusFile, encoding: .utf8),
        let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return status
      }
      if clock.now >= deadline { return nil }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  /// Whether the kiosk has ended (its exit status is written).
  var hasExited: Bool { FileManager.default.fileExists(atPath: statusFile.path) }

  /// The kiosk's process id, written by the wrapper just before it runs the kiosk.
  func pid(timeout: Duration = .seconds(5)) async throws -> pid_t {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
      if let text = try? String(contentsOf: pidFile, encoding: .utf8),
        let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return pid
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    throw EndToEndFailure(description: "the wrapper did not write the kiosk's pid")
  }

  /// What the kiosk wrote on standard error.
  func stderr() -> String {
    (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
  }

  // MARK: tmux

  @discardableResult
  private func run(_ arguments: String...) throws -> String {
    try run(arguments)
  }

  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    try Tmux.run(tmux, ["-f", "/dev/null", "-L", socket] + arguments, scratch: folder)
  }
}

/// A captured screen, with a few ways to look at it.
struct Screen: Equatable, CustomStringConvertible {
  var text: String

  var lines: [String] { text.components(separatedBy: "\n") }

  func line(_ row: Int) -> String {
    let lines = lines
    return lines.indices.contains(row) ? lines[row] : ""
  }

  /// The text with runs of white space (and line ends) made one space, for wrapped prose.
  var flattened: String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  /// The row whose text contains `text`.
  func row(containing text: String) -> Int? {
    lines.firstIndex { $0.contains(text) }
  }

  /// Whether the row holding `text` is the selected menu entry (it starts with "›").
  func isSelected(_ text: String) -> Bool {
    guard let row = row(containing: text) else { return false }
    return line(row).trimmingCharacters(in: .whitespaces).hasPrefix("›")
  }

  /// The selected menu entry's first line, without the pointer.
  var selectedEntry: String? {
    lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("›") }
      .map { $0.trimmingCharacters(in: .whitespaces).dropFirst().trimmingCharacters(in: .whitespaces) }
  }

  /// The label in the rule above the key hints ("Top", "Bot", "42%", "1–4 of 5"), or "" when
  /// the rule has none. `rows` is the window's height.
  func position(rows: Int) -> String {
    line(rows - 2).trimmingCharacters(in: CharacterSet(charactersIn: "─ "))
  }

  /// Whether the help is over the screen: its box is titled "Keys", and the start of
  /// "Press any key to close" shows in its bottom edge however narrow the box.
  var showsHelp: Bool { text.contains(" Keys ") && text.contains("Press any key") }

  /// The screen inside a frame, so that blank lines and trailing text show in a message.
  var framed: String {
    lines.map { "|\($0)" }.joined(separator: "\n")
  }

  var description: String { framed }
}

/// Running tmux itself.
enum Tmux {
  static func executable() throws -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
    for folder in folders {
      let candidate = URL(fileURLWithPath: folder).appendingPathComponent("tmux")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw EndToEndFailure(
      description: "tmux is not installed (not on PATH nor in /usr/bin): the end-to-end tests need it; "
        + "install it with `apt-get install -y tmux` (Debian) or `brew install tmux` (macOS)")
  }

  /// Runs tmux and returns its standard output; throws with its standard error on failure.
  ///
  /// tmux is started with `posix_spawn`, not Foundation's `Process`, to give it an empty
  /// signal mask and default signal actions. The test runner's threads block most signals
  /// and a child inherits that mask: a tmux server started so would ignore the SIGTERM with
  /// which `kill-server` ends it, and the kiosk in its pane would never get SIGWINCH.
  /// Output goes to files, not pipes: the server that `new-session` forks would hold a
  /// pipe open for ever.
  static func run(_ tmux: URL, _ arguments: [String], scratch: URL) throws -> String {
    let outputFile = scratch.appendingPathComponent("tmux.out")
    let errorFile = scratch.appendingPathComponent("tmux.err")
    var environment = ProcessInfo.processInfo.environment
    // Not the tmux the tests may run in, and a UTF-8 locale for the server and its output.
    for name in ["TMUX", "TMUX_PANE", "LC_ALL", "LC_CTYPE"] { environment[name] = nil }
    environment["LANG"] = "C.UTF-8"
    let pid = try CleanSpawn.start(
      tmux.path, [tmux.path] + arguments, environment: environment.map { "\($0.key)=\($0.value)" },
      output: outputFile.path, errors: errorFile.path)
    let status = try CleanSpawn.wait(pid)
    let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    guard status == 0 else {
      let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
      throw EndToEndFailure(
        description: "tmux \(arguments.joined(separator: " ")) failed with status \(status): \(errors)")
    }
    return output
  }

  /// A word for `sh`, in single quotes.
  static func quote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
