import Foundation
import KioskContent
import KioskCore

/// Why a benchmark cannot run, in words for the person running it.
struct WorkloadError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}

/// The knowledge base the benchmarks run on, and the work folder around it.
///
/// `scripts/bench-inprocess` makes the work folder, names it in `KIOSK_BENCH_DIR` and
/// writes a generated knowledge base into its `content` folder with
/// `scripts/gen-content.py` (10,000 articles, a few of about 1 MiB). Each benchmark runs in
/// a process of its own; the ones that need an index of the whole folder share
/// `index.sqlite` there, made by the first of them.
enum Workload {
  /// The work folder.
  static func directory() throws -> URL {
    guard let path = ProcessInfo.processInfo.environment["KIOSK_BENCH_DIR"], !path.isEmpty else {
      throw WorkloadError(
        "KIOSK_BENCH_DIR is not set: run the benchmarks with scripts/bench-inprocess, which generates the knowledge base")
    }
    return URL(fileURLWithPath: path, isDirectory: true)
  }

  /// The generated knowledge base.
  static func content() throws -> URL {
    let folder = try directory().appendingPathComponent("content", isDirectory: true)
    guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(ContentLoader.categoriesFile).path)
    else {
      throw WorkloadError("\(folder.path) holds no knowledge base: scripts/bench-inprocess generates one there")
    }
    return folder
  }

  /// The categories of a folder, as the kiosk reads them at start.
  static func categories(_ folder: URL) -> [KioskCore.Category]? {
    ContentLoader.categories(in: folder).0
  }

  /// The index of the whole knowledge base kept in the work folder, brought up to date
  /// (built whole the first time), with its catalog.
  static func sharedIndex() throws -> (ContentIndex, Catalog) {
    let folder = try content()
    let index = try ContentIndex(folder: folder, file: try directory().appendingPathComponent("index.sqlite"))
    let (catalog, problems, _) = try index.refresh(categories: categories(folder))
    guard problems.isEmpty else {
      throw WorkloadError(
        "the generated knowledge base has \(problems.count) problems, the first: "
          + "\(problems[0].file):\(problems[0].line): \(problems[0].message)")
    }
    return (index, catalog)
  }

  /// Removes an SQLite file with its write-ahead log and shared memory.
  static func removeDatabase(_ file: URL) {
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: file.path + suffix)
    }
  }

  /// A folder of its own holding only the largest article of the knowledge base (one of
  /// the generator's 1 MiB ones) and the categories, and an index of it.
  static func largeArticle() throws -> (folder: URL, index: ContentIndex, size: Int) {
    let content = try content()
    var largest: (name: String, size: Int)?
    for name in try FileManager.default.contentsOfDirectory(atPath: content.path) where name.hasSuffix(".md") {
      let size = try FileManager.default.attributesOfItem(atPath: content.appendingPathComponent(name).path)[.size]
        as? Int ?? 0
      if size > largest?.size ?? 0 { largest = (name, size) }
    }
    guard let largest, largest.size >= 512 << 10 else {
      throw WorkloadError("\(content.path) has no article of 512 KiB or more: generate it with --large 1 or more")
    }
    let folder = try directory().appendingPathComponent("large-article", isDirectory: true)
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in [largest.name, ContentLoader.categoriesFile] {
      try FileManager.default.copyItem(
        at: content.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let index = try ContentIndex(folder: folder, file: nil)
    _ = try index.refresh(categories: categories(folder))
    return (folder, index, largest.size)
  }

  /// The only article of the large article's index, read from the index afresh: its text
  /// is not parsed yet, as when the kiosk has just started.
  static func unparsedArticle(_ index: ContentIndex, folder: URL) throws -> (Catalog, Article) {
    guard let (catalog, _) = try index.cachedCatalog(categories: categories(folder)),
      let category = catalog.categories.first, let article = index.articles.articles(in: category.name).first
    else { throw WorkloadError("the index of \(folder.path) holds no article") }
    return (catalog, article)
  }

  /// The results of a search as the kiosk's effects give them: with the articles they name.
  static func search(_ text: String, in index: ContentIndex) throws -> SearchResults {
    var results = try index.search(text, limit: SearchState.resultLimit)
    results.articles = index.articles.articles(ids: results.hits.map(\.articleID) + results.popular)
    return results
  }

  /// `update` with an event, and with the answers to the lists and texts it asks for
  /// read from the index, as the kiosk's effects read them (a long article's whole text
  /// at once: what End needs).
  static func update(_ state: AppState, _ event: Event, index: ContentIndex) -> AppState {
    var (state, effects) = KioskCore.update(state, event)
    while !effects.isEmpty {
      let effect = effects.removeFirst()
      let answer: Event
      switch effect {
      case .loadCategory(let name): answer = .categoryLoaded(category: name, index.articles.articles(in: name))
      case .loadArticle(let id):
        answer = index.articles.load(id).map(Event.articleLoaded) ?? .articleUnavailable(id: id)
      default: continue
      }
      let next = KioskCore.update(state, answer)
      state = next.0
      effects += next.1
    }
    return state
  }
}
