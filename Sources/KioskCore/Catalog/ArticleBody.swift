import Synchronization

/// An article's text: parsed on first use rather than when the kiosk starts, so that a
/// knowledge base of thousands of articles opens as fast as one of ten. It also keeps the
/// reader's layout for each width it was laid out at.
///
/// Two bodies are equal when they come from the same version of the same file (or hold
/// equal documents), so states that show the same article compare equal.
public final class ArticleBody: Hashable, Sendable {
  /// What identifies the text without reading it: a file's path, size and modification time.
  public let source: String?
  private let parse: @Sendable () -> Document
  private let memo: Mutex<Memo>

  private struct Memo {
    var document: Document?
    var layouts: [LayoutKey: [TextLine]] = [:]
  }

  private struct LayoutKey: Hashable {
    var width: Int
    var glyphs: Glyphs
  }

  /// A body read and parsed on first use by `parse`, which must not fail: a file that can
  /// no longer be read gives a document that says so.
  public init(source: String, parse: @escaping @Sendable () -> Document) {
    self.source = source
    self.parse = parse
    self.memo = Mutex(Memo())
  }

  /// A body already parsed.
  public init(_ document: Document) {
    self.source = nil
    self.parse = { document }
    self.memo = Mutex(Memo(document: document))
  }

  /// The parsed text.
  public var document: Document {
    if let document = memo.withLock({ $0.document }) { return document }
    let document = parse()
    memo.withLock { $0.document = document }
    return document
  }

  /// Whether the text has been read yet.
  public var isParsed: Bool { memo.withLock { $0.document != nil } }

  /// The lines laid out for `width` with `glyphs`: made by `layOut` the first time, then kept.
  public func lines(width: Int, glyphs: Glyphs, layOut: () -> [TextLine]) -> [TextLine] {
    let key = LayoutKey(width: width, glyphs: glyphs)
    if let lines = memo.withLock({ $0.layouts[key] }) { return lines }
    let lines = layOut()
    memo.withLock {
      // A handful of widths is all a window goes through; forget them all past that.
      if $0.layouts.count >= 8 { $0.layouts.removeAll() }
      $0.layouts[key] = lines
    }
    return lines
  }

  public static func == (lhs: ArticleBody, rhs: ArticleBody) -> Bool {
    if lhs === rhs { return true }
    switch (lhs.source, rhs.source) {
    case (let left?, let right?): return left == right
    case (nil, nil): return lhs.document == rhs.document
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(source)
  }
}
