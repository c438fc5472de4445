/// One article found by a search of the knowledge base.
public struct SearchHit: Hashable, Sendable {
  public var articleID: String
  /// A short piece of the text around the best match, on one line.
  public var snippet: String
  /// The article's error message that the words match, shown as "Covers: …".
  public var covers: String?
  /// Why it matched, word by word; filled in for authors (`helpdesk-kiosk search`).
  public var reasons: [SearchReason] = []

  public init(articleID: String, snippet: String, covers: String? = nil) {
    self.articleID = articleID
    self.snippet = snippet
    self.covers = covers
  }
}

/// How one typed word matched an article: through what, and in which fields.
public struct SearchReason: Hashable, Sendable {
  /// The word (or synonym phrase) as typed, folded.
  public var typed: String
  /// What matched it: the word, a form, a correction, a synonym.
  public var matched: String
  public var source: SearchPlan.Source
  /// The fields it was found in: title, messages, headings, summary, body.
  public var fields: [String]
  public var isFiller: Bool

  public init(typed: String, matched: String, source: SearchPlan.Source, fields: [String], isFiller: Bool) {
    self.typed = typed
    self.matched = matched
    self.source = source
    self.fields = fields
    self.isFiller = isFiller
  }
}

/// The answer to one search: the best articles first, and how many matched in all.
public struct SearchResults: Hashable, Sendable {
  public var query: String
  public var hits: [SearchHit]
  /// All the articles that match at least one word, of which `hits` are the first.
  public var total: Int
  /// The articles that match every word that counts.
  public var complete: Int
  /// What was searched for when corrections or synonyms changed the words; nil when it
  /// is what was typed.
  public var searchedFor: String?
  /// The words to light up in the results and in the article opened from them.
  public var highlight: SearchQuery
  /// When nothing matches: the topics (category names) closest to the words, and the
  /// most-read articles (ids), to offer instead.
  public var topics: [String] = []
  public var popular: [String] = []
  /// The articles of `hits` and `popular` (without their text), for the menus to name
  /// them; those the catalog already knows need not be here.
  public var articles: [Article] = []

  public init(
    query: String, hits: [SearchHit], total: Int, complete: Int? = nil, searchedFor: String? = nil,
    highlight: SearchQuery? = nil
  ) {
    self.query = query
    self.hits = hits
    self.total = total
    self.complete = complete ?? total
    self.searchedFor = searchedFor
    self.highlight = highlight ?? SearchQuery(query)
  }
}

/// The search screen: what is typed, and the articles it finds.
public struct SearchState: Hashable, Sendable {
  public var field = TextField(limit: SearchState.maximumLength)
  /// The latest results; nil until the first answer for this text arrives.
  public var results: SearchResults?
  public var menu = MenuState()

  public static let maximumLength = 80
  /// How many results a search brings back to choose from.
  public static let resultLimit = 50

  public init(_ text: String = "") {
    field.insert(text)
  }

  public var query: SearchQuery { SearchQuery(field.text) }
  /// True while the results shown are for other words than those typed.
  public var isPending: Bool { results?.query != field.text }

  /// What the list offers: the articles found, or when none was, the most-read articles
  /// and the closest topics.
  public var choices: [SearchChoice] {
    guard let results else { return [] }
    if !results.hits.isEmpty { return results.hits.map { .article($0) } }
    return results.popular.map { .article(SearchHit(articleID: $0, snippet: "")) } + results.topics.map { .topic($0) }
  }
}

/// One entry of the search screen's list.
public enum SearchChoice: Hashable, Sendable {
  /// An article found, or offered when nothing was found.
  case article(SearchHit)
  /// A category of the Home menu, by name.
  case topic(String)
}

/// The categories closest to what was typed, to offer when no article matches.
public enum SearchTopics {
  /// Up to `limit` categories whose name or description shares a word with the text, or
  /// one within a typo of it, most shared first; none when nothing is shared.
  public static func closest(to text: String, in categories: [Category], limit: Int = 3) -> [String] {
    let words = SearchQuery.words(text).filter { !SearchPlan.fillerWords.contains($0) && $0.count >= 3 }
    guard !words.isEmpty else { return [] }
    let scored = categories.enumerated().map { index, category -> (Int, Int, String) in
      let own = SearchQuery.words(category.name + " " + category.description)
        .filter { !SearchPlan.fillerWords.contains($0) }
      let shared = words.count { word in own.contains { isClose(word, $0) } }
      return (shared, index, category.name)
    }
    return scored.filter { $0.0 > 0 }.sorted { ($1.0, $0.1) < ($0.0, $1.1) }.prefix(limit).map(\.2)
  }

  /// The same word, another form of it, or within the typos its length allows.
  static func isClose(_ typed: String, _ word: String) -> Bool {
    if typed == word || Vocabulary.key(typed) == Vocabulary.key(word) { return true }
    let limit = EditDistance.allowedTypos(typed.count)
    return limit > 0 && EditDistance.distance(Array(typed.utf8), Array(word.utf8), limit: limit) != nil
  }
}

/// Finding words in the open article: the words, where they are, and which one is current.
public struct ReaderFind: Hashable, Sendable {
  /// One match: a line of the reader and the characters within it.
  public struct Match: Hashable, Sendable {
    public var line: Int
    public var range: Range<Int>
  }

  public var field: TextField
  /// True while the words are being typed (the footer shows the field).
  public var isEditing: Bool
  /// The matches of the words last confirmed, in reading order.
  public var matches: [Match] = []
  /// The index of the current match in `matches`.
  public var current = 0
  /// The words `matches` are for.
  public var query = SearchQuery("")

  public init(_ text: String = "", isEditing: Bool) {
    field = TextField(limit: SearchState.maximumLength)
    field.insert(text)
    self.isEditing = isEditing
  }

  /// Finds the words typed in the field in `lines`, and makes the first match at or after
  /// `line` current.
  public mutating func find(in lines: [TextLine], from line: Int) {
    find(SearchQuery(field.text), in: lines, from: line)
  }

  /// Finds `query`'s words in `lines` (the words a search looked for, say), and makes the
  /// first match at or after `line` current.
  public mutating func find(_ query: SearchQuery, in lines: [TextLine], from line: Int) {
    self.query = query
    matches = []
    guard !query.isEmpty else { return }
    for (index, textLine) in lines.enumerated() {
      for range in query.matches(in: textLine.text) { matches.append(Match(line: index, range: range)) }
    }
    current = matches.firstIndex { $0.line >= line } ?? 0
  }

  /// The match ranges on one line, for highlighting: found by halving, since the reader
  /// asks for every line it draws and a long article can hold thousands of matches.
  public func ranges(onLine line: Int) -> [Range<Int>] {
    var low = 0
    var high = matches.count
    while low < high {
      let middle = (low + high) / 2
      if matches[middle].line < line { low = middle + 1 } else { high = middle }
    }
    return matches[low...].prefix { $0.line == line }.map(\.range)
  }
}
