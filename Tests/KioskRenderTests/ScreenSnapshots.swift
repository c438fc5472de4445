import KioskContent
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskRender

/// Every screen as text, at the smallest supported size, the common 80x24 and a wide one.
enum ScreenSnapshots {
  static let sizes = [
    Size(columns: 40, rows: 12), Size(columns: 80, rows: 24), Size(columns: 120, rows: 40),
  ]

  /// A catalog whose article exercises wrapping: long words, wide and accented characters.
  static var wrapping: Catalog {
    let article = Article(
      id: "wide", title: "“Quotes”, café and 日本語 in a title long enough to be cut short somewhere",
      category: Fixtures.errors.name, updated: Day(year: 2026, month: 3, day: 14),
      summary: "Wraps “quotes”, é, 日本語 and https://example.com/a/very/long/address/that/cannot/break",
      readMinutes: 2,
      document: Document(blocks: [
        .heading(level: 2, spans: [Span("Wrapping “quotes”, é and 日本語")]),
        .paragraph([
          Span("A paragraph with "), Span("strong", .strong), Span(" and "), Span("emphasis", .emphasis),
          Span(" text, then 日本語のテキストはここで折り返されます and a long address "),
          Span("https://example.com/a/very/long/address/that/cannot/break/anywhere", .link),
          Span(" to wrap."),
        ]),
        .list(ListBlock(isOrdered: false, items: [
          ListItem(task: .open, blocks: [.paragraph([Span("Press "), Span("Ctrl + Shift + Delete", .strong)])]),
          ListItem(task: .open, blocks: [.paragraph([Span("Select “Cached images and files” — é 日本")])]),
        ])),
        .quote([.paragraph([Span("Note:", .strong), Span(" Many apps auto-save, so your work might be fine.")])]),
      ]))
    return Catalog(categories: [Fixtures.errors], articles: [article])
  }

  /// Every screen at each size; the screens made too small at three sizes below the
  /// smallest; a few screens at 80x24 only.
  static var snapshots: [ScreenSnapshot] {
    let atEachSize = sizes.flatMap { size in
      [
        ScreenSnapshot("home", size) { Fixtures.state(size) },
        ScreenSnapshot("articles", size) { Fixtures.state(size).pressing(.enter) },
        ScreenSnapshot("reader-top", size) { Fixtures.state(size).pressing(.enter, .enter) },
        ScreenSnapshot("reader-page", size) { Fixtures.state(size).pressing(.enter, .enter, .pageDown) },
        ScreenSnapshot("reader-end", size) { Fixtures.state(size).pressing(.enter, .enter, .end) },
        ScreenSnapshot("help-menu", size) { Fixtures.state(size).pressing(.character("?")) },
        ScreenSnapshot("help-reader", size) { Fixtures.state(size).pressing(.enter, .enter, .function(1)) },
        // Wrapping of wide characters and long words.
        ScreenSnapshot("wrapping-list", size) { Fixtures.state(size, catalog: wrapping).pressing(.enter) },
        ScreenSnapshot("wrapping-reader", size) { Fixtures.state(size, catalog: wrapping).pressing(.enter, .enter) },
        // The shipped seed article, found in its list.
        ScreenSnapshot("seed-list", size) { try seedList(size) },
        ScreenSnapshot("seed-reader-top", size) { try seedList(size).pressing(.enter) },
        ScreenSnapshot("seed-reader-end", size) { try seedList(size).pressing(.enter, .end) },
      ]
    }
    let tooSmall = [Size(columns: 39, rows: 24), Size(columns: 80, rows: 11), Size(columns: 20, rows: 6)].map { size in
      ScreenSnapshot("enlarge", size) { Fixtures.state(size) }
    }
    let size = Size(columns: 80, rows: 24)
    return atEachSize + tooSmall + [
      ScreenSnapshot("ascii-home", size) { asciiHome },
      ScreenSnapshot("ascii-help-reader", size) { asciiHome.pressing(.enter, .enter, .character("?")) },
      ScreenSnapshot("empty", size) { Fixtures.state(size, catalog: Catalog(categories: [], articles: [])) },
      // Development mode shows q Quit everywhere.
      ScreenSnapshot("dev-reader", size) { Fixtures.state(size, isDevelopment: true).pressing(.enter, .enter) },
    ]
  }

  /// Home drawn with ASCII glyphs.
  static var asciiHome: AppState {
    let state = AppState(catalog: Fixtures.catalog, size: Size(columns: 80, rows: 24), glyphs: .ascii)
    return update(state, .resize(state.size)).0
  }

  /// The shipped content's list of common error messages, with the seed article selected.
  static func seedList(_ size: Size) throws -> AppState {
    let (catalog, _) = try ContentLoader.load(from: shippedContent)
    var state = Fixtures.state(size, catalog: catalog)
    let index = try #require(catalog.categories.firstIndex { $0.name == "Common Error Messages" })
    state = state.pressing(.home)
    for _ in 0..<index { state = state.pressing(.down) }
    state = state.pressing(.enter)
    let articles = catalog.articles(in: "Common Error Messages")
    let seed = try #require(articles.firstIndex { $0.id == "session-expired" })
    for _ in 0..<seed { state = state.pressing(.down) }
    return state
  }
}

/// Properties of every rendered frame, whatever the size.
@Suite struct RenderInvariantTests {
  @Test func everySizeFromOneByOneDrawsWithinTheGrid() {
    for columns in [1, 2, 5, 39, 40, 41, 80, 300] {
      for rows in [1, 2, 11, 12, 24, 100] {
        let size = Size(columns: columns, rows: rows)
        for keys in [[Key](), [.enter], [.enter, .enter], [.enter, .enter, .end], [.character("?")]] {
          let state = keys.reduce(Fixtures.state(size)) { update($0, .key($1)).0 }
          let grid = render(state)
          #expect(grid.size == size)
          for line in grid.text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(DisplayWidth.of(line) <= columns, "\(size) \(keys)")
          }
        }
      }
    }
  }

  @Test func theSelectedEntryIsHighlightedAndHoldsTheCursor() throws {
    let state = Fixtures.state().pressing(.down)
    let grid = render(state)
    let row = Geometry.headerHeight + Geometry.itemHeight(.categories)
    #expect(grid[row, Geometry.margin + 1].style.role == .selection)
    #expect(grid[row, Geometry.margin + 1].character == "P")
    #expect(grid[Geometry.headerHeight, Geometry.margin + 1].style.role != .selection)
    let cursor = try #require(grid.cursor)
    #expect(cursor.row == row)
  }

  @Test func wideCharactersFillTwoCells() {
    var grid = CellGrid(size: Size(columns: 6, rows: 1))
    #expect(grid.write("日本語", row: 0, column: 0) == 6)
    #expect(grid[0, 1].isContinuation)
    grid.write("a", row: 0, column: 1)
    #expect(grid[0, 0].character == " ", "the orphaned left half is blanked")
    #expect(grid.text == " a本語")
    #expect(grid.write("日本", row: 0, column: 5) == 0, "a wide character that does not fit is left out")
  }
}
