/// Searching the knowledge base from Home, and finding words in the open article.
extension AppState {
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

  // MARK: - Finding in the article

  /// A key the words to find take while they are typed; nil when it is a command.
  mutating func typeWordsToFind(_ key: Key, _ reader: ReaderState) -> [Effect]? {
    guard var find = reader.find, find.isEditing else { return nil }
    var reader = reader
    if key == .backspace && find.field.characters.isEmpty { return stopFinding(reader) }
    guard find.field.editLine(key) else { return nil }
    reader.find = find
    screen = .reader(reader)
    return []
  }

  /// `/` starts typing words to find, `n` and `N` move between their matches, Esc forgets
  /// them; while they are typed, Enter finds them and Esc stops.
  mutating func find(_ action: Action, _ reader: ReaderState) -> [Effect] {
    var reader = reader
    switch action {
    case .find:
      // New words each time; the matches of the last ones stay until Enter.
      var find = reader.find ?? ReaderFind(isEditing: true)
      find.field = TextField(limit: SearchState.maximumLength)
      find.isEditing = true
      reader.find = find
    case .finishFinding:
      guard var find = reader.find else { return [] }
      // Nothing typed: the words found before (if any) stay, as in less.
      if find.field.trimmed.isEmpty { return stopFinding(reader) }
      find.isEditing = false
      find.find(in: reader.lines.all, from: reader.top)
      if find.matches.isEmpty && find.query.isEmpty {
        reader.find = nil
      } else {
        reader.find = find
        if !find.matches.isEmpty {
          reader.top = readerTop(showing: find.matches[find.current].line, reader)
        }
      }
    case .cancelFinding:
      return stopFinding(reader)
    case .nextMatch, .previousMatch:
      guard var find = reader.find, !find.matches.isEmpty else { return [] }
      let step = action == .nextMatch ? 1 : find.matches.count - 1
      find.current = (find.current + step) % find.matches.count
      reader.top = readerTop(showing: find.matches[find.current].line, reader)
      reader.find = find
    case .forgetMatches:
      reader.find = nil
    default:
      return []
    }
    screen = .reader(reader)
    return []
  }

  private mutating func stopFinding(_ reader: ReaderState) -> [Effect] {
    var reader = reader
    // Back to the matches found before, if any; otherwise nothing is found.
    if var find = reader.find, !find.matches.isEmpty {
      find.isEditing = false
      find.field = TextField(limit: SearchState.maximumLength)
      find.field.insert(find.query.text)
      reader.find = find
    } else {
      reader.find = nil
    }
    screen = .reader(reader)
    return []
  }

  /// Where the reader's view starts so that `line` shows, with a little of what comes
  /// before it; unchanged when the line is already in view.
  func readerTop(showing line: Int, _ reader: ReaderState) -> Int {
    let height = Geometry.bodyHeight(size)
    if line >= reader.top && line < reader.top + height { return reader.top }
    return min(max(line - min(2, height / 3), 0), reader.maximumTop(size))
  }
}

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
