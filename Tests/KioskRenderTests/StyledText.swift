import KioskCore
import KioskRender

/// A grid as a styled snapshot: its text, where the cursor stands, then per row the runs
/// of cells that do not look like the body, each with its look in `theme`:
///
///     -- cursor: row 4, column 1, hidden
///     -- looks in the monochrome theme; other cells: plain
///      0: 0-79 reverse
///      4: 1-24 reverse bold | 25-78 reverse
enum StyledText {
  /// The text part is `text` (the grid's, or a folded form of it).
  static func of(_ grid: CellGrid, theme: Theme, text: String) -> String {
    var lines = [text]
    if let cursor = grid.cursor {
      lines.append("-- cursor: row \(cursor.row), column \(cursor.column), \(grid.showsCursor ? "shown" : "hidden")")
    } else {
      lines.append("-- cursor: none")
    }
    let body = theme.look(Style.body)
    lines.append("-- looks in the \(theme.rawValue) theme; other cells: \(describe(body))")
    for row in 0..<grid.size.rows {
      var runs: [String] = []
      var column = 0
      while column < grid.size.columns {
        let look = theme.look(grid[row, column].style)
        var end = column
        while end + 1 < grid.size.columns, theme.look(grid[row, end + 1].style) == look { end += 1 }
        if look != body { runs.append("\(column)-\(end) \(describe(look))") }
        column = end + 1
      }
      if !runs.isEmpty {
        lines.append((row < 10 ? " " : "") + "\(row): " + runs.joined(separator: " | "))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// "white on blue bold", "cyan", "on black", "reverse", or "plain".
  static func describe(_ look: Look) -> String {
    var words: [String] = []
    if let foreground = look.foreground { words.append(foreground.rawValue) }
    if let background = look.background { words += ["on", background.rawValue] }
    words += look.attributes.names
    return words.isEmpty ? "plain" : words.joined(separator: " ")
  }
}
