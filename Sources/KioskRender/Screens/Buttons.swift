import KioskCore

/// Buttons: a column of choices, or a row of them.
enum Buttons {
  /// Choices one under another, the selected one highlighted with a pointer; a blank row
  /// between them when the body has room for it.
  static func column(
    _ titles: [String], selection: Int, row: Int, _ state: AppState, into grid: inout CellGrid
  ) {
    let bottom = Geometry.headerHeight + Geometry.bodyHeight(state.size)
    let spacing = row + titles.count * 2 - 1 <= bottom ? 2 : 1
    // More buttons than rows: those around the selection.
    let room = max(bottom - row, 1)
    let first = titles.count <= room ? 0 : min(max(selection - room + 1, 0), titles.count - room)
    for (slot, title) in titles.dropFirst(first).prefix(room).enumerated() {
      let index = first + slot
      let isSelected = index == selection
      let y = row + slot * spacing
      let style = isSelected ? Style(.selection, .strong) : Style(.body, .strong)
      let label = " \(title) "
      let width = DisplayWidth.of(label)
      if isSelected {
        grid.paint(row: y, column: Geometry.margin - 1, width: width + 2, style: style)
        grid.cursor = (y, Geometry.margin - 1)
      }
      grid.write(isSelected ? state.settings.glyphs.pointer : " ", row: y, column: Geometry.margin - 1, style: style)
      grid.write(label, row: y, column: Geometry.margin, style: style)
    }
  }

  /// Buttons side by side ("[ Send ]  [ Edit ]"); `selection` nil when none has the focus.
  static func row(
    _ titles: [String], selection: Int?, row: Int, _ state: AppState, into grid: inout CellGrid
  ) {
    var column = Geometry.margin
    for (index, title) in titles.enumerated() {
      let isSelected = index == selection
      let label = "[ \(title) ]"
      let style = isSelected ? Style(.selection, .strong) : Style(.body, .strong)
      if isSelected { grid.cursor = (row, column) }
      column += grid.write(label, row: row, column: column, style: style) + 2
    }
  }
}
