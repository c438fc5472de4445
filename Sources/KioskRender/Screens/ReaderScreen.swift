import KioskCore

/// An article, laid out to the window and scrolled.
enum ReaderScreen {
  static func draw(_ state: AppState, _ reader: ReaderState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    let article = reader.article
    let dot = state.glyphs.middleDot
    Frame.heading(
      article.title,
      "\(article.category) \(dot) \(article.readMinutes) min read \(dot) Updated \(article.updated.longText)",
      state, into: &grid)
    let height = Geometry.bodyHeight(state.size)
    let visible = reader.lines.dropFirst(reader.top).prefix(height)
    for (offset, line) in visible.enumerated() {
      grid.write(line.runs, row: Geometry.headerHeight + offset, column: Geometry.margin,
        limit: Geometry.textWidth(state.size))
    }
    grid.cursor = (Geometry.headerHeight, Geometry.margin)
    Frame.footer(
      [
        KeyHint(keys: "Enter", label: "Steps"),
        KeyHint(keys: Frame.arrows(state.glyphs), label: "Scroll"),
        KeyHint(keys: "Esc", label: "Back"),
        KeyHint(keys: "?", label: "Help"),
      ] + Frame.quitHint(state),
      position: position(reader, state.size), state, into: &grid)
  }

  static func position(_ reader: ReaderState, _ size: Size) -> String {
    Frame.scrollPosition(top: reader.top, count: reader.lines.count, height: Geometry.bodyHeight(size))
  }
}
