import KioskCore

/// One terminal cell: a character and its style. A double-width character fills its cell
/// and marks the next one as its continuation.
public struct Cell: Hashable, Sendable {
  public var character: Character
  public var style: Style
  /// True for the right half of a double-width character: nothing is drawn there.
  public var isContinuation: Bool

  public init(_ character: Character = " ", _ style: Style = .body, isContinuation: Bool = false) {
    self.character = character
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}

/// A screen's worth of styled cells: what the renderer makes and the terminal draws.
public struct CellGrid: Hashable, Sendable {
  public let size: Size
  public private(set) var cells: [Cell]
  /// Where the terminal's cursor should stand (the focused item), if anywhere.
  public var cursor: (row: Int, column: Int)? {
    get { cursorRow.map { ($0, cursorColumn) } }
    set {
      cursorRow = newValue?.row
      cursorColumn = newValue?.column ?? 0
    }
  }
  private var cursorRow: Int?
  private var cursorColumn = 0
  /// Whether the cursor is shown: where the person types.
  public var showsCursor = false

  public init(size: Size, fill: Cell = .blank) {
    self.size = Size(columns: max(size.columns, 0), rows: max(size.rows, 0))
    self.cells = Array(repeating: fill, count: self.size.columns * self.size.rows)
  }

  public subscript(row: Int, column: Int) -> Cell {
    cells[row * size.columns + column]
  }

  /// Writes text from a cell on, clipped to `limit` columns (default: to the right edge).
  /// A double-width character that does not fit whole is left out. Returns the columns used.
  @discardableResult
  public mutating func write(
    _ text: String, row: Int, column: Int, style: Style = .body, limit: Int? = nil
  ) -> Int {
    guard row >= 0, row < size.rows, column >= 0 else { return 0 }
    let end = min(size.columns, column + (limit ?? size.columns))
    var x = column
    // Printable ASCII, most of what is drawn: one column per byte.
    if Wrap.isPrintableASCII(text) {
      for byte in text.utf8 {
        guard x < end else { break }
        put(Cell(Character(Unicode.Scalar(byte)), style), row: row, column: x)
        x += 1
      }
      return x - column
    }
    for character in text {
      let width = DisplayWidth.of(character)
      if width == 0 {
        // A mark with no base of its own in this run: keep it out of the grid.
        continue
      }
      guard x + width <= end else { break }
      put(Cell(character, style), row: row, column: x)
      if width == 2 { put(Cell(" ", style, isContinuation: true), row: row, column: x + 1) }
      x += width
    }
    return x - column
  }

  /// Sets one cell, blanking the other half of a double-width character it overwrites.
  private mutating func put(_ cell: Cell, row: Int, column: Int) {
    let index = row * size.columns + column
    if cells[index].isContinuation && !cell.isContinuation && column > 0 {
      cells[index - 1] = Cell(" ", cells[index - 1].style)
    }
    if !cells[index].isContinuation, column + 1 < size.columns, cells[index + 1].isContinuation {
      cells[index + 1] = Cell(" ", cells[index + 1].style)
    }
    cells[index] = cell
  }

  /// Writes runs one after another; returns the columns used.
  @discardableResult
  public mutating func write(_ runs: [Run], row: Int, column: Int, limit: Int? = nil) -> Int {
    var used = 0
    for run in runs {
      let room = (limit ?? size.columns) - used
      guard room > 0 else { break }
      used += write(run.text, row: row, column: column + used, style: run.style, limit: room)
    }
    return used
  }

  /// Writes text cut to `limit` columns, ending in an ellipsis when it was cut.
  @discardableResult
  public mutating func write(
    truncating text: String, row: Int, column: Int, style: Style, limit: Int, ellipsis: String
  ) -> Int {
    if DisplayWidth.of(text) <= limit {
      return write(text, row: row, column: column, style: style, limit: limit)
    }
    let room = limit - DisplayWidth.of(ellipsis)
    guard room > 0 else { return write(text, row: row, column: column, style: style, limit: limit) }
    let used = write(text, row: row, column: column, style: style, limit: room)
    return used + write(ellipsis, row: row, column: column + used, style: style, limit: limit - used)
  }

  /// Writes runs cut to `limit` columns, ending in an ellipsis (in the last run's style)
  /// when they were cut.
  @discardableResult
  public mutating func write(
    truncating runs: [Run], row: Int, column: Int, limit: Int, ellipsis: String
  ) -> Int {
    let width = runs.reduce(0) { $0 + DisplayWidth.of($1.text) }
    if width <= limit { return write(runs, row: row, column: column, limit: limit) }
    let room = limit - DisplayWidth.of(ellipsis)
    guard room > 0 else { return write(runs, row: row, column: column, limit: limit) }
    let used = write(runs, row: row, column: column, limit: room)
    let style = runs.last?.style ?? .body
    return used + write(ellipsis, row: row, column: column + used, style: style, limit: limit - used)
  }

  /// Sets the style of a row's cells from `column` for `width` columns, keeping their text.
  public mutating func paint(row: Int, column: Int = 0, width: Int? = nil, style: Style) {
    guard row >= 0, row < size.rows else { return }
    let end = min(size.columns, column + (width ?? size.columns))
    for x in max(column, 0)..<max(end, max(column, 0)) {
      cells[row * size.columns + x].style = style
    }
  }

  /// The grid as plain text, one line per row, trailing spaces removed.
  public var text: String { text(foldingToASCII: false) }

  /// The grid as text; folded to ASCII, it is what a terminal without UTF-8 shows: one
  /// character per cell, `?` for the right half of a double-width character.
  public func text(foldingToASCII: Bool) -> String {
    (0..<size.rows).map { row in
      var line = ""
      for column in 0..<size.columns {
        let cell = self[row, column]
        if foldingToASCII {
          line.append(cell.isContinuation ? "?" : AsciiFold.fold(cell.character))
        } else if !cell.isContinuation {
          line.append(cell.character)
        }
      }
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }

  public static func == (lhs: CellGrid, rhs: CellGrid) -> Bool {
    lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursorRow == rhs.cursorRow
      && lhs.cursorColumn == rhs.cursorColumn && lhs.showsCursor == rhs.showsCursor
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(size)
    hasher.combine(cells)
  }
}
