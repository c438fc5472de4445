import Synchronization

/// An article's parsed text, with the reader's layout for each width it was laid out at.
/// The layouts are a memo of a pure function of the text, kept so that reopening the
/// article or going back to a width costs nothing.
///
/// Two bodies are equal when they come from the same version of the same file (or hold
/// equal documents), so states that show the same article compare equal.
public final class ArticleBody: Hashable, Sendable {
  /// What identifies the text without comparing it: a file's path, size and modification time.
  public let source: String?
  public let document: Document
  /// False for the head of a long article (its first screens), shown while the whole text
  /// is parsed; the whole replaces it when it arrives.
  public let isComplete: Bool
  private let layouts = Mutex<[LayoutKey: [TextLine]]>([:])

  private struct LayoutKey: Hashable {
    var width: Int
    var glyphs: Glyphs
  }

  /// A parsed text; `source` names the version of the file it was read from, if any.
  public init(_ document: Document, source: String? = nil, isComplete: Bool = true) {
    self.source = source
    self.document = document
    self.isComplete = isComplete
  }

  /// The lines laid out for `width` with `glyphs`: made by `layOut` the first time, then kept.
  public func lines(width: Int, glyphs: Glyphs, layOut: () -> [TextLine]) -> [TextLine] {
    let key = LayoutKey(width: width, glyphs: glyphs)
    if let lines = layouts.withLock({ $0[key] }) { return lines }
    let lines = layOut()
    layouts.withLock {
      // A handful of widths is all a window goes through; forget them all past that.
      if $0.count >= 8 { $0.removeAll() }
      $0[key] = lines
    }
    return lines
  }

  public static func == (lhs: ArticleBody, rhs: ArticleBody) -> Bool {
    if lhs === rhs { return true }
    switch (lhs.source, rhs.source) {
    case (let left?, let right?): return left == right && lhs.isComplete == rhs.isComplete
    case (nil, nil): return lhs.document == rhs.document
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(source)
    hasher.combine(isComplete)
  }
}
