import KioskCore

/// Search across the knowledge base: the words typed, then the articles they find, best
/// first, with the words highlighted.
enum SearchScreen {
  static func draw(_ state: AppState, _ search: SearchState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    let left = Geometry.margin
    let room = grid.size.columns - 2 * left
    grid.write(
      truncating: "Search the articles", row: 1, column: left, style: Style(.heading, .strong),
      limit: room, ellipsis: state.settings.glyphs.ellipsis)
    drawField(search.field, row: 2, state, into: &grid)

    let query = search.results?.highlight ?? search.query
    let choices = search.choices
    let status: String
    if search.query.isEmpty {
      status = "Type a few words of your problem, such as \(quoted("session expired", state))."
    } else if let results = search.results, !results.hits.isEmpty {
      status = resultsStatus(results, state)
    } else if search.results != nil {
      status = choices.isEmpty
        ? ""
        : "No article matches \(quoted(search.field.trimmed, state)). "
          + "Try other words, or one of these:"
    } else {
      status = "Searching…"
    }
    grid.write(
      truncating: status, row: 3, column: left, style: Style(.muted), limit: room,
      ellipsis: state.settings.glyphs.ellipsis)

    if let results = search.results, results.hits.isEmpty, choices.isEmpty, !search.query.isEmpty {
      let message = "No article matches \(quoted(search.field.trimmed, state)). Try fewer or other words, "
        + "or browse the topics from Home (Esc). The help desk can help too: e-mail "
        + "\(state.settings.contact.email) or call \(state.settings.contact.phone)."
      for (offset, line) in Wrap.lines([Run(message)], width: room).enumerated() {
        grid.write(line, row: Geometry.headerHeight + offset, column: left)
      }
    }
    let entries = choices.lazy.map { choice in
      switch choice {
      case .article(let hit):
        let article = state.catalog.article(id: hit.articleID)
        let detail = hit.covers.map { "Covers: \(quoted($0, state))" } ?? (hit.snippet.isEmpty ? article?.summary ?? "" : hit.snippet)
        return MenuList.Entry(
          title: article?.title ?? hit.articleID, note: article?.category ?? "", details: [detail], query: query)
      case .topic(let name):
        let description = state.catalog.categories.first { $0.name == name }?.description ?? ""
        return MenuList.Entry(title: "Topic: \(name)", note: "", details: [description])
      }
    }
    // The cursor stays in the field, where the person types; the list shows the selection.
    let cursor = grid.cursor
    MenuList.draw(entries, search.menu, kind: .results, state, into: &grid)
    grid.cursor = cursor
    grid.showsCursor = true
    let visible = Geometry.visibleItems(.results, state.size)
    Frame.footer(
      Frame.hints(state),
      position: Frame.range(search.menu, count: entries.count, visible: visible, state.settings.glyphs),
      state, into: &grid)
  }

  /// "Find: words▏" on one row, scrolled so that the cursor shows, leaving `reserving`
  /// columns free on the right; the cursor goes there.
  static func drawField(
    _ field: TextField, row: Int, reserving: Int = 0, _ state: AppState, into grid: inout CellGrid
  ) {
    let label = "Find: "
    let left = Geometry.margin
    let column = left + grid.write(label, row: row, column: left, style: Style(.key, .strong))
    let width = max(grid.size.columns - column - max(left, reserving), 1)
    grid.paint(row: row, column: column, width: width, style: Style(.highlight))
    let start = TextFieldView.visibleStart(field, width: width - 1)
    grid.write(String(field.characters[start...]), row: row, column: column, style: Style(.highlight), limit: width)
    let offset = field.characters[start..<field.cursor].reduce(0) { $0 + DisplayWidth.of($1) }
    grid.cursor = (row, column + min(offset, width - 1))
    grid.showsCursor = true
  }

  /// How many articles match, or what was searched for when it is not what was typed.
  private static func resultsStatus(_ results: SearchResults, _ state: AppState) -> String {
    let count: String
    let shown = results.total > results.hits.count ? "; the best \(results.hits.count) are shown" : ""
    if results.complete == 0 {
      count = "No article matches every word; the closest are shown."
    } else if results.complete < results.total {
      let some = results.total - results.complete
      count = (results.complete == 1 ? "1 article matches" : "\(results.complete) articles match")
        + " every word, \(some) more \(some == 1 ? "matches" : "match") some\(shown)."
    } else {
      count = results.complete == 1 ? "1 article matches." : "\(results.complete) articles match\(shown)."
    }
    guard let searchedFor = results.searchedFor else { return count }
    let articles = results.total == 1 ? "1 article" : "\(results.total) articles"
    return "Showing results for \(quoted(searchedFor, state)): \(articles)."
  }

  private static func quoted(_ text: String, _ state: AppState) -> String {
    state.settings.glyphs.isUnicode ? "“\(text)”" : "\"\(text)\""
  }
}
