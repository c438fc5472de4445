import KioskCore
import KioskTestSupport
import Testing

@testable import KioskRender

/// Links in the reader, the contents screen, and related articles, as text and cells.
@Suite struct LinkSnapshotTests {
  static var snapshots: [ScreenSnapshot] {
    let atEachSize = ScreenSnapshots.sizes.flatMap { size in
      [
        ScreenSnapshot("reader-link-focused", size) { Fixtures.guide(size).pressing(.tab, .tab) },
        ScreenSnapshot("contents", size) { Fixtures.guide(size).pressing(.character("c")) },
        ScreenSnapshot("reader-related", size) { Fixtures.guide(size).pressing(.end) },
      ]
    }
    // Plain mode numbers the links.
    let size = Size(columns: 80, rows: 24)
    return atEachSize + [ScreenSnapshot("plain-reader-links", size) { Fixtures.guide(size, plain: true) }]
  }

  @Test func theFocusedLinkIsSelectedAndHoldsTheCursor() throws {
    let state = Fixtures.guide(Size(columns: 80, rows: 24)).pressing(.tab)
    let grid = render(state)
    let text = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let row = try #require(text.firstIndex { $0.contains("Account Locked") })
    let column = try #require(text[row].range(of: "Account Locked")).lowerBound.utf16Offset(in: text[row])
    #expect(grid.cursor?.row == row && grid.cursor?.column == column)
    for offset in 0..<14 { #expect(grid[row, column + offset].style.role == .selection) }
    #expect(grid[row, column + 14].style.role != .selection)
    let other = try #require(text[row].range(of: "Printer")).lowerBound.utf16Offset(in: text[row])
    #expect(grid[row, other].style.attributes.contains(.link), "other links look like links")
  }
}
