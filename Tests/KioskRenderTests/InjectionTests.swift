import KioskCore
import KioskTestSupport
import Testing

@testable import KioskContent
@testable import KioskRender

/// Hostile text from an article file, a form and a paste never reaches the cell grid as
/// anything but printable characters of bounded width.
@Suite struct InjectionTests {
  static let corpus = [
    "\u{1B}[2J\u{1B}[H", "\u{1B}]0;owned\u{07}", "\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\",
    "\u{1B}]52;c;cHduZWQ=\u{07}", "\u{1B}P+q544e\u{1B}\\", "\u{1B}[6n", "\u{1B}]0;unterminated",
    "\u{1B}[31", "\u{9B}2J", "\u{9D}0;c1\u{9C}", "\u{202E}reversed\u{202C}", "\u{2066}isolate\u{2069}",
    "zero\u{200B}\u{200D}\u{FEFF}width", "e" + String(repeating: "\u{0301}", count: 3_000),
    "\u{0}\u{7}\u{8}\u{7F}\u{85}", "line\r\nbreak\rcr", String(repeating: "日本語", count: 200),
  ]

  /// Whether a cell could move the cursor or change the terminal: controls, escapes,
  /// bidi controls and zero-width characters.
  static func isHostile(_ character: Character) -> Bool {
    character.unicodeScalars.contains { scalar in
      let value = scalar.value
      return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
        || (0x2066...0x2069).contains(value) || [0x200B, 0x200D, 0xFEFF].contains(value)
    }
  }

  @Test func articleTextReachesTheGridClean() throws {
    let markdown = Self.corpus.map { "- [ ] \($0)\n\n> \($0)\n\n## \($0)\n\n`\($0)`\n" }.joined(separator: "\n")
    let text = "---\ntitle: \"\\e]0;t\\a Title\"\ncategory: Errors\nupdated: 2026-01-07\nsummary: \"\\e[2J sum\"\n---\n" + markdown
    var problems: [ContentProblem] = []
    let article = try ContentLoader.article(
      from: text, file: "hostile.md", categories: [Category(name: "Errors", description: "d")], problems: &problems
    ).article
    let catalog = Catalog(categories: [Category(name: "Errors", description: "d")], articles: [article])
    for size in [Size(columns: 40, rows: 12), Size(columns: 80, rows: 24), Size(columns: 200, rows: 60)] {
      let state = Fixtures.state(size, catalog: catalog).pressing(.enter)
      for keys in [[Key](), [.enter], [.enter, .pageDown], [.enter, .end], [.enter, .enter], [.enter, .enter, .end]] {
        let grid = render(keys.reduce(state) { update($0, .key($1)).0 })
        #expect(!grid.cells.contains { Self.isHostile($0.character) }, "\(size) \(keys)")
        #expect(!grid.cells.contains { $0.character.unicodeScalars.count > 1 + TerminalText.maximumMarksPerCharacter })
        for line in grid.text.split(separator: "\n") { #expect(DisplayWidth.of(line) <= size.columns) }
      }
    }
  }

  @Test func formTextAndPastesReachTheGridClean() {
    var state = Fixtures.state().pressing(.enter, .enter, .enter, .tab, .tab, .enter, .character("n"), .escape, .enter)
    for text in Self.corpus {
      state = update(state, .paste(text)).0
      state = state.pressing(.tab)
    }
    for focus in 0..<6 {
      let grid = render(state)
      #expect(!grid.cells.contains { Self.isHostile($0.character) }, "focus \(focus)")
      state = state.pressing(.tab)
    }
    #expect(state.session.draft.map { [$0.name, $0.contact, $0.description] }?.allSatisfy {
      !$0.characters.contains(where: Self.isHostile)
    } == true)
  }
}
