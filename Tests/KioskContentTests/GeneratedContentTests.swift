import Foundation
import KioskTestSupport
import Testing

@testable import KioskContent

/// `scripts/gen-content.py`, the synthetic knowledge base the benchmarks run on.
@Suite("generated content")
struct GeneratedContentTests {
  static let script = packageRoot.appendingPathComponent("scripts/gen-content.py")

  /// Runs the generator with `python3` from PATH; returns its exit status and stderr.
  static func generate(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
  }

  /// Every file of a folder, by name.
  static func files(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
  }

  @Test("300 articles with one of about 1 MiB pass `check`, and the large one opens with Enter, Enter")
  func passesCheck() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let content = folder.url.appendingPathComponent("content")
    let generated = try Self.generate(["--articles", "300", "--large", "1", "--seed", "7", "--out", content.path])
    try #require(generated.status == 0, "gen-content.py: \(generated.stderr)")

    let result = try CheckCommandTests.run(["check", "--content", content.path])
    #expect(result.status == 0, "stdout: \(result.stdout.prefix(2000))")
    #expect(result.stdout == "")
    #expect(result.stderr == "300 articles loaded, 0 problems\n")

    let (catalog, problems) = try ContentLoader.load(from: content)
    #expect(problems.isEmpty)
    #expect((20...50).contains(catalog.categories.count), "\(catalog.categories.count) categories")
    let first = try #require(catalog.categories.first.map { catalog.articles(in: $0.name) }?.first)
    #expect(first.id == "0x80070005-event-log-reference-1")
    let size = try Data(contentsOf: content.appendingPathComponent("\(first.id).md")).count
    #expect((1_000_000...1_100_000).contains(size), "\(size) bytes")

    // Ordinary articles: mostly 2-10 KB, none over 30 KB.
    let sizes = try Self.files(content).filter { $0.key.hasSuffix(".md") && $0.key != "\(first.id).md" }
      .map(\.value.count)
    #expect(sizes.count == 299)
    #expect(sizes.allSatisfy { $0 < 30_000 })
    #expect(sizes.count { (2_000...10_000).contains($0) } * 10 >= sizes.count * 7)
  }

  @Test("The same seed writes the same bytes; another seed writes other articles")
  func deterministic() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var outputs: [[String: Data]] = []
    for (name, seed) in [("a", "3"), ("b", "3"), ("c", "4")] {
      let content = folder.url.appendingPathComponent(name)
      let generated = try Self.generate(["--articles", "40", "--large", "0", "--seed", seed, "--out", content.path])
      try #require(generated.status == 0, "gen-content.py: \(generated.stderr)")
      outputs.append(try Self.files(content))
    }
    #expect(outputs[0].count == 41)
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0] != outputs[2])
  }

  @Test("Bad arguments and a folder that is not empty are refused with a message")
  func refuses() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("notes.txt", "not empty")
    let full = try Self.generate(["--articles", "5", "--out", folder.url.path])
    #expect(full.status == 64)
    #expect(full.stderr == "gen-content: \(folder.url.path) is not empty: give a new or empty folder\n")
    let tooLarge = try Self.generate(["--articles", "2", "--large", "3", "--out", folder.url.path + "/new"])
    #expect(tooLarge.status == 64)
    #expect(tooLarge.stderr.contains("--large between 0 and --articles"))
  }
}
