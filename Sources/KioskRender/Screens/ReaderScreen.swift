import KioskCore

/// An article, laid out to the window and scrolled.
enum ReaderScreen {
  static func draw(_ state: AppState, _ reader: ReaderState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    let article = reader.article
    let dot = state.settings.glyphs.middleDot
    Frame.heading(
      article.title,
      "\(article.category) \(dot) \(article.readMinutes) min read \(dot) Updated \(article.updated.longText)",
      state, into: &grid)
    let height = Geometry.bodyHeight(state.size)
    let visible = reader.linesInView(state.size)
    // Unknown only after End while the layout is not done, when nothing is found.
    let first = reader.firstLineInView(state.size)
    var focusCell: (row: Int, column: Int)? = nil
    for (offset, line) in visible.enumerated() {
      var runs = first.map { highlighted(line, $0 + offset, reader.find) } ?? line.runs
      if let focused = reader.focusedLink {
        let ranges = line.links.filter { $0.number == focused }.map(\.range)
        runs = SearchQuery.restyle(runs, ranges: ranges, as: .selection)
        if focusCell == nil, let first = ranges.first {
          focusCell = (Geometry.headerHeight + offset, Geometry.margin + column(of: first.lowerBound, in: line))
        }
      }
      grid.write(runs, row: Geometry.headerHeight + offset, column: Geometry.margin, limit: Geometry.textWidth(state.size))
    }
    grid.cursor = (Geometry.headerHeight, Geometry.margin)
    if let find = reader.find, !find.matches.isEmpty, let first {
      let current = find.matches[find.current]
      if current.line >= first && current.line < first + height {
        grid.cursor = (
          Geometry.headerHeight + current.line - first,
          Geometry.margin + column(of: current.range.lowerBound, in: reader.lines[current.line])
        )
      }
    }
    // The hardware cursor on the link Tab moved to, for a screen reader to follow.
    if let focusCell { grid.cursor = focusCell }
    let isTyping = reader.find?.isEditing == true
    // While words to find are typed, the field takes the hint row, with the table's keys.
    Frame.footer(isTyping ? [] : Frame.hints(state), position: position(reader, state.size), state, into: &grid)
    if let find = reader.find, find.isEditing {
      // The words being typed take the hint row, with the keys that finish them.
      let row = grid.size.rows - 1
      grid.write(String(repeating: " ", count: grid.size.columns), row: row, column: 0)
      let keys = Frame.hints(state).map { "  \($0.keys) \($0.label)" }.joined()
      let keysWidth = DisplayWidth.of(keys)
      let showsKeys = grid.size.columns - keysWidth > 20
      SearchScreen.drawField(find.field, row: row, reserving: showsKeys ? keysWidth : 0, state, into: &grid)
      if showsKeys {
        grid.write(keys, row: row, column: grid.size.columns - keysWidth, style: Style(.keyHint))
      }
    }
  }

  /// The display column of a character offset in a line.
  static func column(of offset: Int, in line: TextLine) -> Int {
    line.text.prefix(offset).reduce(0) { $0 + DisplayWidth.of($1) }
  }

  /// A line with the found words highlighted, the current match most of all.
  static func highlighted(_ line: TextLine, _ index: Int, _ find: ReaderFind?) -> [Run] {
    guard let find, !find.matches.isEmpty else { return line.runs }
    let ranges = find.ranges(onLine: index)
    guard !ranges.isEmpty else { return line.runs }
    let current = find.matches[find.current]
    let others = ranges.filter { !(current.line == index && $0 == current.range) }
    var runs = SearchQuery.restyle(line.runs, ranges: others, as: .highlight)
    if current.line == index { runs = SearchQuery.restyle(runs, ranges: [current.range], as: .selection) }
    return runs
  }

  static func position(_ reader: ReaderState, _ size: Size) -> String {
    if let find = reader.find, !find.query.isEmpty, !find.isEditing {
      return find.matches.isEmpty ? "no match" : "match \(find.current + 1) of \(find.matches.count)"
    }
    let height = Geometry.bodyHeight(size)
    // After End, while the layout is not done: at the end, which is all the view knows.
    guard let top = reader.firstLineInView(size) else { return "Bot" }
    // At the top, whether there is more than a screen is all that counts: a long article
    // need not be laid out to its end for that.
    if top == 0 { return reader.lines.hasAtLeast(height + 1) ? "Top" : "All" }
    return Frame.scrollPosition(top: top, count: reader.lines.count, height: height)
  }
}
