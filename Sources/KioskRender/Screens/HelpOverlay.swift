import KioskCore

/// The keys of the current screen, in a box over it. Any key closes it.
enum HelpOverlay {
  /// The help's lines: those of the current screen's binding table.
  static func hints(_ state: AppState) -> [KeyHint] {
    state.bindings.help.map(KeyHint.init)
  }

  static func draw(_ state: AppState, into grid: inout CellGrid) {
    let hints = hints(state)
    let keysWidth = hints.map { DisplayWidth.of($0.keys) }.max() ?? 0
    let labelsWidth = hints.map { DisplayWidth.of($0.label) }.max() ?? 0
    let width = min(keysWidth + labelsWidth + 8, grid.size.columns - 2)
    // A blank row inside each edge when there is room for it.
    let padding = hints.count + 4 <= grid.size.rows - 2 ? 1 : 0
    let height = min(hints.count + 2 + 2 * padding, grid.size.rows - 2)
    let top = (grid.size.rows - height) / 2
    let left = (grid.size.columns - width) / 2
    Box.draw(top: top, left: left, width: width, height: height, title: "Keys", state.settings.glyphs, into: &grid)
    for (index, hint) in hints.prefix(height - 2 - 2 * padding).enumerated() {
      let row = top + 1 + padding + index
      grid.write(hint.keys, row: row, column: left + 2, style: Style(.key, .strong), limit: width - 4)
      grid.write(
        truncating: hint.label, row: row, column: left + 4 + keysWidth, style: Style(.body),
        limit: max(width - keysWidth - 6, 0), ellipsis: state.settings.glyphs.ellipsis)
    }
    let close = " Press any key to close "
    grid.write(close, row: top + height - 1, column: left + max((width - DisplayWidth.of(close)) / 2, 1),
      style: Style(.muted), limit: width - 2)
    grid.cursor = (top + 1 + padding, left + 2)
    grid.showsCursor = false
  }
}

/// A framed box, cleared inside, with a title in its top edge. In plain mode the box has no
/// frame and the screen behind it is cleared, so that only the box is read out.
enum Box {
  static func draw(
    top: Int, left: Int, width: Int, height: Int, title: String, _ glyphs: Glyphs,
    into grid: inout CellGrid
  ) {
    guard width >= 2, height >= 2 else { return }
    if !glyphs.drawsLines {
      for row in 0..<grid.size.rows {
        grid.write(String(repeating: " ", count: grid.size.columns), row: row, column: 0)
      }
    }
    let frame = Style(.frame)
    let inner = String(repeating: glyphs.horizontal, count: width - 2)
    grid.write(glyphs.topLeft + inner + glyphs.topRight, row: top, column: left, style: frame)
    for row in (top + 1)..<(top + height - 1) {
      grid.write(
        glyphs.vertical + String(repeating: " ", count: width - 2) + glyphs.vertical, row: row,
        column: left, style: frame)
      grid.paint(row: row, column: left + 1, width: width - 2, style: .body)
    }
    grid.write(glyphs.bottomLeft + inner + glyphs.bottomRight, row: top + height - 1, column: left, style: frame)
    grid.write(" \(title) ", row: top, column: left + 2, style: Style(.heading, .strong), limit: width - 4)
  }
}
