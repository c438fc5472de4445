import Foundation
import KioskTestSupport
import Testing

/// Searching the shipped content in a real terminal, and the content index the kiosk
/// keeps between starts.
@Suite("Search end to end", .serialized, .timeLimit(.minutes(1)))
struct SearchJourneyTests {
  static let article = #"How to Fix "Your Session Has Expired" Errors"#

  @Test("Type part of “session has expired” on Home, open the top result, n to the second match")
  func searchOpenAndNext() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    _ = try await kiosk.waitFor("How can we help?")

    try kiosk.type("session has exp")
    var screen = try await kiosk.waitUntil("the search results") {
      $0.line(2).contains("Find: session has exp") && $0.text.contains("match")
    }
    let top = try #require(screen.lines.firstIndex { $0.contains("›") }, "\(screen)")
    #expect(screen.line(top).contains(Self.article), "the article is the top result:\n\(screen)")

    try kiosk.send("Enter")
    screen = try await kiosk.waitUntil("the article at its first match") {
      $0.line(1).contains(Self.article) && $0.position(rows: 24).hasPrefix("match 1 of ")
    }
    let total = screen.position(rows: 24).replacingOccurrences(of: "match 1 of ", with: "")
    #expect((Int(total) ?? 0) >= 2, "several matches: \(screen.position(rows: 24))")

    try kiosk.send("n")
    screen = try await kiosk.waitUntil("the second match") { $0.position(rows: 24) == "match 2 of \(total)" }
    // The terminal's cursor is on the current match, for a screen reader to follow.
    let cursor = try kiosk.format("#{cursor_y} #{cursor_x}").split(separator: " ").compactMap { Int($0) }
    #expect(cursor.count == 2)
    if cursor.count == 2 {
      let line = Array(screen.line(cursor[0]))
      let word = String(line.dropFirst(cursor[1]).prefix { $0.isLetter }).lowercased()
      #expect(["session", "has", "exp"].contains { word.hasPrefix($0) },
        "cursor on a match: row \(cursor[0]) column \(cursor[1]) |\(screen.line(cursor[0]))|")
    }

    // Esc forgets the matches, the second Esc goes back to the results, the third Home.
    try kiosk.send("Escape")
    screen = try await kiosk.waitUntil("the reader without matches") { !$0.position(rows: 24).hasPrefix("match") }
    try kiosk.send("Escape")
    _ = try await kiosk.waitUntil("the results again") { $0.line(2).contains("Find: session has exp") }
    try kiosk.send("Escape")
    _ = try await kiosk.waitFor("How can we help?")
  }

  @Test("A misspelt error message finds its article, and the screen says what it searched for")
  func typos() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    _ = try await kiosk.waitFor("How can we help?")
    try kiosk.type("your sesion has expird")
    let screen = try await kiosk.waitUntil("the corrected results") {
      $0.line(2).contains("Find: your sesion has expird") && $0.line(3).contains("Showing results for")
    }
    #expect(screen.line(3).contains("your session has expired"), "\(screen)")
    let top = try #require(screen.lines.firstIndex { $0.contains("›") }, "\(screen)")
    #expect(screen.line(top).contains(Self.article), "\(screen)")
    #expect(screen.line(top + 1).contains("Covers:"), "\(screen)")
  }

  @Test("Words that match nothing say so, with the help desk's contact")
  func noMatch() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    _ = try await kiosk.waitFor("How can we help?")
    try kiosk.type("zebra quartz")
    let screen = try await kiosk.waitUntil("the no-match message") { $0.text.contains("No article matches") }
    #expect(screen.text.contains("1300 521 162"))
    #expect(screen.text.contains("helpdesk@netlumait.com.au"))
  }

  @Test("Links to the folder itself neither hang the kiosk nor show an article twice")
  func symlinkLoop() async throws {
    let content = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-content-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: content) }
    try FileManager.default.copyItem(at: shippedContent, to: content)
    for name in ["a", "b"] {
      try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent(name).path, withDestinationPath: ".")
    }
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-state-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: state) }
    let kiosk = try TmuxSession(["--state-dir", state.path], content: content)
    defer { kiosk.close() }
    let home = try await kiosk.waitFor("How can we help?")
    #expect(home.text.contains("Common Error Messages"))
    #expect(home.text.contains("5 articles"), "each article once: \(home)")
  }

  @Test("The content index is kept in the state directory, and an article added later is found")
  func indexAcrossStarts() async throws {
    let content = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-content-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: content) }
    try FileManager.default.copyItem(at: shippedContent, to: content)
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-state-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: state) }

    let index = state.appendingPathComponent("content-index.sqlite").path
    do {
      let kiosk = try TmuxSession(["--state-dir", state.path], content: content)
      defer { kiosk.close() }
      _ = try await kiosk.waitFor("How can we help?")
      // A first start on a small folder shows Home from the files, then makes the index.
      let deadline = ContinuousClock.now + .seconds(10)
      while !FileManager.default.fileExists(atPath: index), ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
      }
    }
    #expect(FileManager.default.fileExists(atPath: index))

    // A new article while the kiosk is stopped: the next start finds it.
    let article = """
      ---
      title: Kiosk Printer Jammed
      category: Common Error Messages
      updated: 2026-11-01
      summary: Paper stuck in the lobby printer.
      ---
      ## Clear the jam

      - [ ] Open the front tray of the zebrawood printer
      """
    try article.write(to: content.appendingPathComponent("printer-jammed.md"), atomically: true, encoding: .utf8)
    let kiosk = try TmuxSession(["--state-dir", state.path], content: content)
    defer { kiosk.close() }
    _ = try await kiosk.waitFor("How can we help?")
    try kiosk.type("zebrawood")
    let screen = try await kiosk.waitUntil("the new article found") { $0.text.contains("Kiosk Printer Jammed") }
    #expect(screen.text.contains("1 article matches."))
  }
}
