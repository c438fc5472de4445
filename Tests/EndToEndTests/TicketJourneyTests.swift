import Foundation
import KioskTestSupport
import Testing

/// A ticket from the kiosk to the spool, in a real terminal.
@Suite("Ticket end to end", .serialized, .timeLimit(.minutes(1)))
struct TicketJourneyTests {
  static let article = #"How to Fix "Your Session Has Expired" Errors"#

  /// From Home to the session-expired article's checklist.
  private func openChecklist(_ kiosk: TmuxSession) async throws {
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("Enter")
    var screen = try await kiosk.waitFor("Enter Read")
    for _ in 0..<10 where !screen.isSelected(Self.article) {
      screen = try await kiosk.press("Down")
    }
    #expect(screen.isSelected(Self.article))
    try kiosk.send("Enter")
    try await kiosk.waitFor("Updated 7 January 2026")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Try the steps:")
  }

  @Test("Checklist → still need help → No → ticket → review → send: one .eml in the spool")
  func ticketReachesTheSpool() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await openChecklist(kiosk)

    // Tick the first two steps of "Step 1: Simply Log In Again".
    try kiosk.send("Space", "Down", "Space")
    var screen = try await kiosk.waitFor("2 of 22 steps tried")
    #expect(screen.text.contains("[x] Click the login button"))
    #expect(screen.text.contains("[x] Enter your credentials"))

    try kiosk.send("Tab", "Tab", "Enter")
    try await kiosk.waitFor("Was this article helpful?")
    try kiosk.send("Down", "Enter")
    // What went wrong: the first reason, which the ticket carries.
    try await kiosk.waitFor("What went wrong?")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Still need help?")
    screen = try await kiosk.waitFor("1300 521 162")
    #expect(screen.text.contains("helpdesk@netlumait.com.au"))
    try kiosk.send("Enter")
    try await kiosk.waitFor("Open a ticket")

    try kiosk.type("Jane Citizen")
    try kiosk.send("Tab")
    try kiosk.type("jane@example.com")
    try kiosk.send("Tab")
    // A paste with a title-setting sequence and a bidi override: stored clean.
    try kiosk.type("It still says my session has expired.\u{1B}]0;owned\u{07}\u{202E}")
    try kiosk.send("Tab", "Enter")
    screen = try await kiosk.waitFor("Check your ticket")
    #expect(screen.text.contains("Name: Jane Citizen"))
    #expect(screen.text.contains("E-mail: jane@example.com"))
    #expect(screen.text.contains("It still says my session has expired."))
    #expect(!screen.text.contains("owned"))

    try kiosk.send("Enter")
    screen = try await kiosk.waitFor("Your ticket is saved")
    let reference = try #require(
      screen.text.firstMatch(of: /NLM-[2-9A-Z]{5}-[2-9A-Z]{5}-[0-9]{2}/).map { String($0.output) })
    #expect(screen.text.contains("1300 521 162"))

    // The background deliverer writes the spool file.
    let spool = kiosk.folder.appendingPathComponent("state/spool")
    var files: [String] = []
    for _ in 0..<250 {
      files = (try? FileManager.default.contentsOfDirectory(atPath: spool.path))?.filter { $0.hasSuffix(".eml") } ?? []
      if !files.isEmpty { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(files == ["\(reference).eml"])
    let message = try String(contentsOf: spool.appendingPathComponent("\(reference).eml"), encoding: .utf8)
    let lines = message.components(separatedBy: "\r\n")
    #expect(lines.contains("To: helpdesk@netlumait.com.au"))
    #expect(lines.contains("Reply-To: Jane Citizen <jane@example.com>"))
    #expect(lines.contains("X-Ticket-Reference: \(reference)"))
    #expect(lines.contains { $0.hasPrefix("Subject: [\(reference)] Still need help:") })
    let tried = try #require(lines.firstIndex(of: "Steps tried (2 of 22):"))
    #expect(lines[tried + 1] == "- Step 1: Simply Log In Again - Click the login button")
    #expect(lines[tried + 2] == "- Step 1: Simply Log In Again - Enter your credentials")
    #expect(lines[tried + 3] == "Steps not tried:")
    #expect(lines.contains("Was the article helpful: No"))
    #expect(lines.contains("What went wrong: The steps did not work"))
    #expect(!message.contains("\u{1B}") && !message.contains("\u{202E}"))

    // Once it says so, any key returns Home, and the next person starts with nothing ticked.
    try await kiosk.waitFor("Press any key to finish")
    try kiosk.send("x")
    try await kiosk.waitFor("How can we help?")
    try await openChecklist(kiosk)
    try await kiosk.waitFor("0 of 22 steps tried")
  }

  @Test("Letter keys are text on the ticket form, and Esc leads back")
  func formKeepsLetters() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await openChecklist(kiosk)
    try kiosk.send("Tab", "Tab", "Enter", "n")
    try await kiosk.waitFor("What went wrong?")
    try kiosk.send("Escape")
    try await kiosk.waitFor("Still need help?")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Open a ticket")
    try kiosk.type("q?jk")
    let screen = try await kiosk.waitFor("q?jk")
    #expect(screen.text.contains("4/80"))
    try kiosk.send("Escape")
    try await kiosk.waitFor("Still need help?")
  }
}
