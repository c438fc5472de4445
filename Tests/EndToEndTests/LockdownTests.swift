import Foundation
import KioskTestSupport
import Testing

/// A kiosk on a public terminal: no key leaves it, and a session left alone is forgotten.
@Suite("Lock-down end to end", .serialized, .timeLimit(.minutes(1)))
struct LockdownTests {
  static let article = #"How to Fix "Your Session Has Expired" Errors"#

  /// Keys and input a curious or hostile person might try on every screen.
  static let breakout: [[String]] = [
    ["C-c"], ["C-z"], ["C-\\"], ["C-d"], ["q"], ["!"], [":"], ["F10"], ["C-s"], ["C-q"],
  ]
  static let mouseBurst = String(repeating: "\u{1B}[M !!\u{1B}[M#!!\u{1B}[<0;5;5M\u{1B}[<0;5;5m", count: 50)
  static let pastedSequences = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}P+q\u{1B}\\\u{1B}]52;c;cHduZWQ=\u{07}"

  /// Sends the breakout keys and sequences; `expected` must still show after them. Where
  /// letters are text (the search Home starts), the letters of the sequences are typed.
  private func tryToBreakOut(_ kiosk: TmuxSession, on expected: String, typesLetters: Bool = false) async throws {
    for keys in Self.breakout { try kiosk.send(keys[0]) }
    try kiosk.type(Self.pastedSequences)
    let screen = try await kiosk.waitUntilHandled()
    #expect(!kiosk.hasExited, "still running on \(expected)")
    #expect(screen.text.contains("IT Help Desk"), "\(screen)")
    #expect(screen.text.contains(expected), "still on \(expected):\n\(screen)")
    if !typesLetters { #expect(!screen.text.contains("owned")) }
  }

  @Test("Breakout keys, mouse bursts and pasted sequences on every screen leave the kiosk running")
  func breakoutOnEveryScreen() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    // On Home, q is the first letter of a search: the search screen takes the rest.
    try await tryToBreakOut(kiosk, on: "Search the articles", typesLetters: true)
    try await tryToBreakOut(kiosk, on: "Search the articles", typesLetters: true)
    try kiosk.send("Escape")
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("Home", "Enter")
    var list = try await kiosk.waitFor("Enter Read")
    for _ in 0..<10 where !list.isSelected(Self.article) { list = try await kiosk.press("Down") }
    try await tryToBreakOut(kiosk, on: "Enter Read")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Updated 7 January 2026")
    try await tryToBreakOut(kiosk, on: "Updated 7 January 2026")
    try kiosk.send("Home", "Enter")
    try await kiosk.waitFor("Try the steps:")
    try await tryToBreakOut(kiosk, on: "Try the steps:")
    try kiosk.send("End", "Enter")
    try await kiosk.waitFor("Was this article helpful?")
    try kiosk.send("Down", "Enter")
    try await kiosk.waitFor("What went wrong?")
    try await tryToBreakOut(kiosk, on: "What went wrong?")
    try kiosk.send("Escape")
    try await kiosk.waitFor("Still need help?")
    try await tryToBreakOut(kiosk, on: "Still need help?")
    try kiosk.send("Home", "Enter")
    try await kiosk.waitFor("Open a ticket")
    try await tryToBreakOut(kiosk, on: "Open a ticket")
    try kiosk.send("F1")
    try await kiosk.waitFor("Press any key to close")
    try await tryToBreakOut(kiosk, on: "IT Help Desk")
    // A burst of mouse reports: clicks may open what is under them, nothing more.
    try kiosk.type(Self.mouseBurst)
    var screen = try await kiosk.waitUntilHandled()
    #expect(!kiosk.hasExited)
    #expect(screen.text.contains("IT Help Desk"), "\(screen)")
    // An Esc flood walks back, never out. Its Escs come in pairs (Alt-Escape), so the
    // last one is not left alone to join the F1 that follows.
    for _ in 0..<40 { try kiosk.send("Escape") }
    screen = try await kiosk.waitUntilHandled()
    #expect(!kiosk.hasExited)
    #expect(screen.text.contains("IT Help Desk"), "\(screen)")

    // The kiosk started no other program.
    let pid = try await kiosk.pid()
    let name = try String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
    #expect(name == "helpdesk-kiosk\n", "the pid is the kiosk's")
    let children = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
    #expect(children.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "child processes: \(children)")
  }

  @Test("A session left alone is forgotten: screen, scrollback and database hold nothing of it")
  func idleExpiryForgetsTheSession() async throws {
    let kiosk = try TmuxSession(["--idle-timeout", "1", "--idle-countdown", "2"])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("Enter", "Enter", "Enter")
    try await kiosk.waitFor("Try the steps:")
    try kiosk.send("Space", "Tab", "Tab", "Enter", "n")
    try await kiosk.waitFor("What went wrong?")
    // Alone: an Esc followed at once by another key would be read as Alt and that key.
    try kiosk.send("Escape")
    try await kiosk.waitFor("Still need help?")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Open a ticket")
    try kiosk.type("Secret Sam")
    try await kiosk.waitFor("Secret Sam")
    try await kiosk.waitFor("Are you still there?", timeout: .seconds(5))
    try await kiosk.waitFor("How can we help?", timeout: .seconds(6))
    let screen = try await kiosk.waitUntil("the countdown gone") { !$0.text.contains("still there") }
    #expect(!screen.text.contains("Secret Sam"))
    let history = try kiosk.history()
    #expect(history.contains("How can we help?"), "the scrollback as read:\n\(history)")
    #expect(!history.contains("Secret Sam"), "the tmux scrollback")
    let state = kiosk.folder.appendingPathComponent("state")
    let files = try FileManager.default.contentsOfDirectory(atPath: state.path)
    #expect(files.contains("outbox.sqlite"), "the state folder holds the database: \(files)")
    for file in files {
      let bytes = try Data(contentsOf: state.appendingPathComponent(file))
      #expect(bytes.range(of: Data("Secret Sam".utf8)) == nil, "\(file)")
    }
    // The next person finds nothing ticked.
    try kiosk.send("Enter", "Enter", "Enter")
    try await kiosk.waitFor("0 of ")
  }

  @Test("A key during the countdown keeps the session")
  func aKeyKeepsTheSession() async throws {
    let kiosk = try TmuxSession(["--idle-timeout", "1", "--idle-countdown", "4"])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("Enter", "Enter", "Enter")
    try await kiosk.waitFor("Try the steps:")
    try kiosk.send("Space")
    try await kiosk.waitFor("Are you still there?", timeout: .seconds(5))
    try kiosk.send("x")
    let screen = try await kiosk.waitUntil("the checklist again") { !$0.text.contains("still there") }
    #expect(screen.text.contains("Try the steps:"))
    #expect(screen.text.contains("1 of "))
  }

  @Test("F12 and the PIN open the admin screen; three wrong PINs lock it; Exit kiosk leaves")
  func adminScreen() async throws {
    let config = try PinConfiguration.file(pin: "4829")
    defer { try? FileManager.default.removeItem(at: config.deletingLastPathComponent()) }
    let kiosk = try TmuxSession(["--config", config.path])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("F12")
    try await kiosk.waitFor("Operator sign-in")
    try kiosk.type("4829")
    var screen = try await kiosk.waitFor("●●●●")
    #expect(!screen.text.contains("4829"), "the PIN is never shown")
    try kiosk.send("Enter")
    screen = try await kiosk.waitFor("Kiosk administration")
    #expect(screen.text.contains("Kiosk e2e-kiosk, Test bench"))
    try await kiosk.waitFor("Tickets: 0 waiting to be sent, 0 failed, 0 sent today")
    try kiosk.send("Escape")
    try await kiosk.waitFor("How can we help?")

    try kiosk.send("F12")
    for _ in 0..<3 {
      try await kiosk.waitUntil("an empty PIN") { !$0.text.contains("●") }
      try kiosk.type("1111")
      try await kiosk.waitFor("●●●●")
      try kiosk.send("Enter")
    }
    try await kiosk.waitFor("Too many wrong PINs. Try again in a minute.")
    try kiosk.type("4829")
    try kiosk.send("Enter")
    let locked = try await kiosk.waitUntilHandled()
    #expect(locked.text.contains("Too many wrong PINs. Try again in a minute."), "\(locked)")
    #expect(!locked.text.contains("Kiosk administration"), "locked even for the right PIN")
    kill(try await kiosk.pid(), SIGTERM)
    #expect(try await kiosk.waitForExit() == 143)

    let again = try TmuxSession(["--config", config.path])
    defer { again.close() }
    try await again.waitFor("How can we help?")
    try again.send("F12")
    try await again.waitFor("Operator sign-in")
    try again.type("4829")
    try await again.waitFor("●●●●")
    try again.send("Enter")
    try await again.waitFor("Kiosk administration")
    // Tickets, with the outbox empty; Esc comes back to it, then Exit kiosk.
    try again.send("Down", "Enter")
    try await again.waitFor("No tickets in the outbox.")
    try again.send("Escape")
    try await again.waitFor("Kiosk administration")
    try again.send("Down", "Down", "Enter")
    #expect(try await again.waitForExit() == 0)
  }

  @Test("Without a UTF-8 locale the kiosk draws in ASCII")
  func asciiWithoutUTF8() async throws {
    let kiosk = try TmuxSession(locale: "C")
    defer { kiosk.close() }
    var screen = try await kiosk.waitFor("How can we help?")
    #expect(screen.text.contains("helpdesk@netlumait.com.au - 1300 521 162"))
    #expect(screen.text.contains(" > Common Error Messages"))
    #expect(screen.text.contains(String(repeating: "-", count: 80)))
    #expect(screen.text.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
    try kiosk.send("Enter", "Enter")
    screen = try await kiosk.waitFor("Updated ")
    #expect(screen.text.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
  }

  @Test("A bad configuration file stops the kiosk before it starts, naming the key and line")
  func badConfiguration() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("config.yaml")
    try "kiosk_id: a\nidle_timeout: soon\n".write(to: config, atomically: true, encoding: .utf8)
    let kiosk = try TmuxSession(["--config", config.path])
    defer { kiosk.close() }
    #expect(try await kiosk.waitForExit() == 78)
    #expect(kiosk.stderr().contains("config.yaml:2: 'idle_timeout' must be a whole number"))
    let screen = try await kiosk.waitFor("kiosk exited with status 78")
    #expect(!screen.text.contains("IT Help Desk"))
  }
}

/// The real binary under a stream of random keys and resizes.
@Suite("Monkey end to end", .serialized, .timeLimit(.minutes(1)))
struct MonkeyEndToEndTests {
  static let keys = [
    "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "Enter", "Escape", "BSpace",
    "DC", "Tab", "BTab", "Space", "F1", "F10", "F12", "q", "y", "n", "x", "7", "?", "C-c", "C-z",
    "C-d", "C-l",
  ]

  @Test("10,000 seeded random keys, with resizes from 1x1 to 300x100, leave the kiosk running")
  func tenThousandKeys() async throws {
    let kiosk = try TmuxSession(["--idle-timeout", "0"])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    var random = SplitMix(state: 2026)
    let sizes = [(1, 1), (300, 100), (40, 12), (39, 11), (120, 40), (2, 50), (80, 24)]
    for batch in 0..<100 {
      let keys = (0..<100).map { _ in Self.keys[Int(random.next() % UInt64(Self.keys.count))] }
      try kiosk.send(keys)
      if batch % 10 == 9 {
        let size = sizes[(batch / 10) % sizes.count]
        try kiosk.resize(columns: size.0, rows: size.1)
      }
      #expect(!kiosk.hasExited, "batch \(batch)")
      if kiosk.hasExited { return }
    }
    try kiosk.resize(columns: 80, rows: 24)
    // Ctrl-L draws the screen again, or is taken up by an Esc the monkey sent last (as
    // Alt-Ctrl-L), which must not be followed by F1.
    try kiosk.send("C-l")
    // The kiosk may still be working through the keys, and may have a help open: the help
    // is closed and opened again until it shows.
    let screen = try await kiosk.waitUntilHandled(timeout: .seconds(30))
    #expect(!kiosk.hasExited)
    #expect(screen.text.contains("IT Help Desk"), "\(screen)")
    #expect(screen.lines.count == 24)
  }

}

extension String {
  /// Appends the string to a file.
  func appendingToFile(_ url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(utf8))
  }
}
