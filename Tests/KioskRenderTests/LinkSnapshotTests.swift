import KioskCore
import KioskTestSupport
import Testing

@testable import KioskRender

/// Links in the reader, the contents screen, and related articles, as text and cells.
@Suite struct LinkSnapshotTests {
  private func check(_ state: AppState, _ name: String) {
    assertSnapshot(render(state).text, named: "\(name)-\(state.size.columns)x\(state.size.rows)")
  }

  @Test(arguments: ScreenSnapshotTests.sizes) func links(size: Size) {
    check(Fixtures.guide(size).pressing(.tab, .tab), "reader-link-focused")
    check(Fixtures.guide(size).pressing(.character("c")), "contents")
    check(Fixtures.guide(size).pressing(.end), "reader-related")
  }

  @Test func plainModeNumbersLinks() {
    check(Fixtures.guide(Size(columns: 80, rows: 24), plain: true), "plain-reader-links")
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
