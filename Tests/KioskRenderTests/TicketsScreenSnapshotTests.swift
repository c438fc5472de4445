import Foundation
import KioskCore
import KioskScenes
import KioskTestSupport
import Testing

@testable import KioskRender

/// The operator's Tickets screen at the three sizes, with more tickets than fit.
@Suite struct TicketsScreenSnapshotTests {
  static let statuses = ["sending", "failed", "queued", "delivered", "spooled"]

  /// The Tickets scene with 30 tickets, each status in turn, scrolled down by `lines`.
  static func state(_ size: Size, scrolledBy lines: Int = 0) -> AppState {
    var state = Scene.tickets.state(SceneSnapshotTests.catalog, Scene.Options(size: size))
    let tickets = (0..<30).map { number in
      OutboxTicket(
        reference: "NLM-X2N92-33S\(String(format: "%02d", 30 - number))-07",
        createdAt: Scene.clock - Double(number) * 1_800, status: statuses[number % statuses.count],
        lastError: number % statuses.count == 1 ? "421 4.7.0 Try again later, closing connection" : nil)
    }
    state = update(state, .answer(.ticketsLoaded(tickets))).0
    for _ in 0..<lines { state = update(state, .key(.down)).0 }
    return state
  }

  /// The list at three sizes, and scrolled.
  static var snapshots: [ScreenSnapshot] {
    [Size(columns: 40, rows: 12), Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)].map { size in
      ScreenSnapshot("tickets", size) { state(size) }
    } + [ScreenSnapshot("tickets-scrolled", Size(columns: 80, rows: 24)) { state(Size(columns: 80, rows: 24), scrolledBy: 5) }]
  }

  @Test func whileTheOutboxIsRead() {
    let admin = Scene.admin.state(SceneSnapshotTests.catalog)
    let text = render(admin.pressing(.down, .enter)).text
    #expect(text.contains("Reading the outbox…"))
  }

  @Test func anEmptyOutbox() {
    let admin = Scene.admin.state(SceneSnapshotTests.catalog)
    let text = render(update(admin.pressing(.down, .enter), .answer(.ticketsLoaded([]))).0).text
    #expect(text.contains("No tickets in the outbox."))
  }

  @Test func theCursorIsOnTheList() {
    let grid = render(Self.state(Size(columns: 80, rows: 24)))
    #expect(grid.cursor?.row == Geometry.headerHeight)
  }
}
