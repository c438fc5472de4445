import Foundation
import KioskTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The log, with the kiosk in a real terminal: lines go to `<state-dir>/kiosk.log`, never to
/// the screen, even when standard error is the screen and `JOURNAL_STREAM` names it.
@Suite("Logging end to end", .serialized, .timeLimit(.minutes(1)))
struct LoggingEndToEndTests {
  /// Text that only a log line would put on the screen.
  static let logMarks = ["helpdesk-kiosk:", "kiosk started", "ticket queued", "admin:", "info ", "<6>", "kiosk.log"]
  /// What the person types: none of it may reach the log.
  static let personal = ["Zelda", "Quixote", "zelda.q@example.com", "7731-XK", "badge"]

  /// `text` shows no log line; it must show `shown` first, so that it is known to be read.
  private func expectNoLogText(
    _ text: String, showing shown: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(text.contains(shown), "the text looked in:\n\(text)", sourceLocation: sourceLocation)
    for mark in Self.logMarks {
      #expect(!text.contains(mark), "the screen shows log text: \(mark)", sourceLocation: sourceLocation)
    }
  }

  /// The log file's lines, once `predicate` holds for them (the deliverer writes from its
  /// own thread).
  private func logLines(
    _ kiosk: TmuxSession, until what: String, _ predicate: ([String]) -> Bool
  ) async throws -> [String] {
    let file = kiosk.folder.appendingPathComponent("state/kiosk.log")
    var lines: [String] = []
    for _ in 0..<250 {
      lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
      if predicate(lines) { return lines }
      try await Task.sleep(for: .milliseconds(20))
    }
    throw EndToEndFailure(description: "kiosk.log never had \(what); it held:\n\(lines.joined(separator: "\n"))")
  }

  /// `device:inode` of a file, as systemd writes `JOURNAL_STREAM`.
  private func identity(_ path: String) -> String {
    var information = stat()
    stat(path, &information)
    return "\(information.st_dev):\(information.st_ino)"
  }

  @Test("A ticket and the admin screen: kiosk.log has start-up, ticket and admin lines; the screen has none")
  func ticketAndAdmin() async throws {
    let config = try PinConfiguration.file(pin: "4829")
    defer { try? FileManager.default.removeItem(at: config.deletingLastPathComponent()) }
    let kiosk = try TmuxSession(["--config", config.path], standardErrorOnPane: true)
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")

    // The trap is set: the kiosk's standard error is the screen, and JOURNAL_STREAM names it.
    let pid = try await kiosk.pid()
    let environment = try String(decoding: Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ")), as: UTF8.self)
    let terminal = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/2")
    #expect(terminal.hasPrefix("/dev/pts/"))
    #expect(environment.split(separator: "\0").contains("JOURNAL_STREAM=\(identity(terminal))"[...]))

    // A ticket.
    try await kiosk.openTicketForm()
    try await kiosk.fillTicketForm(name: "Zelda Quixote", contact: "zelda.q@example.com", description: "My badge 7731-XK stopped working.")
    try kiosk.send("Enter")
    // The spool transport keeps tickets on the kiosk: the person is not told it is on its way.
    var screen = try await kiosk.waitFor("Your ticket is saved")
    let reference = try #require(screen.text.firstMatch(of: /NLM-[2-9A-Z]{5}-[2-9A-Z]{5}-[0-9]{2}/).map { String($0.output) })
    _ = try await logLines(kiosk, until: "the delivery of \(reference)") {
      $0.contains { $0.contains("ticket spooled") && $0.contains(reference) }
    }
    screen = try await kiosk.waitFor("Press any key to finish")
    expectNoLogText(screen.text, showing: "Press any key to finish")

    // The admin screen: a wrong PIN, the right one, Deliver now, Exit kiosk.
    try kiosk.send("x")
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("F12")
    try await kiosk.waitFor("Operator sign-in")
    try kiosk.type("1111")
    try await kiosk.waitFor("●●●●")
    try kiosk.send("Enter")
    screen = try await kiosk.waitFor("Wrong PIN")
    expectNoLogText(screen.text, showing: "Wrong PIN")
    try kiosk.type("4829")
    try await kiosk.waitFor("●●●●")
    try kiosk.send("Enter")
    screen = try await kiosk.waitFor("Tickets are not being sent")
    #expect(screen.text.contains("0 sent today, 1 spooled today"), "\(screen.text)")
    try kiosk.send("Enter")
    screen = try await kiosk.waitFor("0 delivered, 0 to retry later, 0 failed.")
    expectNoLogText(screen.text, showing: "0 delivered, 0 to retry later, 0 failed.")
    try kiosk.send("Down", "Down", "Down", "Enter")
    #expect(try await kiosk.waitForExit() == 0)
    screen = try await kiosk.waitFor("kiosk exited with status 0")
    expectNoLogText(try kiosk.history(), showing: "kiosk exited with status 0")

    let lines = try await logLines(kiosk, until: "the exit") { $0.contains { $0.contains("admin: exit kiosk") } }
    let time = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/
    #expect(lines.allSatisfy { $0.prefixMatch(of: time) != nil }, "\(lines)")
    let started = try #require(lines.first { $0.contains(" info helpdesk-kiosk: kiosk started ") }, "\(lines)")
    for part in ["articles=", "config=\(config.path)", "kiosk_id=e2e-kiosk", "transport=spool", "mode=kiosk", "version="] {
      #expect(started.contains(part), "\(started)")
    }
    #expect(
      lines.contains { $0.contains(" warning helpdesk-kiosk: tickets are not being sent: ") && $0.contains("spool=") },
      "\(lines)")
    let expected = [
      " info helpdesk-kiosk: ticket queued reference=\(reference) status=queued",
      " info helpdesk-kiosk: ticket spooled; it waits in the spool folder to be collected attempt=1 reference=\(reference) status=spooled",
      " warning helpdesk-kiosk: admin: wrong PIN",
      " notice helpdesk-kiosk: admin: PIN accepted",
      " notice helpdesk-kiosk: admin: deliver now result=\"0 delivered, 0 to retry later, 0 failed.\"",
      " notice helpdesk-kiosk: admin: exit kiosk status=0",
    ]
    var position = lines.startIndex
    for line in expected {
      // In this order, each after the one before.
      let found = lines[position...].firstIndex { $0.hasSuffix(line) }
      #expect(found != nil, "no line ending \(line) after line \(position) in:\n\(lines.joined(separator: "\n"))")
      position = found.map { $0 + 1 } ?? position
    }
    for word in Self.personal {
      #expect(!lines.contains { $0.contains(word) }, "the log holds what the person typed: \(word)")
    }
    var information = stat()
    stat(kiosk.folder.appendingPathComponent("state/kiosk.log").path, &information)
    #expect(information.st_mode & 0o777 == 0o600)
  }

  @Test("The PIN lock, an idle session ended and SIGTERM are logged")
  func lockIdleAndSignal() async throws {
    let config = try PinConfiguration.file(pin: "4829")
    defer { try? FileManager.default.removeItem(at: config.deletingLastPathComponent()) }
    let kiosk = try TmuxSession(
      ["--config", config.path, "--idle-timeout", "3", "--idle-countdown", "1"], standardErrorOnPane: true)
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("F12")
    for _ in 0..<3 {
      try await kiosk.waitUntil("an empty PIN") { !$0.text.contains("●") }
      try kiosk.type("1111")
      try await kiosk.waitFor("●●●●")
      try kiosk.send("Enter")
    }
    try await kiosk.waitFor("Too many wrong PINs. Try again in a minute.")
    // Left alone, the session ends and the kiosk returns Home.
    try await kiosk.waitFor("How can we help?", timeout: .seconds(10))
    kill(try await kiosk.pid(), SIGTERM)
    #expect(try await kiosk.waitForExit() == 143)
    try await kiosk.waitFor("kiosk exited with status 143")
    expectNoLogText(try kiosk.history(), showing: "kiosk exited with status 143")

    let lines = try await logLines(kiosk, until: "the signal") { $0.contains { $0.contains("SIGTERM") } }
    // Start-up: the kiosk, its content index made once Home is up (a new state folder),
    // and that its spool sends nothing (the warning is checked above).
    let texts = lines.map { String($0.drop { $0 != " " }.dropFirst()) }
      .filter {
        !$0.contains("kiosk started") && !$0.contains("tickets are not being sent") && !$0.contains("content index made")
      }
    #expect(lines.contains { $0.hasSuffix("info helpdesk-kiosk: content index made articles=10") }, "\(lines)")
    #expect(
      texts == [
        "warning helpdesk-kiosk: admin: wrong PIN",
        "warning helpdesk-kiosk: admin: wrong PIN",
        "warning helpdesk-kiosk: admin: wrong PIN",
        "warning helpdesk-kiosk: admin: PIN prompt locked after too many wrong PINs seconds=60",
        "info helpdesk-kiosk: session ended after the idle time; what the person did is forgotten",
        "notice helpdesk-kiosk: kiosk ended by a signal signal=SIGTERM status=143",
      ])
  }

  @Test("A broken article is skipped and logged as a warning, not shown")
  func contentProblem() async throws {
    let content = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-content-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: content) }
    try FileManager.default.copyItem(at: shippedContent, to: content)
    try "---\ntitle: [unclosed\n---\nText\n".write(
      to: content.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
    let kiosk = try TmuxSession(content: content, standardErrorOnPane: true)
    defer { kiosk.close() }
    let screen = try await kiosk.waitFor("How can we help?")
    expectNoLogText(screen.text, showing: "How can we help?")
    #expect(!screen.text.contains("broken.md"))
    let lines = try await logLines(kiosk, until: "the content problem") { $0.contains { $0.contains("broken.md") } }
    let problem = try #require(lines.first { $0.contains("broken.md") })
    #expect(problem.contains(" warning helpdesk-kiosk: content: broken.md:"), "\(problem)")
  }

  @Test("A log that cannot be written: the kiosk runs, and says nothing on its own screen")
  func unwritableLog() async throws {
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-state-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: state) }
    // kiosk.log is a folder: it cannot be opened as a file.
    try FileManager.default.createDirectory(
      at: state.appendingPathComponent("kiosk.log"), withIntermediateDirectories: true)
    let kiosk = try TmuxSession(["--state-dir", state.path, "--idle-timeout", "0"], standardErrorOnPane: true)
    defer { kiosk.close() }
    var screen = try await kiosk.waitFor("How can we help?")
    expectNoLogText(screen.text, showing: "How can we help?")
    #expect(!screen.text.contains("cannot write the log"))
    try kiosk.send("Enter")
    screen = try await kiosk.waitFor("Enter Read")
    #expect(!screen.text.contains("cannot write the log"))
    kill(try await kiosk.pid(), SIGTERM)
    #expect(try await kiosk.waitForExit() == 143)
    try await kiosk.waitFor("kiosk exited with status 143")
    expectNoLogText(try kiosk.history(), showing: "kiosk exited with status 143")
  }

  @Test("A log that cannot be written, with standard error elsewhere: one line there, then the kiosk")
  func unwritableLogSaidOnce() async throws {
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-state-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: state) }
    try FileManager.default.createDirectory(
      at: state.appendingPathComponent("kiosk.log"), withIntermediateDirectories: true)
    let kiosk = try TmuxSession(["--state-dir", state.path, "--idle-timeout", "0"])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    let lines = kiosk.stderr().split(separator: "\n")
    #expect(lines.count == 1, "\(kiosk.stderr())")
    #expect(lines.first?.hasPrefix("helpdesk-kiosk: cannot write the log: \(state.path)/kiosk.log") == true)
    #expect(lines.first?.hasSuffix("; the kiosk runs without a log") == true)
  }
}
