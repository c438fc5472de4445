import KioskContent
import KioskCore
import KioskScenes
import KioskTestSupport
import Testing

@testable import KioskRender

/// Plain mode, for screen readers: no lines or frames, and every key hint still in view.
@Suite struct PlainModeTests {
  static let catalog = SceneSnapshotTests.catalog
  static let sizes = [Size(columns: 40, rows: 12), Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)]
  /// What lines, frames, bullets and pointers are drawn with on a UTF-8 terminal.
  static let drawing = Set("─│┌┐└┘•◦›…·↑↓")

  private func text(_ scene: Scene, _ size: Size, _ glyphs: Glyphs = .plain) -> [String] {
    scene.text(Self.catalog, Scene.Options(size: size, glyphs: glyphs)).components(separatedBy: "\n")
  }

  @Test(arguments: Scene.allCases) func noLinesOrFrames(scene: Scene) {
    for size in Self.sizes {
      let lines = text(scene, size)
      for line in lines {
        #expect(!line.contains { Self.drawing.contains($0) }, "\(scene) \(size): |\(line)|")
        #expect(!line.contains("----") && !line.contains("||") && !line.contains("+-"), "\(scene) \(size): |\(line)|")
      }
      #expect(!lines[size.rows - 2].contains("--"), "no rule above the key hints")
    }
  }

  @Test(arguments: [Scene.home, .reader, .checklist, .feedback, .ticketForm, .review, .admin])
  func everyKeyHintStaysInViewInANarrowWindow(scene: Scene) {
    let narrow = Size(columns: 40, rows: 12)
    let wide = text(scene, Size(columns: 200, rows: 12)).last ?? ""
    let footer = text(scene, narrow).suffix(2).joined(separator: "  ")
    // Each hint of the wide footer, "Keys Label", is in the narrow one.
    let hints = wide.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(hints.count >= 3)
    for hint in hints {
      #expect(footer.contains(hint), "\(scene): \(hint) missing from\n\(footer)")
    }
  }

  @Test func overlaysClearTheScreenBehindThem() {
    for scene in [Scene.help, .idle] {
      let lines = text(scene, Size(columns: 80, rows: 24))
      #expect(!lines.joined().contains("IT Help Desk"), "\(scene): only the overlay is read out")
    }
    #expect(text(.help, Size(columns: 80, rows: 24)).contains { $0.contains("Scroll one line") })
  }

  @Test func quotesAndRulesInArticlesAreNotDrawn() {
    let article = Article(
      id: "a", title: "A note", category: Fixtures.errors.name, updated: Day(year: 2026, month: 1, day: 7),
      summary: "S", readMinutes: 1,
      document: Document(blocks: [
        .paragraph([Span("Before.")]), .rule, .quote([.paragraph([Span("Note: saved work is kept.")])]),
      ]))
    var state = AppState(
      catalog: Catalog(categories: [Fixtures.errors], articles: [article]), size: Size(columns: 80, rows: 24),
      glyphs: .plain)
    state = update(state, .resize(state.size)).0.pressing(.enter, .enter)
    let lines = render(state).text.components(separatedBy: "\n")
    let before = lines.firstIndex { $0.contains("Before.") } ?? 0
    #expect(lines[before + 2].trimmingCharacters(in: .whitespaces).isEmpty, "the rule is a blank line")
    #expect(lines.contains("    Note: saved work is kept."), "the quote is indented, without a bar")
  }
}

/// Every screen shows how to get help (but the confirmation, which any key closes).
@Suite struct KeyHintTests {
  @Test(arguments: Scene.allCases.filter { $0 != .confirmation })
  func helpIsOfferedInTheFooter(scene: Scene) {
    let lines = scene.text(SceneSnapshotTests.catalog).components(separatedBy: "\n")
    let footer = lines[lines.count - 1]
    #expect(footer.contains("? Help") || footer.contains("F1 Help"), "\(scene): \(footer)")
  }
}
