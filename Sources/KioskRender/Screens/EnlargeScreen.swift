import KioskCore

/// Shown instead of a screen when the window is smaller than the kiosk can use.
enum EnlargeScreen {
  static func draw(_ state: AppState, into grid: inout CellGrid) {
    let minimum = Geometry.minimumSize
    let times = state.glyphs.isUnicode ? "×" : "x"
    let message =
      "Please make this window larger. It needs at least \(minimum.columns) \(times) \(minimum.rows); "
      + "it is \(state.size.columns) \(times) \(state.size.rows)."
    let width = max(grid.size.columns - 2, 1)
    let lines = Wrap.lines([Run(message, Style(.body, .strong))], width: width)
    let top = max((grid.size.rows - lines.count) / 2, 0)
    for (offset, line) in lines.prefix(grid.size.rows).enumerated() {
      let lineWidth = line.reduce(0) { $0 + DisplayWidth.of($1.text) }
      grid.write(line, row: top + offset, column: max((grid.size.columns - lineWidth) / 2, 0))
    }
  }
}
