import Foundation
import KioskCore
import KioskOutbox
import KioskTestSupport
import Testing

/// `helpdesk-kiosk metrics` and the shipped Prometheus rules, checked by Prometheus's own
/// promtool (Debian's prometheus package; scripts/setup and .ci/run install it).
@Suite("Metrics for Prometheus", .timeLimit(.minutes(1)))
struct MetricsTests {
  static let rules = packageRoot.appendingPathComponent("Resources/prometheus/helpdesk-kiosk-rules.yml")

  static var promtool: String {
    get throws {
      let path = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
      return try #require(path, "promtool is not installed: install prometheus (scripts/setup and .ci/run do)")
    }
  }

  /// Runs a program with its output in files (promtool's can be long).
  static func run(_ program: String, _ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let inputPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
    try process.run()
    if let input {
      inputPipe.fileHandleForWriting.write(Data(input.utf8))
      try inputPipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test("After a scripted session the metrics hold its exact counts, and promtool finds the file well formed")
  func scriptedSession() throws {
    let kiosk = try KioskScenario()
    let outbox = try kiosk.outbox()
    // Two tickets, one of which failed; one fix; one reason; a visit.
    let stored = try kiosk.submit([Tickets.ticket(), Tickets.ticket(articleID: "session-expired")])
    try outbox.markFailed(reference: stored[1].reference, error: "the relay refused it", retryAt: nil)
    try outbox.recordOutcome(.fixed(articleID: "printer-shows-offline"), at: Tickets.date)
    try outbox.recordOutcome(.session, at: Tickets.date)
    try outbox.recordVote(articleID: "session-expired", helpful: false, at: Tickets.date)
    try outbox.recordReason(articleID: "session-expired", reason: .stepsDidNotWork, at: Tickets.date)
    // The spool (the default transport) takes the other ticket: spooled, which is not delivered.
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    // The running kiosk records its start for the metrics.
    try Data("1796000000\n".utf8).write(to: kiosk.state.appendingPathComponent("kiosk-started"))

    let file = kiosk.folder.appendingPathComponent("helpdesk-kiosk.prom")
    let result = try kiosk.run("metrics", "--output", file.path)
    #expect(result.status == 0, "\(result)")
    let text = try String(contentsOf: file, encoding: .utf8)
    let labels = "kiosk_id=\"bench-1\",location=\"Test bench\""
    for line in [
      "helpdesk_kiosk_outbox_tickets{\(labels),status=\"queued\"} 0",
      "helpdesk_kiosk_outbox_tickets{\(labels),status=\"spooled\"} 1",
      "helpdesk_kiosk_outbox_tickets{\(labels),status=\"delivered\"} 0",
      "helpdesk_kiosk_outbox_tickets{\(labels),status=\"failed\"} 1",
      "helpdesk_kiosk_last_delivery_timestamp_seconds{\(labels)} 0",
      "helpdesk_kiosk_transport_sends{\(labels)} 0",
      "helpdesk_kiosk_start_time_seconds{\(labels)} 1796000000",
      "helpdesk_kiosk_tickets_total{\(labels)} 2",
      "helpdesk_kiosk_fixed_total{\(labels)} 1",
      "helpdesk_kiosk_sessions_total{\(labels)} 1",
      "helpdesk_kiosk_votes_total{answer=\"no\",\(labels)} 1",
      "helpdesk_kiosk_not_helpful_reasons_total{\(labels),reason=\"steps_did_not_work\"} 1",
      "helpdesk_kiosk_articles{\(labels)} 10",
      "helpdesk_kiosk_content_problems{\(labels)} 0",
      "# TYPE helpdesk_kiosk_tickets_total counter",
      "# TYPE helpdesk_kiosk_outbox_tickets gauge",
    ] {
      #expect(text.split(separator: "\n").contains(Substring(line)), "missing: \(line)\n\(text)")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: kiosk.folder.path)
    #expect(!names.contains { $0.hasPrefix(".helpdesk-kiosk.prom") }, "no temporary file is left")
    let check = try Self.run(try Self.promtool, ["check", "metrics"], input: text)
    #expect(check.status == 0, "\(check.output)")
  }

  @Test("The rules pass promtool; the stuck-tickets, failed-ticket and not-sent alerts fire on series like the kiosk's")
  func rules() throws {
    let check = try Self.run(try Self.promtool, ["check", "rules", Self.rules.path])
    #expect(check.status == 0, "\(check.output)")
    #expect(check.output.contains("SUCCESS: 9 rules found"), "\(check.output)")

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let test = folder.appendingPathComponent("test.yml")
    // The oldest queued ticket ages a minute a minute, from 50 minutes: past an hour at
    // minute 10, firing 5 minutes later; a ticket that failed fires at once.
    try """
      rule_files:
        - \(Self.rules.path)
      evaluation_interval: 1m
      tests:
        - interval: 1m
          input_series:
            - series: 'helpdesk_kiosk_oldest_queued_ticket_age_seconds{kiosk_id="library-2",location="Library"}'
              values: '3000+60x30'
            - series: 'helpdesk_kiosk_outbox_tickets{kiosk_id="library-2",location="Library",status="failed"}'
              values: '0 0 1 1 1'
            - series: 'helpdesk_kiosk_transport_sends{kiosk_id="library-2",location="Library"}'
              values: '0x90'
            - series: 'helpdesk_kiosk_transport_sends{kiosk_id="desk-1",location="Front desk"}'
              values: '1x90'
          alert_rule_test:
            - eval_time: 50m
              alertname: HelpdeskKioskTicketsNotSent
              exp_alerts: []
            - eval_time: 70m
              alertname: HelpdeskKioskTicketsNotSent
              exp_alerts:
                - exp_labels:
                    severity: warning
                    kiosk_id: library-2
                    location: Library
                  exp_annotations:
                    summary: "Kiosk library-2 (Library) does not send its tickets"
                    description: "Its transport is the spool: tickets wait in its spool folder unless something collects them. Set transport: sendmail, or make sure a job collects the folder."
            - eval_time: 12m
              alertname: HelpdeskKioskTicketsStuck
              exp_alerts: []
            - eval_time: 20m
              alertname: HelpdeskKioskTicketsStuck
              exp_alerts:
                - exp_labels:
                    severity: warning
                    kiosk_id: library-2
                    location: Library
                  exp_annotations:
                    summary: "Tickets wait on kiosk library-2 (Library)"
                    description: "The oldest queued ticket has waited 1h 10m 0s: see 'helpdesk-kiosk outbox list' there."
            - eval_time: 1m
              alertname: HelpdeskKioskTicketFailed
              exp_alerts: []
            - eval_time: 3m
              alertname: HelpdeskKioskTicketFailed
              exp_alerts:
                - exp_labels:
                    severity: critical
                    kiosk_id: library-2
                    location: Library
                    status: failed
                  exp_annotations:
                    summary: "A ticket failed on kiosk library-2 (Library)"
                    description: "1 ticket(s) failed for good: a person is waiting. See 'helpdesk-kiosk outbox list' and 'outbox retry'."
      """.write(to: test, atomically: true, encoding: .utf8)
    let result = try Self.run(try Self.promtool, ["test", "rules", test.path])
    #expect(result.status == 0, "\(result.output)")
  }
}
