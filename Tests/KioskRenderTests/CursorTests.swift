import KioskContent
import KioskCore
import KioskScenes
import KioskTestSupport
import Testing

@testable import KioskRender

/// The cursor stands at the start of the focused item on every screen, so that screen
/// readers and braille displays follow the selection.
@Suite struct CursorTests {
  static let catalog = SceneSnapshotTests.catalog

  private func grid(_ scene: Scene, _ glyphs: Glyphs = .unicode, size: Size = Size(columns: 80, rows: 24)) -> CellGrid {
    render(scene.state(Self.catalog, Scene.Options(size: size, glyphs: glyphs)))
  }

  /// The text of a row from a column on.
  private func text(_ grid: CellGrid, row: Int, from column: Int) -> String {
    String(grid.text.components(separatedBy: "\n")[row].dropFirst(column))
  }

  @Test(arguments: [Scene.home, .articles, .checklist, .feedback, .thanks, .stillNeedHelp, .admin])
  func onTheSelectedEntryOrButton(scene: Scene) throws {
    let grid = grid(scene)
    let cursor = try #require(grid.cursor)
    #expect(cursor.column == Geometry.margin - 1)
    #expect(grid[cursor.row, cursor.column].character == "›", "the pointer of the selection")
    #expect(grid[cursor.row, cursor.column].style.role == .selection)
    #expect(!grid.showsCursor, "nothing to type here")
  }

  @Test func onTheTopLineOfTheArticle() throws {
    let grid = grid(.reader)
    let cursor = try #require(grid.cursor)
    #expect(cursor.row == Geometry.headerHeight && cursor.column == Geometry.margin)
    #expect(text(grid, row: cursor.row, from: cursor.column).hasPrefix("What Does"))
  }

  @Test func inTheFocusedFieldAfterItsText() throws {
    let grid = grid(.ticketForm)
    let cursor = try #require(grid.cursor)
    #expect(grid.showsCursor)
    #expect(text(grid, row: cursor.row - 1, from: Geometry.margin).hasPrefix("How to reach you"))
    #expect(grid[cursor.row, cursor.column - 1].character == "[", "the contact field is empty")
  }

  @Test func onTheSelectedButtonOfTheReview() throws {
    let grid = grid(.review)
    let cursor = try #require(grid.cursor)
    #expect(text(grid, row: cursor.row, from: cursor.column).hasPrefix("[ Send ]"))
    #expect(grid[cursor.row, cursor.column].style.role == .selection)
  }

  @Test func onTheReference() throws {
    let grid = grid(.confirmation)
    let cursor = try #require(grid.cursor)
    #expect(text(grid, row: cursor.row, from: cursor.column).hasPrefix(Scene.reference + " "))
  }

  @Test func afterThePinsDigits() throws {
    let grid = grid(.adminPin)
    let cursor = try #require(grid.cursor)
    #expect(grid.showsCursor)
    #expect(text(grid, row: cursor.row, from: cursor.column - 5).hasPrefix("[●●●●  "))
  }

  @Test func onTheFirstKeyOfTheHelp() throws {
    let grid = grid(.help)
    let cursor = try #require(grid.cursor)
    #expect(text(grid, row: cursor.row, from: cursor.column).hasPrefix("↑ ↓  k j"))
    #expect(!grid.showsCursor)
  }

  @Test func onTheCountdownsMessage() throws {
    let grid = grid(.idle)
    let cursor = try #require(grid.cursor)
    #expect(text(grid, row: cursor.row, from: cursor.column).hasPrefix("This session ends in 27 seconds."))
    #expect(!grid.showsCursor)
  }

  @Test func onTheEnlargeMessage() throws {
    let grid = render(Fixtures.state(Size(columns: 39, rows: 24)))
    let cursor = try #require(grid.cursor)
    #expect(text(grid, row: cursor.row, from: cursor.column).hasPrefix("Please make this window bigger."))
  }

  @Test func onTheMessageOfAnEmptyKnowledgeBase() throws {
    let grid = render(Fixtures.state(catalog: Catalog(categories: [], articles: [])))
    let cursor = try #require(grid.cursor)
    #expect(text(grid, row: cursor.row, from: cursor.column).hasPrefix("No articles are available"))
  }

  @Test func onAStepThatTakesTwoLinesAfterScrolling() throws {
    // From the last step back up, one by one: the cursor is on the pointer every time.
    var state = Scene.checklist.state(Self.catalog, Scene.Options(size: Size(columns: 40, rows: 12)))
    state = state.pressing(.end)
    for _ in 0..<30 {
      state = state.pressing(.up)
      let grid = render(state)
      let cursor = try #require(grid.cursor)
      #expect(grid[cursor.row, cursor.column].character == "›")
    }
  }

  @Test(arguments: Scene.allCases) func withinTheGridAtEverySizeAndShownInPlainMode(scene: Scene) throws {
    for size in [Size(columns: 40, rows: 12), Size(columns: 80, rows: 24), Size(columns: 120, rows: 40), Size(columns: 20, rows: 6)] {
      for glyphs in [Glyphs.unicode, .ascii, .plain] {
        let grid = grid(scene, glyphs, size: size)
        let cursor = try #require(grid.cursor, "\(scene) \(size)")
        #expect((0..<size.rows).contains(cursor.row) && (0..<size.columns).contains(cursor.column), "\(scene) \(size)")
        if glyphs == .plain { #expect(grid.showsCursor, "plain mode shows the cursor: \(scene) \(size)") }
      }
    }
  }
}
