import KioskCore

/// The ticket form: name, how to reach the person, what happened; then Review or Cancel.
enum TicketFormScreen {
  /// One row of the form before it is cut to the window.
  private struct Row {
    var draw: (inout CellGrid, Int) -> Void
    var focus: FormFocus?
  }

  static func draw(_ state: AppState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    guard let draft = state.session.draft else { return }
    Frame.heading(
      "Open a ticket", "About: \(draft.article.title). Your steps are attached.", state, into: &grid)

    let left = Geometry.margin
    let fieldWidth = Geometry.fieldWidth(state.size)
    let glyphs = state.settings.glyphs
    let errors = draft.showsErrors ? draft.errors : [:]
    var rows: [Row] = []
    var cursor: (row: Int, column: Int)? = nil

    func label(_ text: String, _ field: TextField, _ focus: FormFocus) {
      rows.append(Row(draw: { grid, row in
        let style = draft.focus == focus ? Style(.heading, .strong) : Style(.body, .strong)
        let count = "\(field.characters.count)/\(field.limit)"
        let countWidth = DisplayWidth.of(count)
        grid.write(
          truncating: text, row: row, column: left, style: style, limit: fieldWidth + 1 - countWidth,
          ellipsis: glyphs.ellipsis)
        grid.write(count, row: row, column: left + fieldWidth + 2 - countWidth, style: Style(.muted))
      }, focus: focus))
    }

    func error(_ focus: FormFocus) {
      guard let message = errors[focus] else { return }
      for line in Wrap.lines([Run("! " + message, Style(.error, .strong))], width: fieldWidth + 2) {
        rows.append(Row(draw: { grid, row in grid.write(line, row: row, column: left) }, focus: focus))
      }
    }

    func singleLine(_ title: String, _ field: TextField, _ focus: FormFocus) {
      label(title, field, focus)
      let isFocused = draft.focus == focus
      rows.append(Row(draw: { grid, row in
        let style = Style(isFocused ? .highlight : .body)
        grid.write("[", row: row, column: left, style: Style(.frame))
        grid.write("]", row: row, column: left + fieldWidth + 1, style: Style(.frame))
        grid.paint(row: row, column: left + 1, width: fieldWidth, style: style)
        let start = TextFieldView.visibleStart(field, width: fieldWidth - 1)
        let shown = String(field.characters[start...])
        grid.write(shown, row: row, column: left + 1, style: style, limit: fieldWidth)
        if isFocused {
          let column = field.characters[start..<field.cursor].reduce(0) { $0 + DisplayWidth.of($1) }
          cursor = (row, left + 1 + column)
        }
      }, focus: focus))
      error(focus)
      rows.append(Row(draw: { _, _ in }, focus: nil))
    }

    singleLine("Your name", draft.name, .name)
    singleLine("How to reach you: e-mail or phone", draft.contact, .contact)

    label("What happened?", draft.description, .description)
    // The box takes the rows the rest of the form leaves, so that the buttons stay in view.
    let errorRows = errors.values.reduce(0) { total, message in
      total + Wrap.lines([Run("! " + message)], width: fieldWidth + 2).count
    }
    let boxLines = min(max(Geometry.bodyHeight(state.size) - 12 - errorRows, 3), 8)
    let field = draft.description
    let lines = field.lines(width: fieldWidth)
    let place = field.cursorPlace(width: fieldWidth)
    let firstLine = max(0, min(place.line - boxLines + 1, lines.count - boxLines))
    let isFocused = draft.focus == .description
    let frame = Style(isFocused ? .heading : .frame)
    rows.append(Row(draw: { grid, row in
      grid.write(glyphs.topLeft + String(repeating: glyphs.horizontal, count: fieldWidth) + glyphs.topRight,
        row: row, column: left, style: frame)
    }, focus: .description))
    for index in 0..<boxLines {
      let lineNumber = firstLine + index
      rows.append(Row(draw: { grid, row in
        grid.write(glyphs.vertical, row: row, column: left, style: frame)
        grid.write(glyphs.vertical, row: row, column: left + fieldWidth + 1, style: frame)
        if lines.indices.contains(lineNumber) {
          let text = String(field.characters[lines[lineNumber]])
          grid.write(text, row: row, column: left + 1, limit: fieldWidth)
        }
        if isFocused && lineNumber == place.line {
          cursor = (row, left + 1 + min(place.column, fieldWidth - 1))
        }
      }, focus: .description))
    }
    rows.append(Row(draw: { grid, row in
      grid.write(glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: fieldWidth) + glyphs.bottomRight,
        row: row, column: left, style: frame)
    }, focus: .description))
    error(.description)
    rows.append(Row(draw: { _, _ in }, focus: nil))

    let buttonFocus = FormFocus.buttons.firstIndex(of: draft.focus)
    rows.append(Row(draw: { grid, row in
      Buttons.row(FormFocus.buttons.map(\.buttonTitle), selection: buttonFocus, row: row, state, into: &grid)
    }, focus: buttonFocus == nil ? nil : draft.focus))

    // Cut to the window, keeping the focused part in view.
    let height = Geometry.bodyHeight(state.size)
    let focused = rows.indices.filter { rows[$0].focus == draft.focus }
    var top = 0
    if let last = focused.last, last >= height { top = last - height + 1 }
    if let first = focused.first, first < top { top = first }
    for (offset, row) in rows.dropFirst(top).prefix(height).enumerated() {
      row.draw(&grid, Geometry.headerHeight + offset)
    }
    if let cursor {
      grid.cursor = cursor
      grid.showsCursor = true
    }

    Frame.footer(Frame.hints(state), position: "", state, into: &grid)
  }
}
