import Foundation
import KioskTestSupport
import Testing

/// A 1 MiB article in a real terminal: its first screen shows from its head while the
/// whole text is read away from the keys, and End, the steps and the way on are the
/// whole article's.
@Suite("A long article end to end", .serialized, .timeLimit(.minutes(1)))
struct LongArticleJourneyTests {
  /// A content folder of one generated 1 MiB article and one short one.
  static func content(in folder: URL) throws -> URL {
    let content = folder.appendingPathComponent("content")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", packageRoot.appendingPathComponent("scripts/gen-content.py").path,
      "--articles", "2", "--large", "1", "--seed", "7", "--out", content.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "gen-content.py failed")
    return content
  }

  @Test("Open the 1 MiB article: its first screen, End at its last line, and all its steps")
  func openEndAndSteps() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-long-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let kiosk = try TmuxSession(["--dev"], content: try Self.content(in: folder))
    defer { kiosk.close() }
    _ = try await kiosk.waitFor("How can we help?")
    try kiosk.send("Enter")
    _ = try await kiosk.waitFor("0x80070005 Event Log Reference")
    try kiosk.send("Enter")
    var screen = try await kiosk.waitUntil("the article's first screen") {
      $0.line(1).contains("0x80070005 Event Log Reference") && $0.text.contains("About This Reference")
    }
    try kiosk.send("End")
    screen = try await kiosk.waitUntil("the last line of the whole article") {
      $0.text.contains("End of event log reference 1 of 1.") && $0.text.contains("Press Enter to try the")
    }
    // The way on counts the whole article's steps (thousands), not its head's.
    let invitation = try #require(screen.lines.first { $0.contains("Press Enter to try the") })
    let count = invitation.split(separator: " ").compactMap { Int($0) }.first ?? 0
    #expect(count > 1000, "\(invitation)")
    try kiosk.send("Enter")
    _ = try await kiosk.waitUntil("the steps") { $0.text.contains("[ ]") }
    try kiosk.send("End")
    _ = try await kiosk.waitUntil("the end of the steps") { $0.text.contains("I still need help") }
  }
}
