import KioskCore
import KioskTestSupport
import Testing

@testable import KioskRender

/// The search screen and found words in the reader, as text and as cell styles.
@Suite struct SearchSnapshotTests {
  static var snapshots: [ScreenSnapshot] {
    ScreenSnapshots.sizes.flatMap { size in
      [
        ScreenSnapshot("search-empty", size) { Fixtures.state(size).pressing(.character("/")) },
        ScreenSnapshot("search-results", size) {
          searching("para", finding: ["locked", "session-expired", "password"], size: size, total: 57)
        },
        ScreenSnapshot("search-none", size) { searching("zebra", finding: [], size: size) },
        ScreenSnapshot("search-corrected", size) { corrected(size: size) },
        ScreenSnapshot("search-suggestions", size) { suggesting(size: size) },
        ScreenSnapshot("reader-find", size) { finding(size: size) },
        ScreenSnapshot("reader-find-typing", size) { finding(size: size).pressing(.character("/"), .character("s")) },
        // The articles still being prepared for search.
        ScreenSnapshot("preparing", size, drawing: { renderPreparing($0, done: 1200, total: 10000) }) {
          Fixtures.state(size, catalog: Catalog(categories: [], articles: []))
        },
      ]
    }
  }

  /// Types `text` on Home and answers the last search with these articles.
  static func searching(_ text: String, finding ids: [String], size: Size, total: Int? = nil) -> AppState {
    var state = text.reduce(Fixtures.state(size)) { $0.pressing(.character($1)) }
    let hits = ids.map { SearchHit(articleID: $0, snippet: "Paragraph 1 of the article, where the paragraph words are.") }
    state = update(state, .searchResults(SearchResults(query: text, hits: hits, total: total ?? ids.count))).0
    return state
  }

  /// The long fixture article open, with "paragraph" found and the third match current.
  static func finding(size: Size) -> AppState {
    var state = Fixtures.state(size).pressing(.enter, .enter, .character("/"))
    state = "paragraph".reduce(state) { $0.pressing(.character($1)) }
    return state.pressing(.enter, .character("n"), .character("n"))
  }

  /// A typo corrected: what was searched for, and the error message a hit covers.
  static func corrected(size: Size) -> AppState {
    let text = "paragrph acount"
    let state = text.reduce(Fixtures.state(size)) { $0.pressing(.character($1)) }
    let hits = [
      SearchHit(articleID: "locked", snippet: "Paragraph 1.", covers: "Your account has been locked"),
      SearchHit(articleID: "session-expired", snippet: "Paragraph 1 of the article, where the paragraph words are."),
    ]
    let results = SearchResults(
      query: text, hits: hits, total: 2, complete: 1, searchedFor: "paragraph account",
      highlight: SearchQuery(words: ["paragraph", "account"]))
    return update(state, .searchResults(results)).0
  }

  /// Nothing found: the most-read articles and the topics near the words.
  static func suggesting(size: Size) -> AppState {
    let text = "printr zebra"
    let state = text.reduce(Fixtures.state(size)) { $0.pressing(.character($1)) }
    var results = SearchResults(query: text, hits: [], total: 0)
    results.popular = ["session-expired", "locked"]
    return update(state, .searchResults(results)).0
  }

  @Test func matchedWordsAreHighlighted() throws {
    let grid = render(Self.searching("para account", finding: ["locked"], size: Size(columns: 80, rows: 24)))
    let text = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let titleRow = try #require(text.firstIndex { $0.contains("Account Locked") })
    let column = try #require(text[titleRow].range(of: "Account")).lowerBound.utf16Offset(in: text[titleRow])
    for offset in 0..<7 { #expect(grid[titleRow, column + offset].style.role == .highlight) }
    #expect(grid[titleRow, column + 7].style.role != .highlight)
    let snippetRow = titleRow + 1
    let para = try #require(text[snippetRow].range(of: "Paragraph")).lowerBound.utf16Offset(in: text[snippetRow])
    #expect((0..<4).allSatisfy { grid[snippetRow, para + $0].style.role == .highlight }, "the typed start of the word")
    #expect(grid[snippetRow, para + 4].style.role != .highlight)
    #expect(grid.showsCursor, "the cursor stays in the field")
  }

  @Test func theCurrentMatchStandsOutFromTheOthers() throws {
    let state = Self.finding(size: Size(columns: 80, rows: 24))
    guard case .reader(let reader) = state.screen, let find = reader.find else {
      Issue.record("expected the reader with matches")
      return
    }
    let grid = render(state)
    let current = find.matches[find.current]
    let row = Geometry.headerHeight + current.line - reader.top
    #expect(grid[row, Geometry.margin].style.role == .selection)
    #expect(grid.cursor?.row == row)
    let other = find.matches[find.current + 1]
    #expect(grid[Geometry.headerHeight + other.line - reader.top, Geometry.margin].style.role == .highlight)
    #expect(grid.text.contains("match 3 of 40"))
  }
}
