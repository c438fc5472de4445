import Foundation
import KioskCore
import Synchronization
import Testing

@testable import KioskContent

/// The shortcuts that make reading a large folder fast give what the long way gives.
@Suite("Reading many files")
struct ParallelReadingTests {
  @Test("Text of plain characters needs no sanitising: each is kept as TerminalText keeps it")
  func plainCharacters() {
    for range in MarkdownParser.plainRanges {
      for value in range {
        guard let scalar = Unicode.Scalar(value), MarkdownParser.isPlain(scalar) else { continue }
        let text = "a" + String(scalar) + "b"
        #expect(TerminalText.sanitize(text) == text, "U+\(String(value, radix: 16, uppercase: true))")
      }
    }
    for text in [
      "Plain text.", "Café “quoted” – 東京 설정 ＡＢ", "tab\there", "line\nfeed", "bidi \u{202E}x", "zero\u{200B}width",
      "e\u{301}\u{301}\u{301}\u{301}\u{301}", "escape \u{1B}[2J", "\u{85}next", "unassigned \u{378}", "",
    ] {
      #expect(MarkdownParser.sanitize(text) == TerminalText.sanitize(text), "\(text.debugDescription)")
      #expect(
        MarkdownParser.sanitize(text, keepingNewlines: true) == TerminalText.sanitize(text, keepingNewlines: true),
        "\(text.debugDescription)")
    }
  }

  @Test("Results come in order, whichever thread made them")
  func order() {
    let reader = ParallelReader(count: 500, threads: 3) { index -> Int in
      if index % 7 == 0 { usleep(100) }
      return index * 2
    }
    defer { reader.stop() }
    #expect((0..<500).map { reader.take($0) } == (0..<500).map { $0 * 2 })
  }

  /// How many items were begun.
  final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
  }

  @Test("Stopping waits for the items begun, and begins no more")
  func stopping() {
    let started = Counter()
    let reader = ParallelReader(count: 10_000, threads: 2) { index -> Int in
      started.add()
      usleep(200)
      return index
    }
    #expect(reader.take(0) == 0)
    reader.stop()
    let count = started.value
    #expect(count <= 1 + ParallelReader<Int>.window, "no more than the window ahead")
    usleep(5000)
    #expect(started.value == count, "nothing begun after stop")
  }

  @Test("Decoding checks the bytes as before: blank, binary, CR LF, byte-order mark, not UTF-8")
  func decoding() throws {
    func decode(_ bytes: [UInt8]) throws -> String {
      try ContentLoader.decode(Data(bytes), name: "a.md")
    }
    #expect(try decode(Array("a\r\nb\rc\r".utf8)) == "a\nb\rc\r")
    #expect(try decode([0xEF, 0xBB, 0xBF] + Array("text".utf8)) == "text")
    #expect(throws: ContentProblem(file: "a.md", line: 1, message: "the file is empty")) { try decode(Array(" \r\n\t".utf8)) }
    #expect(throws: ContentProblem(file: "a.md", line: 2, message: "binary file: it holds NUL bytes, not text")) {
      try decode(Array(" \n ".utf8) + [0])
    }
    #expect(throws: ContentProblem(file: "a.md", line: 2, message: "not UTF-8 text: save the file as UTF-8")) {
      try decode(Array("ok\n".utf8) + [0xE9])
    }
  }
}

@Suite("Index rows")
struct IndexRowTests {
  @Test("An article with a warning is searched under its own row, and forgotten with it when it changes")
  func warnedArticle() throws {
    let folder = try ContentIndexTests.folder([
      "a.md": ContentIndexTests.article(title: "Alpha", body: "The toner cartridge."),
      "b.md": ContentIndexTests.article(title: "Bravo", body: "A kestrel on the roof.\n\n<div>raw</div>"),
    ])
    defer { folder.remove() }
    let index = try ContentIndex(folder: folder.url, file: nil)
    let first = try index.refresh(categories: Content.categories)
    // One problem row (the first of the table) for the second article (the second row).
    #expect(first.problems.map(\.description) == ["b.md:11: raw HTML is not shown; write it as Markdown"])
    #expect(ContentIndexTests.ids(try index.search("kestrel", limit: 10)) == ["b"])
    #expect(ContentIndexTests.ids(try index.search("toner", limit: 10)) == ["a"])
    // A different size: read again, the old text gone with the old row.
    try folder.write("b.md", ContentIndexTests.article(title: "Bravo", body: "A heron on the lawn.\n\n<div>raw</div>"))
    _ = try index.refresh(categories: Content.categories)
    #expect(ContentIndexTests.ids(try index.search("kestrel", limit: 10)).isEmpty)
    #expect(ContentIndexTests.ids(try index.search("heron", limit: 10)) == ["b"])
    #expect(ContentIndexTests.ids(try index.search("toner", limit: 10)) == ["a"])
  }
}
