/// Lays an article body out into lines for a given width.
public enum DocumentLayout {
  /// The narrowest width a body is laid out for; a narrower request is widened to it.
  public static let minimumWidth = 16

  public static func lines(_ document: Document, width: Int, glyphs: Glyphs) -> [TextLine] {
    var builder = Builder(width: max(width, minimumWidth), glyphs: glyphs)
    builder.blocks(document.blocks, prefix: [], depth: 0)
    return builder.lines
  }

  private struct Builder {
    let width: Int
    let glyphs: Glyphs
    var lines: [TextLine] = []
    var anchor = 0
    /// The role of body text: a note's text is shown as a note.
    var textRole = Role.body

    init(width: Int, glyphs: Glyphs) {
      self.width = width
      self.glyphs = glyphs
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
        text(spans.map { Run($0.text, Style(role, $0.attributes.union(.strong))) },
          first: prefix, rest: prefix)
      case .paragraph(let spans):
        text(spans.map { Run($0.text, Style(textRole, $0.attributes)) }, first: prefix, rest: prefix)
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
          text(spans.map { Run($0.text, Style(textRole, $0.attributes)) }, first: first, rest: rest)
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
