import Foundation
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskContent

@Suite("Content loader")
struct ContentLoaderTests {
  /// A folder with `categories.yaml` and the given files.
  static func folder(_ files: [String: String], categories: String? = Content.categoriesYAML()) throws
    -> TemporaryFolder
  {
    let folder = try TemporaryFolder()
    if let categories { try folder.write(ContentLoader.categoriesFile, categories) }
    for (path, text) in files { try folder.write(path, text) }
    return folder
  }

  static func ids(_ catalog: Catalog) -> [String] {
    catalog.categories.flatMap { catalog.articles(in: $0.name).map(\.id) }.sorted()
  }

  @Test("A clean folder loads every article with no problems")
  func cleanFolder() throws {
    let folder = try Self.folder([
      "printer-offline.md": Content.article(),
      "wifi.md": Content.article(Content.front(replacing: "category", with: "category: Network and Wi-Fi")),
    ])
    defer { folder.remove() }
    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(problems.isEmpty)
    #expect(catalog.categories == Content.categories)
    #expect(catalog.articles(in: "Printing").map(\.id) == ["printer-offline"])
    #expect(catalog.articles(in: "Network and Wi-Fi").map(\.id) == ["wifi"])
    #expect(catalog.article(id: "wifi")?.title == "Printer Shows Offline")
  }

  @Test("Bad files are reported, sorted by file and line, and never stop the good ones")
  func badFiles() throws {
    var invalidUTF8 = Data(Content.article(body: "Line 7.\n\nLine 9 caf").utf8)
    invalidUTF8 += [0xE9] + Data(" here.\nLine 10.\n".utf8)
    var binary = Data(Content.article(body: "Line 7.\nLine 8 ").utf8)
    binary += [0x00, 0x01] + Data("\n".utf8)

    let folder = try Self.folder([
      "a-good.md": Content.article(),
      "b-empty.md": "",
      "c-blank.md": "  \n\t\r\n \n",
      "e-unknown-key.md": Content.article(Content.validFront + ["colour: red"], body: "Text.\n\n<br>\n"),
      "f-no-front.md": "# Title\n",
      "z-good.md": Content.article(),
    ])
    defer { folder.remove() }
    try folder.write("d-latin1.md", bytes: invalidUTF8)
    try folder.write("c-binary.md", bytes: binary)

    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(
      problems.map(\.description) == [
        "b-empty.md:1: the file is empty",
        "c-binary.md:8: binary file: it holds NUL bytes, not text",
        "c-blank.md:1: the file is empty",
        "d-latin1.md:9: not UTF-8 text: save the file as UTF-8",
        "e-unknown-key.md:6: unknown front matter key 'colour' (known: category, messages, read_time, related, summary, title, updated, url)",
        "e-unknown-key.md:10: raw HTML is not shown; write it as Markdown",
        "f-no-front.md:1: missing front matter: the file must start with a line '---'",
      ])
    #expect(Self.ids(catalog) == ["a-good", "e-unknown-key", "z-good"])
  }

  @Test("A small folder's quick listing lists what the whole read lists, from front matter alone")
  func quickListing() throws {
    let folder = try Self.folder([
      "a-good.md": Content.article(),
      "b-empty.md": "",
      "c-no-text.md": Content.article(body: "  \n"),
      "d-unknown-category.md": Content.article(Content.front(replacing: "category", with: "category: Gardening")),
      "e-link.md": Content.article(body: "See [the other](a-good.md) and [nothing](nowhere.md).\n"),
      "wifi.md": Content.article(Content.front(replacing: "category", with: "category: Network and Wi-Fi")),
      "sub/deep.md": Content.article(),
    ])
    defer { folder.remove() }
    for content in [folder.url, shippedContent] {
      let (whole, _) = try ContentLoader.load(from: content)
      let quick = try #require(try ContentLoader.listing(of: content, ifFewerThan: 200, bytes: 1 << 20))
      #expect(quick.categories == whole.categories)
      for category in whole.categories {
        #expect(quick.articles(in: category.name) == whole.articles(in: category.name).map(\.listed), "\(category.name)")
        #expect(quick.articles(in: category.name).allSatisfy { !$0.isRead })
      }
    }
    #expect(try ContentLoader.listing(of: folder.url, ifFewerThan: 7, bytes: 1 << 20) == nil)
    #expect(try ContentLoader.listing(of: folder.url, ifFewerThan: 200, bytes: 100) == nil)
  }

  @Test("An invalid byte is reported on its own line", arguments: [1, 2, 5, 12])
  func invalidByteLine(line: Int) throws {
    var bytes = Data()
    for number in 1...12 {
      bytes += Data("line \(number) ".utf8)
      if number == line { bytes += [0xC3, 0x28] }  // a lead byte without its continuation
      if number < 12 { bytes += Data("\n".utf8) }
    }
    let folder = try Self.folder([:])
    defer { folder.remove() }
    try folder.write("bad.md", bytes: bytes)
    let (_, problems) = try ContentLoader.load(from: folder.url)
    #expect(problems.map(\.description) == ["bad.md:\(line): not UTF-8 text: save the file as UTF-8"])
  }

  @Test("CRLF line ends and a UTF-8 byte-order mark are accepted")
  func crlfAndBOM() throws {
    let text = Content.article(Content.validFront + ["read_time: 3"])
      .replacingOccurrences(of: "\n", with: "\r\n")
    let folder = try Self.folder([:], categories: Content.categoriesYAML().replacingOccurrences(of: "\n", with: "\r\n"))
    defer { folder.remove() }
    try folder.write("windows.md", bytes: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
    try folder.write("bom-only.md", bytes: Data([0xEF, 0xBB, 0xBF]) + Data(Content.article().utf8))

    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(problems.isEmpty)
    #expect(catalog.categories == [Content.printing])
    var scratch: [ContentProblem] = []
    let listed = ContentLoader.loadCategories(
      folder.url.appendingPathComponent(ContentLoader.categoriesFile), problems: &scratch)
    #expect(listed == Content.categories)
    #expect(scratch.isEmpty)
    let unix = try loadArticle(Content.article(Content.validFront + ["read_time: 3"]), file: "windows.md").article
    let article = try #require(catalog.article(id: "windows"))
    #expect(article == unix)
    #expect(!article.title.contains("\r"))
    #expect(catalog.article(id: "bom-only")?.title == "Printer Shows Offline")
  }

  @Test("A file over the size limit is refused without being read")
  func oversizedFile() throws {
    let folder = try Self.folder(["small.md": Content.article()])
    defer { folder.remove() }
    // A sparse file: a valid article padded with NUL bytes past the limit.
    let big = try folder.write("big.md", Content.article())
    let handle = try FileHandle(forWritingTo: big)
    try handle.truncate(atOffset: UInt64(ContentLoader.maximumFileSize + 1))
    try handle.close()

    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(problems.map(\.description) == ["big.md: the file is larger than 8 MiB; it is not read"])
    #expect(Self.ids(catalog) == ["small"])
  }

  @Test("Hidden files and folders are skipped, sub-folders are read, other files ignored")
  func folderWalk() throws {
    let folder = try Self.folder([
      "top.md": Content.article(),
      "guides/printing/jam.md": Content.article(),
      "guides/notes.txt": "not Markdown",
      "README": "",
      ".draft.md": "",
      ".git/HEAD.md": "",
      "guides/.hidden/secret.md": "",
      "guides/.swap.md": "",
    ])
    defer { folder.remove() }
    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(problems.isEmpty)
    #expect(Self.ids(catalog) == ["guides/printing/jam", "top"])
    #expect(ContentLoader.markdownFiles(in: folder.url) == ["guides/printing/jam.md", "top.md"])
  }

  @Test("Links cannot loop, leave the folder or pass the size limit; check and the index list alike")
  func hostileLinks() throws {
    let folder = try Self.folder(["top.md": Content.article(), "guides/jam.md": Content.article()])
    defer { folder.remove() }
    let outside = try TemporaryFolder()
    defer { outside.remove() }
    try outside.write("secret.md", Content.article())
    try folder.write("data/big.txt", bytes: Data(repeating: 0x61, count: ContentLoader.maximumFileSize + 1))
    let manager = FileManager.default
    for (name, target) in [
      ("a", "."), ("guides/b", ".."), ("loop", "loop"), ("leak.md", outside.url.appendingPathComponent("secret.md").path),
      ("huge.md", "data/big.txt"), ("dangling.md", "nowhere.md"),
      ("guides/same.md", "jam.md"),
    ] {
      try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent(name).path, withDestinationPath: target)
    }
    // A tree deeper than the lister goes.
    let deep = (0...ContentFiles.maximumDepth).map { "d\($0)" }.joined(separator: "/")
    try folder.write(deep + "/deep.md", Content.article())

    let listing = ContentFiles.list(folder.url)
    #expect(listing.files.keys.sorted() == ["guides/jam.md", "guides/same.md", "top.md"])
    #expect(
      listing.refused.map(\.description) == [
        "a: a link to a folder is not followed",
        "d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/d20/d21/d22/d23/d24/d25/d26/d27/d28/d29/d30/d31/d32: folders nested deeper than 32 are not read",
        "dangling.md: the link leads to no file",
        "guides/b: a link to a folder is not followed",
        "huge.md: the file is larger than 8 MiB; it is not read",
        "leak.md: the link leads outside the content folder; it is not read",
      ])
    // check reports the same, and loads each article once.
    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(Self.ids(catalog) == ["guides/jam", "guides/same", "top"])
    #expect(problems.map(\.description) == listing.refused.map(\.description))
    // The index lists the same files.
    let index = try ContentIndex(folder: folder.url, file: nil)
    let refreshed = try index.refresh(categories: Content.categories)
    #expect(refreshed.catalog.articleCount == 3)
    #expect(refreshed.problems.map(\.description) == listing.refused.map(\.description))
  }

  @Test("A refresh stops when its progress says so, and the index stays as it was")
  func refreshStops() throws {
    let files = Dictionary(uniqueKeysWithValues: (0..<25).map { ("a\($0).md", Content.article()) })
    let folder = try Self.folder(files)
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    var calls = 0
    #expect(throws: RefreshStopped.self) {
      try index.refresh(categories: Content.categories) { _, _ in
        calls += 1
        return calls < 2
      }
    }
    #expect(calls == 2, "asked every ten files")
    #expect(try index.cachedCatalog(categories: Content.categories) == nil, "nothing was kept")
    #expect(try index.refresh(categories: Content.categories).catalog.articleCount == 25)
  }

  @Test("A missing categories.yaml is reported and categories come from the articles")
  func missingCategories() throws {
    let folder = try Self.folder(
      [
        "a.md": Content.article(),
        "b.md": Content.article(Content.front(replacing: "category", with: "category: Accounts")),
      ], categories: nil)
    defer { folder.remove() }
    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(
      problems.map(\.description) == [
        "categories.yaml:1: missing: list the categories here, each with 'name' and 'description'"
      ])
    #expect(
      catalog.categories == [
        Category(name: "Accounts", description: ""), Category(name: "Printing", description: ""),
      ])
    #expect(Self.ids(catalog) == ["a", "b"])
  }

  @Test(
    "Problems in categories.yaml are reported with their line",
    arguments: [
      (
        "# Categories\n\nname: Printing\ndescription: x\n",
        ["categories.yaml:3: must be a list of categories ('- name: …' lines)"], nil
      ),
      (
        "- name: Printing\n  description: P\n- description: Orphan\n",
        ["categories.yaml:3: a category has no 'name'"], ["Printing"]
      ),
      (
        "- name: Printing\n  description: a\n- name: Network\n  description: n\n- name: Printing\n  description: b\n",
        ["categories.yaml:5: category 'Printing' is listed twice"], ["Printing", "Network"]
      ),
      (
        "- name: Printing\n  description: a\n  colour: red\n",
        ["categories.yaml:3: unknown key 'colour' (known: description, name)"], ["Printing"]
      ),
      (
        "- Printing\n- name: Network\n",
        ["categories.yaml:1: each category needs 'name' and 'description'"], ["Network"]
      ),
      (
        "- description: d\n  colour: red\n",
        [
          "categories.yaml:1: a category has no 'name'",
          "categories.yaml:2: unknown key 'colour' (known: description, name)",
        ],
        []
      ),
      (
        "- name: Printing\n- name: Network: Wi-Fi\n",
        ["categories.yaml:2: not valid YAML: mapping values are not allowed in this context"], nil
      ),
      ("\n  \n", ["categories.yaml:1: the file is empty"], nil),
    ] as [(String, [String], [String]?)])
  func badCategories(yaml: String, expected: [String], names: [String]?) throws {
    let folder = try Self.folder(["a.md": Content.article()], categories: yaml)
    defer { folder.remove() }
    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    var expectedProblems = expected
    if let names, !names.contains("Printing") {
      let listed = names.map { "'\($0)'" }.joined(separator: ", ")
      expectedProblems.insert(
        "a.md:3: unknown category 'Printing' "
          + (names.isEmpty ? "(categories.yaml lists none)" : "(categories.yaml has \(listed))"),
        at: 0)
    }
    #expect(problems.map(\.description) == expectedProblems)
    // Unusable lists fall back to the articles' categories; usable ones keep what is good.
    var scratch: [ContentProblem] = []
    let loaded = ContentLoader.loadCategories(
      folder.url.appendingPathComponent(ContentLoader.categoriesFile), problems: &scratch)
    #expect(loaded?.map(\.name) == names)
    if names == nil || names?.contains("Printing") == true {
      #expect(catalog.categories.map(\.name) == ["Printing"])
      #expect(Self.ids(catalog) == ["a"])
    } else {
      #expect(catalog.categories.isEmpty)
    }
  }

  @Test("Categories keep the file's order, and one without articles is left out")
  func categoryOrder() throws {
    let empty = Category(name: "Empty", description: "Nothing here yet.")
    let folder = try Self.folder(
      [
        "p.md": Content.article(),
        "n.md": Content.article(Content.front(replacing: "category", with: "category: Network and Wi-Fi")),
      ], categories: Content.categoriesYAML([Content.network, empty, Content.printing]))
    defer { folder.remove() }
    let (catalog, problems) = try ContentLoader.load(from: folder.url)
    #expect(problems.isEmpty)
    #expect(catalog.categories == [Content.network, Content.printing])
    #expect(catalog.articles(in: "Empty").isEmpty)
  }

  @Test("Category names are cleaned the same way in categories.yaml and in articles")
  func categoryNamesSanitized() throws {
    // The same name with a bidi override in both files must still match, and without a
    // categories.yaml the cleaned name reaches the catalog.
    let name = "Printing\\u202E"
    let front = Content.front(replacing: "category", with: "category: \"\(name)\"")
    let listed = try Self.folder(
      ["a.md": Content.article(front)], categories: "- name: \"\(name)\"\n  description: d\n")
    defer { listed.remove() }
    let unlisted = try Self.folder(["a.md": Content.article(front)], categories: nil)
    defer { unlisted.remove() }

    // Two names that differ only by a zero-width space are the same name once cleaned.
    let twice = try Self.folder(
      ["a.md": Content.article()],
      categories: "- name: Printing\n  description: d\n- name: \"Printing\\u200B\"\n  description: e\n")
    defer { twice.remove() }

    let (withList, listProblems) = try ContentLoader.load(from: listed.url)
    let (withoutList, _) = try ContentLoader.load(from: unlisted.url)
    let (duplicated, duplicateProblems) = try ContentLoader.load(from: twice.url)
    #expect(listProblems.isEmpty)
    #expect(withList.article(id: "a")?.category == "Printing")
    #expect(withoutList.categories.map(\.name) == ["Printing"])
    #expect(withoutList.article(id: "a")?.category == "Printing")
    #expect(duplicated.categories.map(\.name) == ["Printing"])
    #expect(duplicateProblems.map(\.description) == ["categories.yaml:3: category 'Printing' is listed twice"])
  }

  @Test("A missing folder, or a file given as the folder, cannot be used")
  func unusableFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let missing = folder.url.appendingPathComponent("nowhere")
    let error = try #require(throws: ContentFolderError.self) { try ContentLoader.load(from: missing) }
    #expect(error.description == "content folder \(missing.path) does not exist")

    let file = try folder.write("file.md", Content.article())
    let notFolder = try #require(throws: ContentFolderError.self) { try ContentLoader.load(from: file) }
    #expect(notFolder.description == "content folder \(file.path) is not a folder")
  }
}
