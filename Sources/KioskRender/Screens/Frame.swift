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

  var width: Int { DisplayWidth.of(keys) + 1 + DisplayWidth.of(label) }
}

/// The parts every screen shares: the title bar, the screen's heading, and the footer with
/// its key hints.
enum Frame {
  /// Row 0: the organisation on the left, the help desk's contact on the right.
  static func titleBar(_ state: AppState, into grid: inout CellGrid) {
    let style = Style(.title)
    grid.paint(row: 0, style: style)
    let contact = " \(state.contact.email) \(state.glyphs.middleDot) \(state.contact.phone) "
    let contactWidth = DisplayWidth.of(contact)
    let nameRoom = grid.size.columns - 1
    let used = grid.write(
      truncating: state.organisation, row: 0, column: 1, style: style, limit: nameRoom,
      ellipsis: state.glyphs.ellipsis)
    if used + 2 + contactWidth <= grid.size.columns {
      grid.write(contact, row: 0, column: grid.size.columns - contactWidth, style: style)
    }
  }

  /// Rows 1 and 2: the screen's heading and a line under it.
  static func heading(_ title: String, _ subtitle: String, _ state: AppState, into grid: inout CellGrid) {
    let room = grid.size.columns - 2 * Geometry.margin
    grid.write(
      truncating: title, row: 1, column: Geometry.margin, style: Style(.heading, .strong),
      limit: room, ellipsis: state.glyphs.ellipsis)
    grid.write(
      truncating: subtitle, row: 2, column: Geometry.margin, style: Style(.muted), limit: room,
      ellipsis: state.glyphs.ellipsis)
  }

  /// The last two rows: a rule with a position on its right, then the key hints.
  static func footer(
    _ hints: [KeyHint], position: String, _ state: AppState, into grid: inout CellGrid
  ) {
    let ruleRow = grid.size.rows - 2
    let hintRow = grid.size.rows - 1
    // The footer's rows are its own, whatever the screen drew there.
    for row in [ruleRow, hintRow] {
      grid.write(String(repeating: " ", count: grid.size.columns), row: row, column: 0)
    }
    let rule = String(repeating: state.glyphs.horizontal, count: grid.size.columns)
    grid.write(rule, row: ruleRow, column: 0, style: Style(.frame))
    if !position.isEmpty {
      let label = " \(position) "
      let width = DisplayWidth.of(label)
      if width + 4 <= grid.size.columns {
        grid.write(label, row: ruleRow, column: grid.size.columns - width - 2, style: Style(.status))
      }
    }
    // Too narrow for all: leave out the last hints that are not essential.
    var hints = hints
    while hints.reduce(1, { $0 + $1.width + 2 }) - 2 > grid.size.columns,
      let last = hints.lastIndex(where: { !$0.isEssential })
    {
      hints.remove(at: last)
    }
    var column = 1
    for hint in hints {
      let width = hint.width
      guard column + width <= grid.size.columns else { break }
      column += grid.write(hint.keys, row: hintRow, column: column, style: Style(.key, .strong))
      column += 1
      column += grid.write(hint.label, row: hintRow, column: column, style: Style(.keyHint))
      column += 2
    }
  }

  /// "↑↓" or, without Unicode, "Up/Dn".
  static func arrows(_ glyphs: Glyphs) -> String {
    glyphs.isUnicode ? "↑↓" : "Up/Dn"
  }

  /// `q Quit` in development mode, the only one where `q` leaves the program.
  static func quitHint(_ state: AppState) -> [KeyHint] {
    state.isDevelopment ? [KeyHint(keys: "q", label: "Quit")] : []
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
