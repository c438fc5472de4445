import Foundation
import KioskContent
import KioskCore
import KioskRender
import KioskTestSupport
import Logging
import Testing

@testable import helpdesk_kiosk

/// The core holds values only: a category's list, an article's text and a search's
/// articles reach it as the answers to effects, never by `update` or `render` reading a
/// store. The store here fails the test when it is read anywhere but in the effect
/// handler's `perform`.
@Suite struct PureCoreTests {
  /// `linkedCatalog`'s articles, that record an issue when read outside an effect.
  final class GuardedStore: ArticleStore, @unchecked Sendable {
    private let all: [Article]
    /// True only while the effect handler performs an effect.
    var isOpen = false
    private(set) var reads: [String] = []

    init(_ catalog: Catalog) {
      all = catalog.categories.flatMap { catalog.articles(in: $0.name) }
    }

    private func read(_ what: String) {
      if !isOpen { Issue.record("the store was read outside an effect: \(what)") }
      reads.append(what)
    }

    func articles(in category: String) -> [Article] {
      read("list of \(category)")
      return all.filter { $0.category == category }.map(\.listed)
    }

    func article(id: String) -> Article? {
      read("article \(id)")
      return all.first { $0.id == id }?.listed
    }

    func body(of article: Article) -> ArticleBody {
      read("text of \(article.id)")
      return all.first { $0.id == article.id }?.body ?? ArticleBody(Document(blocks: []))
    }

    /// The ids of the articles whose titles hold the words, as a search would find them.
    func titles(holding text: String) -> [String] {
      read("search \(text)")
      return all.filter { $0.title.lowercased().contains(text.lowercased()) }.map(\.id)
    }
  }

  /// The effects the menus, the reader and search ask for, performed from the store as the
  /// kiosk's own handler performs them from its index; the rest only recorded.
  final class StoreEffects: EffectHandler {
    let store: GuardedStore
    private(set) var performed: [Effect] = []

    init(_ store: GuardedStore) {
      self.store = store
    }

    func start() -> [Event] { [] }

    func perform(_ effect: Effect) -> [Event] {
      performed.append(effect)
      store.isOpen = true
      defer { store.isOpen = false }
      switch effect {
      case .loadCategory(let name):
        return [.categoryLoaded(category: name, store.articles(in: name))]
      case .loadArticle(let id):
        return [store.load(id).map(Event.articleLoaded) ?? .articleUnavailable(id: id)]
      case .search(let text):
        let ids = store.titles(holding: text)
        var results = SearchResults(
          query: text, hits: ids.map { SearchHit(articleID: $0, snippet: "") }, total: ids.count)
        results.articles = store.articles(ids: ids)
        return [.searchResults(results)]
      default:
        return []
      }
    }

    var wake: Int32? { nil }
    func finished() -> [Event] { [] }
    func stop() {}
  }

  /// Into "Session Guide", along its first link and back, to its end (the related
  /// articles), then a search and its first result.
  static let journey: [TestBackend.Input] =
    [.key(.enter), .key(.down), .key(.down), .key(.enter), .key(.tab), .key(.enter), .key(.escape), .key(.end),
     .key(.escape), .key(.escape), .key(.character("/"))]
    + "offline".map { .key(.character($0)) } + [.key(.down), .key(.enter), .key(.pageDown)]

  /// The screens a person sees on the journey, and the effects asked for, on `catalog`.
  static func run(_ catalog: Catalog, _ effects: StoreEffects) -> [String] {
    let clock = TestClock(date: Date(timeIntervalSince1970: 1_767_225_600))
    let backend = TestBackend(clock: clock, script: journey)
    let state = AppState(catalog: catalog, size: backend.size, idleTimeout: 0, now: clock.date)
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    _ = KioskLoop(terminal: backend, effects: effects, clock: clock, logger: logger).run(state)
    return backend.screens
  }

  /// The catalog as the index gives it at the start: counts only, no list read.
  static var countsOnly: Catalog {
    let whole = Fixtures.linkedCatalog
    return Catalog(
      categories: whole.categories,
      counts: Dictionary(uniqueKeysWithValues: whole.categories.map { ($0.name, whole.count(in: $0.name)) }))
  }

  @Test("Lists and texts read by effects show the same screens as a catalog read whole")
  func sameScreensThroughEffects() throws {
    let store = GuardedStore(Fixtures.linkedCatalog)
    let whole = Self.run(Fixtures.linkedCatalog, StoreEffects(store))
    let effects = StoreEffects(store)
    let loaded = Self.run(Self.countsOnly, effects)
    try #require(whole.count == Self.journey.count + 1)
    #expect(loaded == whole)
    // The journey saw the guide, the article it links to, its related articles and a search result.
    #expect(whole[4].contains("Session Guide"))
    #expect(whole[6].contains("Account Locked"))
    #expect(whole[8].contains("Related articles"))
    #expect(whole.last?.contains("Printer Offline") == true)
    #expect(
      effects.performed.filter(\.isLoad) == [
        .loadCategory("Common Error Messages"), .loadArticle("guide"), .loadArticle("locked"),
        .loadArticle("offline"),
      ])
  }

  @Test("Enter on a category not yet read asks for it, and stays until it arrives")
  func openingWaitsForTheList() throws {
    let state = update(AppState(catalog: Self.countsOnly, size: Size(columns: 80, rows: 24), idleTimeout: 0), .key(.enter))
    #expect(state.1 == [.loadCategory("Common Error Messages")])
    #expect(state.0.screen == .home(MenuState()))
    let store = GuardedStore(Fixtures.linkedCatalog)
    store.isOpen = true
    let listed = update(state.0, .categoryLoaded(category: "Common Error Messages", store.articles(in: "Common Error Messages")))
    guard case .articles(let category, _) = listed.0.screen else {
      Issue.record("expected the list, got \(listed.0.screen)")
      return
    }
    #expect(category == Fixtures.errors)
    #expect(render(listed.0).text.contains("Session Guide"))
    // An answer for another category, or one nobody waits for, opens nothing.
    let stray = update(state.0, .categoryLoaded(category: "Printing", store.articles(in: "Printing")))
    #expect(stray.0.screen == .home(MenuState()))
    #expect(stray.0.catalog.isListed("Printing"))
  }

  /// The first category's list, opened on the counts-only catalog and answered.
  static func listOpened() -> AppState {
    let state = AppState(catalog: countsOnly, size: Size(columns: 80, rows: 24), idleTimeout: 0)
    let store = GuardedStore(Fixtures.linkedCatalog)
    store.isOpen = true
    let name = "Common Error Messages"
    return update(update(state, .key(.enter)).0, .categoryLoaded(category: name, store.articles(in: name))).0
  }

  @Test("An article that has gone by the time it is read opens nothing")
  func unavailableArticle() {
    let state = Self.listOpened()
    let asked = update(state, .key(.enter))
    #expect(asked.1 == [.loadArticle("locked")])
    let gone = update(asked.0, .articleUnavailable(id: "locked")).0
    #expect(gone.screen == state.screen)
    #expect(gone.awaited == nil)
  }

  @Test("Content changed under an open list: the list is read again")
  func refreshedListIsReadAgain() {
    let state = Self.listOpened()
    let refreshed = update(state, .catalogRefreshed(Self.countsOnly))
    #expect(refreshed.1 == [.loadCategory("Common Error Messages")])
    #expect(refreshed.0.screen == state.screen, "the list stays open")
  }

  @Test("The state holds values: no reference but an article's text and its layout")
  func stateHoldsValuesOnly() throws {
    var state = Fixtures.guide()
    state = update(state, .key(.end)).0
    var found: [String] = []
    Self.references(in: state, into: &found)
    #expect(Set(found).isSubset(of: ["ArticleBody", "LazyLayout", "Eventually<Array<Article>>"]), "\(Set(found))")
    #expect(found.contains("ArticleBody"), "the walk reached the reader's article")
  }

  /// The type names of the class instances a value holds, not looking inside them.
  static func references(in value: Any, into found: inout [String]) {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .class {
      found.append(String(describing: type(of: value)))
      return
    }
    for child in mirror.children { references(in: child.value, into: &found) }
  }
}

extension Effect {
  /// Reading a category's list or an article's text.
  fileprivate var isLoad: Bool {
    switch self {
    case .loadCategory, .loadArticle: true
    default: false
    }
  }
}
