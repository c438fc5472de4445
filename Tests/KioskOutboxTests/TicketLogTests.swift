import Foundation
import KioskCore
import KioskLogging
import Logging
import Testing

@testable import KioskOutbox

/// What the outbox and the deliverer write to the log about tickets.
@Suite("Ticket log")
struct TicketLogTests {
  /// A ticket whose personal fields are easy to spot in any text.
  static let ticket = Samples.ticket(
    name: "Zelda Quixote", contact: "zelda.quixote@example.com",
    description: "My badge 7731-XK stopped opening the lab door.")
  static let personal = ["Zelda", "Quixote", "zelda.quixote", "example.com", "7731-XK", "badge", "lab door"]

  private func outbox(_ folder: URL, _ log: RecordedLog) throws -> Outbox {
    try Outbox(stateDirectory: folder, logger: .kiosk(label: "helpdesk-kiosk", level: .debug, output: log))
  }

  private func expectNoPersonalData(_ log: RecordedLog, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!log.lines.isEmpty, "a log to look in", sourceLocation: sourceLocation)
    for line in log.lines {
      for word in Self.personal {
        #expect(!line.contains(word), "\(line)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test("Queued, retried, given up, queued again, delivered: the reference and status, never the person")
  func aTicketsLife() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = RecordedLog()
    let outbox = try outbox(folder, log)
    let policy = RetryPolicy(firstDelay: 60, maximumDelay: 60, lifetime: 60)
    let transport = FakeTransport([.relayDown, .relayDown])
    let deliverer = Deliverer(outbox: outbox, transport: transport, policy: policy, retention: 86_400)
    let reference = try outbox.submit(Self.ticket, identity: Samples.identity).reference

    deliverer.deliverPending(now: Samples.date)
    deliverer.deliverPending(now: Samples.date.addingTimeInterval(60))
    try outbox.requeue(reference: reference, now: Samples.date.addingTimeInterval(120))
    deliverer.deliverPending(now: Samples.date.addingTimeInterval(180))
    deliverer.deliverPending(now: Samples.date.addingTimeInterval(180 + 2 * 86_400))

    #expect(
      log.texts == [
        "ticket queued reference=\(reference) status=queued",
        "ticket delivery failed; it will be retried attempt=1 reason=\"msmtp exited with status 75 (EX_TEMPFAIL)\" "
          + "reference=\(reference) retry_at=2026-11-29T14:04:00Z status=queued",
        "ticket given up after 1 minute of retries; kept for the operator attempt=2 "
          + "reason=\"gave up after 1 minute of retries: msmtp exited with status 75 (EX_TEMPFAIL)\" "
          + "reference=\(reference) status=failed",
        "ticket queued again by the operator reference=\(reference) status=queued",
        "ticket delivered attempt=3 reference=\(reference) status=delivered",
        "personal data purged from delivered and spooled tickets after the retention time tickets=1",
      ])
    #expect(log.records.map(\.level) == [.info, .warning, .error, .notice, .info, .info])
    expectNoPersonalData(log)
  }

  @Test("A permanent failure is an error with the relay's reason")
  func aPermanentFailure() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = RecordedLog()
    let outbox = try outbox(folder, log)
    let reference = try outbox.submit(Self.ticket, identity: Samples.identity).reference
    Deliverer(outbox: outbox, transport: FakeTransport([.noSuchUser])).deliverPending(now: Samples.date)
    #expect(
      log.texts.last
        == "ticket failed permanently; kept for the operator attempt=1 reason=\"550 5.1.1 No such user\" "
        + "reference=\(reference) status=failed")
    #expect(log.records.last?.level == .error)
    expectNoPersonalData(log)
  }
}
