import KioskCore

/// The operator's list of tickets: reference, when it was made, its status and, for a
/// failed one, the start of its last error. Nothing personal. In a narrow window each
/// ticket takes two rows: reference and status, then the time and the error.
extension TicketsState: DrawnScreen {
  func draw(_ state: AppState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("Tickets", "Newest first; times in UTC", state, into: &grid)
    let left = Geometry.margin
    var row = Geometry.headerHeight
    grid.cursor = (row, left)
    guard let tickets, !tickets.isEmpty else {
      let text = tickets == nil ? "Reading the outbox\(state.settings.glyphs.ellipsis)" : "No tickets in the outbox."
      grid.write(text, row: row, column: left, style: Style(.muted))
      Frame.footer(Frame.hints(state), position: "", state, into: &grid)
      return
    }
    let columns = Columns(tickets, width: grid.size.columns - 2 * left, isNarrow: TicketsState.isNarrow(state.size))
    let head = Style(.heading, .strong)
    columns.write("Reference", at: columns.reference, row, head, state, &grid)
    columns.write("Status", at: columns.status, row, head, state, &grid)
    if !columns.isNarrow {
      columns.write("Created (UTC)", at: columns.created, row, head, state, &grid)
      columns.write("Last error", at: columns.error, row, head, state, &grid)
    }
    let visible = TicketsState.visibleTickets(state.size)
    for ticket in tickets.dropFirst(top).prefix(visible) {
      row += 1
      let style = ticket.status == "failed" ? Style(.error) : Style(.body)
      columns.write(ticket.reference, at: columns.reference, row, style, state, &grid)
      columns.write(ticket.status, at: columns.status, row, style, state, &grid)
      if columns.isNarrow { row += 1 }
      columns.write(ticket.created, at: columns.created, row, style, state, &grid)
      columns.write(ticket.shownError ?? "", at: columns.error, row, style, state, &grid)
    }
    Frame.footer(
      Frame.hints(state),
      position: Frame.scrollPosition(top: top, count: tickets.count, height: visible),
      state, into: &grid)
  }

  /// Where each column starts and ends, from the longest reference and the window's width.
  private struct Columns {
    typealias Column = (start: Int, end: Int)
    let isNarrow: Bool
    let reference: Column
    let created: Column
    let status: Column
    let error: Column

    init(_ tickets: [OutboxTicket], width: Int, isNarrow: Bool) {
      self.isNarrow = isNarrow
      let longest = tickets.map { DisplayWidth.of($0.reference) }.max() ?? 0
      let referenceWidth = min(max(longest, DisplayWidth.of("Reference")), max(width - 11, 1))
      let dateWidth = DisplayWidth.of("2026-11-30 14:03")
      reference = (0, referenceWidth)
      if isNarrow {
        // Reference and status; below them, indented, the time and the error.
        status = (referenceWidth + 2, width)
        created = (2, 2 + dateWidth)
        error = (dateWidth + 4, width)
      } else {
        created = (referenceWidth + 2, referenceWidth + 2 + dateWidth)
        status = (created.end + 2, created.end + 11)
        error = (status.end + 2, width)
      }
    }

    func write(_ text: String, at column: Column, _ row: Int, _ style: Style, _ state: AppState, _ grid: inout CellGrid) {
      let limit = column.end - column.start
      guard !text.isEmpty, limit > 0 else { return }
      grid.write(
        truncating: text, row: row, column: Geometry.margin + column.start, style: style, limit: limit,
        ellipsis: state.settings.glyphs.ellipsis)
    }
  }
}
