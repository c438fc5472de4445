import Foundation
import KioskCore
import Testing

@testable import KioskContent

@Suite("Content index and search")
struct ContentIndexTests {
  /// An article file in `category` with this title, summary, one heading and a body.
  static func article(
    title: String, summary: String = "A short summary.", heading: String = "What to do",
    body: String = "Some text.", category: String = "Printing"
  ) -> String {
    """
    ---
    title: \(title)
    category: \(category)
    updated: 2026-01-07
    summary: \(summary)
    ---
    ## \(heading)

    \(body)

    - [ ] Try it
    """
  }

  static func folder(_ files: [String: String]) throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try folder.write(ContentLoader.categoriesFile, Content.categoriesYAML())
    for (path, text) in files { try folder.write(path, text) }
    return folder
  }

  static func ids(_ results: SearchResults) -> [String] { results.hits.map(\.articleID) }

  @Test("A title match ranks above a heading, a heading above the summary, the summary above the body")
  func ranking() throws {
    let folder = try Self.folder([
      "a-body.md": Self.article(title: "Alpha", body: "The toner cartridge is empty."),
      "b-summary.md": Self.article(title: "Bravo", summary: "When the toner runs out."),
      "c-heading.md": Self.article(title: "Charlie", heading: "Replace the toner"),
      "d-title.md": Self.article(title: "Toner Warnings"),
      "e-none.md": Self.article(title: "Echo"),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    let results = try index.search("toner", limit: 10)
    #expect(Self.ids(results) == ["d-title", "c-heading", "b-summary", "a-body"])
    #expect(results.total == 4)
  }

  @Test("A word that starts most words is ranked over every article, the title match first")
  func broadWords() throws {
    let folder = try Self.folder([
      "a.md": Self.article(title: "Alpha", body: "The toner cartridge."),
      "b.md": Self.article(title: "Bravo", body: "More toner."),
      "c.md": Self.article(title: "Toner Warnings"),
      "d.md": Self.article(title: "Delta", body: "Toner again."),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    let results = try index.search("to", limit: 3)
    #expect(results.total == 4)
    #expect(Self.ids(results).first == "c")
    #expect(Self.ids(results).count == 3)
    #expect(Set(Self.ids(try index.search("to", limit: 10))) == ["a", "b", "c", "d"])
  }

  @Test("Case, accents and word starts do not matter; articles with every word come first")
  func matching() throws {
    let folder = try Self.folder([
      "cafe.md": Self.article(title: "Café Wi-Fi Sign-in", body: "The portal asks for the room number."),
      "session.md": Self.article(title: "Your Session Has Expired", body: "Log in again."),
      "printer.md": Self.article(title: "Printer Offline", body: "Your session with the printer ended."),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    #expect(Self.ids(try index.search("CAFE", limit: 10)) == ["cafe"])
    #expect(Self.ids(try index.search("café", limit: 10)) == ["cafe"])
    #expect(Self.ids(try index.search("expiré", limit: 10)) == ["session"])
    #expect(Self.ids(try index.search("sess exp", limit: 10)).first == "session")
    #expect(Set(Self.ids(try index.search("session", limit: 10))) == ["session", "printer"])
    let both = try index.search("printer session", limit: 10)
    #expect(Self.ids(both) == ["printer", "session"])
    #expect(both.complete == 1 && both.total == 2)
    #expect(Self.ids(try index.search("xyzzy", limit: 10)).isEmpty)
    #expect(try index.search("  -- ", limit: 10).total == 0, "no words, no search")
    // Quotes and operators are words, not query syntax.
    #expect(Set(Self.ids(try index.search("\"session* OR NOT", limit: 10))) == ["session", "printer"])
    #expect(Self.ids(try index.search("\"session\"", limit: 10)).count == 2)
  }

  @Test("A word in no article no longer empties the results: the others still rank")
  func partialMatches() throws {
    let folder = try Self.folder([
      "session.md": Self.article(title: "Your Session Has Expired", body: "Log in again."),
      "printer.md": Self.article(title: "Printer Offline", body: "Your session with the printer ended."),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    let results = try index.search("session xyzzy ", limit: 10)
    #expect(Self.ids(results) == ["session", "printer"])
    #expect(results.total == 2 && results.complete == 0)
    // Filler words never keep an article out, and a query of filler alone still searches.
    #expect(Self.ids(try index.search("please, my session has expired again", limit: 10)).first == "session")
    #expect(Set(Self.ids(try index.search("your", limit: 10))) == ["session", "printer"])
  }

  @Test("A typo finds the word it misses, says so, and ranks below a word matched as typed")
  func typos() throws {
    let folder = try Self.folder([
      "session.md": Self.article(title: "Your Session Has Expired", body: "Log in again."),
      "printer.md": Self.article(title: "Printer Offline", body: "Check the cable."),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    let corrected = try index.search("sesion expird", limit: 10)
    #expect(Self.ids(corrected) == ["session"])
    #expect(corrected.searchedFor == "session expired")
    #expect(corrected.highlight.matches(in: "Session expired") == [0..<7, 8..<15])
    #expect(try index.search("session expired", limit: 10).searchedFor == nil)
    #expect(Self.ids(try index.search("offline sesion", limit: 10)) == ["printer", "session"])
    // Word forms match each other, and are not corrections.
    let forms = try index.search("expires ", limit: 10)
    #expect(Self.ids(forms) == ["session"] && forms.searchedFor == nil)
  }

  @Test("synonyms.yaml widens a word to its group, and an edited file counts at the next search")
  func synonyms() throws {
    let folder = try Self.folder([
      "wifi.md": Self.article(title: "Can't Connect to Wi-Fi", body: "Forget the network."),
      "vpn.md": Self.article(title: "The VPN Drops", body: "Reconnect."),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    #expect(Self.ids(try index.search("wireless ", limit: 10)).isEmpty)
    try folder.write("synonyms.yaml", "- [wifi, wi-fi, wireless]\n")
    let widened = try index.search("wireless ", limit: 10)
    #expect(Self.ids(widened) == ["wifi"])
    #expect(widened.searchedFor == "wireless, or wi-fi")
    #expect(Self.ids(try index.search("wifi", limit: 10)) == ["wifi"])
    try folder.write("synonyms.yaml", "- [tunnel, vpn]\n")
    #expect(Self.ids(try index.search("wireless ", limit: 10)).isEmpty)
    #expect(Self.ids(try index.search("tunnel ", limit: 10)) == ["vpn"])
  }

  @Test("An error message an article lists ranks it first, and the hit names it")
  func messages() throws {
    let message = "messages:\n  - Access is denied\n  - \"Error 403: Forbidden\""
    let folder = try Self.folder([
      "a-body.md": Self.article(title: "Alpha", body: "Access is denied when the share is full."),
      "b-message.md": Self.article(title: "Bravo", summary: "Shares.\n\(message)"),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    let results = try index.search("Access is denied", limit: 10)
    #expect(Self.ids(results) == ["b-message", "a-body"])
    #expect(results.hits.first?.covers == "Access is denied")
    #expect(results.hits.last?.covers == nil)
    #expect(try index.search("403", limit: 10).hits.first?.covers == "Error 403: Forbidden")
  }

  @Test("A hit's snippet shows where the words are: the summary, else the body")
  func snippets() throws {
    let folder = try Self.folder([
      "a.md": Self.article(title: "Alpha", summary: "Nothing here.", body: "Far down, the spooler stops."),
      "b.md": Self.article(title: "Bravo", summary: "The spooler service stops.", body: "Text."),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    let hits = try index.search("spooler", limit: 10).hits
    #expect(hits.first { $0.articleID == "a" }?.snippet.contains("the spooler stops") == true)
    #expect(hits.first { $0.articleID == "b" }?.snippet == "The spooler service stops.")
  }

  @Test("The index file is reused; a changed, added or removed file is read again")
  func cacheInvalidation() throws {
    let folder = try Self.folder([
      "a.md": Self.article(title: "Toner Low"),
      "b.md": Self.article(title: "Paper Jam"),
    ])
    defer { folder.remove() }
    let state = try TemporaryFolder()
    defer { state.remove() }
    let file = state.url.appendingPathComponent("index.sqlite")

    let first = try ContentIndex(folder: folder.url, file: file)
    // Readable by its owner only: it holds the articles' text.
    var status = stat()
    #expect(stat(file.path, &status) == 0 && status.st_mode & 0o777 == 0o600)
    #expect(try first.cachedCatalog(categories: Content.categories) == nil, "empty until refreshed")
    #expect(try first.refresh(categories: Content.categories).changed)

    // A second start: the catalog comes from the index, and nothing needs reading.
    let second = try ContentIndex(folder: folder.url, file: file)
    let cached = try #require(try second.cachedCatalog(categories: Content.categories))
    #expect(cached.0.count(in: "Printing") == 2)
    #expect(!cached.0.isListed("Printing"), "a category is listed when it is opened")
    #expect(second.articles.articles(in: "Printing").map(\.title) == ["Paper Jam", "Toner Low"])
    #expect(second.articles.article(id: "a")?.isRead == false, "texts are read when opened")
    #expect(try second.refresh(categories: Content.categories).changed == false)

    // A file changes (size differs), one disappears, one appears.
    try folder.write("a.md", Self.article(title: "Toner Very Low", body: "Order a new cartridge today."))
    try FileManager.default.removeItem(at: folder.url.appendingPathComponent("b.md"))
    try folder.write("c.md", Self.article(title: "Scanner Busy"))
    let (catalog, problems, changed) = try second.refresh(categories: Content.categories)
    #expect(changed)
    #expect(problems.isEmpty)
    #expect(catalog.count(in: "Printing") == 2)
    #expect(second.articles.articles(in: "Printing").map(\.title) == ["Scanner Busy", "Toner Very Low"])
    #expect(Self.ids(try second.search("cartridge", limit: 10)) == ["a"])
    #expect(Self.ids(try second.search("jam", limit: 10)).isEmpty, "a removed file is no longer found")
    #expect(Self.ids(try second.search("scanner", limit: 10)) == ["c"])

    // Same size, new modification time: read again too.
    try folder.write("c.md", Self.article(title: "Scanner Idle"))
    let url = folder.url.appendingPathComponent("c.md")
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: url.path)
    let after = try second.refresh(categories: Content.categories)
    #expect(after.changed)
    #expect(second.articles.article(id: "c")?.title == "Scanner Idle")
  }

  @Test("Problems are kept in the index and reported on a start from it; a fixed file clears them")
  func problemsPersist() throws {
    let folder = try Self.folder([
      "good.md": Self.article(title: "Toner Low"),
      "bad.md": "---\ntitle: No category\n---\nText.\n",
      "lost.md": Self.article(title: "Lost", category: "Nowhere"),
    ])
    defer { folder.remove() }
    let state = try TemporaryFolder()
    defer { state.remove() }
    let file = state.url.appendingPathComponent("index.sqlite")
    let firstIndex = try ContentIndex(folder: folder.url, file: file)
    let first = try firstIndex.refresh(categories: Content.categories)
    #expect(Set(first.problems.map(\.file)) == ["bad.md", "lost.md"])
    #expect(first.catalog.count(in: "Nowhere") == 0)
    var catalog = first.catalog
    catalog.remember(firstIndex.articles.articles(ids: ["lost", "good"]))
    #expect(catalog.article(id: "lost") == nil, "the menus do not show a category categories.yaml lacks")
    #expect(catalog.article(id: "good")?.title == "Toner Low")
    let cached = try #require(try ContentIndex(folder: folder.url, file: file).cachedCatalog(categories: Content.categories))
    #expect(cached.1.map(\.description) == first.problems.map(\.description))

    try folder.write("bad.md", Self.article(title: "Now Fine"))
    let fixedIndex = try ContentIndex(folder: folder.url, file: file)
    let fixed = try fixedIndex.refresh(categories: Content.categories)
    #expect(fixed.problems.map(\.file) == ["lost.md"])
    #expect(fixedIndex.articles.article(id: "bad")?.title == "Now Fine")
  }

  @Test("An article's text is read when it is loaded, with its category and the articles it leads to; a file gone by then says so instead")
  func lazyBodies() throws {
    let folder = try Self.folder([
      "a.md": Self.article(title: "Toner Low", body: "Shake the cartridge. See [the jam](b.md) or [nothing](zz.md)."),
      "b.md": Self.article(title: "Paper Jam"),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    _ = try index.refresh(categories: Content.categories)
    let article = try #require(index.articles.article(id: "a"))
    #expect(!article.isRead)
    let load = try #require(index.articles.load("a"))
    #expect(load.article.isRead)
    #expect(load.article.document.linkTargets == ["b", "zz"])
    #expect(load.category.map(\.id) == ["b", "a"], "the category, by title")
    #expect(load.linked.map(\.id) == ["b"], "a link to no article leads nowhere")
    #expect(index.articles.load("zz") == nil)
    #expect(index.articles.load("a")?.article.body === load.article.body, "a text read lately is kept")

    try FileManager.default.removeItem(at: folder.url.appendingPathComponent("b.md"))
    let gone = try #require(index.articles.article(id: "b"))
    guard case .paragraph(let spans)? = index.articles.body(of: gone).document.blocks.first else {
      Issue.record("expected a message")
      return
    }
    #expect(spans.plainText.hasPrefix("This article cannot be shown right now"))
  }

  @Test("A damaged index file is replaced, not fatal")
  func damagedIndex() throws {
    let folder = try Self.folder(["a.md": Self.article(title: "Toner Low")])
    defer { folder.remove() }
    let state = try TemporaryFolder()
    defer { state.remove() }
    let file = try state.write("index.sqlite", String(repeating: "not a database ", count: 500))
    let index = try ContentIndex(folder: folder.url, file: file)
    #expect(try index.refresh(categories: Content.categories).catalog.articleCount == 1)
    #expect(index.articles.article(id: "a")?.title == "Toner Low")
  }
}
