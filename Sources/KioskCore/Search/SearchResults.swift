/// One article found by a search of the knowledge base.
public struct SearchHit: Hashable, Sendable {
  public var articleID: String
  /// A short piece of the text around the best match, on one line.
  public var snippet: String

  public init(articleID: String, snippet: String) {
    self.articleID = articleID
    self.snippet = snippet
  }
}

/// The answer to one search: the best articles first, and how many matched in all.
public struct SearchResults: Hashable, Sendable {
  public var query: String
  public var hits: [SearchHit]
  /// All the articles that match, of which `hits` are the first.
  public var total: Int

  public init(query: String, hits: [SearchHit], total: Int) {
    self.query = query
    self.hits = hits
    self.total = total
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

  /// Finds the words in `lines`, and makes the first match at or after `line` current.
  public mutating func find(in lines: [TextLine], from line: Int) {
    query = SearchQuery(field.text)
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
