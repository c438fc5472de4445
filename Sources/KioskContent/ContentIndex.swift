import Foundation
import GRDB
import KioskCore
import Synchronization

/// What the kiosk knows of a content folder without reading every article: each file's
/// front matter and searchable text, kept in an SQLite file in the state directory and
/// keyed by the file's size and modification time. Starting reads this index, not the
/// articles; an article's text is parsed when it is opened. `refresh` brings the index up
/// to date with the folder, reading only the files that changed.
///
/// The index is a cache: deleting it costs one full read of the folder.
public final class ContentIndex: Sendable {
  public let folder: URL
  private let database: DatabaseQueue
  private let indexed: IndexedArticles
  /// The words of the index and the folder's synonyms, as the last search found them.
  private let lexicon = Mutex<Lexicon?>(nil)
  /// The index's answers to the last searches' words, for the next keystroke.
  private let answers = IndexAnswers.Kept()
  /// Raised whenever the layout of the index changes; an older index is rebuilt.
  static let schemaVersion = 9

  /// Opens (or creates) the index at `file`, or keeps it in memory when `file` is nil.
  /// A damaged or older index file is replaced.
  public init(folder: URL, file: URL?) throws {
    self.folder = folder
    if let file {
      do {
        database = try ContentIndex.open(file)
      } catch {
        try? FileManager.default.removeItem(at: file)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        database = try ContentIndex.open(file)
      }
    } else {
      database = try DatabaseQueue()
      try database.write(ContentIndex.createSchema)
    }
    indexed = IndexedArticles(database: database, folder: folder)
  }

  /// The index's articles, for the effects that read what the menus and the reader ask for.
  public var articles: any ArticleStore { indexed }

  private static func open(_ file: URL) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      // A cache: losing the last moments of it to a crash only means reading files again.
      try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
    }
    let queue = try DatabaseQueue(path: file.path, configuration: configuration)
    // Owner only: chmod, since FileManager's way to say so costs a fifth of the opening.
    _ = chmod(file.path, 0o600)
    try queue.write { db in
      let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      if version != schemaVersion {
        for table in ["vocabulary", "searchVocabulary", "search", "problem", "article", "categoryCount"] {
          try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
        }
        try createSchema(db)
      }
    }
    return queue
  }

  private static func createSchema(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE article(
          rowid INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
          mtime INTEGER NOT NULL, isUsable INTEGER NOT NULL, title TEXT, category TEXT,
          categoryLine INTEGER, summary TEXT, updated INTEGER, readMinutes INTEGER, messages TEXT, related TEXT, url TEXT);
        CREATE TABLE problem(path TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL);
        CREATE INDEX problemPath ON problem(path);
        CREATE INDEX articleCategory ON article(isUsable, category, title, path);
        CREATE TABLE categoryCount(category TEXT PRIMARY KEY, count INTEGER NOT NULL);
        CREATE VIRTUAL TABLE search USING fts5(
          id UNINDEXED, title, messages, headings, summary, body,
          tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
        CREATE VIRTUAL TABLE searchVocabulary USING fts5vocab(search, 'row');
        CREATE TABLE vocabulary(term TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID;
        PRAGMA user_version = \(schemaVersion);
        """)
  }

  // MARK: - Reading the catalog

  /// The catalog as the index holds it, without looking at the files; nil when the index
  /// is empty (never filled, or the folder has no articles).
  public func cachedCatalog(categories: [Category]?) throws -> (Catalog, [ContentProblem])? {
    try database.read { db in
      guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM article)") == true else { return nil }
      return try catalog(db, categories: categories)
    }
  }

  /// A file's size and modification time (nanoseconds): when either differs, it is read again.
  public struct Stamp: Equatable, Sendable {
    var size: Int64
    var mtime: Int64
  }

  private static func stamps(_ db: Database) throws -> [String: Stamp] {
    var stamps: [String: Stamp] = [:]
    let rows = try Row.fetchCursor(db, sql: "SELECT path, size, mtime FROM article")
    while let row = try rows.next() {
      stamps[row[0]] = Stamp(size: row[1], mtime: row[2])
    }
    return stamps
  }

  /// Brings the index up to date with the folder: files added, changed (by size or
  /// modification time) or removed. Returns the catalog, every problem of the folder's
  /// files, and whether anything changed.
  /// `progress` hears how many of the files to read are read, now and then; when it
  /// answers false, the refresh stops with `RefreshStopped` and the index stays as it was.
  ///
  /// The files are read and parsed on a thread per processor, ahead of this one, which
  /// writes them to the index in the order of their paths (so a full read always gives the
  /// same index).
  public func refresh(
    categories: [Category]?, progress: ((_ done: Int, _ total: Int) -> Bool)? = nil
  ) throws -> (catalog: Catalog, problems: [ContentProblem], changed: Bool) {
    let listing = ContentFiles.list(folder)
    let files = listing.files
    let folder = folder
    // Reading a large folder into an empty index (the first start) writes the pages to the
    // file once, under a rollback journal, rather than to the write-ahead log and then to
    // the file again; the log is back for everything after.
    let isFirstRead = try files.count >= Self.largeRefresh
      && database.read { try Bool.fetchOne($0, sql: "SELECT EXISTS(SELECT 1 FROM article)") } == false
    if isFirstRead { setJournalMode("DELETE") }
    defer { if isFirstRead { setJournalMode("WAL") } }
    return try database.write { db in
      let known = try ContentIndex.stamps(db)
      var changed = false
      let toRead = files.filter { file in known[file.key].map { $0 != file.value } ?? true }
        .sorted { $0.key < $1.key }
      if !toRead.isEmpty {
        let reader = ParallelReader(count: toRead.count) { ContentIndex.read(toRead[$0].key, in: folder) }
        defer { reader.stop() }
        let statements = try Statements(db, isLarge: toRead.count >= Self.largeRefresh)
        defer { statements.finish() }
        for (done, (path, stamp)) in toRead.enumerated() {
          if done % 10 == 0, progress?(done, toRead.count) == false { throw RefreshStopped() }
          if known[path] != nil { try forget(path, db) }
          try statements.store(reader.take(done), path: path, stamp: stamp)
          changed = true
        }
      }
      let gone = Set(known.keys).subtracting(files.keys)
      for path in gone {
        try forget(path, db)
        changed = true
      }
      if changed {
        // The words of the index, kept apart: reading them from FTS5 walks the whole index.
        try db.execute(
          sql: """
            DELETE FROM categoryCount;
            INSERT INTO categoryCount
              SELECT category, count(*) FROM article WHERE isUsable = 1 GROUP BY category;
            DELETE FROM vocabulary;
            INSERT INTO vocabulary SELECT term, doc FROM searchVocabulary;
            """)
      }
      if changed { indexed.forget() }
      let (catalog, problems) = try catalog(db, categories: categories)
      return (catalog, listing.refused + problems, changed)
    }
  }

  /// From this many files to read, a refresh gives SQLite and FTS5 more memory to work in.
  static let largeRefresh = 200

  /// Changes how SQLite keeps a transaction undoable, when it can: while another program
  /// has the file open it stays as it is (and an index in memory keeps its journal there).
  private func setJournalMode(_ mode: String) {
    try? database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = \(mode)") }
  }

  /// The catalog: the categories' article counts now, their articles when asked for.
  private func catalog(_ db: Database, categories: [Category]?) throws -> (Catalog, [ContentProblem]) {
    var problems = try Row.fetchAll(db, sql: "SELECT path, line, message FROM problem").map {
      ContentProblem(file: $0[0], line: $0[1], message: $0[2])
    }
    var counts: [String: Int] = [:]
    // Kept by `refresh`, so that a start reads one small table rather than every row.
    for row in try Row.fetchAll(db, sql: "SELECT category, count FROM categoryCount") {
      counts[row[0]] = row[1]
    }
    let listed = categories ?? counts.keys.sorted().map { Category(name: $0, description: "") }
    let names = Set(listed.map(\.name))
    for category in counts.keys.sorted() where !names.contains(category) {
      let rows = try Row.fetchAll(
        db, sql: "SELECT path, categoryLine FROM article WHERE isUsable = 1 AND category = ?", arguments: [category])
      for row in rows {
        problems.append(ContentLoader.unknownCategory(category, file: row[0], line: row[1], categories: listed))
      }
    }
    return (Catalog(categories: listed, counts: counts), problems.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
  }

  /// Reads one file for the index: its front matter and its text for searching, or its
  /// problems when it cannot be shown. Called on the reading threads.
  static func read(_ path: String, in folder: URL) -> ReadFile {
    var problems: [ContentProblem] = []
    do {
      let text = try ContentLoader.readText(folder.appendingPathComponent(path), name: path)
      let parsed = try ContentLoader.article(from: text, file: path, categories: nil, problems: &problems)
      return ReadFile(article: parsed.article, categoryLine: parsed.categoryLine, problems: problems)
    } catch let problem as ContentProblem {
      problems.append(problem)
    } catch {
      problems.append(ContentProblem(file: path, line: 1, message: "cannot be read: \(error.localizedDescription)"))
    }
    return ReadFile(article: nil, categoryLine: 1, problems: problems)
  }

  /// What one file gives the index.
  struct ReadFile: Sendable {
    /// The article's fields, nil when it cannot be shown.
    var article: Fields?
    var categoryLine: Int
    var problems: [ContentProblem]

    /// An article as the index stores it: no parsed document kept, only its text.
    struct Fields: Sendable {
      var id: String
      var title: String
      var category: String
      var summary: String
      var updated: Int
      var readMinutes: Int
      var messages: String
      var related: String
      var url: String?
      var text: DocumentText
    }

    init(article: Article?, categoryLine: Int, problems: [ContentProblem]) {
      self.article = article.map { article in
        Fields(
          id: article.id, title: article.title, category: article.category, summary: article.summary,
          updated: article.updated.year * 10000 + article.updated.month * 100 + article.updated.day,
          readMinutes: article.readMinutes, messages: article.messages.joined(separator: "\n"),
          related: article.related.joined(separator: "\n"), url: article.url, text: DocumentText(article.document))
      }
      self.categoryLine = categoryLine
      self.problems = problems
    }
  }

  /// The statements a refresh writes files with, prepared once.
  private struct Statements {
    let db: Database
    let article: Statement
    let problem: Statement
    let search: Statement
    /// SQLite's page cache before a large refresh, given back after it.
    let cacheSize: Int?

    init(_ db: Database, isLarge: Bool) throws {
      self.db = db
      article = try db.makeStatement(
        sql: """
          INSERT INTO article(
            path, size, mtime, isUsable, title, category, categoryLine, summary, updated, readMinutes, messages,
            related, url)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      problem = try db.makeStatement(sql: "INSERT INTO problem(path, line, message) VALUES (?, ?, ?)")
      search = try db.makeStatement(
        sql: "INSERT INTO search(rowid, id, title, messages, headings, summary, body) VALUES (?, ?, ?, ?, ?, ?, ?)")
      if isLarge {
        cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size")
        // Room for the pages a full read touches, and for FTS5's words between flushes
        // (fewer, larger segments to merge). Both are memory the refresh gives back.
        try db.execute(sql: "PRAGMA cache_size = -32768")
        try db.execute(sql: "INSERT INTO search(search, rank) VALUES ('hashsize', 33554432)")
      } else {
        cacheSize = nil
      }
    }

    func store(_ file: ReadFile, path: String, stamp: Stamp) throws {
      let article = file.article
      try self.article.execute(arguments: [
        path, stamp.size, stamp.mtime, article != nil, article?.title, article?.category, file.categoryLine,
        article?.summary, article?.updated, article?.readMinutes, article?.messages, article?.related, article?.url,
      ])
      let rowID = db.lastInsertedRowID
      for problem in file.problems {
        try self.problem.execute(arguments: [problem.file, problem.line, problem.message])
      }
      if let article {
        try search.execute(arguments: [
          rowID, article.id, article.title, article.messages, article.text.headings, article.summary,
          article.text.body,
        ])
      }
    }

    /// Gives back the memory a large refresh took.
    func finish() {
      guard let cacheSize else { return }
      try? db.execute(sql: "INSERT INTO search(search, rank) VALUES ('hashsize', \(Self.defaultHashSize))")
      try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
    }

    /// FTS5's own size for the words it holds before writing them out.
    static let defaultHashSize = 1 << 20
  }

  private func forget(_ path: String, _ db: Database) throws {
    if let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM article WHERE path = ?", arguments: [path]) {
      try db.execute(sql: "DELETE FROM search WHERE rowid = ?", arguments: [rowid])
      try db.execute(sql: "DELETE FROM article WHERE rowid = ?", arguments: [rowid])
    }
    try db.execute(sql: "DELETE FROM problem WHERE path = ?", arguments: [path])
  }

  // MARK: - Searching

  /// The articles for what was typed, best first (see `SearchRanking`), with the words
  /// that were looked for. With `explaining`, each hit says why it matched, field by field.
  public func search(_ text: String, limit: Int, explaining: Bool = false) throws -> SearchResults {
    let lexicon = try currentLexicon()
    let plan = SearchPlan(text, vocabulary: lexicon.vocabulary, synonyms: lexicon.synonyms)
    guard !plan.isEmpty else { return SearchResults(query: text, hits: [], total: 0) }
    return try database.read { db in
      let ranking = try SearchRanking(
        plan, vocabulary: lexicon.vocabulary, limit: limit,
        IndexAnswers(db, kept: answers, generation: lexicon.generation))
      let best = ranking.best
      var results = SearchResults(
        query: text, hits: [], total: ranking.matched, complete: ranking.complete,
        searchedFor: best.isEmpty ? nil : plan.searchedFor, highlight: plan.highlight)
      guard !best.isEmpty else { return results }
      // A window of the body around the first place the first word appears, found by
      // SQLite on the stored text (FTS5's own snippet() re-runs the whole query per row).
      let word = plan.rankedGroups.first?.alternatives.first?.words.first ?? ""
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT rowid, id, summary, messages,
            substr(body, max(instr(lower(substr(body, 1, \(Self.snippetReach))), ?) - 60, 1), 240),
            \(explaining ? "title, headings, body" : "NULL, NULL, NULL")
          FROM search WHERE rowid IN (\(best.map { "\($0)" }.joined(separator: ",")))
          """,
        arguments: [word])
      let byRow = Dictionary(rows.map { (row: Row) -> (Int64, Row) in (row[0], row) }, uniquingKeysWith: { first, _ in first })
      let highlight = plan.highlight
      results.hits = best.compactMap { byRow[$0] }.map { row in
        let summary: String = row[2]
        let messages = (row[3] as String? ?? "").split(separator: "\n").map(String.init)
        // The summary when the words are in it, else the body where they are.
        let snippet = highlight.matches(in: summary).isEmpty ? ContentIndex.snippet(row[4], highlight) ?? summary : summary
        var hit = SearchHit(articleID: row[1], snippet: snippet, covers: SearchExplanation.covers(messages, plan))
        if explaining {
          hit.reasons = SearchExplanation.reasons(
            plan,
            fields: [
              ("title", row[5] ?? ""), ("messages", messages.joined(separator: "\n")), ("headings", row[6] ?? ""),
              ("summary", summary), ("body", row[7] ?? ""),
            ])
        }
        return hit
      }
      return results
    }
  }

  /// Reads what searching needs (the index's words, the synonyms) ahead of the first search.
  public func prepareSearch() {
    _ = try? currentLexicon()
  }

  /// The words and synonyms search works with, read again when the index or the synonyms
  /// file changed.
  private func currentLexicon() throws -> Lexicon {
    let stamp = ContentIndex.stamp(folder.appendingPathComponent(SynonymsFile.name).path)
    // Changes made here, and by another program (a refresh run by the operator's timer).
    let generation = try database.read { db in
      [try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0, try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0]
    }
    if let known = lexicon.withLock({ $0 }), known.synonymsStamp == stamp, known.generation == generation {
      return known
    }
    let (vocabulary, synonyms) = try database.read { db in
      var words: [String: Int] = [:]
      let rows = try Row.fetchCursor(db, sql: "SELECT term, documents FROM vocabulary")
      while let row = try rows.next() { words[row[0]] = row[1] }
      let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM search") ?? 0
      return (Vocabulary(words: words, documentCount: documents), SynonymsFile.load(from: folder).0)
    }
    let fresh = Lexicon(vocabulary: vocabulary, synonyms: synonyms, generation: generation, synonymsStamp: stamp)
    lexicon.withLock { $0 = fresh }
    return fresh
  }

  /// A file's size and modification time, or nil when it is not there.
  private static func stamp(_ path: String) -> Stamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Stamp(size: Int64(info.st_size), mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
  }

  /// How far into an article's body a hit's line of text is looked for.
  static let snippetReach = 8000

  /// A window of text as one line, starting at a word a little before the first match;
  /// nil when the words are not in it.
  static func snippet(_ window: String, _ query: SearchQuery) -> String? {
    // Paragraphs and list items one after another, told apart.
    let line = window.split(whereSeparator: \.isNewline).joined(separator: " · ")
    let characters = Array(line)
    guard let first = query.matches(in: line).first else { return nil }
    var start = max(first.lowerBound - 30, 0)
    while start > 0 && start < first.lowerBound && characters[start - 1] != " " { start += 1 }
    let text = String(characters[start...]).trimmingSpaces
    return start > 0 ? "… " + text : text
  }

}

/// A refresh stopped because its `progress` said so (the program is asked to end).
public struct RefreshStopped: Error {}

/// Work on the items `0..<count` done on a thread per processor, a bounded window ahead of
/// the one thread that takes the results, in order. Stopping lets each thread finish the
/// item it is on, and waits for that.
final class ParallelReader<Result: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`:
  private var results: [Result?]
  private var nextToStart = 0
  private var nextToTake = 0
  private var running = 0
  private var isStopped = false

  /// How many items the threads may be ahead of the one taking them.
  static var window: Int { 64 }

  init(count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, work: @escaping @Sendable (Int) -> Result) {
    results = Array(repeating: nil, count: count)
    let threads = max(1, min(threads, count))
    running = threads
    for _ in 0..<threads {
      let thread = Thread { [self] in run(work) }
      thread.name = "content reader"
      thread.start()
    }
  }

  private func run(_ work: @Sendable (Int) -> Result) {
    condition.lock()
    defer {
      running -= 1
      condition.broadcast()
      condition.unlock()
    }
    while true {
      while !isStopped && nextToStart < results.count && nextToStart >= nextToTake + Self.window {
        condition.wait()
      }
      guard !isStopped && nextToStart < results.count else { return }
      let index = nextToStart
      nextToStart += 1
      condition.unlock()
      let result = work(index)
      condition.lock()
      results[index] = result
      condition.broadcast()
    }
  }

  /// The result of item `index`, waiting for it; items are taken in order.
  func take(_ index: Int) -> Result {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let result = results[index] {
        results[index] = nil
        nextToTake = index + 1
        condition.broadcast()
        return result
      }
      condition.wait()
    }
  }

  /// Stops the threads and waits until each has finished its item.
  func stop() {
    condition.lock()
    isStopped = true
    condition.broadcast()
    while running > 0 { condition.wait() }
    condition.unlock()
  }
}

/// The articles of an index, read a category at a time when the menus ask for them, and
/// kept until the index changes; the texts of the last few articles opened are kept too,
/// with their layouts.
final class IndexedArticles: ArticleStore {
  private let database: DatabaseQueue
  private let folderPath: String
  private let lists = Mutex<[String: [Article]]>([:])
  private let byID = Mutex<[String: Article?]>([:])
  private let bodies = Mutex<[ArticleBody]>([])

  /// How many read texts are kept: going back and forth between a few articles reads none again.
  static let keptBodies = 8

  init(database: DatabaseQueue, folder: URL) {
    self.database = database
    self.folderPath = folder.path
  }

  func articles(in category: String) -> [Article] {
    if let articles = lists.withLock({ $0[category] }) { return articles }
    let articles = fetch("WHERE isUsable = 1 AND category = ? ORDER BY title, path", [category])
    lists.withLock { $0[category] = articles }
    return articles
  }

  func article(id: String) -> Article? {
    if let known = byID.withLock({ $0[id] }) { return known }
    let article = fetch("WHERE isUsable = 1 AND path = ?", [id + ".md"]).first
    byID.withLock {
      // Search results ask for a few dozen at a time; a long session should not hoard them.
      if $0.count > 1000 { $0.removeAll() }
      $0[id] = .some(article)
    }
    return article
  }

  func body(of article: Article) -> ArticleBody {
    let (path, source) = version(of: article)
    if let source, let kept = bodies.withLock({ $0.first { $0.source == source } }) { return kept }
    return keep(ArticleBody(ContentLoader.document(at: url(path), file: path), source: source))
  }

  func firstPart(of article: Article) -> ArticleBody {
    let (path, source) = version(of: article)
    if let source, let kept = bodies.withLock({ $0.first { $0.source == source } }) { return kept }
    let (document, isWhole) = ContentLoader.document(at: url(path), file: path, headOnly: true)
    // A head is not kept: the whole text follows it at once.
    guard isWhole else { return ArticleBody(document, source: source, isComplete: false) }
    return keep(ArticleBody(document, source: source))
  }

  /// Keeps a text among the last few read, the newest first.
  private func keep(_ body: ArticleBody) -> ArticleBody {
    bodies.withLock {
      $0.insert(body, at: 0)
      if $0.count > Self.keptBodies { $0.removeLast() }
    }
    return body
  }

  private func url(_ path: String) -> URL {
    URL(fileURLWithPath: folderPath + "/" + path)
  }

  /// The article's file, and the version the index holds of it (its path, size and
  /// modification time), which names its text.
  private func version(of article: Article) -> (path: String, source: String?) {
    let path = article.id + ".md"
    let stamp = (try? database.read { db in
      try Row.fetchOne(db, sql: "SELECT size, mtime FROM article WHERE path = ?", arguments: [path])
    }).flatMap { $0 }
    let source = stamp.map { row -> String in
      let size: Int64 = row[0]
      let mtime: Int64 = row[1]
      return "\(path):\(size):\(mtime)"
    }
    return (path, source)
  }

  /// Forgets the lists and articles read: the index has changed.
  func forget() {
    lists.withLock { $0.removeAll() }
    byID.withLock { $0.removeAll() }
  }

  /// A column of lines as a list; none for NULL.
  private static func lines(_ text: String?) -> [String] {
    (text ?? "").split(separator: "\n").map(String.init)
  }

  private func fetch(_ condition: String, _ arguments: StatementArguments) -> [Article] {
    let rows = (try? database.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT path, title, category, summary, updated, readMinutes, messages, related, url FROM article "
          + condition,
        arguments: arguments)
    }) ?? []
    return rows.map { row in
      let path: String = row[0]
      let updated: Int = row[4]
      return Article(
        id: String(path.dropLast(3)), title: row[1], category: row[2],
        updated: Day(year: updated / 10000, month: updated / 100 % 100, day: updated % 100), summary: row[3],
        readMinutes: row[5], messages: Self.lines(row[6]), related: Self.lines(row[7]), url: row[8], body: nil)
    }
  }
}

/// An article's text for searching: its headings, and everything else.
struct DocumentText: Sendable {
  var headings = ""
  var body = ""

  init(_ document: Document) {
    add(document.blocks)
  }

  private mutating func add(_ blocks: [Block]) {
    for block in blocks {
      switch block {
      case .heading(_, let spans): headings += spans.plainText + "\n"
      case .paragraph(let spans): body += spans.plainText + "\n"
      case .list(let list): list.items.forEach { add($0.blocks) }
      case .quote(let inner): add(inner)
      case .code(let code): body += code + "\n"
      case .rule: break
      }
    }
  }
}
