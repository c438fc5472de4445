import Foundation

/// A ticket as the operator's Tickets screen lists it: where its delivery stands, and
/// nothing personal (no name, contact or description).
public struct OutboxTicket: Hashable, Sendable {
  public var reference: String
  public var createdAt: Date
  /// "queued", "sending", "delivered", "spooled" or "failed".
  public var status: String
  /// Why the last attempt failed, as the transport said it.
  public var lastError: String?

  public init(reference: String, createdAt: Date, status: String, lastError: String? = nil) {
    self.reference = reference
    self.createdAt = createdAt
    self.status = status
    self.lastError = lastError
  }

  /// When it was made, in UTC to the minute: "2026-11-30 14:03".
  public var created: String {
    let time = UTCTime(wholeSecondOf: createdAt)
    return time.day.isoText + " " + time.hourAndMinute
  }

  /// The error the list shows: only for a failed ticket, on one line, without controls.
  public var shownError: String? {
    guard status == "failed", let lastError else { return nil }
    let line = TicketSummary.singleLine(lastError)
    return line.isEmpty ? nil : line
  }
}

/// The operator's list of the outbox's tickets, newest first, scrolled a row at a time.
public struct TicketsState: OwnScreen {
  /// Nil until the outbox has answered.
  public var tickets: [OutboxTicket]?
  /// The first ticket in view.
  public var top = 0
  public var size: Size

  public init(size: Size, tickets: [OutboxTicket]? = nil) {
    self.size = size
    self.tickets = tickets
  }

  /// Whether the window is too narrow for a ticket on one row: each then takes two, its
  /// reference and status above, when it was made and its error below.
  public static func isNarrow(_ size: Size) -> Bool {
    size.columns - 2 * Geometry.margin < 64
  }

  /// The tickets in view at this size: the body less the row of column names.
  public static func visibleTickets(_ size: Size) -> Int {
    max((Geometry.bodyHeight(size) - 1) / (isNarrow(size) ? 2 : 1), 1)
  }

  public var isOperatorScreen: Bool { true }

  /// Whether there are more tickets than the window shows.
  public var isScrollable: Bool { (tickets?.count ?? 0) > Self.visibleTickets(size) }

  public func bindings(_ keys: SharedKeys) -> BindingTable {
    // The scrolling keys are offered only when there is something to scroll.
    let scrolling = [
      keys.moves(footer: Hint(keys.arrows, "Scroll"), help: Hint(keys.upDown + "  k j", "Scroll one ticket")),
      keys.pages(help: Hint("PgUp PgDn  b", "One page")),
      keys.edges(help: Hint("Home End  g G", "Newest, oldest")),
    ]
    return BindingTable(
      (isScrollable ? scrolling : scrolling.map(\.unoffered)) + [
        keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back to the admin screen"))
      ] + keys.help + keys.quit)
  }

  public mutating func perform(_ action: Action, in state: AppState) -> [Effect] {
    let visible = Self.visibleTickets(size)
    scroll(to: action.target(from: top, page: max(visible - 1, 1)))
    return []
  }

  public mutating func receive(_ answer: ScreenAnswer, in state: AppState) -> [Effect] {
    switch answer {
    case .ticketsLoaded(let loaded):
      tickets = loaded
      scroll(to: top)
    }
    return []
  }

  public mutating func resize(to newSize: Size) {
    size = newSize
    scroll(to: top)
  }

  /// `top` kept where the last page is still full.
  private mutating func scroll(to wanted: Int) {
    let count = tickets?.count ?? 0
    top = min(max(wanted, 0), max(count - Self.visibleTickets(size), 0))
  }
}

extension Binding {
  /// The binding's keys still work, but neither the footer nor the help offers them.
  fileprivate var unoffered: Binding {
    var binding = self
    binding.footer = []
    binding.help = nil
    return binding
  }
}

extension AppState {
  /// The admin screen's "Tickets": the list, asked of the outbox.
  mutating func openTickets() -> [Effect] {
    open(.own(AnyOwnScreen(TicketsState(size: size))))
    return [.loadTickets]
  }
}
