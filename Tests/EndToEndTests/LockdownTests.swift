import Foundation
import KioskTestSupport
import Testing

/// A kiosk on a public terminal: no key leaves it, and a session left alone is forgotten.
@Suite("Lock-down end to end", .serialized, .timeLimit(.minutes(1)))
struct LockdownTests {
  static let article = #"How to Fix "Your Session Has Expired" Errors"#

  /// Keys and input a curious or hostile person might try on every screen.
  static let breakout: [[String]] = [
    ["C-c"], ["C-z"], ["C-\\"], ["C-d"], ["q"], ["!"], [":"], ["F10"], ["C-s"], ["C-q"],
  ]
  static let mouseBurst = String(repeating: "\u{1B}[M !!\u{1B}[M#!!\u{1B}[<0;5;5M\u{1B}[<0;5;5m", count: 50)
  static let pastedSequences = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}P+q\u{1B}\\\u{1B}]52;c;cHduZWQ=\u{07}"

  private func tryToBreakOut(_ kiosk: TmuxSession, on expected: String) async throws {
    for keys in Self.breakout { try kiosk.send(keys[0]) }
    try kiosk.type(Self.pastedSequences)
    try await Task.sleep(for: .milliseconds(150))
    #expect(!kiosk.hasExited, "still running on \(expected)")
    let screen = try await kiosk.waitFor("IT Help Desk")
    #expect(screen.text.contains(expected), "still on \(expected):\n\(screen)")
    #expect(!screen.text.contains("owned"))
  }

  @Test("Breakout keys, mouse bursts and pasted sequences on every screen leave the kiosk running")
  func breakoutOnEveryScreen() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try await tryToBreakOut(kiosk, on: "How can we help?")
    try kiosk.send("Home", "Enter")
    var list = try await kiosk.waitFor("Enter Read")
    for _ in 0..<10 where !list.isSelected(Self.article) { list = try await kiosk.press("Down") }
    try await tryToBreakOut(kiosk, on: "Enter Read")
    try kiosk.send("Enter")
    try await kiosk.waitFor("Updated 7 January 2026")
    try await tryToBreakOut(kiosk, on: "Updated 7 January 2026")
    try kiosk.send("Home", "Enter")
    try await kiosk.waitFor("Try the steps:")
    try await tryToBreakOut(kiosk, on: "Try the steps:")
    try kiosk.send("End", "Enter")
    try await kiosk.waitFor("Was this article helpful?")
    try kiosk.send("Down", "Enter")
    try await kiosk.waitFor("Still need help?")
    try await tryToBreakOut(kiosk, on: "Still need help?")
    try kiosk.send("Home", "Enter")
    try await kiosk.waitFor("Open a ticket")
    try await tryToBreakOut(kiosk, on: "Open a ticket")
    try kiosk.send("F1")
    try await kiosk.waitFor("Press any key to close")
    try await tryToBreakOut(kiosk, on: "IT Help Desk")
    // A burst of mouse reports: clicks may open what is under them, nothing more.
    try kiosk.type(Self.mouseBurst)
    try await Task.sleep(for: .milliseconds(150))
    #expect(!kiosk.hasExited)
    try await kiosk.waitFor("IT Help Desk")
    // An Esc flood walks back, never out.
    for _ in 0..<40 { try kiosk.send("Escape") }
    try await Task.sleep(for: .milliseconds(200))
    #expect(!kiosk.hasExited)
    try await kiosk.waitFor("IT Help Desk")

    // The kiosk started no other program.
    let pid = try await kiosk.pid()
    let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
    #expect(children.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "child processes: \(children)")
  }

  @Test("A session left alone is forgotten: screen, scrollback and database hold nothing of it")
  func idleExpiryForgetsTheSession() async throws {
    let kiosk = try TmuxSession(["--idle-timeout", "1", "--idle-countdown", "2"])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("Enter", "Enter", "Enter")
    try await kiosk.waitFor("Try the steps:")
    try kiosk.send("Space", "Tab", "Tab", "Enter", "n", "Enter")
    try await kiosk.waitFor("Open a ticket")
    try kiosk.type("Secret Sam")
    try await kiosk.waitFor("Secret Sam")
    try await kiosk.waitFor("Are you still there?", timeout: .seconds(5))
    try await kiosk.waitFor("How can we help?", timeout: .seconds(6))
    let screen = try await kiosk.waitUntil("the countdown gone") { !$0.text.contains("still there") }
    #expect(!screen.text.contains("Secret Sam"))
    #expect(!(try kiosk.history()).contains("Secret Sam"), "the tmux scrollback")
    let state = kiosk.folder.appendingPathComponent("state")
    for file in (try? FileManager.default.contentsOfDirectory(atPath: state.path)) ?? [] {
      let bytes = (try? Data(contentsOf: state.appendingPathComponent(file))) ?? Data()
      #expect(bytes.range(of: Data("Secret Sam".utf8)) == nil, "\(file)")
    }
    // The next person finds nothing ticked.
    try kiosk.send("Enter", "Enter", "Enter")
    try await kiosk.waitFor("0 of ")
  }

  @Test("A key during the countdown keeps the session")
  func aKeyKeepsTheSession() async throws {
    let kiosk = try TmuxSession(["--idle-timeout", "1", "--idle-countdown", "4"])
    defer { kiosk.close() }
    try await kiosk.waitFor("How can we help?")
    try kiosk.send("Enter", "Enter", "Enter")
    try await kiosk.waitFor("Try the steps:")
    try kiosk.send("Space")
    try await kiosk.waitFor("Are you still there?", timeout: .seconds(5))
    try kiosk.send("x")
    let screen = try await kiosk.waitUntil("the checklist again") { !$0.text.contains("still there") }
    #expect(screen.text.contains("Try the steps:"))
    #expect(screen.text.contains("1 of "))
  }
}
