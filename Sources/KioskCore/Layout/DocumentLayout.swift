/// Lays an article body out into lines for a given width.
public enum DocumentLayout {
  /// The narrowest width a body is laid out for; a narrower request is widened to it.
  public static let minimumWidth = 16

  /// The lines of a document. A link to an article that `exists` does not know is laid
  /// out as plain text; in plain mode each link is followed by its number ("[2]").
  public static func lines(
    _ document: Document, width: Int, glyphs: Glyphs, firstLink: Int = 1,
    exists: @escaping (String) -> Bool = { _ in true }
  ) -> [TextLine] {
    var builder = Builder(width: max(width, minimumWidth), glyphs: glyphs, exists: exists)
    builder.linkCount = firstLink - 1
    builder.blocks(document.blocks, prefix: [], depth: 0)
    return numberLinks(builder.lines)
  }

  /// Sets each line's links, numbered in reading order; a link wrapped onto the next line
  /// keeps its number.
  public static func numberLinks(_ lines: [TextLine]) -> [TextLine] {
    var lines = lines
    var numbering = LinkNumbering()
    numbering.number(&lines, from: lines.startIndex)
    return lines
  }

  /// Numbering links line after line, so that lines laid out later go on from the
  /// numbers of those before them.
  struct LinkNumbering {
    /// The last number given.
    var number = 0
    /// The link the previous line ended with, which the next one may go on with.
    var continuing: String? = nil

    /// Numbers the links of `lines[start...]`, after those before them.
    mutating func number(_ lines: inout [TextLine], from start: Int) {
      for index in start..<lines.endIndex {
        lines[index].links = links(lines[index])
      }
    }

    private mutating func links(_ line: TextLine) -> [LineLink] {
      var offset = 0
      var links: [LineLink] = []
      var hasText = false
      for run in line.runs {
        // Printable ASCII, most text, is a character a byte.
        let isASCII = Wrap.isPrintableASCII(run.text)
        // Text whose scalars stand alone is a character a scalar (`Wrap.simpleWidth`).
        let length =
          isASCII
          ? run.text.utf8.count : Wrap.simpleWidth(run.text) != nil ? run.text.unicodeScalars.count : run.text.count
        let range = offset..<(offset + length)
        offset = range.upperBound
        guard let target = run.link else {
          if !hasText && isASCII {
            hasText = run.text.utf8.contains { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0 & 0xDF) }
          } else if !hasText && run.text.contains(where: { $0.isLetter || $0.isNumber }) {
            hasText = true
          }
          continue
        }
        if let last = links.last, last.target == target, last.range.upperBound == range.lowerBound {
          links[links.count - 1].range = last.range.lowerBound..<range.upperBound
        } else if links.isEmpty && !hasText && continuing == target {
          links.append(LineLink(range: range, target: target, number: number))
        } else {
          number += 1
          links.append(LineLink(range: range, target: target, number: number))
        }
      }
      let last = line.runs.last { !$0.text.utf8.allSatisfy { $0 == 0x20 } }
      continuing = last?.link
      return links
    }
  }

  /// Lays a document out one top-level block at a time, as `lines` does all at once.
  /// Sendable: what it holds is, its builder's `exists` included (taken as `@Sendable`).
  struct Stepper: @unchecked Sendable {
    let blocks: ArraySlice<Block>
    private var builder: Builder
    private var next: Int

    /// Lays out `blocks` of the document (all of them unless given), as they are laid out
    /// in the whole: blocks after the first are separated from the lines before them.
    init(
      _ document: Document, width: Int, glyphs: Glyphs, exists: @escaping @Sendable (String) -> Bool,
      blocks range: Range<Int>? = nil
    ) {
      blocks = document.blocks[range ?? document.blocks.indices]
      next = blocks.startIndex
      builder = Builder(width: max(width, DocumentLayout.minimumWidth), glyphs: glyphs, exists: exists)
    }

    var isDone: Bool { next == blocks.endIndex }

    /// How many characters of text the lines so far hold: the anchor of the next.
    var anchor: Int { builder.anchor }

    /// Lays out the next block: its lines are added to `lines` (without link numbers).
    mutating func step(into lines: inout [TextLine]) {
      guard next < blocks.endIndex else { return }
      // The builder looks back at the line before; it works on the lines so far, unnumbered.
      swap(&builder.lines, &lines)
      defer { swap(&builder.lines, &lines) }
      if next > 0 { builder.separate(prefix: []) }
      builder.block(blocks[next], prefix: [], depth: 0)
      next += 1
    }
  }

  private struct Builder {
    let width: Int
    let glyphs: Glyphs
    let exists: (String) -> Bool
    var lines: [TextLine] = []
    var anchor = 0
    /// The role of body text: a note's text is shown as a note.
    var textRole = Role.body
    /// Links laid out so far, for their numbers in plain mode.
    var linkCount = 0

    init(width: Int, glyphs: Glyphs, exists: @escaping (String) -> Bool) {
      self.width = width
      self.glyphs = glyphs
      self.exists = exists
    }

    /// Spans as runs in a role: a link to a known article keeps its target (and in plain
    /// mode gets its number after it), any other is text.
    mutating func runs(_ spans: [Span], _ role: Role, extra: TextAttributes = []) -> [Run] {
      var runs: [Run] = []
      for (index, span) in spans.enumerated() {
        let target = span.link.flatMap { exists($0) ? $0 : nil }
        var attributes = span.attributes.union(extra)
        if target == nil { attributes.remove(.link) }
        runs.append(Run(span.text, Style(role, attributes), link: target))
        let next = spans.index(after: index) < spans.endIndex ? spans[spans.index(after: index)].link : nil
        if let target, next != target {
          linkCount += 1
          if !glyphs.drawsLines { runs.append(Run(" [\(linkCount)]", Style(.muted))) }
        }
      }
      return runs
    }

    /// A blank line between blocks, never two in a row and never at the top.
    mutating func separate(prefix: [Run]) {
      guard let last = lines.last, last.text.trimmingTrailingSpaces != prefixText(prefix) else {
        return
      }
      lines.append(TextLine(prefix.map(trimmed), anchor: anchor))
    }

    mutating func blocks(_ blocks: [Block], prefix: [Run], depth: Int, tight: Bool = false) {
      for (index, block) in blocks.enumerated() {
        if index > 0 && !tight { separate(prefix: prefix) }
        self.block(block, prefix: prefix, depth: depth)
      }
    }

    mutating func block(_ block: Block, prefix: [Run], depth: Int) {
      switch block {
      case .heading(let level, let spans):
        if !lines.isEmpty { separate(prefix: prefix) }
        let role: Role = level <= 2 ? .heading : .subheading
        text(runs(spans, role, extra: .strong), first: prefix, rest: prefix)
      case .paragraph(let spans):
        text(runs(spans, textRole), first: prefix, rest: prefix)
      case .list(let list):
        self.list(list, prefix: prefix, depth: depth)
      case .quote(let inner):
        let bar = prefix + [Run(glyphs.quoteBar + " ", Style(.note))]
        let outer = textRole
        textRole = .note
        blocks(inner, prefix: bar, depth: depth)
        textRole = outer
      case .code(let code):
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
          text([Run(String(line), Style(.code, .code))], first: prefix + [Run("  ")],
            rest: prefix + [Run("  ")])
        }
      case .rule:
        let room = max(width - prefixWidth(prefix), 1)
        lines.append(
          TextLine(prefix + [Run(String(repeating: glyphs.horizontal, count: room), Style(.muted))],
            anchor: anchor))
      }
    }

    mutating func list(_ list: ListBlock, prefix: [Run], depth: Int) {
      let lastNumber = list.start + list.items.count - 1
      let numberWidth = String(lastNumber).count
      for (index, item) in list.items.enumerated() {
        if index > 0 && !list.isTight { separate(prefix: prefix) }
        let marker: String
        switch item.task {
        case .open?: marker = "[ ] "
        case .done?: marker = "[x] "
        case nil where list.isOrdered:
          let number = String(list.start + index)
          marker = String(repeating: " ", count: numberWidth - number.count) + number + ". "
        case nil: marker = (depth == 0 ? glyphs.bullet : glyphs.subBullet) + " "
        }
        let first = prefix + [Run(marker, Style(.marker))]
        let rest = prefix + [Run(String(repeating: " ", count: DisplayWidth.of(marker)))]
        guard let head = item.blocks.first else {
          lines.append(TextLine(first, anchor: anchor))
          continue
        }
        if case .paragraph(let spans) = head {
          text(runs(spans, textRole), first: first, rest: rest)
          if item.blocks.count > 1 {
            if !list.isTight { separate(prefix: rest) }
            blocks(Array(item.blocks.dropFirst()), prefix: rest, depth: depth + 1, tight: list.isTight)
          }
        } else {
          lines.append(TextLine(first, anchor: anchor))
          blocks(item.blocks, prefix: rest, depth: depth + 1, tight: list.isTight)
        }
      }
    }

    mutating func text(_ runs: [Run], first: [Run], rest: [Run]) {
      for wrapped in Wrap.wrap(runs, width: width, firstPrefix: first, prefix: rest) {
        lines.append(TextLine(wrapped.runs, anchor: anchor))
        anchor += wrapped.length
      }
    }

    func prefixWidth(_ prefix: [Run]) -> Int { prefix.reduce(0) { $0 + DisplayWidth.of($1.text) } }
    func prefixText(_ prefix: [Run]) -> String { prefix.map(\.text).joined().trimmingTrailingSpaces }
    func trimmed(_ run: Run) -> Run { Run(run.text.trimmingTrailingSpaces, run.style) }
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
