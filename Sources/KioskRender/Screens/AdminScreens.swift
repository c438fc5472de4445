import KioskCore

/// The operator's PIN prompt and admin screen.
enum AdminScreens {
  static func pin(_ state: AppState, _ pin: PinState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("Operator sign-in", "For the help desk's staff only.", state, into: &grid)
    let left = Geometry.margin
    var row = Geometry.headerHeight
    let width = grid.size.columns - 2 * left
    guard state.settings.hasAdminPin else {
      grid.cursor = (row, left)
      let text = "No admin PIN is set on this kiosk. Set one with "
        + "'helpdesk-kiosk admin set-pin' on the machine itself."
      for line in Wrap.lines([Run(text)], width: width) {
        grid.write(line, row: row, column: left)
        row += 1
      }
      Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
      return
    }
    grid.write("PIN", row: row, column: left, style: Style(.body, .strong))
    let dots = String(repeating: state.settings.glyphs.isUnicode ? "●" : "*", count: pin.digits.count)
    let field = "[" + dots + String(repeating: " ", count: AppState.pinLength - pin.digits.count) + "]"
    grid.write(field, row: row, column: left + 5, style: Style(.highlight))
    grid.cursor = (row, left + 6 + pin.digits.count)
    grid.showsCursor = !state.isPinLocked
    row += 2
    if let message = pin.message {
      for line in Wrap.lines([Run("! " + message, Style(.error, .strong))], width: width) {
        grid.write(line, row: row, column: left)
        row += 1
      }
    } else if pin.isChecking {
      grid.write("Checking\(state.settings.glyphs.ellipsis)", row: row, column: left, style: Style(.muted))
    }
    Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
  }

  static func admin(_ state: AppState, _ admin: AdminState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    let identity = state.settings.identity
    Frame.heading("Kiosk administration", "Kiosk \(identity.id), \(identity.location)", state, into: &grid)
    let left = Geometry.margin
    var row = Geometry.headerHeight
    let summary = admin.summary.map {
      "Tickets: \($0.queued) waiting to be sent, \($0.failed) failed, \($0.deliveredToday) sent today"
        + ($0.spooledToday > 0 || !$0.isSending ? ", \($0.spooledToday) spooled today" : "")
    } ?? "Tickets: counting\(state.settings.glyphs.ellipsis)"
    let width = grid.size.columns - 2 * left
    var lines = Wrap.lines([Run(summary)], width: width)
    if admin.summary?.isSending == false {
      let warning = "! Tickets are not being sent: they wait in the spool folder until something collects it."
      lines = Wrap.lines([Run(warning, Style(.error, .strong))], width: width) + lines
    }
    // The buttons keep two rows at least (the message one), so a small window shows what
    // fits of the warning and the counts.
    let bottom = Geometry.headerHeight + Geometry.bodyHeight(state.size)
    for line in lines.prefix(max(bottom - row - 4, 1)) {
      grid.write(line, row: row, column: left)
      row += 1
    }
    if let message = admin.message {
      grid.write(message, row: row, column: left, style: Style(.muted), limit: width)
    }
    row += 2
    Buttons.column(AdminChoice.allCases.map(\.title), selection: admin.selection, row: row, state, into: &grid)
    Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
  }
}
