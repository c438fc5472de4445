import Foundation
import KioskCore
import Yams

/// Why a content folder cannot be used at all.
public struct ContentFolderError: Error, CustomStringConvertible {
  public var description: String

  public init(description: String) {
    self.description = description
  }
}

/// Loads a content folder: `categories.yaml` and one Markdown file per article, in any
/// sub-folder. A bad file is left out and reported; it never stops the rest from loading.
public enum ContentLoader {
  public static let categoriesFile = "categories.yaml"
  /// Larger files are refused, so one stray file cannot exhaust memory.
  public static let maximumFileSize = 8 << 20
  /// Reading speed for the read time of an article that does not give one.
  static let wordsPerMinute = 200

  /// Throws unless `folder` is a readable folder.
  public static func checkFolder(_ folder: URL) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
      throw ContentFolderError(description: "content folder \(folder.path) does not exist")
    }
    guard isFolder.boolValue else {
      throw ContentFolderError(description: "content folder \(folder.path) is not a folder")
    }
    guard FileManager.default.isReadableFile(atPath: folder.path) else {
      throw ContentFolderError(description: "content folder \(folder.path) cannot be read")
    }
  }

  /// Loads every article of a folder, parsing each one whole: what `check` does. The
  /// kiosk itself starts from a `ContentIndex` and parses an article when it is opened.
  public static func load(from folder: URL) throws -> (Catalog, [ContentProblem]) {
    try checkFolder(folder)
    return articles(of: folder, ContentFiles.list(folder), problems: SynonymsFile.load(from: folder).1)
  }

  /// What the menus show of a folder of fewer than `files` article files holding fewer
  /// than `bytes` in all, read in a moment: the articles `load` would list, from their
  /// front matter alone, their texts unread (`Article.body` nil). Nil for a larger folder.
  /// Problems are not reported: reading the texts into the index reports them all.
  public static func listing(of folder: URL, ifFewerThan files: Int, bytes: Int) throws -> Catalog? {
    try checkFolder(folder)
    let listing = ContentFiles.list(folder)
    guard listing.files.count < files, listing.files.values.reduce(0, { $0 + Int($1.size) }) < bytes else { return nil }
    return articles(of: folder, listing, problems: [], readingText: false).0
  }

  /// The articles of a folder's listing, each parsed whole (or its front matter only,
  /// without `readingText`), after `problems`.
  private static func articles(
    of folder: URL, _ listing: ContentFiles.Listing, problems: [ContentProblem], readingText: Bool = true
  ) -> (Catalog, [ContentProblem]) {
    var problems = problems
    let categories = loadCategories(folder.appendingPathComponent(categoriesFile), problems: &problems)
    var articles: [Article] = []
    var references: [(file: String, Reference)] = []
    problems += listing.refused
    for path in listing.files.keys.sorted() {
      let url = folder.appendingPathComponent(path)
      do {
        let text = try readText(url, name: path)
        let parsed = try article(from: text, file: path, categories: categories, problems: &problems, readingText: readingText)
        articles.append(parsed.article)
        references += parsed.references.map { (path, $0) }
      } catch let problem as ContentProblem {
        problems.append(problem)
      } catch {
        problems.append(ContentProblem(file: path, line: 1, message: "cannot be read: \(error.localizedDescription)"))
      }
    }
    problems += brokenReferences(references, articles: Set(articles.map(\.id)))
    let known = categories ?? Set(articles.map(\.category)).sorted().map { Category(name: $0, description: "") }
    return (Catalog(categories: known, articles: articles), problems.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
  }

  /// Parses one article file's text, with the line of its category. Problems that do not
  /// stop it being shown go to `problems`. Without `readingText`, only the front matter is
  /// parsed: the article comes without its text (and so without its links' references).
  static func article(
    from text: String, file: String, categories: [Category]?, problems: inout [ContentProblem],
    readingText: Bool = true
  ) throws -> (article: Article, categoryLine: Int, references: [Reference]) {
    let front = try FrontMatter.parse(text, file: file, problems: &problems)
    let category = TerminalText.sanitize(front.category)
    if let categories, !categories.contains(where: { $0.name == category }) {
      throw unknownCategory(category, file: file, line: front.categoryLine, categories: categories)
    }
    guard front.body.contains(where: { !$0.isWhitespace }) else {
      throw ContentProblem(file: file, line: front.bodyLine, message: "the article has no text after its front matter")
    }
    var body: ArticleBody?
    var links: [MarkdownParser.ArticleLink] = []
    if readingText {
      let (document, notes, found) = MarkdownParser.parse(front.body, firstLine: front.bodyLine, file: file)
      problems += notes.map { ContentProblem(file: file, line: $0.line, message: $0.message) }
      body = ArticleBody(document)
      links = found
    }
    let words = wordCount(front.body)
    let article = Article(
      id: String(file.dropLast(3)), title: TerminalText.sanitize(front.title),
      category: category, updated: front.updated, summary: TerminalText.sanitize(front.summary),
      readMinutes: front.readMinutes ?? max(1, (words + wordsPerMinute - 1) / wordsPerMinute),
      messages: front.messages, related: front.related.map(\.id), url: front.url, body: body)
    let references = front.related.map { Reference(id: $0.id, line: $0.line, kind: .related) }
      + links.map { Reference(id: $0.id, line: $0.line, kind: .link) }
    return (article, front.categoryLine, references)
  }

  /// Another article named by an article: a link in its text or an entry of `related:`.
  struct Reference {
    enum Kind { case link, related }
    var id: String
    var line: Int
    var kind: Kind
  }

  /// The references that lead to no article, as problems.
  static func brokenReferences(_ references: [(file: String, Reference)], articles: Set<String>) -> [ContentProblem] {
    references.filter { !articles.contains($0.1.id) }.map { file, reference in
      ContentProblem(
        file: file, line: reference.line,
        message: reference.kind == .link
          ? "the link to '\(reference.id).md' leads to no article; it is shown as text"
          : "'related' names '\(reference.id)', which is no article")
    }
  }

  /// Words separated by spaces, tabs and line ends, counted on the bytes.
  static func wordCount(_ text: Substring) -> Int {
    text.utf8.withContiguousStorageIfAvailable(wordCount) ?? wordCount(text.utf8)
  }

  private static func wordCount(_ bytes: some Sequence<UInt8>) -> Int {
    var count = 0
    var inWord = false
    for byte in bytes {
      let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
      if !isSpace && !inWord { count += 1 }
      inWord = !isSpace
    }
    return count
  }

  static func unknownCategory(_ category: String, file: String, line: Int, categories: [Category]) -> ContentProblem {
    let names = categories.map { "'\($0.name)'" }.joined(separator: ", ")
    return ContentProblem(
      file: file, line: line,
      message: "unknown category '\(category)' "
        + (names.isEmpty ? "(\(categoriesFile) lists none)" : "(\(categoriesFile) has \(names))"))
  }

  /// The categories of a folder's `categories.yaml`, or nil when it is missing or
  /// unusable; with the problems of that file and of the folder's `synonyms.yaml`.
  public static func categories(in folder: URL) -> ([Category]?, [ContentProblem]) {
    let (categories, problems) = listedCategories(in: folder)
    return (categories, problems + SynonymsFile.load(from: folder).1)
  }

  /// `categories(in:)` without reading `synonyms.yaml`: what the kiosk's first frame needs.
  /// The kiosk reports that file's problems once the frame is drawn.
  public static func listedCategories(in folder: URL) -> ([Category]?, [ContentProblem]) {
    var problems: [ContentProblem] = []
    let categories = loadCategories(folder.appendingPathComponent(categoriesFile), problems: &problems)
    return (categories, problems)
  }

  /// An article file's text, parsed when the article is opened. A file that can no longer
  /// be read gives a short document that says so, rather than nothing.
  static func document(at url: URL, file: String) -> Document {
    document(at: url, file: file, headOnly: false).0
  }

  /// An article file's text; with `headOnly`, a long one's head (`ArticleHead`), with
  /// false for a text cut short.
  static func document(at url: URL, file: String, headOnly: Bool) -> (Document, isWhole: Bool) {
    var problems: [ContentProblem] = []
    do {
      let text = try readText(url, name: file)
      let front = try FrontMatter.parse(text, file: file, problems: &problems)
      if headOnly, front.body.utf8.count >= ArticleHead.threshold, let cut = ArticleHead.cut(front.body) {
        return (MarkdownParser.parse(front.body[..<cut], firstLine: front.bodyLine, file: file).0, false)
      }
      return (parseWhole(front.body, firstLine: front.bodyLine, file: file), true)
    } catch {
      let reason = (error as? ContentProblem)?.message ?? "the file cannot be read"
      let document = Document(blocks: [
        .paragraph([Span("This article cannot be shown right now (\(TerminalText.sanitize(reason))).")]),
        .paragraph([Span("Please try another article, or contact the help desk: the e-mail address and phone number are at the top of the screen.")]),
      ])
      return (document, true)
    }
  }

  /// The `.md` files below the folder, relative to it, sorted; hidden ones are skipped
  /// (see `ContentFiles` for what else is left out).
  static func markdownFiles(in folder: URL) -> [String] {
    ContentFiles.list(folder).files.keys.sorted()
  }

  /// A file's text, or the problem that keeps it from being text.
  static func readText(_ url: URL, name: String) throws -> String {
    if let text = try readRegularFile(url.path, name: name) { return text }
    // Anything unusual (no such file, no permission, a folder): as Foundation words it.
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    if let size = attributes[.size] as? Int, size > maximumFileSize {
      throw tooLarge(name)
    }
    return try decode(Data(contentsOf: url), name: name)
  }

  private static func tooLarge(_ name: String) -> ContentProblem {
    ContentProblem(file: name, line: 1, message: "the file is larger than \(maximumFileSize >> 20) MiB")
  }

  /// A regular file's text, read with `read` into one buffer of its size, without
  /// Foundation's attributes or `Data`. Nil when the file cannot be opened, is not a
  /// regular file, or changed size while it was read.
  private static func readRegularFile(_ path: String, name: String) throws -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    let size = Int(info.st_size)
    guard size <= maximumFileSize else { throw tooLarge(name) }
    // One byte more than the size, to see that the file did not grow.
    var filled = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      while filled < buffer.count {
        let got = read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
        if got < 0 && errno == EINTR { continue }
        guard got > 0 else { break }
        filled += got
      }
      count = filled
    }
    guard filled == size else { return nil }
    return try bytes.withUnsafeBufferPointer { try decode($0, name: name) }
  }

  /// Checks that bytes are UTF-8 text and normalises line ends and a leading byte-order mark.
  static func decode(_ data: Data, name: String) throws -> String {
    try data.withUnsafeBytes { try decode($0.bindMemory(to: UInt8.self), name: name) }
  }

  /// `decode` on bytes in memory: one pass finds what matters (only blanks, a NUL, a CR),
  /// then the standard library validates the UTF-8.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws -> String {
    var isBlank = true
    var hasCarriageReturn = false
    for (offset, byte) in bytes.enumerated() {
      switch byte {
      case 0x20, 0x0A, 0x09: continue
      case 0x0D: hasCarriageReturn = true
      case 0:
        // A file with a NUL is not blank: it is binary, whatever else it holds.
        let line = bytes[..<offset].count { $0 == 0x0A } + 1
        throw ContentProblem(file: name, line: line, message: "binary file: it holds NUL bytes, not text")
      default: isBlank = false
      }
    }
    if isBlank {
      throw ContentProblem(file: name, line: 1, message: "the file is empty")
    }
    // CR LF to LF on the bytes: far cheaper than on the decoded text.
    let decoded: String?
    if hasCarriageReturn {
      let cleaned = withoutCarriageReturns(bytes)
      decoded = cleaned.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
    } else {
      decoded = String(validating: bytes, as: UTF8.self)
    }
    guard var text = decoded else {
      throw ContentProblem(
        file: name, line: firstInvalidLine(Data(buffer: bytes)),
        message: "not UTF-8 text: save the file as UTF-8")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }

  /// The bytes with each CR that starts a CR LF pair left out.
  private static func withoutCarriageReturns(_ data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(data.count)
    var previous: UInt8? = nil
    for byte in data {
      if previous == 0x0D && byte != 0x0A { bytes.append(0x0D) }
      if byte != 0x0D { bytes.append(byte) }
      previous = byte
    }
    if previous == 0x0D { bytes.append(0x0D) }
    return bytes
  }

  /// The line of the first byte that is not part of valid UTF-8.
  static func firstInvalidLine(_ data: Data) -> Int {
    var line = 1
    var lineStart = data.startIndex
    for index in data.indices where data[index] == 0x0A {
      if String(validating: data[lineStart...index], as: UTF8.self) == nil { return line }
      line += 1
      lineStart = index + 1
    }
    return line
  }

  /// The categories file: a list of `name` / `description` entries. Nil when it is
  /// missing or unusable (then every article's category is accepted).
  static func loadCategories(_ url: URL, problems: inout [ContentProblem]) -> [Category]? {
    let name = categoriesFile
    func problem(_ line: Int, _ message: String) {
      problems.append(ContentProblem(file: name, line: line, message: message))
    }
    guard FileManager.default.fileExists(atPath: url.path) else {
      problem(1, "missing: list the categories here, each with 'name' and 'description'")
      return nil
    }
    let root: Node?
    do {
      // Values are read as text and checked here, so no implicit typing: the basic resolver
      // also spares the start-up the default one's regular expressions.
      root = try Yams.compose(yaml: try decode(Data(contentsOf: url), name: name), .basic, .default, .utf8)
    } catch let error as ContentProblem {
      problems.append(error)
      return nil
    } catch let error as YamlError {
      let (line, message) = FrontMatter.describe(error)
      problem(line, "not valid YAML: \(message)")
      return nil
    } catch {
      problem(1, "cannot be read: \(error.localizedDescription)")
      return nil
    }
    guard let entries = root?.sequence else {
      problem(root?.mark?.line ?? 1, "must be a list of categories ('- name: …' lines)")
      return nil
    }
    var categories: [Category] = []
    for entry in entries {
      let line = entry.mark?.line ?? 1
      guard let mapping = entry.mapping else {
        problem(line, "each category needs 'name' and 'description'")
        continue
      }
      for key in mapping.keys where !["name", "description"].contains(key.string ?? "") {
        problem(key.mark?.line ?? line, "unknown key '\(key.string ?? "?")' (known: description, name)")
      }
      let title = TerminalText.sanitize(mapping["name"]?.scalar?.string ?? "")
      guard !title.isEmpty else {
        problem(line, "a category has no 'name'")
        continue
      }
      if categories.contains(where: { $0.name == title }) {
        problem(line, "category '\(title)' is listed twice")
        continue
      }
      let description = mapping["description"]?.scalar?.string ?? ""
      categories.append(Category(name: title, description: TerminalText.sanitize(description)))
    }
    return categories
  }
}
