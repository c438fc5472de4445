import KioskCore

/// The ticket exactly as it will be sent, with Send, Edit and Cancel.
enum ReviewScreen {
  static func draw(_ state: AppState, _ review: ReviewState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading(
      "Check your ticket",
      review.isSending
        ? "Saving your ticket\(state.settings.glyphs.ellipsis)" : "This is what the help desk will receive.",
      state, into: &grid)
    let lines = state.reviewLines(review.content)
    let height = state.reviewHeight
    for (offset, line) in lines.dropFirst(review.top).prefix(height).enumerated() {
      grid.write(line, row: Geometry.headerHeight + offset, column: Geometry.margin)
    }
    let buttonsRow = Geometry.headerHeight + Geometry.bodyHeight(state.size) - 1
    if let error = review.error {
      // Over the last rows of the text: the person must see it, phone number and all.
      let width = grid.size.columns - 2 * Geometry.margin
      let lines = Wrap.lines([Run("! " + error, Style(.error, .strong))], width: width).suffix(height)
      for (offset, line) in lines.enumerated() {
        let row = buttonsRow - lines.count + offset
        grid.write(String(repeating: " ", count: grid.size.columns), row: row, column: 0)
        grid.write(line, row: row, column: Geometry.margin)
      }
    }
    Buttons.row(ReviewChoice.allCases.map(\.title), selection: review.selection, row: buttonsRow, state, into: &grid)
    Frame.footer(
      Frame.hints(state),
      position: Frame.scrollPosition(top: review.top, count: lines.count, height: height),
      state, into: &grid)
  }
}

/// The ticket's reference, and what happens next.
enum ConfirmationScreen {
  static func draw(_ state: AppState, _ reference: String, isSettled: Bool, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    let followUp = WebAddress.followUp(state.settings.contact.email, reference: reference)
    let code = state.codes[followUp] ?? nil
    let fullWidth = grid.size.columns - 2 * Geometry.margin
    let width = code.flatMap { CodePanel.drawAtRight($0, state, into: &grid) } ?? fullWidth
    let left = Geometry.margin
    var row = CodePanel.write(
      [Run(
        state.settings.ticketsAreSent ? "Thank you. Your ticket is on its way." : "Thank you. Your ticket is saved.",
        Style(.heading, .strong))],
      from: 1, width: width, state,
      into: &grid)
    row = CodePanel.write([Run("Please note your reference number.", Style(.muted))], from: row, width: width, state, into: &grid)
    row = max(row + 1, Geometry.headerHeight)
    let referenceRow = row
    grid.write("Reference", row: row, column: left, style: Style(.muted))
    grid.write(" \(reference) ", row: row, column: left + 10, style: Style(.highlight, .strong))
    row += 2
    let text = "The help desk will contact you. To talk to someone now, call \(state.settings.contact.phone) "
      + "and quote your reference."
    row = CodePanel.write([Run(text)], from: row, width: width, state, into: &grid) + 1
    if width < fullWidth {
      let scan = "To follow it up from your phone, scan the code: it writes an e-mail to the help desk about this ticket."
      row = CodePanel.write([Run(scan)], from: row, width: width, state, into: &grid) + 1
    } else if code != nil {
      let small = "The window is too small for the code to follow this up from a phone: e-mail "
        + "\(state.settings.contact.email) with your reference."
      row = CodePanel.write([Run(small, Style(.muted))], from: row, width: width, state, into: &grid) + 1
    }
    let finish = isSettled
      ? "Press any key to finish. This screen closes by itself after \(AppState.confirmationSeconds) seconds."
      : "This screen closes by itself after \(AppState.confirmationSeconds) seconds."
    _ = CodePanel.write([Run(finish, Style(.muted))], from: row, width: width, state, into: &grid)
    grid.cursor = (referenceRow, left + 11)
    Frame.footer(Frame.hints(state), position: "", state, into: &grid)
  }
}
