/// An article body, parsed from Markdown into the few constructs the kiosk shows.
public struct Document: Hashable, Sendable {
  public var blocks: [Block]

  public init(blocks: [Block]) {
    self.blocks = blocks
  }
}

/// A block of an article body.
public enum Block: Hashable, Sendable {
  case heading(level: Int, spans: [Span])
  case paragraph([Span])
  case list(ListBlock)
  case quote([Block])
  case code(String)
  case rule
}

/// A bullet or numbered list.
public struct ListBlock: Hashable, Sendable {
  public var isOrdered: Bool
  public var start: Int
  public var isTight: Bool
  public var items: [ListItem]

  public init(isOrdered: Bool, start: Int = 1, isTight: Bool = true, items: [ListItem]) {
    self.isOrdered = isOrdered
    self.start = start
    self.isTight = isTight
    self.items = items
  }
}

/// One item of a list; a task-list item (`- [ ] …`) carries its box.
public struct ListItem: Hashable, Sendable {
  public enum Task: Hashable, Sendable {
    case open
    case done
  }

  public var task: Task?
  public var blocks: [Block]

  public init(task: Task? = nil, blocks: [Block]) {
    self.task = task
    self.blocks = blocks
  }
}

/// A run of inline text with the same emphasis.
public struct Span: Hashable, Sendable {
  public var text: String
  public var attributes: TextAttributes
  /// The article a link leads to, by id (its file name without `.md`); nil for other text
  /// and for web and mail links, which are shown with their address and not followed.
  public var link: String?

  public init(_ text: String, _ attributes: TextAttributes = [], link: String? = nil) {
    self.text = text
    self.attributes = attributes
    self.link = link
  }
}

/// Inline emphasis, as Markdown gives it.
public struct TextAttributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let strong = TextAttributes(rawValue: 1 << 0)
  public static let emphasis = TextAttributes(rawValue: 1 << 1)
  public static let code = TextAttributes(rawValue: 1 << 2)
  public static let link = TextAttributes(rawValue: 1 << 3)
}

extension Array where Element == Span {
  /// The spans' text without emphasis.
  public var plainText: String { map(\.text).joined() }
}

extension Document {
  /// The ids of the articles its links lead to, in reading order, each once.
  public var linkTargets: [String] {
    var seen: Set<String> = []
    var targets: [String] = []
    func visit(_ spans: [Span]) {
      for case let id? in spans.map(\.link) where seen.insert(id).inserted { targets.append(id) }
    }
    func visit(_ blocks: [Block]) {
      for block in blocks {
        switch block {
        case .heading(_, let spans), .paragraph(let spans): visit(spans)
        case .list(let list): list.items.forEach { visit($0.blocks) }
        case .quote(let inner): visit(inner)
        case .code, .rule: break
        }
      }
    }
    visit(blocks)
    return targets
  }
}
