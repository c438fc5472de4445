import KioskCore

/// An article's web address as a QR code, for a phone to open, with the address under the
/// words beside it.
enum TakeAwayScreen {
  static func draw(_ state: AppState, _ takeAway: TakeAwayState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    let code = state.codes[takeAway.address] ?? nil
    let textWidth = code.flatMap { CodePanel.drawAtRight($0, state, into: &grid) } ?? grid.size.columns - 2 * Geometry.margin
    var row = 1
    row = CodePanel.write(
      [Run("Take this article with you", Style(.heading, .strong))], from: row, width: textWidth, state, into: &grid)
    row = CodePanel.write([Run(takeAway.title, Style(.muted))], from: row, width: textWidth, state, into: &grid) + 1
    let how: String
    if code != nil, textWidth < grid.size.columns - 2 * Geometry.margin {
      how = "Point your phone's camera at the code to open this article on the web:"
    } else if state.codes[takeAway.address] == nil {
      how = "Making the code…"
    } else {
      how = "The window is too small for the code. Type this address on your phone instead:"
    }
    row = CodePanel.write([Run(how)], from: row, width: textWidth, state, into: &grid) + 1
    row = CodePanel.write([Run(takeAway.address, Style(.body, .strong))], from: row, width: textWidth, state, into: &grid)
    grid.cursor = (1, Geometry.margin)
    Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
  }
}

/// A QR code at the right of a screen, with text at its left.
enum CodePanel {
  /// The narrowest text beside a code.
  static let minimumTextWidth = 24

  /// Draws the code at the right of the screen, from the heading's row down to the footer,
  /// when the window has room for it beside text; returns the columns left for text at the
  /// left, or nil (drawing nothing) when it does not fit.
  static func drawAtRight(_ code: QRModules, _ state: AppState, into grid: inout CellGrid) -> Int? {
    let (columns, rows) = QRCodeView.size(code, glyphs: state.settings.glyphs)
    let bottom = Geometry.headerHeight + Geometry.bodyHeight(state.size)
    // The quiet zone keeps the text clear of the code.
    let column = grid.size.columns - columns
    let textWidth = column - Geometry.margin
    guard rows <= bottom - 1, textWidth >= minimumTextWidth else { return nil }
    QRCodeView.draw(code, row: 1, column: column, glyphs: state.settings.glyphs, into: &grid)
    return textWidth
  }

  /// Writes wrapped text from a row at the left margin, as far as the footer; returns the
  /// row after it.
  static func write(_ runs: [Run], from row: Int, width: Int, _ state: AppState, into grid: inout CellGrid) -> Int {
    let bottom = Geometry.headerHeight + Geometry.bodyHeight(state.size)
    var row = row
    for line in Wrap.lines(runs, width: max(width, 1)) where row < bottom {
      grid.write(line, row: row, column: Geometry.margin)
      row += 1
    }
    return row
  }
}
