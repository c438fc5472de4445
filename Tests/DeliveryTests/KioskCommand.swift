import Foundation
import KioskCore
import KioskOutbox
import KioskTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What a run of the built `helpdesk-kiosk` did.
struct CommandResult {
  /// The exit status, or 128 + N after signal N.
  var status: Int32
  var stdout: String
  var stderr: String

  /// Its output lines, without the empty last one.
  var lines: [String] {
    var lines = stdout.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// The built `helpdesk-kiosk`, run as the operator would: in a private folder, with a
/// fixed time zone (UTC) so that times print the same everywhere.
final class KioskProcess {
  private let process = Process()
  private let outputFile: URL
  private let errorFile: URL

  /// `$KIOSK_BINARY`, or `.build/debug/helpdesk-kiosk` in the package.
  static func binary() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["KIOSK_BINARY"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent(),
      packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("helpdesk-kiosk") }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
      throw DeliveryTestFailure("helpdesk-kiosk is not built: run `swift build --build-tests` or set KIOSK_BINARY")
    }
    return found
  }

  /// Starts the program; its output goes to files in `folder`.
  ///
  /// - Parameters:
  ///   - underSystemd: `JOURNAL_STREAM` names the standard error file, as systemd names the
  ///     journal's stream for a service.
  ///   - timeZone: `TZ`; UTC unless a test asks for another.
  init(_ arguments: [String], in folder: URL, underSystemd: Bool = false, timeZone: String = "UTC") throws {
    let name = UUID().uuidString
    outputFile = folder.appendingPathComponent("\(name).out")
    errorFile = folder.appendingPathComponent("\(name).err")
    for file in [outputFile, errorFile] {
      guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
        throw DeliveryTestFailure("cannot create \(file.path)")
      }
    }
    process.executableURL = try Self.binary()
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["TZ"] = timeZone
    environment["XDG_STATE_HOME"] = folder.appendingPathComponent("xdg").path
    environment["JOURNAL_STREAM"] = nil
    if underSystemd {
      var information = stat()
      stat(errorFile.path, &information)
      environment["JOURNAL_STREAM"] = "\(information.st_dev):\(information.st_ino)"
    }
    process.environment = environment
    process.currentDirectoryURL = folder
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
  }

  /// Waits for the end (killing the program after `timeout` seconds) and reads its output.
  func wait(timeout: TimeInterval = 60) -> CommandResult {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let status =
      process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return CommandResult(
      status: status,
      stdout: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
  }
}

/// A kiosk's state folder and configuration for one test, with tickets made in this
/// process through the same outbox the program reads.
final class KioskScenario {
  static let sender = "kiosk@netlumait.com.au"
  static let helpDesk = "helpdesk@netlumait.com.au"

  let folder: URL
  var state: URL { folder.appendingPathComponent("state") }
  var config: URL { folder.appendingPathComponent("config.yaml") }
  var msmtprc: URL { folder.appendingPathComponent("msmtprc") }

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-delivery-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try useSpool()
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// The default transport: the spool.
  func useSpool() throws {
    try write("kiosk_id: bench-1\nlocation: Test bench\nsender: \(Self.sender)\n")
  }

  /// The sendmail transport with `program` and `arguments`.
  func useSendmail(program: String, arguments: [String] = [], timeLimit: String = "10s") throws {
    let list = arguments.map { "\"\($0)\"" }.joined(separator: ", ")
    try write(
      """
      kiosk_id: bench-1
      location: Test bench
      sender: \(Self.sender)
      helpdesk_email: \(Self.helpDesk)
      transport: sendmail
      sendmail:
        program: "\(program)"
        arguments: [\(list)]
        time_limit: \(timeLimit)

      """)
  }

  /// msmtp sending to the loopback server on `port`, with its configuration file (0600).
  func useMsmtp(port: Int, program: String? = nil, timeLimit: String = "10s") throws {
    let rc = """
      host 127.0.0.1
      port \(port)
      auth off
      tls off
      from \(Self.sender)
      timeout 5

      """
    guard
      FileManager.default.createFile(
        atPath: msmtprc.path, contents: Data(rc.utf8), attributes: [.posixPermissions: 0o600])
    else { throw DeliveryTestFailure("cannot write \(msmtprc.path)") }
    try useSendmail(
      program: program ?? MailTools.msmtp ?? "/usr/bin/msmtp", arguments: ["-C", msmtprc.path],
      timeLimit: timeLimit)
  }

  /// A script in the scenario's folder, made executable; returns its path.
  func script(_ name: String, _ body: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
    chmod(url.path, 0o755)
    return url.path
  }

  private func write(_ text: String) throws {
    try text.write(to: config, atomically: true, encoding: .utf8)
  }

  /// The outbox, as the kiosk would open it.
  func outbox() throws -> Outbox { try Outbox(stateDirectory: state) }

  /// Submits `count` tickets, or the given ones; returns them as stored.
  @discardableResult
  func submit(_ tickets: [TicketContent]) throws -> [OutboxEntry] {
    let outbox = try outbox()
    let identity = KioskIdentity(
      id: "bench-1", location: "Test bench", senderAddress: Self.sender,
      contact: Contact(email: Self.helpDesk, phone: "1300 521 162"))
    return try tickets.map { ticket in
      let submitted = try outbox.submit(ticket, identity: identity)
      guard let entry = try outbox.entry(reference: submitted.reference) else {
        throw DeliveryTestFailure("\(submitted.reference) was not stored")
      }
      return entry
    }
  }

  /// Runs `helpdesk-kiosk ARGUMENTS --config … --state-dir …` to its end, with `TZ` set to
  /// `timeZone`.
  func run(_ arguments: String..., timeZone: String = "UTC", timeout: TimeInterval = 60) throws -> CommandResult {
    try start(arguments, timeZone: timeZone).wait(timeout: timeout)
  }

  /// Runs it as a systemd service would: standard error is the journal's stream.
  func runUnderSystemd(_ arguments: String..., timeout: TimeInterval = 60) throws -> CommandResult {
    try start(arguments, underSystemd: true).wait(timeout: timeout)
  }

  /// Starts `helpdesk-kiosk ARGUMENTS --config … --state-dir …`.
  func start(_ arguments: [String], underSystemd: Bool = false, timeZone: String = "UTC") throws -> KioskProcess {
    try KioskProcess(
      arguments + ["--config", config.path, "--state-dir", state.path], in: folder, underSystemd: underSystemd,
      timeZone: timeZone)
  }

  /// `<state>/kiosk.log`, one string per line; empty when there is no file.
  var logLines: [String] {
    let text = (try? String(contentsOf: state.appendingPathComponent("kiosk.log"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
  }
}

/// Tickets for the tests.
enum Tickets {
  /// Wed, 1 Jan 2025 09:30:00 +0000: for tickets whose times are printed.
  static let date = Date(timeIntervalSince1970: 1_735_723_800)

  /// A ticket made `minutes` after `start` (by default now, to the second, so that its
  /// retry lifetime has not run out).
  static func ticket(
    _ name: String = "Ann Example", description: String = "The printer says it is offline.",
    articleID: String = "printer-shows-offline", minutes: Int = 0, start: Date? = nil
  ) -> TicketContent {
    let date = start ?? Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    return TicketContent(
      name: name, contact: "ann@example.com", description: description, articleID: articleID,
      articleTitle: "Printer Shows Offline", stepsTried: ["Step 1: Check - the cable is in"],
      stepsNotTried: ["Step 2: Restart - turn it off and on"], helpful: false,
      createdAt: date.addingTimeInterval(TimeInterval(minutes * 60)))
  }

  /// A ticket with everything a mail path can get wrong: a line of one ".", lines starting
  /// with dots, a line longer than 998 octets, non-ASCII text, "From " at a line start, and
  /// trailing spaces.
  static var awkward: TicketContent {
    ticket(
      "Zoë Ñúñez-Łukasiewicz 山田",
      description: """
        First line.
        .
        ..two dots
        .leading dot
        From the start of a line
        trailing spaces  \u{20}
        \(String(repeating: "long ", count: 300))end
        """)
  }

  /// Whether two lists of messages are the same, byte for byte; with a short account of
  /// the first difference for a failure message.
  static func compare(_ received: [[UInt8]], _ expected: [[UInt8]]) -> (isSame: Bool, account: String) {
    guard received.count == expected.count else {
      return (false, "\(received.count) messages, expected \(expected.count)")
    }
    for (index, (got, want)) in zip(received, expected).enumerated() where got != want {
      let offset = zip(got, want).prefix { $0 == $1 }.count
      let context = String(decoding: got.dropFirst(max(offset - 40, 0)).prefix(80), as: UTF8.self)
      return (false, "message \(index) differs at byte \(offset) of \(got.count) (expected \(want.count)): …\(context)…")
    }
    return (true, "")
  }

  /// The Message-ID header of a message.
  static func messageID(_ message: [UInt8]) -> String? {
    String(decoding: message, as: UTF8.self).components(separatedBy: "\r\n")
      .first { $0.hasPrefix("Message-ID: ") }.map { String($0.dropFirst("Message-ID: ".count)) }
  }
}
