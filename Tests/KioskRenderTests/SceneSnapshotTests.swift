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
  static let size = Scene.Options().size

  static var snapshots: [ScreenSnapshot] {
    let scenes = Scene.allCases.flatMap { scene in
      [
        // `render SCREEN`: the snapshot the command's output is compared with.
        ScreenSnapshot("scene-\(scene.rawValue)", size) { scene.state(catalog) },
        // `render SCREEN --ascii`, with the looks of a monochrome terminal and the cursor.
        ScreenSnapshot("mono-ascii-\(scene.rawValue)", size, .styled(.monochrome, foldingToASCII: true)) {
          scene.state(catalog, Scene.Options(glyphs: .ascii))
        },
        // `render SCREEN --plain`, with the looks of a monochrome terminal and the cursor.
        ScreenSnapshot("plain-\(scene.rawValue)", size, .styled(.monochrome)) {
          scene.state(catalog, Scene.Options(glyphs: .plain))
        },
      ]
    }
    let themed = Theme.allCases.flatMap { theme in
      [Scene.home, .checklist, .ticketForm, .review, .search, .find].map { scene in
        ScreenSnapshot("theme-\(theme.rawValue)-\(scene.rawValue)", size, .styled(theme)) { scene.state(catalog) }
      }
    }
    return scenes + themed
  }

  @Test func theShippedContentLoads() {
    #expect(!Self.catalog.categories.isEmpty)
  }

  /// `render SCREEN --ascii` prints nothing but ASCII.
  @Test(arguments: Scene.allCases) func monochromeASCIIIsASCII(scene: Scene) {
    let text = scene.text(Self.catalog, Scene.Options(glyphs: .ascii), foldingToASCII: true)
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
  }
}
