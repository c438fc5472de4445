import CCmarkGFM
import KioskCore
import Synchronization

/// Parses an article body with cmark-gfm (CommonMark plus GitHub task lists) into a
/// `Document`. All text passes `TerminalText.sanitize`.
enum MarkdownParser {
  /// Containers nested deeper than this are flattened into their parent, so no input can
  /// make layout recurse without bound.
  static let maximumNesting = 12

  /// A link to another article, where it stands in the file.
  struct ArticleLink: Hashable {
    var id: String
    var line: Int
  }

  /// The document, problems worth telling an operator (content the kiosk leaves out), and
  /// the links to other articles. `file` is the article's path in the content folder, which
  /// relative links start from.
  static func parse(_ markdown: Substring, firstLine: Int, file: String = "") -> (
    Document, [(line: Int, message: String)], [ArticleLink]
  ) {
    guard let root = Self.cmarkTree(markdown) else { return (Document(blocks: []), [], []) }
    defer { cmark_node_free(root) }
    var builder = TreeBuilder(firstLine: firstLine, folder: file.split(separator: "/").dropLast().map(String.init))
    builder.walk(root)
    return (Document(blocks: builder.finish()), builder.problems, builder.articleLinks)
  }

  /// Where a link's address leads: an article's id for a relative `.md` path inside the
  /// content folder (a `#part` after it is ignored), `.outside` for one that leaves the
  /// folder, nil for anything else (web and mail addresses, other files).
  enum Destination: Equatable {
    case article(String)
    case outside
  }

  /// cmark-gfm's registry of extensions, and the characters its inline parser treats as
  /// special, are process-wide and unguarded in the library: parsers on several threads
  /// (the first read of a folder uses every core, the reader lays out in the background)
  /// take turns through this lock. Walking the finished tree needs no lock.
  private static let cmarkLock = Mutex(())

  /// cmark-gfm's tree of `markdown`, with task lists; nil when the library fails.
  private static func cmarkTree(_ markdown: Substring) -> OpaquePointer? {
    cmarkLock.withLock { _ -> OpaquePointer? in
      cmark_gfm_core_extensions_ensure_registered()
      guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
      defer { cmark_parser_free(parser) }
      if let tasklist = cmark_find_syntax_extension("tasklist") {
        cmark_parser_attach_syntax_extension(parser, tasklist)
      }
      func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
      }
      if markdown.utf8.withContiguousStorageIfAvailable(feed) == nil {
        Array(markdown.utf8).withUnsafeBufferPointer(feed)
      }
      return cmark_parser_finish(parser)
    }
  }

  /// `TerminalText.sanitize`, after a quick look at the text: printable ASCII and the
  /// plain characters of `plainRanges` (most of any article) have nothing to take out,
  /// and code keeps its line feeds.
  static func sanitize(_ text: String, keepingNewlines: Bool = false) -> String {
    var text = text
    let isASCII = text.withUTF8 { bytes in
      !bytes.contains { ($0 < 0x20 && !(keepingNewlines && $0 == 0x0A)) || $0 >= 0x7F }
    }
    if isASCII { return text }
    let isClean = text.unicodeScalars.allSatisfy { scalar in
      switch scalar.value {
      case 0x20..<0x7F: return true
      case 0x0A: return keepingNewlines
      default: return isPlain(scalar)
      }
    }
    return isClean ? text : TerminalText.sanitize(text, keepingNewlines: keepingNewlines)
  }

  /// Blocks of characters that are all printable and that `TerminalText.sanitize` leaves
  /// as they are wherever they stand, when they take a column or two: accented letters,
  /// punctuation and quotes, currency, arrows, CJK, kana and Hangul. Nothing that needs
  /// taking out (controls, bidi and zero-width characters) is in them.
  static let plainRanges: [ClosedRange<UInt32>] = [
    0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20BF, 0x2190...0x21FF, 0x3000...0x303F,
    0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF60,
  ]

  static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
    plainRanges.contains { $0.contains(scalar.value) } && DisplayWidth.of(scalar) > 0
  }

  static func destination(_ url: String, from folder: [String]) -> Destination? {
    let path = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
    guard path.hasSuffix(".md"), !path.hasPrefix("/"), !path.contains(":"), !path.contains("?") else { return nil }
    var parts = folder
    for part in path.dropLast(3).split(separator: "/", omittingEmptySubsequences: false) {
      switch part {
      case "", ".": continue
      case "..":
        guard !parts.isEmpty else { return .outside }
        parts.removeLast()
      default: parts.append(String(part).removingPercentEncoding ?? String(part))
      }
    }
    return parts.isEmpty ? .outside : .article(parts.joined(separator: "/"))
  }
}

/// Turns cmark's event stream into blocks with an explicit stack (no recursion).
private struct TreeBuilder {
  enum Container {
    case root([Block])
    case quote([Block])
    case list(ListBlock)
    case item(ListItem)
    case inline(Block, [Span])
  }

  let firstLine: Int
  var stack: [Container] = [.root([])]
  /// Containers opened past the nesting limit and not yet closed. They are not on the
  /// stack: what they hold goes to the innermost container that is.
  var flattened = 0
  var problems: [(line: Int, message: String)] = []
  var strong = 0
  var emphasis = 0
  /// The links open, with the article each leads to (nil: shown with its address).
  var links: [(url: String, textStart: Int, article: String?)] = []
  /// The folder of the article, within the content folder, that relative links start from.
  let folder: [String]
  var articleLinks: [MarkdownParser.ArticleLink] = []

  init(firstLine: Int, folder: [String] = []) {
    self.firstLine = firstLine
    self.folder = folder
  }

  var attributes: TextAttributes {
    var attributes: TextAttributes = []
    if strong > 0 { attributes.insert(.strong) }
    if emphasis > 0 { attributes.insert(.emphasis) }
    if !links.isEmpty { attributes.insert(.link) }
    return attributes
  }

  mutating func walk(_ root: OpaquePointer) {
    guard let iterator = cmark_iter_new(root) else { return }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      if event == CMARK_EVENT_ENTER {
        enter(node)
      } else if event == CMARK_EVENT_EXIT {
        exit(node)
      }
    }
  }

  func line(_ node: OpaquePointer) -> Int {
    firstLine + Int(cmark_node_get_start_line(node)) - 1
  }

  func literal(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  /// Opens a quote, list or item, or counts it as flattened past the nesting limit.
  mutating func open(_ container: Container) {
    if flattened > 0 || stack.count > MarkdownParser.maximumNesting {
      flattened += 1
    } else {
      stack.append(container)
    }
  }

  mutating func enter(_ node: OpaquePointer) {
    let type = cmark_node_get_type(node)
    switch type {
    case CMARK_NODE_DOCUMENT:
      return
    case CMARK_NODE_BLOCK_QUOTE:
      open(.quote([]))
    case CMARK_NODE_LIST:
      let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
      open(.list(ListBlock(
        isOrdered: ordered, start: Int(max(cmark_node_get_list_start(node), 0)),
        isTight: cmark_node_get_list_tight(node) != 0, items: [])))
    case CMARK_NODE_ITEM:
      var task: ListItem.Task? = nil
      if let kind = cmark_node_get_type_string(node), String(cString: kind) == "tasklist" {
        task = cmark_gfm_extensions_get_tasklist_item_checked(node) ? .done : .open
      }
      open(.item(ListItem(task: task, blocks: [])))
    case CMARK_NODE_PARAGRAPH:
      stack.append(.inline(.paragraph([]), []))
    case CMARK_NODE_HEADING:
      stack.append(.inline(.heading(level: Int(cmark_node_get_heading_level(node)), spans: []), []))
    case CMARK_NODE_CODE_BLOCK:
      var code = MarkdownParser.sanitize(literal(node), keepingNewlines: true)
      while code.last == "\n" { code.removeLast() }
      add(.code(code))
    case CMARK_NODE_THEMATIC_BREAK:
      add(.rule)
    case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
      problems.append((line(node), "raw HTML is not shown; write it as Markdown"))
    case CMARK_NODE_TEXT:
      addText(literal(node), attributes)
    case CMARK_NODE_CODE:
      addText(literal(node), attributes.union(.code))
    case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
      addText(" ", attributes)
    case CMARK_NODE_EMPH:
      emphasis += 1
    case CMARK_NODE_STRONG:
      strong += 1
    case CMARK_NODE_LINK:
      let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
      var article: String? = nil
      switch MarkdownParser.destination(url, from: folder) {
      case .article(let id)?:
        article = id
        articleLinks.append(MarkdownParser.ArticleLink(id: id, line: line(node)))
      case .outside?:
        problems.append((line(node), "the link to '\(TerminalText.sanitize(url))' leads outside the content folder; it is shown as text"))
      case nil:
        break
      }
      links.append((url, currentTextLength, article))
    case CMARK_NODE_IMAGE:
      // The alternative text stands in for the picture.
      links.append(("", currentTextLength, nil))
    default:
      // Nodes of extensions the parser does not enable; their text still comes through.
      return
    }
  }

  mutating func exit(_ node: OpaquePointer) {
    let type = cmark_node_get_type(node)
    switch type {
    case CMARK_NODE_EMPH:
      emphasis -= 1
    case CMARK_NODE_STRONG:
      strong -= 1
    case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
      guard let link = links.popLast() else { return }
      // A link to an article is followed in the kiosk; any other shows its address.
      guard link.article == nil else { return }
      if MarkdownParser.destination(link.url, from: folder) == .outside { return }
      let shown = currentText.dropFirst(link.textStart)
      let address = link.url.hasPrefix("mailto:") ? String(link.url.dropFirst(7)) : link.url
      if !address.isEmpty && address != String(shown) {
        addText(" (\(address))", attributes)
      }
    case CMARK_NODE_DOCUMENT:
      return
    case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM:
      if flattened > 0 {
        flattened -= 1
      } else {
        close()
      }
    case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
      close()
    default:
      return
    }
  }

  /// The text of the innermost paragraph or heading so far.
  var currentText: String {
    for container in stack.reversed() {
      if case .inline(_, let spans) = container { return spans.plainText }
    }
    return ""
  }

  var currentTextLength: Int { currentText.count }

  mutating func addText(_ text: String, _ attributes: TextAttributes) {
    let clean = MarkdownParser.sanitize(text)
    guard !clean.isEmpty else { return }
    for index in stack.indices.reversed() {
      guard case .inline = stack[index] else { continue }
      // Taken off the stack while it changes, so that its array is not copied.
      guard case .inline(let block, var spans) = take(index) else { return }
      let link = links.last(where: { $0.article != nil })?.article
      if let last = spans.last, last.attributes == attributes, last.link == link {
        spans[spans.count - 1].text += clean
      } else {
        spans.append(Span(clean, attributes, link: link))
      }
      stack[index] = .inline(block, spans)
      return
    }
  }

  /// Adds a finished block to the innermost container that holds blocks.
  mutating func add(_ block: Block) {
    for index in stack.indices.reversed() {
      if case .inline = stack[index] { continue }
      // Taken off the stack while it changes: appending then never copies what it holds,
      // which would make a long article take time in the square of its length.
      switch take(index) {
      case .root(var blocks):
        blocks.append(block)
        stack[index] = .root(blocks)
      case .quote(var blocks):
        blocks.append(block)
        stack[index] = .quote(blocks)
      case .item(var item):
        item.blocks.append(block)
        stack[index] = .item(item)
      case .list(var list):
        // A block straight inside a list comes from a flattened item: give it its own.
        list.items.append(ListItem(blocks: [block]))
        stack[index] = .list(list)
      case .inline:
        continue
      }
      return
    }
  }

  /// The container at `index`, leaving an empty one in its place.
  private mutating func take(_ index: Int) -> Container {
    let container = stack[index]
    stack[index] = .root([])
    return container
  }

  /// Closes the innermost container and adds what it made to its parent.
  mutating func close() {
    guard stack.count > 1, let container = stack.popLast() else { return }
    switch container {
    case .quote(let blocks):
      add(.quote(blocks))
    case .list(let list):
      add(.list(list))
    case .item(let item):
      if let index = stack.lastIndex(where: { if case .list = $0 { true } else { false } }),
        index == stack.count - 1, case .list(var list) = take(index)
      {
        list.items.append(item)
        stack[index] = .list(list)
      } else {
        item.blocks.forEach { add($0) }
      }
    case .inline(let block, let spans):
      let trimmed = spans.trimmed
      switch block {
      case .heading(let level, _): add(.heading(level: level, spans: trimmed))
      default: if !trimmed.isEmpty { add(.paragraph(trimmed)) }
      }
    case .root:
      return
    }
  }

  mutating func finish() -> [Block] {
    while stack.count > 1 { close() }
    if case .root(let blocks) = stack.first { return blocks }
    return []
  }
}

extension Array where Element == Span {
  /// Without white space at the start and the end.
  var trimmed: [Span] {
    var spans = self
    while let first = spans.first, first.text.first == " " {
      spans[0].text.removeFirst()
      if spans[0].text.isEmpty { spans.removeFirst() }
    }
    while let last = spans.last, last.text.last == " " {
      spans[spans.count - 1].text.removeLast()
      if spans[spans.count - 1].text.isEmpty { spans.removeLast() }
    }
    return spans
  }
}
