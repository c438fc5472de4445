import Foundation
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskRender

/// The screens from the checklist to the confirmation, as text, at three sizes.
@Suite struct TicketScreenSnapshotTests {
  static let sizes = ScreenSnapshots.sizes

  static func typing(_ text: String, into state: AppState) -> AppState {
    text.reduce(state) { update($0, .key($1 == "\n" ? .enter : .character($1))).0 }
  }

  /// The checklist of the long fixture article, with its first step ticked.
  static func checklist(_ size: Size) -> AppState {
    Fixtures.state(size).pressing(.enter, .enter, .enter, .character(" "), .down)
  }

  static func form(_ size: Size) -> AppState {
    checklist(size).pressing(.tab, .tab, .enter, .character("n"), .escape, .enter)
  }

  static func filled(_ size: Size) -> AppState {
    var state = typing("Zoë Ångström", into: form(size)).pressing(.tab)
    state = typing("zoe@example.com", into: state).pressing(.tab)
    state = typing(
      "Every time I log in it says my session has expired, even right after logging in.\n\n"
        + "I tried two browsers. 日本語 text too.", into: state)
    state.now = Date(timeIntervalSince1970: 1_796_000_000)
    return state
  }

  static var snapshots: [ScreenSnapshot] {
    let atEachSize = sizes.flatMap { size in
      [
        ScreenSnapshot("checklist", size) { checklist(size) },
        ScreenSnapshot("checklist-actions", size) { checklist(size).pressing(.tab, .tab) },
        ScreenSnapshot("feedback", size) { checklist(size).pressing(.tab, .enter) },
        ScreenSnapshot("thanks", size) { checklist(size).pressing(.tab, .enter, .enter) },
        ScreenSnapshot("what-went-wrong", size) { checklist(size).pressing(.tab, .tab, .enter, .character("n"), .down) },
        ScreenSnapshot("still-need-help", size) { checklist(size).pressing(.tab, .tab, .enter, .character("n"), .escape) },
        ScreenSnapshot("form-empty", size) { form(size) },
        ScreenSnapshot("form-errors", size) { form(size).pressing(.backTab, .backTab, .enter) },
        ScreenSnapshot("form-filled", size) { filled(size) },
        ScreenSnapshot("review", size) { filled(size).pressing(.tab, .enter) },
        ScreenSnapshot("review-error", size) {
          let review = filled(size).pressing(.tab, .enter)
          return update(review, .ticketFailed(reason: "Your ticket could not be saved. Please call 1300 521 162.")).0
            .pressing(.end)
        },
        ScreenSnapshot("confirmation", size) {
          let sending = update(filled(size).pressing(.tab, .enter), .key(.enter)).0
          return update(sending, .ticketSaved(reference: "NLM-7K3Q-29")).0
        },
        // The admin screen says when tickets are spooled, not sent.
        ScreenSnapshot("admin-spooled", size) {
          var state = Fixtures.state(size)
          state.screen = .admin(AdminState())
          let summary = OutboxSummary(queued: 0, failed: 0, deliveredToday: 0, spooledToday: 2, isSending: false)
          return update(state, .outboxSummary(summary)).0
        },
        ScreenSnapshot("idle-countdown", size) {
          var state = form(size)
          state.idleCountdown = 27
          return state
        },
      ]
    }
    let size = Size(columns: 80, rows: 24)
    return atEachSize + [
      // A long description scrolls in its box.
      ScreenSnapshot("form-long-description", size) {
        let long = (1...30).map { "Line \($0) of what happened, with enough words to wrap past the edge of the box." }
        return typing(long.joined(separator: "\n"), into: filled(size))
      },
      // The help on every screen of the ticket.
      ScreenSnapshot("help-checklist", size) { checklist(size).pressing(.character("?")) },
      ScreenSnapshot("help-form", size) { form(size).pressing(.function(1)) },
      ScreenSnapshot("help-review", size) { filled(size).pressing(.tab, .enter, .character("?")) },
    ]
  }

  @Test func theCursorStandsInTheFocusedField() throws {
    let grid = render(Self.typing("Zoë", into: Self.form(Size(columns: 80, rows: 24))))
    let cursor = try #require(grid.cursor)
    #expect(grid.showsCursor)
    #expect(grid[cursor.row, cursor.column - 1].character == "ë")
  }

  @Test("With a transport that keeps tickets on the kiosk (the spool), the person is told the ticket is saved, not on its way")
  func confirmationSpooled() {
    var state = Self.filled(Size(columns: 80, rows: 24))
    state.settings.ticketsAreSent = false
    let sending = update(state.pressing(.tab, .enter), .key(.enter)).0
    let text = render(update(sending, .ticketSaved(reference: "NLM-7K3Q-29")).0).text
    #expect(text.contains("Thank you. Your ticket is saved."))
    #expect(!text.contains("on its way"))
  }
}
