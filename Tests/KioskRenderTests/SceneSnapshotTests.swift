import KioskContent
import KioskCore
import KioskScenes
import KioskTestSupport
import Testing

@testable import KioskRender

/// Every screen on the shipped content, as `helpdesk-kiosk render` prints it, then as a
/// monochrome ASCII terminal and plain mode show it, and a few in each theme.
@Suite struct SceneSnapshotTests {
  static let catalog: Catalog = (try? ContentLoader.load(from: shippedContent).0) ?? Catalog(categories: [], articles: [])

  @Test func theShippedContentLoads() {
    #expect(!Self.catalog.categories.isEmpty)
  }

  /// `render SCREEN`: the snapshot the command's output is compared with.
  @Test(arguments: Scene.allCases) func renderText(scene: Scene) {
    assertSnapshot(scene.text(Self.catalog), named: "scene-\(scene.rawValue)-80x24")
  }

  /// `render SCREEN --ascii`, with the looks of a monochrome terminal and the cursor.
  @Test(arguments: Scene.allCases) func monochromeASCII(scene: Scene) {
    let options = Scene.Options(glyphs: .ascii)
    let grid = render(scene.state(Self.catalog, options))
    let text = scene.text(Self.catalog, options, foldingToASCII: true)
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
    assertSnapshot(StyledText.of(grid, theme: .monochrome, text: text), named: "mono-ascii-\(scene.rawValue)-80x24")
  }

  /// `render SCREEN --plain`, with the looks of a monochrome terminal and the cursor.
  @Test(arguments: Scene.allCases) func plain(scene: Scene) {
    let options = Scene.Options(glyphs: .plain)
    let grid = render(scene.state(Self.catalog, options))
    assertSnapshot(
      StyledText.of(grid, theme: .monochrome, text: scene.text(Self.catalog, options)),
      named: "plain-\(scene.rawValue)-80x24")
  }

  @Test(arguments: Theme.allCases, [Scene.home, .checklist, .ticketForm, .review, .search, .find])
  func themes(theme: Theme, scene: Scene) {
    let grid = render(scene.state(Self.catalog))
    assertSnapshot(
      StyledText.of(grid, theme: theme, text: grid.text), named: "theme-\(theme.rawValue)-\(scene.rawValue)-80x24")
  }
}
