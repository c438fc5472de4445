import Foundation
import KioskTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The kiosk in a real terminal (tmux): keys in, screens out, exit statuses, and the
/// terminal as the kiosk leaves it.
@Suite("Kiosk end to end", .serialized, .timeLimit(.minutes(1)))
struct KioskJourneyTests {
  static let category = "Common Error Messages"
  static let article = #"How to Fix "Your Session Has Expired" Errors"#
  static let contactLine = "Contact helpdesk@netlumait.com.au or call 1300 521 162."

  // MARK: The journey

  @Test("Home → Common Error Messages → the session-expired article → end → back → resize → quit")
  func journey() async throws {
    // As a person would start it: no --content (the shipped content is found beside the
    // build), no --dev.
    let kiosk = try TmuxSession(content: nil)
    defer { kiosk.close() }

    var screen = try await kiosk.waitFor(Self.category)
    #expect(screen.line(1).contains("How can we help?"))
    #expect(screen.line(0).contains("IT Help Desk"))
    try await select(Self.category, in: kiosk)

    screen = try await kiosk.press("Enter")
    screen = try await kiosk.waitUntil("the article list of \(Self.category)") {
      $0.line(1).contains(Self.category) && $0.text.contains(Self.article)
    }
    try await select(Self.article, in: kiosk)
    let listBefore = try kiosk.screen()

    try kiosk.send("Enter")
    screen = try await kiosk.waitUntil("the reader") { $0.line(1).contains(Self.article) }
    #expect(screen.line(2).contains("\(Self.category) · 4 min read · Updated 7 January 2026"))
    #expect(screen.position(rows: 24) == "Top")
    #expect(screen.text.contains("What Does \"Session Expired\" Mean?"))
    #expect(screen.line(23).contains("Esc Back"))

    // To the end of the article.
    try kiosk.send("End")
    screen = try await kiosk.waitUntil("the bottom of the article (Bot)") { $0.position(rows: 24) == "Bot" }
    #expect(screen.text.contains(Self.contactLine))
    #expect(screen.text.contains("When to Contact IT"))
    #expect(screen.line(1).contains(Self.article), "the heading stays while scrolling")

    // Back twice, with two of the three back keys; the selections were kept.
    try kiosk.send("Escape")
    // The whole list as it was left (waiting for all of it: a capture may catch a redraw
    // half done).
    screen = try await kiosk.waitUntil("the article list as it was left") { $0.text == listBefore }
    #expect(screen.isSelected(Self.article), "\(screen)")
    try kiosk.send("BSpace")
    screen = try await kiosk.waitFor("How can we help?")
    #expect(screen.isSelected(Self.category), "\(screen)")

    // A larger window: the screen is laid out again for it.
    try kiosk.resize(columns: 100, rows: 30)
    screen = try await kiosk.waitUntil("Home laid out at 100 × 30") {
      $0.line(28) == String(repeating: "─", count: 100)
    }
    let titleBar = screen.line(0).replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
    #expect(titleBar.hasPrefix(" IT Help Desk"))
    #expect(titleBar.hasSuffix("helpdesk@netlumait.com.au · 1300 521 162"))
    // The contact block is " e-mail · phone " and ends at the right edge: its last
    // visible character is in column 99 of 100.
    #expect(titleBar.count == 99, "title bar: |\(screen.line(0))|")
    #expect(screen.line(29).contains("Enter Open"))
    #expect(!screen.line(29).contains("q Quit"), "a kiosk offers no way out")
    #expect(screen.isSelected(Self.category))
    #expect(screen.lines.count == 30)

    // In kiosk mode q leaves nothing; the operator stops the kiosk with a signal (or
    // from the admin screen). On Home q is the first letter of a search.
    try kiosk.send("q")
    screen = try await kiosk.waitFor("Find: q")
    #expect(!kiosk.hasExited)
    #expect(screen.text.contains("Search the articles"), "\(screen)")
    kill(try await kiosk.pid(), SIGTERM)
    let status = try await kiosk.waitForExit()
    #expect(status == 143)
    try await expectTerminalRestored(kiosk, status: status)
  }

  @Test("Left and Backspace go back; the selection on Home and in the list is kept")
  func backKeepsSelections() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try await select("Printing", in: kiosk)
    try kiosk.send("Enter")
    var screen = try await kiosk.waitUntil("the Printing list") { $0.line(1).contains("Printing") }
    let first = try #require(screen.selectedEntry)
    try await kiosk.press("Down")
    screen = try await kiosk.waitUntil("the second article selected") { $0.selectedEntry != first }
    let second = try #require(screen.selectedEntry)
    try kiosk.send("Right")  // → opens, like Enter
    screen = try await kiosk.waitUntil("the reader") { $0.line(1).contains(second) }
    try kiosk.send("Left")
    screen = try await kiosk.waitUntil("the Printing list again") { $0.line(1).contains("Printing") }
    #expect(screen.selectedEntry == second)
    try kiosk.send("BSpace")
    screen = try await kiosk.waitFor("How can we help?")
    #expect(screen.isSelected("Printing"), "\(screen)")
    #expect(!kiosk.hasExited)
  }

  // MARK: Leaving: development and kiosk mode

  @Test("--dev: q quits from the reader with status 0")
  func devQuitsWithQ() async throws {
    let kiosk = try TmuxSession(["--dev"])
    defer { kiosk.close() }
    try await openSessionArticle(kiosk)
    #expect(try kiosk.screen().contains("q Quit"), "the reader's footer offers q in development mode")
    try kiosk.send("q")
    let status = try await kiosk.waitForExit()
    #expect(status == 0)
    try await expectTerminalRestored(kiosk, status: status)
  }

  @Test("--dev: Ctrl-C quits with status 0")
  func devQuitsWithControlC() async throws {
    let kiosk = try TmuxSession(["--dev"])
    defer { kiosk.close() }
    try await openSessionArticle(kiosk)
    try kiosk.send("C-c")
    let status = try await kiosk.waitForExit()
    #expect(status == 0)
    try await expectTerminalRestored(kiosk, status: status)
  }

  @Test("Kiosk mode: q and Ctrl-C in the reader do nothing")
  func kioskModeIgnoresQuitKeys() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    let reader = try await openSessionArticle(kiosk)
    #expect(!reader.text.contains("q Quit"), "no quit hint in the reader in kiosk mode")
    try kiosk.send("q")
    try kiosk.send("C-c")
    try kiosk.send("C-\\")
    try kiosk.send("C-z")
    // Keys are read in order: once the help this key opens is up, the ones before it
    // have been handled.
    try kiosk.send("?")
    var screen = try await kiosk.waitFor("Press any key to close")
    #expect(screen.line(1).contains(Self.article), "still the article")
    #expect(!kiosk.hasExited, "the kiosk is still running")
    try kiosk.send("Escape")
    screen = try await kiosk.waitUntil("the help to close") { !$0.text.contains("Press any key to close") }
    #expect(screen == reader, "q, Ctrl-C, Ctrl-\\ and Ctrl-Z left the reader as it was")
    // Still alive and answering.
    try kiosk.send("Down")
    screen = try await kiosk.waitUntil("the reader to scroll") { $0.position(rows: 24) != "Top" }
    #expect(!kiosk.hasExited)
  }

  // MARK: Help, size, scrolling

  @Test("Help: ? and F1 open the keys overlay; any key closes it without acting")
  func helpOverlay() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    let home = try await kiosk.waitFor("How can we help?")
    #expect(home.isSelected(Self.category))

    try kiosk.send("?")
    var screen = try await kiosk.waitFor("Press any key to close")
    #expect(screen.text.contains(" Keys "))
    #expect(screen.text.contains("Move the selection"))
    #expect(screen.text.contains("This help"))
    try kiosk.send("x")
    screen = try await kiosk.waitUntil("the help to close after x") { !$0.text.contains(" Keys ") }
    #expect(screen == home)

    try kiosk.send("F1")
    screen = try await kiosk.waitFor("Press any key to close")
    #expect(screen.text.contains(" Keys "))
    try kiosk.send("Down")
    screen = try await kiosk.waitUntil("the help to close after Down") { !$0.text.contains(" Keys ") }
    #expect(screen == home, "the key that closed the help did not also move the selection")

    // In the reader the overlay lists the reader's keys.
    try await openSessionArticle(kiosk)
    try kiosk.send("?")
    screen = try await kiosk.waitFor("Press any key to close")
    #expect(screen.text.contains("Scroll one line"))
    #expect(screen.text.contains("Next, previous link"))
    try kiosk.send("Enter")
    screen = try await kiosk.waitUntil("the help to close after Enter") { !$0.text.contains(" Keys ") }
    #expect(screen.line(1).contains(Self.article), "Enter closed the help and did not open the steps")
  }

  @Test("A link in the seed article opens the article it names; Back lands on the same line, link in focus")
  func followALinkAndComeBack() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    _ = try await openSessionArticle(kiosk)
    try kiosk.send("End")
    _ = try await kiosk.waitUntil("the end of the article") { $0.text.contains("Account might be locked") }
    try kiosk.send("Tab")
    try kiosk.send("Tab")
    let before = try await kiosk.waitUntil("the second link in focus") { $0.line(23).contains("Open link") }
    // The terminal's cursor is on the link, for a screen reader.
    let cursor = try kiosk.format("#{cursor_y} #{cursor_x}").split(separator: " ").compactMap { Int($0) }
    #expect(cursor.count == 2 && String(Array(before.line(cursor[0])).dropFirst(cursor[1])).hasPrefix("Account might be locked"),
      "cursor at \(cursor): \(before)")
    try kiosk.send("Enter")
    _ = try await kiosk.waitUntil("the article the link names") { $0.line(1).contains("Your Account Has Been Locked") }
    try kiosk.send("PageDown")
    _ = try await kiosk.waitUntil("a page further") { !$0.position(rows: 24).hasPrefix("Top") }
    try kiosk.send("Escape")
    let after = try await kiosk.waitUntil("the seed article again") { $0.line(1).contains(Self.article) }
    #expect(after == before, "the same lines, and the same link in focus")
  }

  @Test("Smaller than 40 × 12: please enlarge; the screen comes back when it is large enough")
  func tooSmallWindow() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    let home = try await kiosk.waitFor("How can we help?")

    try kiosk.resize(columns: 39, rows: 24)
    var screen = try await kiosk.waitUntil("the enlarge message at 39 × 24") {
      $0.flattened.contains("Please make this window bigger")
    }
    #expect(screen.flattened.contains("It needs at least 40 columns and 12 lines. It has 39 columns and 24 lines."))
    #expect(!screen.text.contains("How can we help?"))

    try kiosk.resize(columns: 30, rows: 8)
    screen = try await kiosk.waitUntil("the enlarge message at 30 × 8") {
      $0.flattened.contains("It has 30 columns and 8 lines")
    }
    #expect(screen.flattened.contains("Please make this window bigger"))
    // Keys wait while the window is too small (Enter would open a category).
    try kiosk.send("Enter")

    try kiosk.resize(columns: 40, rows: 11)
    screen = try await kiosk.waitUntil("the enlarge message at 40 × 11") {
      $0.flattened.contains("It has 40 columns and 11 lines")
    }

    try kiosk.resize(columns: 40, rows: 12)
    screen = try await kiosk.waitFor("How can we help?")
    #expect(!screen.flattened.contains("Please make"))
    #expect(screen.lines.count == 12)

    try kiosk.resize(columns: 80, rows: 24)
    screen = try await kiosk.waitUntil("Home at 80 × 24 again") { $0 == home }
    #expect(!kiosk.hasExited)
  }

  @Test("Page down and up in the reader move the position indicator")
  func paging() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    var screen = try await openSessionArticle(kiosk)
    #expect(screen.position(rows: 24) == "Top")
    let top = screen

    try kiosk.send("NPage")
    screen = try await kiosk.waitUntil("a page down") { $0.position(rows: 24) != "Top" }
    let first = try #require(percent(screen.position(rows: 24)), "position after one page: \(screen)")
    // A page is the body (18 rows) less one line of overlap: the last line of the first
    // page is now the first.
    #expect(screen.line(4) == top.line(21))

    try kiosk.send("Space")
    screen = try await kiosk.waitUntil("a second page down") { $0.position(rows: 24) != "\(first)%" }
    let second = try #require(percent(screen.position(rows: 24)), "position after two pages: \(screen)")
    #expect(second > first)

    try kiosk.send("PPage")
    screen = try await kiosk.waitUntil("a page up") { $0.position(rows: 24) == "\(first)%" }
    try kiosk.send("b")
    screen = try await kiosk.waitUntil("back at the top") { $0.position(rows: 24) == "Top" }
    #expect(screen == top)

    try kiosk.send("G")
    screen = try await kiosk.waitUntil("the bottom") { $0.position(rows: 24) == "Bot" }
    #expect(screen.text.contains(Self.contactLine))
    try kiosk.send("g")
    screen = try await kiosk.waitUntil("the top") { $0.position(rows: 24) == "Top" }
  }

  @Test(
    "Home and End work where TERM matches what tmux sends (tmux-256color)",
    .enabled(if: hasTerminfo("tmux-256color"), "no tmux-256color terminfo entry on this machine"))
  func homeEndWithMatchingTerm() async throws {
    let kiosk = try TmuxSession(term: "tmux-256color")
    defer { kiosk.close() }
    try await openSessionArticle(kiosk)
    try kiosk.send("End")
    var screen = try await kiosk.waitUntil("End to reach the bottom") { $0.position(rows: 24) == "Bot" }
    #expect(screen.text.contains(Self.contactLine))
    try kiosk.send("Home")
    screen = try await kiosk.waitUntil("Home to reach the top") { $0.position(rows: 24) == "Top" }
  }

  // MARK: Terminals it cannot use, missing content, signals

  @Test("A terminal without cursor addressing or an unknown one: an error line, no drawing", arguments: [
    "dumb", "no-such-terminal",
  ])
  func unusableTerminal(term: String) async throws {
    let kiosk = try TmuxSession(term: term)
    defer { kiosk.close() }
    let status = try #require(try await kiosk.waitForExit(), "the kiosk did not exit with TERM=\(term)")
    #expect(status != 0)
    #expect(status == 69, "EX_UNAVAILABLE")
    let lines = kiosk.stderr().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == 1, "one line on stderr: \(kiosk.stderr())")
    let line = lines.first.map(String.init) ?? ""
    #expect(line.hasPrefix("helpdesk-kiosk: "))
    #expect(line.contains("terminal"))
    #expect(line.contains("'\(term)'"))
    let screen = try await kiosk.waitFor("kiosk exited with status \(status)")
    #expect(!screen.text.contains("IT Help Desk"), "nothing was drawn")
    #expect(try kiosk.format("#{alternate_on}") == "0")
  }

  @Test("A missing --content folder: exit 66 and one clear line on stderr")
  func missingContent() async throws {
    let missing = FileManager.default.temporaryDirectory
      .appendingPathComponent("no-such-content-\(UUID().uuidString)").path
    let kiosk = try TmuxSession(["--content", missing], content: nil)
    defer { kiosk.close() }
    let status = try await kiosk.waitForExit()
    #expect(status == 66, "EX_NOINPUT")
    #expect(kiosk.stderr() == "helpdesk-kiosk: content folder \(missing) does not exist\n")
    let screen = try await kiosk.waitFor("kiosk exited with status 66")
    #expect(!screen.text.contains("IT Help Desk"))
  }

  @Test("SIGTERM and SIGHUP end the kiosk and give the terminal back", arguments: [SIGTERM, SIGHUP])
  func signalRestoresTerminal(signal: Int32) async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await openSessionArticle(kiosk)
    let pid = try await kiosk.pid()
    #expect(kill(pid, signal) == 0)
    let status = try await kiosk.waitForExit()
    #expect(status == 128 + signal)
    try await expectTerminalRestored(kiosk, status: status)
  }

  @Test("A crash (a Swift trap, SIGABRT, SIGSEGV) still gives the terminal back", arguments: [SIGILL, SIGTRAP, SIGABRT, SIGSEGV])
  func crashRestoresTerminal(signal: Int32) async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await openSessionArticle(kiosk)
    let pid = try await kiosk.pid()
    #expect(kill(pid, signal) == 0)
    let status = try await kiosk.waitForExit()
    #expect(status == 128 + signal, "killed by the signal, not exited")
    try await expectTerminalRestored(kiosk, status: status)
  }

  @Test("A resize in the reader lays the article out again and keeps the place")
  func resizeInReader() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await openSessionArticle(kiosk)
    try kiosk.send("NPage")
    var screen = try await kiosk.waitUntil("a page down") { $0.position(rows: 24).hasSuffix("%") }
    let firstShown = screen.line(4)
    #expect(!firstShown.isEmpty)

    try kiosk.resize(columns: 100, rows: 30)
    screen = try await kiosk.waitUntil("the reader at 100 × 30") {
      $0.line(28).hasPrefix(String(repeating: "─", count: 80)) && $0.line(28).count == 100
    }
    #expect(screen.line(1).contains(Self.article))
    #expect(screen.text.contains(firstShown.trimmingCharacters(in: .whitespaces)), "the place is kept:\n\(screen)")
    #expect(percent(screen.position(rows: 30)) != nil, "position: \(screen.position(rows: 30))")
    #expect(screen.line(29).contains("Esc Back"))

    try kiosk.resize(columns: 80, rows: 24)
    screen = try await kiosk.waitUntil("the reader at 80 × 24 again") { $0.lines.count == 24 && $0.line(22).count == 80 }
    #expect(screen.line(1).contains(Self.article))
    #expect(screen.line(4) == firstShown, "back where it was")
  }

  // MARK: Helpers

  /// Moves the selection with Down until the entry holding `title` is selected.
  func select(
    _ title: String, in kiosk: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    for _ in 0..<30 {
      let screen = Screen(text: try kiosk.screen())
      if screen.isSelected(title) { return }
      try await kiosk.press("Down", sourceLocation: sourceLocation)
    }
    throw EndToEndFailure(
      description: "\(sourceLocation.fileName):\(sourceLocation.line): \(title) was never selected:\n"
        + Screen(text: try kiosk.screen()).framed)
  }

  /// From Home: the category, then the session-expired article. Returns the reader.
  @discardableResult
  func openSessionArticle(_ kiosk: TmuxSession) async throws -> Screen {
    try await kiosk.waitFor("How can we help?")
    try await select(Self.category, in: kiosk)
    try kiosk.send("Enter")
    try await kiosk.waitUntil("the list of \(Self.category)") { $0.line(1).contains(Self.category) }
    try await select(Self.article, in: kiosk)
    try kiosk.send("Enter")
    return try await kiosk.waitUntil("the reader of the session-expired article") {
      $0.line(1).contains(Self.article) && $0.position(rows: $0.lines.count) != ""
    }
  }

  /// After the kiosk has ended: the pane shows the wrapper's line on the normal screen, with
  /// the cursor shown and the keypad and mouse modes off.
  func expectTerminalRestored(
    _ kiosk: TmuxSession, status: Int32?, sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let status = try #require(status, "the kiosk did not exit", sourceLocation: sourceLocation)
    let screen = try await kiosk.waitFor("kiosk exited with status \(status)", sourceLocation: sourceLocation)
    #expect(!screen.text.contains("IT Help Desk"), "the kiosk's screen is gone:\n\(screen)", sourceLocation: sourceLocation)
    #expect(try kiosk.format("#{alternate_on}") == "0", "alternate screen left", sourceLocation: sourceLocation)
    #expect(try kiosk.format("#{cursor_flag}") == "1", "cursor shown", sourceLocation: sourceLocation)
    #expect(try kiosk.format("#{keypad_cursor_flag}#{keypad_flag}") == "00", "keypad mode off", sourceLocation: sourceLocation)
    #expect(try kiosk.format("#{mouse_any_flag}") == "0", "mouse reporting off", sourceLocation: sourceLocation)
    let before = try String(contentsOf: kiosk.folder.appendingPathComponent("stty.before"), encoding: .utf8)
    let after = try String(contentsOf: kiosk.folder.appendingPathComponent("stty.after"), encoding: .utf8)
    #expect(before == after, "stty -g before and after", sourceLocation: sourceLocation)
  }

  func percent(_ position: String) -> Int? {
    guard position.hasSuffix("%") else { return nil }
    return Int(position.dropLast())
  }
}

/// Whether ncurses has a description of `term` in one of the usual places.
func hasTerminfo(_ term: String) -> Bool {
  guard let first = term.first else { return false }
  let folders = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
  return folders.contains { folder in
    ["\(first)", String(format: "%02x", first.asciiValue ?? 0)].contains {
      FileManager.default.fileExists(atPath: "\(folder)/\($0)/\(term)")
    }
  }
}
