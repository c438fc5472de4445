import Foundation
import KioskTestSupport
import Testing

/// Text pasted into the ticket form, in a real terminal: tmux sends it as a bracketed
/// paste, because the kiosk asks for those.
@Suite("Paste end to end", .serialized, .timeLimit(.minutes(1)))
struct PasteJourneyTests {
  /// Pastes `text` into the focused field as tmux's `paste-buffer -p` does, byte for byte
  /// (`-r`: line feeds are not made carriage returns on the way).
  private func paste(_ text: String, into kiosk: TmuxSession) throws {
    let file = kiosk.folder.appendingPathComponent("clipboard")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let tmux = try Tmux.executable()
    let commands = [
      ["load-buffer", "-b", "clipboard", file.path], ["paste-buffer", "-p", "-r", "-b", "clipboard", "-t", "kiosk"],
    ]
    for arguments in commands {
      _ = try Tmux.run(tmux, ["-f", "/dev/null", "-L", kiosk.socket] + arguments, scratch: kiosk.folder)
    }
  }

  @Test("A paste from a Windows clipboard (CR LF) into What happened? has one line break per line")
  func windowsLineEnds() async throws {
    let kiosk = try TmuxSession()
    defer { kiosk.close() }
    try await kiosk.openTicketForm()
    try kiosk.type("Pat Paste")
    try kiosk.send("Tab")
    try kiosk.type("pat@example.com")
    try kiosk.send("Tab")

    // CR LF, CR LF twice (an empty line), a lone CR and a lone LF.
    try paste("It fails.\r\nEvery time.\r\n\r\nSince Monday\ron two PCs\nat the desk.", into: kiosk)
    let lines = ["It fails.", "Every time.", "", "Since Monday", "on two PCs", "at the desk."]
    let count = lines.joined(separator: "\n").count
    var screen = try await kiosk.waitFor("\(count)/2000")
    let top = try #require(screen.row(containing: "│It fails."), "the description's first line:\n\(screen)")
    for (offset, line) in lines.enumerated() {
      #expect(screen.line(top + offset).hasPrefix("  │\(line) "), "row \(top + offset):\n\(screen)")
    }

    try kiosk.send("Tab", "Enter")
    try await kiosk.waitFor("Check your ticket")
    try kiosk.send("Enter")
    let pattern = /NLM-[2-9A-Z]{5}-[2-9A-Z]{5}-[0-9]{2}/
    screen = try await kiosk.waitUntil("the ticket's reference") { $0.text.firstMatch(of: pattern) != nil }
    let reference = try #require(screen.text.firstMatch(of: pattern).map { String($0.output) })
    let file = kiosk.folder.appendingPathComponent("state/spool/\(reference).eml")
    for _ in 0..<250 where !FileManager.default.fileExists(atPath: file.path) {
      try await Task.sleep(for: .milliseconds(20))
    }
    let message = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n")
    let start = try #require(message.firstIndex(of: "What happened:")) + 1
    #expect(Array(message[start..<min(start + lines.count + 1, message.count)]) == lines + [""])
  }
}
