import Foundation
import KioskCore
import KioskOutbox
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The operator's commands log what they do to the tickets: to the journal under systemd,
/// else to the kiosk's own `<state-dir>/kiosk.log`.
@Suite("Operator log", .timeLimit(.minutes(1)))
struct OperatorLogTests {
  static var time: Regex<Substring> { #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /# }

  @Test("outbox test, deliver and retry log to kiosk.log (0600), each line with its time")
  func toTheFile() throws {
    let kiosk = try KioskScenario()
    let queued = try kiosk.run("outbox", "test")
    #expect(queued.status == 0, "\(queued.stderr)")
    #expect(queued.stderr == "")
    let reference = try #require(try kiosk.outbox().all().first?.reference)
    let delivered = try kiosk.run("outbox", "deliver")
    #expect(delivered.status == 0, "\(delivered.stderr)")

    let lines = kiosk.logLines
    #expect(lines.allSatisfy { $0.firstMatch(of: Self.time) != nil }, "\(lines)")
    let texts = lines.map { String($0.drop { $0 != " " }.dropFirst()) }
    #expect(
      texts == [
        "info helpdesk-kiosk: ticket queued reference=\(reference) status=queued",
        "info helpdesk-kiosk: ticket spooled; it waits in the spool folder to be collected attempt=1 reference=\(reference) status=spooled",
        "info helpdesk-kiosk: operator: outbox deliver delivered=0 failed=0 queued=0 retry_later=0 spooled=1",
      ])
    #expect(try Self.mode(kiosk.state.appendingPathComponent("kiosk.log")) == 0o600)
  }

  @Test("outbox retry logs the ticket queued again")
  func retry() throws {
    let kiosk = try KioskScenario()
    let stored = try kiosk.submit([Tickets.ticket("Ann Example")])
    try kiosk.outbox().markFailed(reference: stored[0].reference, error: "550 no such user", retryAt: nil)
    let result = try kiosk.run("outbox", "retry", stored[0].reference)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = kiosk.logLines
    #expect(lines.last?.hasSuffix(
      " notice helpdesk-kiosk: ticket queued again by the operator reference=\(stored[0].reference) status=queued") == true)
    #expect(!lines.contains { $0.contains("Ann") }, "\(lines)")
  }

  @Test("Under systemd the lines go to the journal's stream with their priority, and no file is made")
  func toTheJournal() throws {
    let kiosk = try KioskScenario()
    try kiosk.useSendmail(program: try kiosk.script("relay-down", "cat > /dev/null; exit 75"))
    #expect(try kiosk.runUnderSystemd("outbox", "test").status == 0)
    let reference = try #require(try kiosk.outbox().all().first?.reference)
    let result = try kiosk.runUnderSystemd("outbox", "deliver")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.stderr)")
    #expect(
      lines.first?.hasPrefix(
        "<4>warning helpdesk-kiosk: ticket delivery failed; it will be retried attempt=1 reason=\"relay-down exited with status 75")
        == true, "\(lines)")
    #expect(lines.first?.contains("reference=\(reference) retry_at=") == true)
    #expect(lines.last == "<6>info helpdesk-kiosk: operator: outbox deliver delivered=0 failed=0 queued=1 retry_later=1 spooled=0")
    #expect(!FileManager.default.fileExists(atPath: kiosk.state.appendingPathComponent("kiosk.log").path))
  }

  @Test("A bad configuration is logged as well as said; under systemd it is said once, as an error")
  func configurationError() throws {
    let kiosk = try KioskScenario()
    try "kiosk_id: a\nlog_level: loud\n".write(to: kiosk.config, atomically: true, encoding: .utf8)
    let result = try kiosk.run("outbox", "list")
    #expect(result.status == 78)
    let message = "\(kiosk.config.path):2: 'log_level' must be one of debug, info, notice, warning, error, not 'loud'"
    #expect(result.stderr == "helpdesk-kiosk: \(message)\n")
    #expect(kiosk.logLines.count == 1)
    #expect(kiosk.logLines.first?.hasSuffix(" error helpdesk-kiosk: \(message)") == true)

    let underSystemd = try kiosk.runUnderSystemd("stats")
    #expect(underSystemd.status == 78)
    #expect(underSystemd.stderr == "<3>error helpdesk-kiosk: \(message)\n")
  }

  @Test("A log file that cannot be written is said on stderr, and the command still works")
  func unwritable() throws {
    let kiosk = try KioskScenario()
    try FileManager.default.createDirectory(
      at: kiosk.state.appendingPathComponent("kiosk.log"), withIntermediateDirectories: true)
    let result = try kiosk.run("outbox", "test")
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("Queued NLM-"))
    #expect(
      result.stderr.hasPrefix("helpdesk-kiosk: cannot write the log: \(kiosk.state.path)/kiosk.log: cannot be opened (Is a directory)"))
    #expect(result.stderr.hasSuffix("; going on without a log\n"))
    #expect(try kiosk.outbox().all().count == 1)
  }

  @Test("Reading commands with nothing to log leave no log file behind")
  func readingLogsNothing() throws {
    let kiosk = try KioskScenario()
    try kiosk.submit([Tickets.ticket()])
    for arguments in [["outbox", "list"], ["stats"], ["outbox", "list", "--json"]] {
      #expect(try kiosk.start(arguments).wait().status == 0)
    }
    #expect(!FileManager.default.fileExists(atPath: kiosk.state.appendingPathComponent("kiosk.log").path))
  }

  private static func mode(_ url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
  }
}
