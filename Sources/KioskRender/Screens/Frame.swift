import KioskCore

/// A key and what it does, as the footer and the help overlay show it.
struct KeyHint {
  var keys: String
  var label: String
  /// Kept when the footer is too narrow for every hint: the ways back, to help and out.
  var isEssential = false

  init(keys: String, label: String, isEssential: Bool? = nil) {
    self.keys = keys
    self.label = label
    self.isEssential = isEssential ?? ["Esc", "?", "F1", "q"].contains(keys)
  }

  init(_ hint: Hint) {
    self.init(keys: hint.keys, label: hint.label, isEssential: hint.isEssential)
  }

  var width: Int { DisplayWidth.of(keys) + 1 + DisplayWidth.of(label) }
}

/// The parts every screen shares: the title bar, the screen's heading, and the footer with
/// its key hints.
enum Frame {
  /// Row 0: the organisation on the left, the help desk's contact on the right.
  static func titleBar(_ state: AppState, into grid: inout CellGrid) {
    let style = Style(.title)
    grid.paint(row: 0, style: style)
    let contact = " \(state.settings.contact.email) \(state.settings.glyphs.middleDot) \(state.settings.contact.phone) "
    let contactWidth = DisplayWidth.of(contact)
    let nameRoom = grid.size.columns - 1
    let used = grid.write(
      truncating: state.settings.organisation, row: 0, column: 1, style: style, limit: nameRoom,
      ellipsis: state.settings.glyphs.ellipsis)
    if used + 2 + contactWidth <= grid.size.columns {
      grid.write(contact, row: 0, column: grid.size.columns - contactWidth, style: style)
    }
  }

  /// Rows 1 and 2: the screen's heading and a line under it.
  static func heading(_ title: String, _ subtitle: String, _ state: AppState, into grid: inout CellGrid) {
    let room = grid.size.columns - 2 * Geometry.margin
    grid.write(
      truncating: title, row: 1, column: Geometry.margin, style: Style(.heading, .strong),
      limit: room, ellipsis: state.settings.glyphs.ellipsis)
    grid.write(
      truncating: subtitle, row: 2, column: Geometry.margin, style: Style(.muted), limit: room,
      ellipsis: state.settings.glyphs.ellipsis)
  }

  /// The last two rows: a rule with a position on its right, then the key hints. In plain
  /// mode the rule is blank, and hints that do not fit on the last row go on the row above
  /// it, so that as many as possible stay visible.
  static func footer(
    _ hints: [KeyHint], position: String, _ state: AppState, into grid: inout CellGrid
  ) {
    let ruleRow = grid.size.rows - 2
    let hintRow = grid.size.rows - 1
    // The footer's rows are its own, whatever the screen drew there.
    for row in [ruleRow, hintRow] {
      grid.write(String(repeating: " ", count: grid.size.columns), row: row, column: 0)
    }
    let rule = String(repeating: state.settings.glyphs.horizontal, count: grid.size.columns)
    grid.write(rule, row: ruleRow, column: 0, style: Style(.frame))
    var positionWidth = 0
    if !position.isEmpty {
      let label = " \(position) "
      let width = DisplayWidth.of(label)
      if width + 4 <= grid.size.columns {
        grid.write(label, row: ruleRow, column: grid.size.columns - width - 2, style: Style(.status))
        positionWidth = width + 2
      }
    }
    // Too narrow for all: leave out the last hints that are not essential.
    var hints = hints
    var rows = hintRows(hints, state, columns: grid.size.columns, positionWidth: positionWidth)
    while rows.count < hints.count, let last = hints.lastIndex(where: { !$0.isEssential }) {
      hints.remove(at: last)
      rows = hintRows(hints, state, columns: grid.size.columns, positionWidth: positionWidth)
    }
    var column = 1
    var previousRow: Int?
    for (hint, place) in zip(hints, rows) {
      let row = place == 0 ? hintRow : ruleRow
      if row != previousRow {
        previousRow = row
        column = 1
      }
      column += grid.write(hint.keys, row: row, column: column, style: Style(.key, .strong))
      column += 1
      column += grid.write(hint.label, row: row, column: column, style: Style(.keyHint))
      column += 2
    }
  }

  /// The row of each hint that fits, in order: 0 the last row, 1 the row above it (plain
  /// mode only, beside the position). Fewer entries than hints when they do not all fit.
  private static func hintRows(
    _ hints: [KeyHint], _ state: AppState, columns: Int, positionWidth: Int
  ) -> [Int] {
    let total = hints.reduce(1) { $0 + $1.width + 2 } - 2
    guard state.settings.isPlain, total > columns else {
      // One row, up to the first hint that does not fit.
      var used = 1
      return hints.prefix { hint in
        defer { used += hint.width + 2 }
        return used + hint.width <= columns
      }.map { _ in 0 }
    }
    // Two rows: the first hints above, beside the position, the rest on the last row.
    var rows: [Int] = []
    var used = 1
    var row = 1
    for hint in hints {
      let room = row == 1 ? columns - positionWidth : columns
      if used + hint.width > room {
        guard row == 1 else { break }
        row = 0
        used = 1
        if used + hint.width > columns { break }
      }
      rows.append(row)
      used += hint.width + 2
    }
    return rows
  }

  /// The footer's hints: those of the current screen's binding table.
  static func hints(_ state: AppState) -> [KeyHint] {
    state.bindings.footer.map(KeyHint.init)
  }

  /// "All", "Top", "Bot" or the share of the text above the bottom of the window.
  static func scrollPosition(top: Int, count: Int, height: Int) -> String {
    if count <= height { return "All" }
    if top == 0 { return "Top" }
    if top >= count - height { return "Bot" }
    return "\((top + height) * 100 / count)%"
  }

  /// "3–5 of 12" for a menu that does not show all its entries at once.
  static func range(_ menu: MenuState, count: Int, visible: Int, _ glyphs: Glyphs) -> String {
    guard count > visible else { return "" }
    let last = min(menu.top + visible, count)
    let dash = glyphs.isUnicode ? "–" : "-"
    return "\(menu.top + 1)\(dash)\(last) of \(count)"
  }
}
