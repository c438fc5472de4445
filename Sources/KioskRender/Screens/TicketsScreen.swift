import KioskCore

/// The operator's list of tickets: reference, when it was made, its status and, for a
/// failed one, the start of its last error. Nothing personal.
extension TicketsState: DrawnScreen {
  func draw(_ state: AppState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("Tickets", "The outbox, newest first", state, into: &grid)
    let left = Geometry.margin
    let width = grid.size.columns - 2 * left
    let ellipsis = state.settings.glyphs.ellipsis
    var row = Geometry.headerHeight
    grid.cursor = (row, left)
    guard let tickets else {
      grid.write("Reading the outbox\(ellipsis)", row: row, column: left, style: Style(.muted))
      Frame.footer(Frame.hints(state), position: "", state, into: &grid)
      return
    }
    guard !tickets.isEmpty else {
      grid.write("No tickets in the outbox.", row: row, column: left, style: Style(.muted))
      Frame.footer(Frame.hints(state), position: "", state, into: &grid)
      return
    }
    // A narrow window shows the date without its year.
    let columns = Columns(width: width)
    write(
      columns, "Reference", columns.showsYear ? "Created (UTC)" : "Created", "Status", "Last error",
      Style(.heading, .strong), row, state, &grid)
    let visible = TicketsState.visibleRows(state.size)
    for ticket in tickets.dropFirst(top).prefix(visible) {
      row += 1
      let created = columns.showsYear ? ticket.created : String(ticket.created.dropFirst(5))
      let style = ticket.status == "failed" ? Style(.error) : Style(.body)
      write(columns, ticket.reference, created, ticket.status, ticket.shownError ?? "", style, row, state, &grid)
    }
    Frame.footer(
      Frame.hints(state),
      position: Frame.scrollPosition(top: top, count: tickets.count, height: visible),
      state, into: &grid)
  }

  /// Where each column starts, from the window's width.
  private struct Columns {
    let reference = 0
    let created: Int
    let status: Int
    let error: Int
    let width: Int
    let showsYear: Bool

    init(width: Int) {
      self.width = width
      showsYear = width >= 60
      created = 13
      status = created + (showsYear ? 18 : 13)
      error = status + 11
    }
  }

  private func write(
    _ columns: Columns, _ reference: String, _ created: String, _ status: String, _ error: String, _ style: Style,
    _ row: Int, _ state: AppState, _ grid: inout CellGrid
  ) {
    let left = Geometry.margin
    let ellipsis = state.settings.glyphs.ellipsis
    for (text, start, end) in [
      (reference, columns.reference, columns.created - 1), (created, columns.created, columns.status - 1),
      (status, columns.status, columns.error - 1), (error, columns.error, columns.width),
    ] where !text.isEmpty && end - start > 0 && start < columns.width {
      grid.write(
        truncating: text, row: row, column: left + start, style: style, limit: min(end, columns.width) - start,
        ellipsis: ellipsis)
    }
  }
}
