import Foundation
import KioskCore
import KioskOutbox
import Testing

/// The outbox is shared: the kiosk holds it open while the delivery timer's and the
/// operator's commands open it in processes of their own.
@Suite("A shared outbox")
struct SharedOutboxTests {
  @Test("Opening the outbox again in a process, and closing it, leaves the first one whole while other processes use it")
  func reopenedInProcess() throws {
    let kiosk = try KioskScenario()
    let outbox = try kiosk.outbox()
    let identity = KioskIdentity(id: "bench-1", location: "Test bench")
    _ = try outbox.submit(Tickets.ticket(), identity: identity)
    // A second outbox on the same file, opened and closed while the first stays open: a
    // close of the file would drop this process's locks, and the next process to finish
    // would take itself to be the last and remove the write-ahead log under the first.
    _ = try kiosk.outbox().all()
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    try outbox.recordOutcome(.session, at: Tickets.date)
    #expect(try kiosk.outbox().outcomeCounts().sessions == 1)
    #expect(try kiosk.outbox().all().map(\.status) == [.spooled])
    #expect(try kiosk.run("stats").stdout.contains("Visits: 1."))
  }
}
