import KioskCore

/// The keys of the current screen, in a box over it. Any key closes it.
enum HelpOverlay {
  static func hints(_ state: AppState) -> [KeyHint] {
    let upDown = state.glyphs.isUnicode ? "↑ ↓" : "Up Down"
    let arrows = upDown + "  k j"
    let back = KeyHint(keys: "Esc  Backspace", label: "Back")
    var hints: [KeyHint]
    switch state.screen {
    case .reader:
      hints = [
        KeyHint(keys: arrows, label: "Scroll one line"),
        KeyHint(keys: "PgUp PgDn", label: "One page (also b, Space)"),
        KeyHint(keys: "Home End  g G", label: "Top, bottom"),
        KeyHint(keys: "Enter", label: "Try the steps"),
        KeyHint(keys: "/", label: "Find words in the article"),
        KeyHint(keys: "n  N", label: "Next, previous match"),
        KeyHint(keys: "Tab  Shift-Tab", label: "Next, previous link; Enter opens it"),
      ]
      if state.isPlain { hints.append(KeyHint(keys: "1 to 9", label: "Open the link of that number")) }
      if case .reader(let reader) = state.screen {
        if reader.offersContents {
          hints.append(KeyHint(keys: "c", label: "Contents: jump to a heading"))
        }
        if WebAddress.address(of: reader.article, template: state.articleURLTemplate) != nil {
          hints.append(KeyHint(keys: "w", label: "Take it with you: a code for your phone"))
        }
      }
      hints += [
        KeyHint(keys: "Esc  Backspace", label: "Back"),
        KeyHint(keys: "Mouse wheel", label: "Scroll"),
      ]
    case .home, .articles:
      // On Home letters start a search, so the letter keys of the other lists are not offered.
      let isHome = state.isHome
      let letters = { (keys: String) in isHome ? "" : "  " + keys }
      hints = [
        KeyHint(keys: upDown + letters("k j"), label: "Move the selection"),
        KeyHint(keys: "PgUp PgDn" + letters("b"), label: "One page"),
        KeyHint(keys: "Home End" + letters("g G"), label: "First, last"),
        KeyHint(keys: "Enter", label: "Open"),
      ]
      hints += isHome
        ? [KeyHint(keys: "Type, or /", label: "Search all articles"), KeyHint(keys: "Mouse click", label: "Open")]
        : [KeyHint(keys: "Mouse click", label: "Open"), back]
    case .takeAway:
      hints = [KeyHint(keys: "Esc  Backspace  Enter", label: "Back to the article")]
    case .contents:
      hints = [
        KeyHint(keys: arrows, label: "Choose a heading"),
        KeyHint(keys: "Enter", label: "Go to it in the article"),
        KeyHint(keys: "Esc  Backspace", label: "Back to the article"),
      ]
    case .search:
      hints = [
        KeyHint(keys: "Letters", label: "The words to find"),
        KeyHint(keys: upDown, label: "Choose an article"),
        KeyHint(keys: "Enter", label: "Read it"),
        KeyHint(keys: "Backspace", label: "Delete a character"),
        KeyHint(keys: "Esc", label: "Back to Home"),
      ]
    case .checklist:
      hints = [
        KeyHint(keys: arrows, label: "Move between steps"),
        KeyHint(keys: "Space", label: "Tick or untick a step"),
        KeyHint(keys: "Enter", label: "Tick, or choose a button"),
        KeyHint(keys: "Tab  Shift-Tab", label: "To the buttons and back"),
        KeyHint(keys: "Esc  Backspace", label: "Back to the article"),
      ]
    case .notHelpfulReason:
      hints = [
        KeyHint(keys: arrows, label: "Choose what went wrong"),
        KeyHint(keys: "Enter", label: "Tell us"),
        KeyHint(keys: "Esc", label: "Skip"),
      ]
    case .feedback, .thanks, .stillNeedHelp:
      hints = [
        KeyHint(keys: arrows, label: "Move between buttons"),
        KeyHint(keys: "Enter", label: "Choose"),
        back,
      ]
      if case .feedback = state.screen { hints.insert(KeyHint(keys: "y  n", label: "Yes, No"), at: 2) }
    case .ticketForm:
      let sides = state.glyphs.isUnicode ? "← →  Home End" : "Left Right  Home End"
      hints = [
        KeyHint(keys: "Tab  Shift-Tab", label: "Next, previous field"),
        KeyHint(keys: sides, label: "Move in the text"),
        KeyHint(keys: "Backspace  Delete", label: "Delete a character"),
        KeyHint(keys: "Enter", label: "Next field; new line in the box"),
        KeyHint(keys: upDown, label: "Lines, or fields"),
        KeyHint(keys: "Esc", label: "Back (your text is kept)"),
      ]
    case .review:
      hints = [
        KeyHint(keys: arrows, label: "Scroll the ticket"),
        KeyHint(keys: "Tab  Shift-Tab", label: "Send, Edit, Cancel"),
        KeyHint(keys: "Enter", label: "Choose"),
        KeyHint(keys: "Esc", label: "Back to the form"),
      ]
    case .confirmation:
      hints = [KeyHint(keys: "Any key", label: "Finish")]
    case .adminPin:
      hints = [
        KeyHint(keys: "0-9", label: "The PIN"),
        KeyHint(keys: "Enter", label: "Check it"),
        KeyHint(keys: "Esc", label: "Back"),
      ]
    case .admin:
      hints = [
        KeyHint(keys: arrows, label: "Move the selection"),
        KeyHint(keys: "Enter", label: "Choose"),
        back,
      ]
    }
    let isTyping = state.screen == .ticketForm || state.keyContext == .text
    hints.append(KeyHint(keys: isTyping ? "F1" : "F1  ?", label: "This help"))
    hints += Frame.quitHint(state)
    return hints
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
    Box.draw(top: top, left: left, width: width, height: height, title: "Keys", state.glyphs, into: &grid)
    for (index, hint) in hints.prefix(height - 2 - 2 * padding).enumerated() {
      let row = top + 1 + padding + index
      grid.write(hint.keys, row: row, column: left + 2, style: Style(.key, .strong), limit: width - 4)
      grid.write(
        truncating: hint.label, row: row, column: left + 4 + keysWidth, style: Style(.body),
        limit: max(width - keysWidth - 6, 0), ellipsis: state.glyphs.ellipsis)
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
