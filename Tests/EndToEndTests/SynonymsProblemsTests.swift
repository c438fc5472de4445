import Foundation
import KioskTestSupport
import Testing

/// The problems of `synonyms.yaml` reach the log once on every start, read after the first
/// frame, whether the start made the content index or found it made.
@Suite("Synonyms problems end to end", .serialized, .timeLimit(.minutes(1)))
struct SynonymsProblemsTests {
  @Test("A bad synonyms.yaml is logged on the first start and again on a start from the index")
  func loggedOnEveryStart() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-synonyms-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let content = folder.appendingPathComponent("content")
    let state = folder.appendingPathComponent("state")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: shippedContent, to: content)
    try "- [wifi, wi-fi]\n- [lonely]\n".write(
      to: content.appendingPathComponent("synonyms.yaml"), atomically: true, encoding: .utf8)
    let problem = "content: synonyms.yaml:2: a group needs at least two words or phrases"
    let log = state.appendingPathComponent("kiosk.log")

    for start in 1...2 {
      let kiosk = try TmuxSession(["--state-dir", state.path, "--idle-timeout", "0"], content: content)
      defer { kiosk.close() }
      try await kiosk.waitFor("How can we help?")
      var lines: [String] = []
      for _ in 0..<250 {
        lines = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        if lines.count(where: { $0.contains(problem) }) >= start { break }
        try await Task.sleep(for: .milliseconds(20))
      }
      #expect(
        lines.count(where: { $0.contains(problem) }) == start,
        "start \(start): kiosk.log held:\n\(lines.joined(separator: "\n"))")
      kiosk.close()
    }
    #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("content-index.sqlite").path))
  }
}
