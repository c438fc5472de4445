import Foundation
import KioskTestSupport
import Testing

/// `helpdesk-kiosk render SCREEN`, run as the built program: its output is the snapshot
/// of the same screen that the render tests check (Tests/KioskRenderTests/__Snapshots__).
@Suite("render command", .timeLimit(.minutes(1)))
struct RenderCommandTests {
  static let screens = [
    "home", "articles", "reader", "checklist", "feedback", "thanks", "what-went-wrong", "still-need-help", "ticket-form",
    "review", "confirmation", "admin-pin", "admin", "tickets", "this-kiosk", "help", "idle", "search", "find",
  ]
  static let snapshots = packageRoot.appendingPathComponent("Tests/KioskRenderTests/__Snapshots__")

  private func render(_ arguments: String...) throws -> CommandResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-render-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try KioskProcess(["render"] + arguments, in: folder).wait()
  }

  /// A snapshot file's text: the whole of a plain one, the part before the cursor and the
  /// looks of a styled one.
  private func snapshot(_ name: String) throws -> String {
    let text = try String(contentsOf: Self.snapshots.appendingPathComponent("\(name).txt"), encoding: .utf8)
    let parts = text.components(separatedBy: "\n-- cursor:")
    return parts.count > 1 ? parts[0] + "\n" : text
  }

  @Test("render SCREEN prints the screen's snapshot", arguments: screens)
  func unicode(screen: String) throws {
    let result = try render(screen)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let expected = try snapshot("scene-\(screen)-80x24")
    #expect(result.stdout == expected, "\(lineDiff(expected, result.stdout))")
  }

  @Test("render SCREEN --ascii and --plain print the monochrome ASCII and plain snapshots", arguments: screens)
  func asciiAndPlain(screen: String) throws {
    for (flag, prefix) in [("--ascii", "mono-ascii"), ("--plain", "plain")] {
      let result = try render(screen, flag)
      #expect(result.status == 0, "\(result.stderr)")
      let expected = try snapshot("\(prefix)-\(screen)-80x24")
      #expect(result.stdout == expected, "\(flag):\n\(lineDiff(expected, result.stdout))")
    }
  }

  @Test("--cols and --rows size the screen; lines are never wider and carry no trailing spaces")
  func size() throws {
    let result = try render("checklist", "--cols", "40", "--rows", "12", "--content", shippedContent.path)
    #expect(result.status == 0)
    #expect(result.lines.count == 12)
    #expect(result.lines.allSatisfy { $0.count <= 40 && !$0.hasSuffix(" ") })
    #expect(result.lines[1].hasPrefix("  Try the steps:"))
  }

  @Test("An unknown screen: a line naming every screen, and exit 64")
  func unknownScreen() throws {
    let result = try render("settings")
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown screen 'settings'; the screens are: \(Self.screens.joined(separator: ", "))"))
  }

  @Test("A size out of range, or a missing content folder: a clear message", arguments: [
    (["home", "--cols", "0"], Int32(64), "--cols must be from 1 to 1000, not 0"),
    (["home", "--rows", "5000"], 64, "--rows must be from 1 to 1000, not 5000"),
    (["home", "--content", "/nonexistent/content"], 66, "content folder /nonexistent/content does not exist"),
  ])
  func badArguments(arguments: [String], status: Int32, message: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-render-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try KioskProcess(["render"] + arguments, in: folder).wait()
    #expect(result.status == status)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}
