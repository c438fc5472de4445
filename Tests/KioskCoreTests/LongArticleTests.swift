@testable import KioskCore
import KioskTestSupport
import Testing

/// A long article is laid out as it is read and in the background (`ReaderLines`): what
/// the reader shows must be exactly what laying it out whole gives.
@Suite struct LongArticleTests {
  /// An article of `sections` headings, each with a paragraph long enough to wrap, a
  /// list with a link and a bit of code: well past the length laid out lazily.
  static func longArticle(sections: Int = 300) -> Article {
    var blocks: [Block] = []
    for section in 1...sections {
      blocks.append(.heading(level: section % 3 == 0 ? 3 : 2, spans: [Span("Event \(section): “Something” failed")]))
      blocks.append(.paragraph([
        Span("Event \(section) is logged when the sign-in server cannot reach the directory; "),
        Span("restart", .strong), Span(" the app and try again. Ask at the desk (東京) if it goes on."),
      ]))
      blocks.append(.list(ListBlock(isOrdered: false, items: [
        ListItem(task: .open, blocks: [.paragraph([Span("Read "), Span("Account Locked", .link, link: "locked")])]),
        ListItem(blocks: [.paragraph([Span("A cable is loose")])]),
      ])))
      if section % 10 == 0 { blocks.append(.code("softwareupdate --list\nreboot")) }
    }
    return Article(
      id: "long", title: "0x80070005 Event Log Reference", category: Fixtures.errors.name,
      updated: Day(year: 2026, month: 1, day: 7), summary: "Every event.", readMinutes: 60, related: ["offline"],
      document: Document(blocks: blocks))
  }

  static func catalog(_ long: Article) -> Catalog {
    Catalog(
      categories: [Fixtures.errors, Fixtures.printing],
      articles: [
        long, Fixtures.article("locked", title: "Account Locked"),
        Fixtures.article("offline", title: "Printer Offline", category: Fixtures.printing),
      ])
  }

  /// The reader on the long article, opened from its list.
  static func opened(_ size: Size = Size(columns: 80, rows: 24), glyphs: Glyphs = .unicode) -> AppState {
    var state = AppState(catalog: catalog(longArticle()), size: size, glyphs: glyphs, idleTimeout: 0)
    state = update(state, .resize(size)).0
    return update(update(state, .key(.enter)).0, .key(.enter)).0
  }

  enum Unexpected: Error { case screen }

  static func reader(_ state: AppState) throws -> ReaderState {
    guard case .reader(let reader) = state.screen else { throw Unexpected.screen }
    return reader
  }

  @Test func aLongArticleIsLaidOutAsTheShortPathWould() throws {
    for glyphs in [Glyphs.unicode, .plain] {
      let state = Self.opened(glyphs: glyphs)
      let reader = try Self.reader(state)
      #expect(!ReaderLines.isLong(Fixtures.article("a", title: "A").document))
      #expect(ReaderLines.isLong(reader.article.document))
      let width = Geometry.textWidth(state.size)
      let text = DocumentLayout.numberLinks(
        DocumentLayout.lines(reader.article.document, width: width, glyphs: glyphs) { _ in true })
      let all = reader.lines.all
      // The text first, numbered as laying it out whole numbers it ...
      #expect(Array(all.prefix(text.count)) == text)
      // ... then the way on to the steps and the related article, a link numbered after
      // the text's.
      let tail = all.dropFirst(text.count).map(\.text)
      #expect(tail.first == "")
      #expect(tail.contains { $0.contains("Press Enter to try the") })
      #expect(tail.contains { $0.contains("Related articles") })
      let lastNumber = text.flatMap(\.links).map(\.number).max() ?? 0
      #expect(all.dropFirst(text.count).flatMap(\.links).map(\.number) == [lastNumber + 1])
      #expect(all.dropFirst(text.count).allSatisfy { $0.anchor == text.last?.anchor })
    }
  }

  /// A text long enough to be laid out in two halves at once gives the lines of one
  /// layout, wherever the halves meet (a heading, a paragraph, a list, code).
  @Test func twoHalvesAtOnceAreOneLayout() throws {
    for sections in 268...275 {
      let document = Self.longArticle(sections: sections).document
      #expect(document.blocks.count > 2 * ReaderLines.longBlocks)
      for width in [30, 76] {
        let whole = DocumentLayout.numberLinks(DocumentLayout.lines(document, width: width, glyphs: .unicode) { _ in true })
        let lines = ReaderLines(laying: document, width: width, glyphs: .unicode, exists: { _ in true }) { _, _ in [] }
        #expect(lines.all == whole, "\(sections) sections at \(width) columns")
      }
    }
  }

  /// End before the layout is done shows the end laid out on its own: the same lines as
  /// the whole layout's last ones, at any width, wherever the part laid out alone starts.
  @Test func theEndLaidOutAloneIsTheWholeLayoutsEnd() throws {
    let tail: @Sendable (Int, Int) -> [TextLine] = { anchor, firstLink in
      [
        TextLine([], anchor: anchor), TextLine([Run("Press Enter to try the steps.")], anchor: anchor),
        TextLine([Run("• "), Run("Printer Offline", Style(.body, .link), link: "offline")], anchor: anchor),
      ]
    }
    for sections in [1, 3, 40, 271] {
      let document = Self.longArticle(sections: sections).document
      for width in [20, 76] {
        var whole = DocumentLayout.lines(document, width: width, glyphs: .unicode) { _ in true }
        whole += tail(whole.last?.anchor ?? 0, 1)
        for count in [1, 5, 22, 70, 5000] {
          let end = ReaderLines.end(
            of: document, lines: count, width: width, glyphs: .unicode, exists: { _ in true }, tail: tail)
          #expect(end.map(\.runs) == whole.suffix(count).map(\.runs), "\(sections) sections, \(width) columns, \(count) lines")
          // Their links are there to follow (Tab), numbered from where the part starts.
          #expect(
            end.flatMap(\.links).map(\.target)
              == DocumentLayout.numberLinks(whole).suffix(count).flatMap(\.links).map(\.target))
        }
      }
    }
  }

  @Test func theFirstScreenNeedsOnlyItsLines() throws {
    let lines = ReaderLines(
      laying: Self.longArticle(sections: 2000).document, width: 76, glyphs: .unicode, exists: { _ in true }
    ) { anchor, _ in [TextLine([Run("end")], anchor: anchor)] }
    let first = lines.window(from: 0, count: 22)
    #expect(first.count == 22)
    #expect(first.first?.text.hasPrefix("Event 1:") == true)
    #expect(lines.hasAtLeast(23))
    #expect(lines.window(from: 5, count: 3) == Array(first[5..<8]))
    // Counting lays out the rest (or waits for the background to have done it).
    let count = lines.count
    #expect(lines.isComplete)
    #expect(lines.last?.text == "end")
    #expect(!lines.hasAtLeast(count + 1))
    #expect(lines.window(from: count - 1, count: 5).map(\.text) == ["end"])
    #expect(lines.window(from: count + 3, count: 5).isEmpty)
    #expect(Array(lines) == lines.all)
    #expect(lines == ReaderLines(lines.all))
  }

  @Test func scrollingAndTheEndMatchTheWholeLayout() throws {
    let state = Self.opened()
    let height = Geometry.bodyHeight(state.size)
    let down = try Self.reader(update(state, .key(.pageDown)).0)
    #expect(down.top == height - 1)
    // End shows the end at once, laid out on its own if the whole is not laid out yet.
    let end = try Self.reader(update(state, .key(.end)).0)
    #expect(end.isAtEnd)
    #expect(end.linesInView(state.size).map(\.runs) == end.lines.all.suffix(height).map(\.runs))
    #expect(end.lines.count == end.maximumTop(state.size) + height)
    // The next key goes on from the end.
    let past = try Self.reader(update(update(state, .key(.end)).0, .key(.pageDown)).0)
    #expect(past.top == end.maximumTop(state.size))
    let up = try Self.reader(update(update(state, .key(.end)).0, .key(.up)).0)
    #expect(up.top == end.maximumTop(state.size) - 1)
    #expect(up.linesInView(state.size) == Array(up.lines.all[up.top..<(up.top + height)]))
    let home = try Self.reader(update(update(state, .key(.end)).0, .key(.home)).0)
    #expect(home.top == 0)
  }

  /// After End, a match found or a heading chosen shows its line: the view is no longer
  /// kept at the end.
  @Test func findingOrAHeadingAfterEndLeavesTheEnd() throws {
    let state = Self.opened()
    let atEnd = update(state, .key(.end)).0
    var finding = update(atEnd, .key(.character("/"))).0
    for character in "Event 5:" { finding = update(finding, .key(.character(character))).0 }
    let found = try Self.reader(update(finding, .key(.enter)).0)
    #expect(!found.isAtEnd)
    let find = try #require(found.find)
    let match = find.matches[find.current]
    #expect(found.linesInView(state.size).contains(found.lines[match.line]))
    let next = try Self.reader(update(update(finding, .key(.enter)).0, .key(.character("n"))).0)
    let nextFind = try #require(next.find)
    let second = nextFind.matches[nextFind.current]
    #expect(second.line != match.line)
    #expect(next.linesInView(state.size).contains(next.lines[second.line]))

    let contents = update(atEnd, .key(.character("c"))).0
    guard case .contents(let menu) = contents.screen else {
      Issue.record("expected the contents, got \(contents.screen)")
      return
    }
    let jumped = try Self.reader(update(contents, .key(.enter)).0)
    #expect(!jumped.isAtEnd)
    #expect(jumped.linesInView(state.size).first == jumped.lines[menu.entries[menu.menu.selection].line])
  }

  @Test func resizingALongArticleKeepsItsPlace() throws {
    var state = Self.opened(Size(columns: 60, rows: 24))
    for _ in 0..<30 { state = update(state, .key(.pageDown)).0 }
    let before = try Self.reader(state)
    let anchor = before.lines[before.top].anchor
    let wider = update(state, .resize(Size(columns: 120, rows: 30))).0
    let after = try Self.reader(wider)
    #expect(after.lines[after.top].anchor <= anchor)
    #expect(after.top + 1 >= after.lines.count || after.lines[after.top + 1].anchor > anchor)
    #expect(after.lines.allSatisfy { $0.width <= Geometry.textWidth(wider.size) })
  }

  // MARK: - The head first, then the whole

  /// The reader on the long article as the kiosk opens it from its index: Enter on the
  /// category and the article ask for them, and the article comes with its first 60
  /// blocks only.
  static func openedFromHead(_ size: Size = Size(columns: 80, rows: 24)) throws -> (AppState, whole: Article) {
    let whole = longArticle()
    let full = catalog(whole)
    let counts = Catalog(
      categories: full.categories,
      counts: Dictionary(uniqueKeysWithValues: full.categories.map { ($0.name, full.count(in: $0.name)) }))
    var state = update(AppState(catalog: counts, size: size, idleTimeout: 0), .resize(size)).0
    state = update(state, .key(.enter)).0
    state = update(state, .categoryLoaded(category: Fixtures.errors.name, full.articles(in: Fixtures.errors.name).map(\.listed))).0
    let asked = update(state, .key(.enter))
    try #require(asked.1.contains(.loadArticle("long")))
    var head = whole
    head.body = ArticleBody(Document(blocks: Array(whole.document.blocks.prefix(60))), source: "long.md:1:1", isComplete: false)
    let linked = whole.related.compactMap { full.article(id: $0)?.listed }
    let opened = update(asked.0, .articleLoaded(ArticleLoad(article: head, category: full.articles(in: whole.category), linked: linked)))
    #expect(opened.1 == [.recordView(articleID: "long")])
    var loaded = whole
    loaded.body = ArticleBody(whole.document, source: "long.md:1:1")
    return (opened.0, loaded)
  }

  @Test func theHeadShowsFirstAndTheWholeReplacesItInPlace() throws {
    let (state, whole) = try Self.openedFromHead()
    let head = try Self.reader(state)
    #expect(head.article.body?.isComplete == false)
    #expect(!head.lines.all.contains { $0.text.contains("Press Enter to try") }, "no way on before the steps are known")
    var moved = state
    for _ in 0..<5 { moved = update(moved, .key(.pageDown)).0 }
    let top = try Self.reader(moved).top
    #expect(top > 0)
    let arrived = update(moved, .articleLoaded(ArticleLoad(article: whole, category: [], linked: [])))
    #expect(arrived.1.isEmpty, "no second view is counted")
    let reader = try Self.reader(arrived.0)
    #expect(reader.article.body?.isComplete == true)
    #expect(reader.top == top, "the same lines stay in view")
    #expect(Array(reader.lines.window(from: top, count: 20)) == Array(try Self.reader(moved).lines.window(from: top, count: 20)))
    #expect(reader.lines.all.contains { $0.text.contains("Press Enter to try the 300 steps") })
  }

  @Test func endBeforeTheWholeArrivesEndsAtTheWholeEnd() throws {
    let (state, whole) = try Self.openedFromHead()
    let atEnd = update(state, .key(.end)).0
    #expect(try Self.reader(atEnd).isAtEnd)
    let arrived = update(atEnd, .articleLoaded(ArticleLoad(article: whole, category: [], linked: []))).0
    let reader = try Self.reader(arrived)
    let height = Geometry.bodyHeight(state.size)
    #expect(reader.isAtEnd)
    #expect(reader.linesInView(state.size).map(\.runs) == reader.lines.all.suffix(height).map(\.runs))
    #expect(reader.lines.all.last?.text.contains("Printer Offline") == true, "the related article ends it")
    #expect(try Self.reader(update(arrived, .key(.up)).0).top == reader.maximumTop(state.size) - 1)
    // Moving on from the end forgets it.
    #expect(try !Self.reader(update(atEnd, .key(.up)).0).isAtEnd)
  }

  @Test func stepsOpenedFromTheHeadGetTheWholeText() throws {
    let (state, whole) = try Self.openedFromHead()
    let steps = update(state, .key(.enter)).0
    guard case .checklist(let early) = steps.screen else {
      Issue.record("expected the steps, got \(steps.screen)")
      return
    }
    #expect(early.article.body?.isComplete == false)
    let arrived = update(steps, .articleLoaded(ArticleLoad(article: whole, category: [], linked: []))).0
    guard case .checklist(let checklist) = arrived.screen, case .reader(let behind)? = arrived.history.last else {
      Issue.record("expected the steps over the reader")
      return
    }
    #expect(checklist.article == whole)
    #expect(behind.article == whole, "the reader behind has it too")
    #expect(ChecklistLayout.itemCount(checklist.article) == 300 + ChecklistAction.allCases.count)
  }
}
