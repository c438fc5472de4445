import Foundation
import KioskCore
import KioskOutbox
import Testing

@testable import helpdesk_kiosk

/// The operator's Tickets screen asks for `Effect.loadTickets`; the kiosk answers from its
/// outbox: newest first, each status as it stands, a failed ticket's error, nothing personal.
@Suite("The Tickets screen's list from the outbox")
struct TicketsListTests {
  @Test("Newest first; queued, sending, delivered and failed as the outbox has them; no personal data")
  func fromARealOutbox() throws {
    let kiosk = try KioskScenario()
    let outbox = try kiosk.outbox()
    let identity = KioskIdentity(id: "bench-1", location: "Test bench")
    let references = try (0..<4).map { _ in try outbox.submit(Tickets.ticket(), identity: identity).reference }
    let now = Date()
    try outbox.markDelivered(reference: references[1], at: now)
    try outbox.markFailed(reference: references[2], error: "550 5.1.1 mailbox unavailable", retryAt: nil)
    // The first queued ticket is held by a deliverer: it is being sent.
    let claim = try outbox.claimNext(now: now, leaseDuration: 60)
    #expect(claim != nil)

    let list = KioskEffects.tickets(in: outbox, at: now)
    #expect(list.map(\.reference) == references.reversed())
    #expect(list.map(\.status) == ["queued", "failed", "delivered", "sending"])
    #expect(list[1].lastError == "550 5.1.1 mailbox unavailable")
    #expect(list.allSatisfy { $0.status == "failed" || $0.lastError == nil })
    let text = "\(list)"
    let ticket = Tickets.ticket()
    for personal in [ticket.name, ticket.contact, ticket.description] where !personal.isEmpty {
      #expect(!text.contains(personal), "the list holds no \(personal)")
    }
  }

  @Test("An empty outbox lists nothing")
  func empty() throws {
    let kiosk = try KioskScenario()
    #expect(KioskEffects.tickets(in: try kiosk.outbox(), at: Date()).isEmpty)
  }
}
