import KioskCore

/// Shown instead of a screen when the window is smaller than the kiosk can use.
enum EnlargeScreen {
  static func draw(_ state: AppState, into grid: inout CellGrid) {
    let minimum = Geometry.minimumSize
    let message =
      "Please make this window bigger. It needs at least \(minimum.columns) columns and \(minimum.rows) lines. "
      + "It has \(state.size.columns) columns and \(state.size.rows) lines."
    let width = max(grid.size.columns - 2, 1)
    let lines = Wrap.lines([Run(message, Style(.body, .strong))], width: width)
    let top = max((grid.size.rows - lines.count) / 2, 0)
    for (offset, line) in lines.prefix(grid.size.rows).enumerated() {
      let lineWidth = line.reduce(0) { $0 + DisplayWidth.of($1.text) }
      let column = max((grid.size.columns - lineWidth) / 2, 0)
      grid.write(line, row: top + offset, column: column)
      if offset == 0 { grid.cursor = (top, column) }
    }
  }
}
