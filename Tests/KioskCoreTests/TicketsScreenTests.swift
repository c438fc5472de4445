import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// The operator's Tickets screen, from the admin screen's button: the list is asked of the
/// outbox on opening, fills in when it answers, scrolls, and Esc goes back.
@Suite struct TicketsScreenTests {
  /// The admin screen, signed in; "Tickets" is its second button.
  static func admin(_ size: Size = Size(columns: 80, rows: 24)) -> AppState {
    var state = Fixtures.state(size)
    state.settings.hasAdminPin = true
    state = state.pressing(.function(12), .character("4"), .character("8"), .character("2"), .character("9"), .enter)
    return update(state, .pinChecked(isCorrect: true)).0
  }

  static func tickets(_ count: Int) -> [OutboxTicket] {
    (0..<count).map { (number: Int) -> OutboxTicket in
      let seconds: Int = 1_796_047_380 - number * 60
      let isFailed = number == 1
      return OutboxTicket(
        reference: "NLM-\(1000 + count - number)", createdAt: Date(timeIntervalSince1970: TimeInterval(seconds)),
        status: isFailed ? "failed" : "queued", lastError: isFailed ? "550 mailbox\nunavailable" : nil)
    }
  }

  static func list(_ state: AppState) -> TicketsState? {
    if case .own(let own) = state.screen { return own.base as? TicketsState }
    return nil
  }

  /// The Tickets screen opened, with `count` tickets in it.
  static func opened(_ count: Int, _ size: Size = Size(columns: 80, rows: 24)) -> AppState {
    let open = admin(size).pressing(.down, .enter)
    return update(open, .answer(.ticketsLoaded(tickets(count)))).0
  }

  @Test func theButtonOpensTheListAndAsksTheOutbox() {
    let admin = Self.admin().pressing(.down)
    let (state, effects) = update(admin, .key(.enter))
    #expect(effects.contains(.loadTickets))
    let list = Self.list(state)
    #expect(list != nil)
    #expect(list?.tickets == nil, "empty until the outbox answers")
  }

  @Test func theAnswerFillsIt() {
    let state = Self.opened(3)
    #expect(Self.list(state)?.tickets == Self.tickets(3))
    #expect(Self.list(state)?.top == 0)
  }

  @Test func anAnswerForNoScreenShownChangesNothing() {
    let admin = Self.admin()
    #expect(update(admin, .answer(.ticketsLoaded(Self.tickets(3)))).0 == admin)
  }

  @Test func arrowsPagesAndEdgesScroll() {
    // 80 × 24: 18 body rows, one for the column names, 17 tickets in view.
    let state = Self.opened(40)
    #expect(TicketsState.visibleTickets(state.size) == 17)
    func top(_ keys: Key...) -> Int? {
      Self.list(keys.reduce(state) { update($0, .key($1)).0 })?.top
    }
    #expect(top(.down) == 1)
    #expect(top(.down, .down, .up) == 1)
    #expect(top(.up) == 0)
    #expect(top(.pageDown) == 16)
    #expect(top(.pageDown, .pageUp) == 0)
    #expect(top(.end) == 23)
    #expect(top(.end, .down) == 23)
    #expect(top(.end, .home) == 0)
    #expect(top(.character("j")) == 1)
    #expect(top(.character("G")) == 23)
  }

  @Test func aShortListDoesNotScroll() {
    let state = Self.opened(3)
    #expect(Self.list(state.pressing(.down, .pageDown, .end))?.top == 0)
  }

  @Test func aSmallerWindowKeepsTheLastPageFull() {
    let state = Self.opened(40).pressing(.end)
    // 17 in view from the 24th of 40; at 40 × 12 two of them (two rows each), at 120 × 40 the last 33.
    let small = update(state, .resize(Size(columns: 40, rows: 12))).0
    #expect(Self.list(small)?.top == 23)
    let large = update(state, .resize(Size(columns: 120, rows: 40))).0
    #expect(Self.list(large)?.top == 40 - 33)
  }

  @Test func escapeGoesBackToTheAdminScreen() {
    let state = Self.opened(3).pressing(.escape)
    guard case .admin(let admin) = state.screen else {
      Issue.record("not the admin screen: \(state.screen)")
      return
    }
    #expect(admin.selection == 1, "on Tickets, as it was left")
  }

  @Test func theAdminKeyDoesNotAskForThePinAgain() {
    let state = Self.opened(3)
    #expect(state.pressing(.function(12)) == state)
  }

  @Test func onlyAFailedTicketShowsItsErrorOnOneLine() {
    let failed = OutboxTicket(reference: "A", createdAt: Date(timeIntervalSince1970: 0), status: "failed",
      lastError: "550 no\r\nsuch \u{1B}[31mbox")
    #expect(failed.shownError == "550 no such box")
    var queued = failed
    queued.status = "queued"
    #expect(queued.shownError == nil)
    #expect(failed.created == "1970-01-01 00:00")
    #expect(OutboxTicket(reference: "B", createdAt: Date(timeIntervalSince1970: 1_796_047_399), status: "queued").created
      == "2026-11-30 14:03")
  }

  @Test func theScrollingKeysAreOfferedWhenThereIsMoreThanFits() {
    let long = Self.opened(40).bindings
    #expect(long.help.map(\.label).contains("Scroll one ticket"))
    #expect(long.footer.map(\.label) == ["Scroll", "Back", "Help"])
    let short = Self.opened(3).bindings
    #expect(!short.help.map(\.label).contains("Scroll one ticket"))
    #expect(short.help.map(\.label).contains("Back to the admin screen"))
    #expect(short.footer.map(\.label) == ["Back", "Help"])
  }
}
