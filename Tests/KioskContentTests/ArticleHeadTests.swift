import Foundation
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskContent

/// The head of a long article, shown while the whole is parsed: it must parse alone exactly
/// as it does in the whole, or not be cut at all.
@Suite("The head of a long article")
struct ArticleHeadTests {
  static func blocks(_ markdown: Substring) -> [Block] {
    MarkdownParser.parse(markdown, firstLine: 1).0.blocks
  }

  /// Every cut of `body` from each of `minimums` gives a head and a rest whose blocks are
  /// the whole's; returns how many cuts were made.
  static func checkCuts(_ body: Substring, minimums: [Int], name: String) -> Int {
    let whole = blocks(body)
    var cuts = 0
    for minimum in minimums {
      guard let cut = ArticleHead.cut(body, minimum: minimum) else { continue }
      cuts += 1
      #expect(body.utf8.distance(from: body.startIndex, to: cut) >= minimum)
      #expect(body[cut...].hasPrefix("#"), "\(name) is cut at a heading")
      let head = blocks(body[..<cut])
      #expect(head.count > 0 && head.count < whole.count)
      #expect(head == Array(whole.prefix(head.count)), "\(name): the head parses as in the whole (from \(minimum))")
      #expect(blocks(body[cut...]) == Array(whole.dropFirst(head.count)), "\(name): and so does the rest")
    }
    return cuts
  }

  @Test("Every shipped article, cut wherever it can be, parses as it does whole")
  func shippedArticles() throws {
    var cuts = 0
    let folder = shippedContent
    for path in ContentFiles.list(folder).files.keys.sorted() {
      let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
      var problems: [ContentProblem] = []
      let body = try FrontMatter.parse(text, file: path, problems: &problems).body
      #expect(body.utf8.count < ArticleHead.threshold, "\(path) is shown whole at once")
      cuts += Self.checkCuts(body, minimums: [0, 200, 1000, 2000, 4000], name: path)
    }
    #expect(cuts >= 20, "the shipped articles have headings to cut at")
  }

  @Test("A generated 1 MiB article is cut after 16 KiB, and its head and rest parse as the whole")
  func generatedArticle() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let content = folder.url.appendingPathComponent("content")
    let generated = try GeneratedContentTests.generate(["--articles", "2", "--large", "1", "--seed", "11", "--out", content.path])
    try #require(generated.status == 0, "gen-content.py: \(generated.stderr)")
    let large = try #require(ContentFiles.list(content).files.keys.first { $0.hasPrefix("0x") })
    let url = content.appendingPathComponent(large)
    let text = try String(contentsOf: url, encoding: .utf8)
    var problems: [ContentProblem] = []
    let body = try FrontMatter.parse(text, file: large, problems: &problems).body
    #expect(Self.checkCuts(body, minimums: [ArticleHead.minimum, 100_000, 500_000], name: large) == 3)

    let (head, isWhole) = ContentLoader.document(at: url, file: large, headOnly: true)
    #expect(!isWhole)
    let whole = ContentLoader.document(at: url, file: large)
    #expect(head.blocks == Array(whole.blocks.prefix(head.blocks.count)))
    #expect(head.blocks.count * 20 < whole.blocks.count, "the head is a small part")
    // Parsed in parts on every core, the whole is the same document.
    #expect(whole == MarkdownParser.parse(body, firstLine: 1).0)
    #expect(ArticleHead.cuts(body, every: 100_000).count >= 5)
    // Laid out in two halves at once, it is one layout.
    let lines = ReaderLines(laying: whole, width: 76, glyphs: .unicode, exists: { _ in true }) { _, _ in [] }
    #expect(lines.all == DocumentLayout.numberLinks(DocumentLayout.lines(whole, width: 76, glyphs: .unicode)))
  }

  @Test("Not cut: link definitions and raw HTML anywhere, a heading in fenced code, a short text")
  func refused() {
    let filler = String(repeating: "A paragraph of text that fills the head.\n\n", count: 20)
    let plain = Substring(filler + "## Next\n\nMore.\n")
    #expect(ArticleHead.cut(plain, minimum: 100) != nil)
    #expect(ArticleHead.cut(plain, minimum: plain.utf8.count) == nil, "nothing after the minimum")
    #expect(ArticleHead.cut(Substring(filler + "## Next\n\nSee [the guide][g].\n\n[g]: https://example.com\n"), minimum: 100) == nil)
    #expect(ArticleHead.cut(Substring(filler + "## Next\n\n[^1]: A footnote.\n"), minimum: 100) == nil)
    #expect(ArticleHead.cut(Substring("<!--\n\n" + filler + "## Hidden\n\n-->\n"), minimum: 100) == nil)
    let fenced = Substring("```\n" + filler + "## Not a heading\n\n```\n\n" + filler + "## A heading\n")
    let cut = ArticleHead.cut(fenced, minimum: 100)
    #expect(cut.map { fenced[$0...].hasPrefix("## A heading") } == true)
    #expect(ArticleHead.cut(Substring(filler + "Text\n## Straight after a line\n"), minimum: 100) == nil, "no blank line before")
    #expect(ArticleHead.cut(Substring(filler + "#hashtag, not a heading\n"), minimum: 100) == nil)
    #expect(Self.checkCuts(fenced, minimums: [100], name: "fenced") == 1)
  }
}
