import KioskCore

/// "Are you still there?": the countdown before an idle session ends.
enum IdleOverlay {
  static func draw(_ state: AppState, seconds: Int, into grid: inout CellGrid) {
    let unit = seconds == 1 ? "second" : "seconds"
    let message = "This session ends in \(seconds) \(unit). Press any key to continue."
    let width = min(max(grid.size.columns - 4, 10), 48)
    let lines = Wrap.lines([Run(message)], width: width - 4)
    let height = min(lines.count + 4, grid.size.rows)
    let top = max((grid.size.rows - height) / 2, 0)
    let left = max((grid.size.columns - width) / 2, 0)
    Box.draw(
      top: top, left: left, width: min(width, grid.size.columns), height: height,
      title: "Are you still there?", state.settings.glyphs, into: &grid)
    for (offset, line) in lines.prefix(max(height - 4, 0)).enumerated() {
      grid.write(line, row: top + 2 + offset, column: left + 2, limit: width - 4)
    }
    grid.cursor = (top + 2, left + 2)
    grid.showsCursor = false
  }
}
