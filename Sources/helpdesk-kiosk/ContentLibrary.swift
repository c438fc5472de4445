import Foundation
import KioskContent
import KioskCore

/// The content folder as the kiosk uses it: through an index kept in the state directory
/// (or in memory when that cannot be written), refreshed after the first frame.
final class ContentLibrary: @unchecked Sendable {
  let folder: URL
  private let stateDirectory: URL
  /// The index once opened: at once when its file exists; else on first use, which a start
  /// on a new state folder makes after the first frame (`refreshedCatalog`), so that
  /// making the database does not delay Home. Searches use it from their own thread.
  private var opened: ContentIndex?
  private let openedLock = NSLock()
  /// True when the catalog came from the index as it was, unchecked against the files, or
  /// from the files with no index yet.
  private var isUnchecked = false
  /// True when the catalog came from the files, with no index yet (`quickCatalog`).
  private var isIndexMissing = false

  static let indexFile = "content-index.sqlite"

  init(folder: URL, stateDirectory: URL) throws {
    try ContentLoader.checkFolder(folder)
    self.folder = folder
    self.stateDirectory = stateDirectory
    if FileManager.default.fileExists(atPath: stateDirectory.appendingPathComponent(Self.indexFile).path) {
      opened = try Self.openIndex(folder: folder, stateDirectory: stateDirectory)
    } else {
      // The state folder, for what the start writes there before the index is made.
      try? Self.makeFolder(stateDirectory)
    }
  }

  /// The state folder, made with mode 0700 when it is missing (a look first: making it
  /// through FileManager costs more than the look, at every start).
  private static func makeFolder(_ folder: URL) throws {
    guard !FileManager.default.fileExists(atPath: folder.path) else { return }
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  }

  /// The index in the state directory, or in memory when that cannot be written: searching
  /// still works, and the next start reads the folder again.
  private static func openIndex(folder: URL, stateDirectory: URL) throws -> ContentIndex {
    do {
      try makeFolder(stateDirectory)
      return try ContentIndex(folder: folder, file: stateDirectory.appendingPathComponent(Self.indexFile))
    } catch {
      do {
        return try ContentIndex(folder: folder, file: nil)
      } catch {
        throw ContentFolderError(description: "the content index could not be made: \(error)")
      }
    }
  }

  /// The index, opened now if it was not yet.
  private var index: ContentIndex {
    openedLock.withLock {
      if let opened { return opened }
      do {
        let index = try Self.openIndex(folder: folder, stateDirectory: stateDirectory)
        opened = index
        return index
      } catch {
        // Not even a database in memory: SQLite has no memory left. (Opened at the start,
        // the same failure ends the kiosk with this message and status 66.)
        fatalError("\(error)")
      }
    }
  }

  /// The catalog to start with from the index as it is, when it has articles (checked
  /// against the files by `refreshedCatalog` once the first frame is up); nil when the
  /// folder must be read first. The problems of `synonyms.yaml` are not among its
  /// problems: `synonymsProblems` reads them after the first frame.
  func cachedCatalog() -> (Catalog, [ContentProblem])? {
    // No index opened at the start: its file was not there, and there is no catalog in it.
    guard let index = openedLock.withLock({ opened }) else { return nil }
    let (categories, categoryProblems) = ContentLoader.listedCategories(in: folder)
    guard let (catalog, problems) = try? index.cachedCatalog(categories: categories) else { return nil }
    isUnchecked = true
    return (catalog, categoryProblems + problems)
  }

  /// For a small folder with no index yet (a first start, or a new state folder): the
  /// catalog read from the files, so that Home does not wait for the index to be made;
  /// `refreshedCatalog` makes it once the first frame is up. Nil for a folder of many files
  /// or bytes, whose first read into the index shows its progress instead, or when the
  /// folder cannot be read. As with `cachedCatalog`, the problems of `synonyms.yaml` wait.
  func quickCatalog() -> Catalog? {
    guard let listed = try? ContentLoader.listing(of: folder, ifFewerThan: Self.quickFiles, bytes: Self.quickBytes)
    else { return nil }
    isUnchecked = true
    isIndexMissing = true
    return listed
  }

  /// Folders of fewer article files than this, holding fewer bytes than `quickBytes`, start
  /// from the files when there is no index: read before the first frame, with no progress
  /// shown and no signal heard, they must take a moment only.
  static let quickFiles = 200
  static let quickBytes = 1 << 20

  /// The catalog and its problems after checking the folder for changed files (or making
  /// the index, after `quickCatalog`), or nil when nothing changed since the start; with
  /// whether the index was made now. The problems of `synonyms.yaml` are not among them.
  func refreshedCatalog() -> (catalog: Catalog, problems: [ContentProblem], isIndexNew: Bool)? {
    guard isUnchecked else { return nil }
    isUnchecked = false
    let isIndexNew = isIndexMissing
    isIndexMissing = false
    let (categories, categoryProblems) = ContentLoader.listedCategories(in: folder)
    var refreshed = try? index.refresh(categories: categories)
    if refreshed == nil, isIndexNew, let memory = try? ContentIndex(folder: folder, file: nil) {
      // Home came from the front matter alone: without an index no article would open.
      // One in memory serves this run; the next start tries the file again.
      openedLock.withLock { opened = memory }
      refreshed = try? memory.refresh(categories: categories)
    }
    guard let (catalog, problems, changed) = refreshed, changed else { return nil }
    return (catalog, categoryProblems + problems, isIndexNew)
  }

  /// The problems of the folder's `synonyms.yaml`, which `cachedCatalog` and a starting
  /// `reload` leave unread.
  func synonymsProblems() -> [ContentProblem] {
    SynonymsFile.load(from: folder).1
  }

  /// Reads what changed in the folder, and returns the whole catalog with its problems;
  /// those of `synonyms.yaml` too unless `isStarting` (the start reads them after the
  /// first frame, with `synonymsProblems`).
  func reload(
    isStarting: Bool = false, progress: ((_ done: Int, _ total: Int) -> Bool)? = nil
  ) throws -> (Catalog, [ContentProblem]) {
    try ContentLoader.checkFolder(folder)
    isUnchecked = false
    let (categories, categoryProblems) =
      isStarting ? ContentLoader.listedCategories(in: folder) : ContentLoader.categories(in: folder)
    do {
      let (catalog, problems, _) = try index.refresh(categories: categories, progress: progress)
      return (catalog, categoryProblems + problems)
    } catch let stopped as RefreshStopped {
      throw stopped
    } catch {
      throw ContentFolderError(description: "the content index could not be updated: \(error)")
    }
  }

  /// The articles, their lists and their texts, as the menus and the reader ask for them.
  var articles: any ArticleStore { index.articles }

  /// Reads what the first search needs, from any thread.
  var prepareSearch: @Sendable () -> Void {
    { [self] in index.prepareSearch() }
  }

  /// Searches the index, from any thread: the best articles for the words, with the
  /// articles they name; none when the index cannot be read.
  var search: @Sendable (String) -> SearchResults {
    { [self] text in
      let index = self.index
      guard var results = try? index.search(text, limit: SearchState.resultLimit) else {
        return SearchResults(query: text, hits: [], total: 0)
      }
      results.articles = index.articles.articles(ids: results.hits.map(\.articleID))
      return results
    }
  }
}
