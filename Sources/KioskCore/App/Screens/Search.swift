// Search across the knowledge base: words typed, the articles found as they are typed,
// and topics to offer when nothing is.

extension TextField {
  /// Edits a one-line field by a key: text, ← →, Home, End, Backspace, Delete, and
  /// Ctrl-U to clear it. False when the key is not an editing key.
  mutating func editLine(_ key: Key) -> Bool {
    switch key {
    case .character(let character): insert(String(character))
    case .left: moveLeft()
    case .right: moveRight()
    case .home: move(to: 0)
    case .end: move(to: characters.count)
    case .backspace: deleteBackward()
    case .delete: deleteForward()
    case .control("u"): self = TextField(limit: limit, isMultiline: isMultiline)
    default: return false
    }
    return true
  }
}

extension AppState {
  func searchBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      Binding([.character("a")], .edit, help: Hint("Letters", "The words to find")),
      Binding(
        [(.up, .moveUp), (.down, .moveDown), (.pageUp, .pageUp), (.pageDown, .pageDown)], footer: [keys.choose],
        help: Hint(keys.upDown, "Choose an article")),
      Binding([.enter], .activate, footer: Hint("Enter", "Read"), help: Hint("Enter", "Read it")),
      Binding([.backspace], .edit, help: Hint("Backspace", "Delete a character")),
      Binding([.escape], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back to Home")),
    ] + keys.help)
  }

  /// Whether a key typed on Home starts a search with it: a letter or a digit.
  func startsSearch(_ key: Key) -> Bool {
    guard case .home = screen, case .character(let character) = key else { return false }
    if character == "q" && settings.isDevelopment { return false }
    return character.isLetter || character.isNumber
  }

  /// Opens the search screen with `text` typed; answers with the search for it.
  mutating func openSearch(_ text: String) -> [Effect] {
    open(.search(SearchState(text)))
    return searchEffects()
  }

  /// A key the search field takes; nil when it is a command for the binding table.
  mutating func typeInSearch(_ key: Key, _ search: SearchState) -> [Effect]? {
    var search = search
    let before = search.field.text
    guard search.field.editLine(key) else { return nil }
    screen = .search(search)
    return search.field.text == before ? [] : searchEffects()
  }

  /// Pasted text on the search screen: its first line, as typed words.
  mutating func pasteIntoSearch(_ text: String) -> [Effect] {
    guard case .search(var search) = screen else { return [] }
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    search.field.insert(TerminalText.sanitize(line))
    screen = .search(search)
    return searchEffects()
  }

  /// The search for what is typed now; with nothing typed, no results and no search.
  private mutating func searchEffects() -> [Effect] {
    guard case .search(var search) = screen else { return [] }
    guard !search.query.isEmpty else {
      search.results = SearchResults(query: search.field.text, hits: [], total: 0)
      search.menu = MenuState()
      screen = .search(search)
      return []
    }
    return [.search(search.field.text)]
  }

  /// Results arrive: shown if they are for what is typed now, else dropped. When nothing
  /// matches, the closest topics are offered with the most-read articles.
  mutating func receive(_ results: SearchResults) {
    guard case .search(var search) = screen, results.query == search.field.text else { return }
    var results = results
    catalog.remember(results.articles)
    // An article the index knows but the menus do not (its category is not listed).
    results.hits.removeAll { catalog.article(id: $0.articleID) == nil }
    results.popular.removeAll { catalog.article(id: $0) == nil }
    if results.hits.isEmpty {
      results.topics = SearchTopics.closest(to: results.query, in: catalog.categories)
    }
    search.results = results
    search.menu = MenuState()
    screen = .search(search)
  }

  /// Leaving the search screen: words that found nothing are counted for the authors.
  func searchGapEffects() -> [Effect] {
    guard case .search(let search) = screen, let results = search.results, results.hits.isEmpty,
      !SearchQuery(results.query).isEmpty
    else { return [] }
    return [.recordSearchGap(SearchGap(results.query, outcome: .nothingFound))]
  }

  /// Opens the chosen result in the reader, at the first place its words are found, or
  /// the chosen topic's list of articles.
  mutating func openHit(_ search: SearchState) -> [Effect] {
    let choices = search.choices
    guard choices.indices.contains(search.menu.selection) else { return [] }
    let hit: SearchHit
    switch choices[search.menu.selection] {
    case .topic(let name):
      guard let category = catalog.categories.first(where: { $0.name == name }) else { return [] }
      return searchGapEffects() + openCategory(category)
    case .article(let chosen):
      hit = chosen
    }
    guard let article = catalog.article(id: hit.articleID) else { return [] }
    let gaps = searchGapEffects()
    // The words that found the article, for a ticket opened from it.
    session.search = search.results?.query
    return gaps + openArticle(article, highlight: search.results?.highlight ?? search.query)
  }

  mutating func moveOnSearch(_ action: Action, _ search: SearchState) {
    var search = search
    search.menu.move(action, count: search.choices.count, visible: Geometry.visibleItems(.results, size))
    screen = .search(search)
  }

  mutating func resizeSearch(_ search: SearchState) {
    var search = search
    search.menu.scrollIntoView(count: search.choices.count, visible: Geometry.visibleItems(.results, size))
    screen = .search(search)
  }
}
