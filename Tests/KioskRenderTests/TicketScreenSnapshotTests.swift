import Foundation
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskRender

/// The screens from the checklist to the confirmation, as text, at three sizes.
@Suite struct TicketScreenSnapshotTests {
  static let sizes = ScreenSnapshotTests.sizes

  private func check(_ state: AppState, _ name: String) {
    assertSnapshot(render(state).text, named: "\(name)-\(state.size.columns)x\(state.size.rows)")
  }

  private func typing(_ text: String, into state: AppState) -> AppState {
    text.reduce(state) { update($0, .key($1 == "\n" ? .enter : .character($1))).0 }
  }

  /// The checklist of the long fixture article, with its first step ticked.
  private func checklist(_ size: Size) -> AppState {
    Fixtures.state(size).pressing(.enter, .enter, .enter, .character(" "), .down)
  }

  private func form(_ size: Size) -> AppState {
    checklist(size).pressing(.tab, .tab, .enter, .character("n"), .escape, .enter)
  }

  private func filled(_ size: Size) -> AppState {
    var state = typing("Zoë Ångström", into: form(size)).pressing(.tab)
    state = typing("zoe@example.com", into: state).pressing(.tab)
    state = typing(
      "Every time I log in it says my session has expired, even right after logging in.\n\n"
        + "I tried two browsers. 日本語 text too.", into: state)
    state.now = Date(timeIntervalSince1970: 1_796_000_000)
    return state
  }

  @Test(arguments: sizes) func checklistScreen(size: Size) {
    check(checklist(size), "checklist")
    check(checklist(size).pressing(.tab, .tab), "checklist-actions")
  }

  @Test(arguments: sizes) func feedbackAndAfter(size: Size) {
    check(checklist(size).pressing(.tab, .enter), "feedback")
    check(checklist(size).pressing(.tab, .enter, .enter), "thanks")
    check(checklist(size).pressing(.tab, .tab, .enter, .character("n"), .down), "what-went-wrong")
    check(checklist(size).pressing(.tab, .tab, .enter, .character("n"), .escape), "still-need-help")
  }

  @Test(arguments: sizes) func ticketForm(size: Size) {
    check(form(size), "form-empty")
    check(form(size).pressing(.backTab, .backTab, .enter), "form-errors")
    check(filled(size), "form-filled")
  }

  @Test func longDescriptionScrollsInItsBox() {
    let size = Size(columns: 80, rows: 24)
    let long = (1...30).map { "Line \($0) of what happened, with enough words to wrap past the edge of the box." }
    check(typing(long.joined(separator: "\n"), into: filled(size)), "form-long-description")
  }

  @Test func theCursorStandsInTheFocusedField() throws {
    let grid = render(typing("Zoë", into: form(Size(columns: 80, rows: 24))))
    let cursor = try #require(grid.cursor)
    #expect(grid.showsCursor)
    #expect(grid[cursor.row, cursor.column - 1].character == "ë")
  }

  @Test(arguments: sizes) func review(size: Size) {
    let review = filled(size).pressing(.tab, .enter)
    check(review, "review")
    check(update(review, .ticketFailed(reason: "Your ticket could not be saved. Please call 1300 521 162.")).0
      .pressing(.end), "review-error")
  }

  @Test(arguments: sizes) func confirmation(size: Size) {
    let sending = update(filled(size).pressing(.tab, .enter), .key(.enter)).0
    check(update(sending, .ticketSaved(reference: "NLM-7K3Q-29")).0, "confirmation")
  }

  @Test("With a transport that keeps tickets on the kiosk (the spool), the person is told the ticket is saved, not on its way")
  func confirmationSpooled() {
    var state = filled(Size(columns: 80, rows: 24))
    state.settings.ticketsAreSent = false
    let sending = update(state.pressing(.tab, .enter), .key(.enter)).0
    let text = render(update(sending, .ticketSaved(reference: "NLM-7K3Q-29")).0).text
    #expect(text.contains("Thank you. Your ticket is saved."))
    #expect(!text.contains("on its way"))
  }

  @Test("The admin screen says when tickets are spooled, not sent, at three sizes")
  func adminNotSending() {
    for size in Self.sizes {
      var state = Fixtures.state(size)
      state.screen = .admin(AdminState())
      state = update(state, .outboxSummary(OutboxSummary(queued: 0, failed: 0, deliveredToday: 0, spooledToday: 2, isSending: false))).0
      check(state, "admin-spooled")
    }
  }

  @Test(arguments: sizes) func idleCountdown(size: Size) {
    var state = form(size)
    state.idleCountdown = 27
    check(state, "idle-countdown")
  }

  @Test func helpOnEveryNewScreen() {
    let size = Size(columns: 80, rows: 24)
    check(checklist(size).pressing(.character("?")), "help-checklist")
    check(form(size).pressing(.function(1)), "help-form")
    check(filled(size).pressing(.tab, .enter, .character("?")), "help-review")
  }
}
