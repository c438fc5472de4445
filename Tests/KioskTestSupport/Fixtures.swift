import KioskCore

/// Small, fixed knowledge bases for tests of update and render.
public enum Fixtures {
  public static let errors = Category(
    name: "Common Error Messages", description: "What an error on your screen means.")
  public static let printing = Category(name: "Printing", description: "When the printer will not.")
  public static let empty = Category(name: "Empty", description: "Holds no article.")

  /// An article whose body has `paragraphs` numbered paragraphs and two steps.
  public static func article(
    _ id: String, title: String, category: Category = errors, paragraphs: Int = 3
  ) -> Article {
    var blocks: [Block] = [.heading(level: 2, spans: [Span("How to Fix It")])]
    blocks.append(.list(ListBlock(isOrdered: false, items: [
      ListItem(task: .open, blocks: [.paragraph([Span("Click the login button")])]),
      ListItem(task: .open, blocks: [.paragraph([Span("Enter your credentials")])]),
    ])))
    for number in 1...max(paragraphs, 1) {
      blocks.append(.paragraph([Span("Paragraph \(number) of \(title).")]))
    }
    return Article(
      id: id, title: title, category: category.name,
      updated: Day(year: 2026, month: 1, day: 7), summary: "Summary of \(title).", readMinutes: 4,
      document: Document(blocks: blocks))
  }

  /// Two categories (a third, empty one is dropped) with three and one articles; the
  /// first article of the first is long enough to scroll.
  public static var catalog: Catalog {
    Catalog(
      categories: [errors, empty, printing],
      articles: [
        article("session-expired", title: "Your Session Has Expired"),
        article("locked", title: "Account Locked", paragraphs: 40),
        article("password", title: "Incorrect Password"),
        article("offline", title: "Printer Offline", category: printing),
      ])
  }

  /// "Session Guide" links to "Account Locked", to an article that is not there and to
  /// "Printer Offline", names two related articles (one missing), has four headings and
  /// scrolls; "Session Expiry Explained" shares words with it.
  public static var linkedCatalog: Catalog {
    var blocks: [Block] = []
    for section in 1...4 {
      blocks.append(.heading(level: section == 1 ? 2 : 3, spans: [Span("Section \(section)")]))
      for number in 1...6 { blocks.append(.paragraph([Span("Text \(section).\(number) of the guide.")])) }
    }
    blocks.insert(
      .paragraph([
        Span("If it is locked, read "), Span("Account Locked", .link, link: "locked"),
        Span(" or "), Span("the missing one", .link, link: "gone"), Span(", or "),
        Span("Printer Offline", .link, link: "offline"), Span("."),
      ]), at: 1)
    let guide = Article(
      id: "guide", title: "Session Guide", category: errors.name, updated: Day(year: 2026, month: 1, day: 7),
      summary: "Sessions, expiry and signing in.", readMinutes: 2, related: ["offline", "gone"],
      document: Document(blocks: blocks))
    return Catalog(
      categories: [errors, printing],
      articles: [
        guide, article("locked", title: "Account Locked", paragraphs: 40),
        article("expired", title: "Session Expiry Explained"),
        article("offline", title: "Printer Offline", category: printing),
      ])
  }

  /// "Session Guide" of `linkedCatalog` open in the reader.
  public static func guide(_ size: Size = Size(columns: 80, rows: 24), plain: Bool = false) -> AppState {
    var state = AppState(catalog: linkedCatalog, size: size, glyphs: plain ? .plain : .unicode, idleTimeout: 0)
    state = update(state, .resize(size)).0
    return state.pressing(.enter, .down, .down, .enter)
  }

  /// The state on Home; no idle timer unless asked for, so effects stay easy to compare.
  public static func state(
    _ size: Size = Size(columns: 80, rows: 24), catalog: Catalog = Fixtures.catalog,
    isDevelopment: Bool = false, idleTimeout: Int = 0
  ) -> AppState {
    let state = AppState(catalog: catalog, size: size, isDevelopment: isDevelopment, idleTimeout: idleTimeout)
    return update(state, .resize(size)).0
  }
}

extension AppState {
  /// The state after pressing these keys in turn.
  public func pressing(_ keys: Key...) -> AppState {
    keys.reduce(self) { update($0, .key($1)).0 }
  }
}
