import Foundation
import KioskTestSupport
import Testing

/// `helpdesk-kiosk check`, run as a program.
@Suite("check command")
struct CheckCommandTests {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The built program: `$KIOSK_BINARY`, or `.build/debug/helpdesk-kiosk` in the package.
  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["KIOSK_BINARY"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return packageRoot.appendingPathComponent(".build/debug/helpdesk-kiosk")
  }

  static func run(_ arguments: [String]) throws -> Result {
    let binary = Self.binary
    try #require(
      FileManager.default.isExecutableFile(atPath: binary.path),
      "\(binary.path) is not built: run `swift build --build-tests` or set KIOSK_BINARY")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read stderr on another thread so that neither pipe can fill up and block the program.
    let errorData = ErrorReader(errors.fileHandleForReading)
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errorData.wait(), as: UTF8.self))
  }

  /// Reads a pipe to its end in the background.
  final class ErrorReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
      Thread.detachNewThread { [self] in
        data = handle.readDataToEndOfFile()
        done.signal()
      }
    }

    func wait() -> Data {
      done.wait()
      return data
    }
  }

  @Test("The shipped content checks clean: exit 0, nothing on stdout")
  func shipped() throws {
    let result = try Self.run(["check", "--content", shippedContent.path])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == "")
  }

  @Test("Each problem is one 'file:line: message' line on stdout, and the exit status is 1")
  func problems() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("categories.yaml", Content.categoriesYAML())
    try folder.write("good.md", Content.article())
    try folder.write("empty.md", "")
    try folder.write(
      "guides/bad-date.md", Content.article(Content.front(replacing: "updated", with: "updated: 2026-02-30")))

    let result = try Self.run(["check", "--content", folder.url.path])
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(
      result.stdout.split(separator: "\n", omittingEmptySubsequences: false) == [
        "empty.md:1: the file is empty",
        "guides/bad-date.md:4: 'updated' must be a date written YYYY-MM-DD, not '2026-02-30'",
        "",
      ])
  }

  @Test("A bad synonyms.yaml and bad 'messages' are reported as file:line: message")
  func synonymsAndMessages() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("categories.yaml", Content.categoriesYAML())
    try folder.write(
      "good.md",
      Content.article(Content.front(replacing: "summary", with: "summary: S.\nmessages:\n  - Access is denied\n  - [x]")))
    try folder.write(
      "synonyms.yaml", "# groups\n- [wifi, wi-fi]\n- [wireless, Wi-Fi]\n- [alone]\n- lonely\n- [ok, fine]\n")

    let result = try Self.run(["check", "--content", folder.url.path])
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(
      result.stdout.split(separator: "\n", omittingEmptySubsequences: false) == [
        "good.md:8: each of 'messages' must be a text, such as '- Your session has expired'",
        "synonyms.yaml:3: 'Wi-Fi' is already in the group on line 2",
        "synonyms.yaml:3: a group needs at least two words or phrases",
        "synonyms.yaml:4: a group needs at least two words or phrases",
        "synonyms.yaml:5: a group must be a list of words or phrases, such as [wifi, wi-fi, wireless]",
        "",
      ])
  }

  @Test("A link or a related id that leads to no article, or outside the folder, is a problem")
  func brokenLinks() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("categories.yaml", Content.categoriesYAML())
    try folder.write(
      "guides/a.md",
      Content.article(
        Content.front(replacing: "summary", with: "summary: S.\nrelated:\n  - b\n  - nowhere"),
        body: "See [B](../b.md), [C](c.md#part), [up](../../etc/passwd.md) and [web](https://example.com/x.md).\n"))
    try folder.write(
      "b.md", Content.article(Content.front(replacing: "url", with: "url: ftp://x.example/b"), body: "Back to [A](guides/a.md).\n"))
    let result = try Self.run(["check", "--content", folder.url.path])
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(
      result.stdout.split(separator: "\n", omittingEmptySubsequences: false) == [
        "b.md:6: 'url' must be an http or https address, not 'ftp://x.example/b'",
        "guides/a.md:8: 'related' names 'nowhere', which is no article",
        "guides/a.md:10: the link to '../../etc/passwd.md' leads outside the content folder; it is shown as text",
        "guides/a.md:10: the link to 'guides/c.md' leads to no article; it is shown as text",
        "",
      ])
  }

  @Test("search: the ranked articles with why each matched, as text and as JSON")
  func search() throws {
    let text = try Self.run(["search", "--content", shippedContent.path, "--limit", "2", "sesion expird"])
    #expect(text.status == 0, "stderr: \(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "Showing results for session expired")
    #expect(lines.contains { $0.hasPrefix("1. How to Fix \"Your Session Has Expired\" Errors  [session-expired") })
    #expect(lines.contains("   sesion → session (correction): title, messages, headings, summary, body"))

    let json = try Self.run(["search", "--content", shippedContent.path, "--json", "wifi"])
    #expect(json.status == 0, "stderr: \(json.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let results = try #require(report["results"] as? [[String: Any]])
    #expect(results.first?["id"] as? String == "cant-connect-to-wifi")
    #expect((report["searched_for"] as? String)?.hasPrefix("wifi, or ") == true)
    let reasons = try #require(results.first?["reasons"] as? [[String: Any]])
    #expect(reasons.first?["typed"] as? String == "wifi")
    #expect(["synonym", "prefix", "typed"].contains(reasons.first?["source"] as? String ?? ""))

    let nothing = try Self.run(["search", "--content", shippedContent.path, "zebra quartz"])
    #expect(nothing.stdout == "No article matches \"zebra quartz\".\n")
    #expect(try Self.run(["search", "--limit", "0", "x"]).status == 64)
  }

  @Test("--stale lists the articles not updated within the days given, oldest first; it fails nothing")
  func stale() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("categories.yaml", Content.categoriesYAML())
    let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
    try folder.write("fresh.md", Content.article(Content.front(replacing: "updated", with: "updated: \(today)")))
    try folder.write("old.md", Content.article(Content.front(replacing: "updated", with: "updated: 2001-02-03")))
    try folder.write("older.md", Content.article(Content.front(replacing: "updated", with: "updated: 2000-01-01")))
    let result = try Self.run(["check", "--content", folder.url.path, "--stale", "30"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("older.md: not updated since 1 January 2000 (") == true, "\(lines)")
    #expect(lines.last?.hasPrefix("old.md: not updated since 3 February 2001 (") == true, "\(lines)")
    #expect(result.stderr.hasSuffix("3 articles loaded, 0 problems, 2 not updated in 30 days\n"))
    #expect(try Self.run(["check", "--content", folder.url.path, "--stale", "-1"]).status == 64)
  }

  @Test("A missing folder: exit 66 and one line on stderr")
  func missingFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let missing = folder.url.appendingPathComponent("nowhere")
    let result = try Self.run(["check", "--content", missing.path])
    #expect(result.status == 66)
    #expect(result.stdout == "")
    #expect(result.stderr == "helpdesk-kiosk: content folder \(missing.path) does not exist\n")
  }
}
