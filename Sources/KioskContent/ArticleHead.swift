import Foundation
import KioskCore
import Synchronization

/// The start of a long article, to show its first screen while the whole text is parsed
/// away from the keys: the Markdown up to a place where it can be cut so that the part
/// before parses alone exactly as it does in the whole.
enum ArticleHead {
  /// Bodies at least this long (in bytes) are shown from their head first.
  static let threshold = 64 * 1024
  /// The head is at least this long: several screens of text.
  static let minimum = 16 * 1024

  /// Where to cut `body`: at the start of the first ATX heading (`#` at the start of a line,
  /// after a blank line, outside fenced code) at least `minimum` bytes in. A heading there
  /// ends every paragraph, list and quote before it, so nothing before it reads
  /// differently without what follows. Nil when there is no such heading, or when the body
  /// uses what can reach across the whole text: link reference and footnote definitions
  /// (`[name]: …`) and raw HTML blocks (a line starting with `<`).
  static func cut(_ body: Substring, minimum: Int = ArticleHead.minimum) -> Substring.Index? {
    cuts(body, every: minimum, limit: 1).first
  }

  /// Every place `body` can be cut as `cut` cuts it, each at least `every` bytes after the
  /// one before (the first after the start), up to `limit` of them: the parts between
  /// parse alone as they do in the whole.
  static func cuts(_ body: Substring, every: Int, limit: Int = .max) -> [Substring.Index] {
    let utf8 = body.utf8
    let offsets =
      utf8.withContiguousStorageIfAvailable { cuts($0, every: every, limit: limit) }
      ?? cuts(Array(utf8), every: every, limit: limit)
    var indices: [Substring.Index] = []
    var index = utf8.startIndex
    var previous = 0
    for offset in offsets {
      index = utf8.index(index, offsetBy: offset - previous)
      previous = offset
      indices.append(index)
    }
    return indices
  }

  private static func cuts<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, every: Int, limit: Int) -> [Int]
  where Bytes.Index == Int {
    let (space, tab, newline, hash): (UInt8, UInt8, UInt8, UInt8) = (0x20, 0x09, 0x0A, 0x23)
    let (backtick, tilde, open, close, colon, less): (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0x60, 0x7E, 0x5B, 0x5D, 0x3A, 0x3C)
    let start = bytes.startIndex
    let end = bytes.endIndex
    var found: [Int] = []
    var previousIsBlank = true
    /// The open fence's character and length.
    var fence: (UInt8, Int)?
    var lineStart = start
    while lineStart < end {
      var lineEnd = lineStart
      while lineEnd < end && bytes[lineEnd] != newline { lineEnd += 1 }
      var first = lineStart
      while first < lineEnd && first - lineStart < 4 && bytes[first] == space { first += 1 }
      let indent = first - lineStart
      var run = first
      if first < lineEnd, bytes[first] == backtick || bytes[first] == tilde {
        while run < lineEnd && bytes[run] == bytes[first] { run += 1 }
      }
      let fenceLength = run - first
      let isBlank = (lineStart..<lineEnd).allSatisfy { bytes[$0] == space || bytes[$0] == tab || bytes[$0] == 0x0D }
      if let (character, length) = fence {
        if indent < 4, fenceLength >= length, bytes[first] == character,
          (run..<lineEnd).allSatisfy({ bytes[$0] == space || bytes[$0] == tab || bytes[$0] == 0x0D })
        {
          fence = nil
        }
      } else if indent < 4, fenceLength >= 3 {
        fence = (bytes[first], fenceLength)
      } else if indent < 4, first < lineEnd, bytes[first] == less {
        return []
      } else if indent < 4, first < lineEnd, bytes[first] == open,
        let bracket = (first..<lineEnd).first(where: { bytes[$0] == close }), bracket + 1 < lineEnd,
        bytes[bracket + 1] == colon
      {
        return []
      } else if found.count < limit, lineStart > start, lineStart - start - (found.last ?? 0) >= every, previousIsBlank,
        indent == 0, bytes[lineStart] == hash
      {
        var level = lineStart
        while level < lineEnd && bytes[level] == hash { level += 1 }
        if level - lineStart <= 6, level == lineEnd || bytes[level] == space || bytes[level] == tab {
          found.append(lineStart - start)
        }
      }
      previousIsBlank = fence == nil && isBlank
      lineStart = lineEnd + 1
    }
    return found
  }
}

extension ContentLoader {
  /// A body's document, a long one parsed in parts on every core (cut where each part
  /// parses as it does in the whole, see `ArticleHead.cuts`), the parts' blocks joined.
  static func parseWhole(_ body: Substring, firstLine: Int, file: String) -> Document {
    let cores = max(ProcessInfo.processInfo.activeProcessorCount, 1)
    let length = body.utf8.count
    guard cores > 1, length >= ArticleHead.threshold else {
      return MarkdownParser.parse(body, firstLine: firstLine, file: file).0
    }
    let cuts = ArticleHead.cuts(body, every: max(length / (2 * cores), ArticleHead.minimum))
    let bounds = [body.startIndex] + cuts + [body.endIndex]
    let parts = Mutex([[Block]](repeating: [], count: bounds.count - 1))
    DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { part in
      // The line numbers of notes are not kept here, so each part counts from the first.
      let blocks = MarkdownParser.parse(body[bounds[part]..<bounds[part + 1]], firstLine: firstLine, file: file).0.blocks
      parts.withLock { $0[part] = blocks }
    }
    return Document(blocks: parts.withLock { $0.flatMap { $0 } })
  }
}
