import Foundation
import KioskCore
import Testing

@testable import KioskContent

/// A folder under the system's temporary folder, made fresh for one test.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("KioskContentTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `text` as UTF-8 to `path` (relative, sub-folders are made).
  @discardableResult
  func write(_ path: String, _ text: String) throws -> URL {
    try write(path, bytes: Data(text.utf8))
  }

  @discardableResult
  func write(_ path: String, bytes: Data) throws -> URL {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try bytes.write(to: file)
    return file
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

/// Article files and category lists to build test folders from.
enum Content {
  static let printing = Category(name: "Printing", description: "Printers and paper.")
  static let network = Category(name: "Network and Wi-Fi", description: "Getting online.")
  static let categories = [printing, network]

  /// A `categories.yaml` listing `categories` in order.
  static func categoriesYAML(_ categories: [Category] = Content.categories) -> String {
    categories.map { "- name: \($0.name)\n  description: \($0.description)\n" }.joined()
  }

  /// The four required keys, one per line (file lines 2 to 5 after the opening `---`).
  static let validFront = [
    "title: Printer Shows Offline",
    "category: Printing",
    "updated: 2026-01-07",
    "summary: Bring the printer back online.",
  ]

  static let body = """
    ## How to Fix It

    - [ ] Check the cable
    - [ ] Restart the printer

    Contact helpdesk@netlumait.com.au or call 1300 521 162.

    """

  /// An article file: `---`, the front-matter lines, `---`, then the body.
  static func article(_ front: [String] = validFront, body: String = Content.body) -> String {
    "---\n" + front.map { $0 + "\n" }.joined() + "---\n" + body
  }

  /// Front matter with one line replaced or added (by key).
  static func front(replacing key: String, with line: String?) -> [String] {
    var lines = validFront
    if let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) {
      if let line { lines[index] = line } else { lines.remove(at: index) }
    } else if let line {
      lines.append(line)
    }
    return lines
  }
}

/// Parses a Markdown body the way the loader does.
func parse(_ markdown: String, firstLine: Int = 1) -> (document: Document, problems: [(line: Int, message: String)]) {
  let (document, problems, _) = MarkdownParser.parse(Substring(markdown), firstLine: firstLine)
  return (document, problems)
}

func blocks(_ markdown: String) -> [Block] {
  parse(markdown).document.blocks
}

/// Loads one article's text as the loader does, keeping the non-fatal problems.
func loadArticle(
  _ text: String, file: String = "printer-offline.md", categories: [Category]? = Content.categories
) throws -> (article: Article, problems: [ContentProblem]) {
  var problems: [ContentProblem] = []
  let article = try ContentLoader.article(from: text, file: file, categories: categories, problems: &problems).article
  return (article, problems)
}

/// The problem that stops an article from loading, or nil (recording an issue) when it loads.
func articleFailure(
  _ text: String, file: String = "printer-offline.md", categories: [Category]? = Content.categories,
  sourceLocation: SourceLocation = #_sourceLocation
) -> ContentProblem? {
  do {
    let loaded = try loadArticle(text, file: file, categories: categories)
    Issue.record("expected a problem, but '\(loaded.article.title)' loaded", sourceLocation: sourceLocation)
    return nil
  } catch let problem as ContentProblem {
    return problem
  } catch {
    Issue.record("expected a ContentProblem, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

extension Block {
  /// Every piece of text in the block and the blocks inside it, in reading order.
  var allText: [String] {
    switch self {
    case .heading(_, let spans), .paragraph(let spans): [spans.plainText]
    case .list(let list): list.items.flatMap { $0.blocks.flatMap(\.allText) }
    case .quote(let blocks): blocks.flatMap(\.allText)
    case .code(let code): [code]
    case .rule: []
    }
  }

  /// How many containers (quotes, lists and their items) deep the block goes, itself
  /// included; 0 for a paragraph, heading, code block or rule.
  var depth: Int {
    var deepest = 0
    var pending: [(Block, Int)] = [(self, 0)]
    while let (block, outer) = pending.popLast() {
      switch block {
      case .quote(let inner):
        deepest = max(deepest, outer + 1)
        pending += inner.map { ($0, outer + 1) }
      case .list(let list):
        deepest = max(deepest, outer + (list.items.isEmpty ? 1 : 2))
        for item in list.items { pending += item.blocks.map { ($0, outer + 2) } }
      default:
        continue
      }
    }
    return deepest
  }
}

extension Document {
  var allText: [String] { blocks.flatMap(\.allText) }

  /// The text of every heading, at any depth, in order.
  var headings: [String] {
    var found: [String] = []
    func visit(_ blocks: [Block]) {
      for block in blocks {
        switch block {
        case .heading(_, let spans): found.append(spans.plainText)
        case .quote(let inner): visit(inner)
        case .list(let list): list.items.forEach { visit($0.blocks) }
        default: continue
        }
      }
    }
    visit(blocks)
    return found
  }
}

/// A paragraph of plain spans, for short expectations.
func paragraph(_ spans: Span...) -> Block {
  .paragraph(spans)
}

func item(_ text: String, task: ListItem.Task? = nil) -> ListItem {
  ListItem(task: task, blocks: [.paragraph([Span(text)])])
}

/// A tight bullet list as the parser gives it: cmark-gfm reports a start of 0 for bullet
/// lists (only numbered lists have a start number).
func bullets(_ items: [ListItem]) -> ListBlock {
  ListBlock(isOrdered: false, start: 0, isTight: true, items: items)
}
