import Foundation
import KioskCore
import KioskQR
import KioskScenes
import KioskTestSupport
import Testing

@testable import KioskRender

/// The codes the screens show, read back by zbarimg as a phone camera would: the
/// confirmation's e-mail to the help desk, and an article's web address.
@Suite struct TakeAwayScreenTests {
  /// The state after the code of `text` came back.
  static func withCode(_ state: AppState, _ text: String) -> AppState {
    update(state, .codeMade(text: text, code: QRCodes.encode(text))).0
  }

  @Test(arguments: [Theme.standard, .highContrast])
  func theConfirmationsCodeWritesAnEmailAboutTheTicket(theme: Theme) throws {
    let zbarimg = try #require(QRCodeTests.zbarimg, "zbarimg is not installed: install zbar-tools (scripts/setup and .ci/run do)")
    let state = Scene.confirmation.state(Fixtures.catalog)
    let grid = render(state)
    let modules = try QRCodeTests.screenModules(grid, drawing: .unicode, theme: theme)
    #expect(try QRCodeTests.decode(modules, with: zbarimg) == "mailto:helpdesk@netlumait.com.au?subject=Ticket%20\(Scene.reference)")
    #expect(grid.text.contains(Scene.reference))
  }

  @Test(arguments: [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40), Size(columns: 200, rows: 60)])
  func anArticlesCodeOpensItsAddress(size: Size) throws {
    let zbarimg = try #require(QRCodeTests.zbarimg, "zbarimg is not installed: install zbar-tools (scripts/setup and .ci/run do)")
    let address = "https://help.netlumait.com.au/articles/locked"
    var state = AppState(catalog: Fixtures.catalog, size: size, glyphs: size.columns >= 200 ? .ascii : .unicode,
      idleTimeout: 0, articleURLTemplate: "https://help.netlumait.com.au/articles/{id}")
    state = update(state, .resize(size)).0.pressing(.enter, .enter, .character("w"))
    state = Self.withCode(state, address)
    let grid = render(state)
    let drawing: QRCodeTests.Drawing = state.settings.glyphs.isUnicode ? .unicode : .ascii
    let modules = try QRCodeTests.screenModules(grid, drawing: drawing, theme: .standard)
    #expect(try QRCodeTests.decode(modules, with: zbarimg) == address)
    // The address is printed as well, beside the code (wrapped at the text's width).
    let words = grid.text.split(separator: "\n").map { line in
      line.prefix { $0.isASCII }.trimmingCharacters(in: .whitespaces)
    }.joined()
    #expect(words.contains(address), "\(grid.text)")
  }

  static var snapshots: [ScreenSnapshot] {
    ScreenSnapshots.sizes.flatMap { size in
      [
        ScreenSnapshot("take-away-waiting", size) { waiting(size) },
        ScreenSnapshot("take-away", size) { withCode(waiting(size), "https://help.netlumait.com.au/articles/locked") },
      ]
    }
  }

  /// The take-away screen of an article with a web address, before its code came back.
  static func waiting(_ size: Size) -> AppState {
    let state = AppState(catalog: Fixtures.catalog, size: size, idleTimeout: 0,
      articleURLTemplate: "https://help.netlumait.com.au/articles/{id}")
    return update(state, .resize(size)).0.pressing(.enter, .enter, .character("w"))
  }
}
