import KioskCore

/// "This kiosk": a column of labels and, beside each, its value wrapped to the window; in
/// a narrow window each value goes under its label. Scrolled a row at a time from `top`.
extension KioskDetailsState: DrawnScreen {
  func draw(_ state: AppState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("This kiosk", "As it was started; change it in the configuration file", state, into: &grid)
    let left = Geometry.margin
    let width = grid.size.columns - 2 * left
    let labelWidth = rows.map { DisplayWidth.of($0.label) }.max() ?? 0
    let isNarrow = width - labelWidth - 2 < 24
    let valueColumn = isNarrow ? left + 2 : left + labelWidth + 2
    let valueWidth = grid.size.columns - left - valueColumn
    let bottom = Geometry.headerHeight + Geometry.bodyHeight(state.size)
    var row = Geometry.headerHeight
    grid.cursor = (row, left)
    // Rows drawn whole, for the position in the footer.
    var shown = 0
    for entry in rows.dropFirst(top) where row < bottom {
      let lines = Wrap.lines([Run(entry.value)], width: valueWidth)
      if row + (isNarrow ? 1 : 0) + max(lines.count, 1) <= bottom { shown += 1 }
      grid.write(entry.label, row: row, column: left, style: Style(.heading, .strong))
      if isNarrow { row += 1 }
      for line in lines where row < bottom {
        grid.write(line, row: row, column: valueColumn)
        row += 1
      }
      if lines.isEmpty { row += 1 }
    }
    let isWhole = top == 0 && shown == rows.count
    Frame.footer(
      Frame.hints(state),
      position: isWhole ? "" : Frame.scrollPosition(top: top, count: rows.count, height: max(shown, 1)),
      state, into: &grid)
  }
}
