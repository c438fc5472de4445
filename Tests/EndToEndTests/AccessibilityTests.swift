import Foundation
import KioskTestSupport
import Testing

/// What screen readers, braille displays and monochrome terminals rely on, in a real
/// terminal: the cursor on the focused item of every screen, plain mode, and colours only
/// where they are wanted.
@Suite("Accessibility end to end", .serialized, .timeLimit(.minutes(1)))
struct AccessibilityTests {
  static let article = #"How to Fix "Your Session Has Expired" Errors"#

  /// The column of `text` in a captured line (every character before it is one column wide).
  private func column(of text: String, in line: String) -> Int? {
    line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
  }

  /// Expects tmux's cursor at the start of `text`, on the first row holding it (after `offset`
  /// characters), and returns the screen.
  @discardableResult
  private func expectCursor(
    _ kiosk: TmuxSession, at text: String, offset: Int = 0, shown: Bool? = nil, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> Screen {
    let screen = try await kiosk.waitFor(text, sourceLocation: sourceLocation)
    let row = try #require(screen.row(containing: text), sourceLocation: sourceLocation)
    let start = try #require(column(of: text, in: screen.line(row)), sourceLocation: sourceLocation)
    let cursor = try kiosk.cursor()
    let place = "row \(cursor.row), column \(cursor.column), not on \"\(text)\" at row \(row), column \(start + offset)"
    #expect(
      cursor.row == row && cursor.column == start + offset, "\(what): the cursor is at \(place):\n\(screen)",
      sourceLocation: sourceLocation)
    if let shown {
      #expect(cursor.isShown == shown, "\(what): cursor shown \(cursor.isShown)", sourceLocation: sourceLocation)
    }
    return screen
  }

  /// Expects the cursor on the selection's pointer ("›"), on the row holding `selected`.
  private func expectCursorOnSelection(
    _ kiosk: TmuxSession, _ selected: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let screen = try await kiosk.waitUntil("\(selected) selected", sourceLocation: sourceLocation) {
      $0.isSelected(selected)
    }
    let row = try #require(screen.row(containing: selected), sourceLocation: sourceLocation)
    let pointer = try #require(column(of: "›", in: screen.line(row)), sourceLocation: sourceLocation)
    let cursor = try kiosk.cursor()
    let place = "row \(cursor.row), column \(cursor.column), not on the pointer at row \(row), column \(pointer)"
    #expect(
      cursor.row == row && cursor.column == pointer, "\(what): the cursor is at \(place):\n\(screen)",
      sourceLocation: sourceLocation)
    #expect(!cursor.isShown, "\(what): nothing to type, so the cursor is hidden", sourceLocation: sourceLocation)
  }

  @Test("The cursor stands on the focused item of every screen")
  func cursorFollowsTheFocus() async throws {
    let config = try PinConfiguration.file(pin: "4829")
    defer { try? FileManager.default.removeItem(at: config.deletingLastPathComponent()) }
    let kiosk = try TmuxSession(["--config", config.path])
    defer { kiosk.close() }

    try await kiosk.waitFor("How can we help?")
    try await expectCursorOnSelection(kiosk, "Common Error Messages", "home")
    try kiosk.send("Down")
    try await expectCursorOnSelection(kiosk, "Accounts and Passwords", "home after Down")
    try kiosk.send("Up", "?")
    try await expectCursor(kiosk, at: "↑ ↓", shown: false, "help over home")
    try kiosk.send("Escape")
    try await kiosk.waitUntil("the help closed") { !$0.text.contains("Press any key to close") }

    try kiosk.send("Enter")
    var screen = try await kiosk.waitFor("Enter Read")
    for _ in 0..<10 where !screen.isSelected(Self.article) { screen = try await kiosk.press("Down") }
    try await expectCursorOnSelection(kiosk, Self.article, "article list")

    try kiosk.send("Enter")
    try await kiosk.waitFor("Updated 7 January 2026")
    try await expectCursor(kiosk, at: "What Does \"Session Expired\" Mean?", shown: false, "reader, top line")
    try kiosk.send("Down")
    try await kiosk.waitUntil("the reader scrolled") { !$0.text.contains("What Does \"Session") }
    let cursor = try kiosk.cursor()
    #expect(cursor.row == 4 && cursor.column == 2, "reader: the top line's start after a scroll, even when blank")

    try kiosk.send("Enter")
    try await kiosk.waitFor("Try the steps:")
    try await expectCursorOnSelection(kiosk, "Click the login button", "checklist")
    try kiosk.send("Space", "Down")
    try await expectCursorOnSelection(kiosk, "Enter your credentials", "checklist after Down")
    try kiosk.send("Tab")
    try await expectCursorOnSelection(kiosk, "It's fixed", "checklist's first button")

    try kiosk.send("Enter")
    try await kiosk.waitFor("Was this article helpful?")
    try await expectCursorOnSelection(kiosk, "Yes", "feedback")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Glad that helped")
    try await expectCursorOnSelection(kiosk, "Home", "thanks")
    try kiosk.send("Down", "Enter")
    try await kiosk.waitFor("Updated 7 January 2026")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Try the steps:")
    try kiosk.send("Tab", "Tab")
    try await expectCursorOnSelection(kiosk, "I still need help", "checklist's second button")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Still need help?")
    try await expectCursorOnSelection(kiosk, "Open a ticket", "still need help")

    try kiosk.send("Enter")
    try await kiosk.waitFor("Open a ticket")
    try await expectCursor(kiosk, at: "[ ", offset: 1, shown: true, "ticket form, the empty name field")
    try kiosk.type("Sam")
    try await expectCursor(kiosk, at: "[Sam", offset: 4, shown: true, "ticket form, after the typed name")
    try kiosk.send("Tab")
    try kiosk.type("sam@example.org")
    try kiosk.send("Tab")
    try kiosk.type("It still fails.")
    try await expectCursor(kiosk, at: "It still fails.", offset: 15, shown: true, "ticket form, the description")
    try kiosk.send("Tab")
    try await expectCursor(kiosk, at: "[ Review ]", shown: false, "ticket form, the Review button")

    try kiosk.send("Enter")
    try await kiosk.waitFor("Check your ticket")
    try await expectCursor(kiosk, at: "[ Send ]", shown: false, "review, the Send button")
    try kiosk.send("Tab")
    try await expectCursor(kiosk, at: "[ Edit ]", "review, the Edit button")
    try kiosk.send("BTab", "Enter")
    screen = try await kiosk.waitFor("Your ticket is saved")
    let reference = try #require(screen.text.firstMatch(of: /NLM-[2-9A-Z]{5}-[2-9A-Z]{5}-[0-9]{2}/).map { String($0.output) })
    try await expectCursor(kiosk, at: reference, shown: false, "confirmation, the reference")

    try await kiosk.waitFor("Press any key to finish")
    try kiosk.send("x")
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("F12")
    try await kiosk.waitFor("Operator sign-in")
    try await expectCursor(kiosk, at: "[ ", offset: 1, shown: true, "PIN prompt, empty")
    try kiosk.type("4829")
    try await expectCursor(kiosk, at: "[●●●●", offset: 5, shown: true, "PIN prompt, after four digits")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Kiosk administration")
    try await expectCursorOnSelection(kiosk, "Deliver now", "admin")
    try kiosk.send("Down", "Down")
    try await expectCursorOnSelection(kiosk, "Reload content", "admin after Down Down")
    #expect(try kiosk.screen().contains("? Help"), "the admin screen offers help")
  }

  @Test("The countdown holds the cursor on its message; too small a window on its request")
  func cursorOnTheCountdownAndTheEnlargeMessage() async throws {
    let kiosk = try TmuxSession(["--idle-timeout", "1", "--idle-countdown", "30"])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Are you still there?", timeout: .seconds(5))
    try await expectCursor(kiosk, at: "This session ends in", shown: false, "idle countdown")
    try kiosk.send("x")
    try await kiosk.waitUntil("the countdown gone") { !$0.text.contains("still there") }
    try kiosk.resize(columns: 39, rows: 20)
    try await expectCursor(kiosk, at: "Please make this", "enlarge message")
  }

  @Test("--plain: no lines or frames, the cursor shown on every screen, on the focused item")
  func plainMode() async throws {
    let kiosk = try TmuxSession(["--plain"])
    defer { kiosk.close() }
    var screen = try await kiosk.waitFor("How can we help?")
    #expect(!screen.text.contains("─") && !screen.text.contains("----"), "\(screen)")
    #expect(screen.text.contains(" > Common Error Messages"))
    #expect(screen.line(23).contains("? Help"))
    let cursor = try kiosk.cursor()
    #expect(cursor.isShown, "plain mode shows the cursor")
    #expect(cursor.row == screen.row(containing: "> Common Error Messages") && cursor.column == 1)
    try kiosk.send("?")
    screen = try await expectCursor(kiosk, at: "Up Down", shown: true, "plain help")
    #expect(!screen.text.contains("How can we help?"), "the overlay alone is on the screen:\n\(screen)")
    #expect(!screen.text.contains("┌") && !screen.text.contains("+--"))
  }

  @Test("The configured theme, NO_COLOR and a terminal without colours", arguments: [
    ("", [String: String](), "xterm-256color", true),
    ("theme: monochrome\n", [:], "xterm-256color", false),
    ("", ["NO_COLOR": "1"], "xterm-256color", false),
    ("theme: high-contrast\n", ["NO_COLOR": "yes"], "xterm-256color", false),
    ("theme: high-contrast\n", [:], "vt100", false),
    ("theme: high-contrast\n", [:], "xterm-256color", true),
  ])
  func colours(config: String, environment: [String: String], term: String, hasColour: Bool) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-theme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("config.yaml")
    try config.write(to: file, atomically: true, encoding: .utf8)
    let kiosk = try TmuxSession(["--config", file.path], term: term, environment: environment)
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    let styled = try kiosk.styledScreen()
    let parameters = styled.matches(of: /\x1B\[([0-9;]*)m/).flatMap { $0.output.1.split(separator: ";").compactMap { Int($0) } }
    // 30-37, 40-47, 90-97, 100-107 name colours and 38, 48 start one; 39 and 49 are the defaults.
    let colours = parameters.filter { ((30...48).contains($0) && $0 != 39) || (90...107).contains($0) }
    #expect(!colours.isEmpty == hasColour, "SGR parameters \(Set(parameters).sorted())")
    if !hasColour { #expect(parameters.contains(7), "reverse video marks the selection and the title bar") }
    if config.contains("high-contrast") && hasColour {
      #expect(parameters.contains(33) || parameters.contains(43), "yellow in the high-contrast theme")
    }
  }
}
