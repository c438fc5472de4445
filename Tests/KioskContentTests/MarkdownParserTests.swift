import Foundation
import KioskCore
import Testing

@testable import KioskContent

@Suite("Markdown parser")
struct MarkdownParserTests {
  @Test("ATX headings keep their level and text")
  func headings() {
    #expect(
      blocks("# One\n\n## How to Fix It\n\n### Step 1: Simply Log In Again\n#### Four ###\n") == [
        .heading(level: 1, spans: [Span("One")]),
        .heading(level: 2, spans: [Span("How to Fix It")]),
        .heading(level: 3, spans: [Span("Step 1: Simply Log In Again")]),
        .heading(level: 4, spans: [Span("Four")]),
      ])
  }

  @Test("Paragraphs join their lines with a space and are split by blank lines")
  func paragraphs() {
    #expect(
      blocks("First line\nsecond line.\n\nA hard  \nbreak.\n\n\n  Indented a little.\n") == [
        paragraph(Span("First line second line.")),
        paragraph(Span("A hard break.")),
        paragraph(Span("Indented a little.")),
      ])
  }

  @Test("A bullet list gives one item per bullet, tight unless blank lines part them")
  func bulletLists() throws {
    let tight = blocks("- one\n- two\n- three\n")
    try #require(tight.count == 1)
    guard case .list(let list) = tight[0] else {
      Issue.record("expected a list, got \(tight[0])")
      return
    }
    #expect(!list.isOrdered)
    #expect(list.isTight)
    #expect(list.items == [item("one"), item("two"), item("three")])

    guard case .list(let loose) = try #require(blocks("* one\n\n* two\n").first) else {
      Issue.record("expected a list")
      return
    }
    #expect(!loose.isOrdered)
    #expect(!loose.isTight)
    #expect(loose.items == [item("one"), item("two")])
  }

  @Test("A numbered list keeps the number it starts at")
  func numberedLists() {
    #expect(
      blocks("3. three\n4. four\n5. five\n") == [
        .list(ListBlock(isOrdered: true, start: 3, items: [item("three"), item("four"), item("five")]))
      ])
    #expect(
      blocks("1) first\n2) second\n") == [
        .list(ListBlock(isOrdered: true, start: 1, items: [item("first"), item("second")]))
      ])
  }

  @Test("A list inside an item stays inside that item")
  func nestedLists() throws {
    let parsed = blocks("- outer\n  1. inner one\n  2. inner two\n- next\n")
    try #require(parsed.count == 1)
    guard case .list(let list) = parsed[0] else {
      Issue.record("expected a list, got \(parsed[0])")
      return
    }
    try #require(list.items.count == 2)
    #expect(
      list.items[0].blocks == [
        paragraph(Span("outer")),
        .list(ListBlock(isOrdered: true, start: 1, items: [item("inner one"), item("inner two")])),
      ])
    #expect(list.items[1] == item("next"))
  }

  @Test("Strong, emphasis and code spans carry their attributes")
  func inlineAttributes() {
    #expect(
      blocks("Plain **bold** and *it* and _it too_ and `code` and ***both*** and **a `b`**.") == [
        paragraph(
          Span("Plain "), Span("bold", .strong), Span(" and "), Span("it", .emphasis), Span(" and "),
          Span("it too", .emphasis), Span(" and "), Span("code", .code), Span(" and "),
          Span("both", [.strong, .emphasis]), Span(" and "), Span("a ", .strong),
          Span("b", [.strong, .code]), Span(".")
        )
      ])
  }

  @Test("A block quote note holds its paragraph")
  func blockQuote() {
    #expect(
      blocks("> **Note:** Many apps auto-save, so your work might be fine.\n") == [
        .quote([paragraph(Span("Note:", .strong), Span(" Many apps auto-save, so your work might be fine."))])
      ])
    #expect(
      blocks("> First.\n>\n> Second.\n") == [
        .quote([paragraph(Span("First.")), paragraph(Span("Second."))])
      ])
  }

  @Test("A link is shown as its text followed by its address")
  func links() {
    #expect(
      blocks("See [the portal](https://portal.example/help) now.") == [
        paragraph(Span("See "), Span("the portal", .link), Span(" (https://portal.example/help) now."))
      ])
    #expect(
      blocks("**[Reset](https://x.example)**") == [
        paragraph(Span("Reset", [.strong, .link]), Span(" (https://x.example)", .strong))
      ])
    #expect(
      blocks("Write to [the help desk](mailto:helpdesk@netlumait.com.au).") == [
        paragraph(Span("Write to "), Span("the help desk", .link), Span(" (helpdesk@netlumait.com.au)."))
      ])
  }

  @Test("A link whose text is its address is shown once")
  func selfLinks() {
    #expect(
      blocks("Mail [helpdesk@netlumait.com.au](mailto:helpdesk@netlumait.com.au) today.") == [
        paragraph(Span("Mail "), Span("helpdesk@netlumait.com.au", .link), Span(" today."))
      ])
    #expect(
      blocks("Autolinks <https://x.example/a> and <helpdesk@netlumait.com.au>.") == [
        paragraph(
          Span("Autolinks "), Span("https://x.example/a", .link), Span(" and "),
          Span("helpdesk@netlumait.com.au", .link), Span("."))
      ])
  }

  @Test("Task items carry an open or a done box; other items none")
  func taskItems() {
    #expect(
      blocks("- [ ] Click the login button\n- [x] Enter your credentials\n- [X] Done too\n- Plain\n") == [
        .list(bullets([
          item("Click the login button", task: .open),
          item("Enter your credentials", task: .done),
          item("Done too", task: .done),
          item("Plain"),
        ]))
      ])
  }

  @Test("Fenced and indented code blocks keep their lines")
  func codeBlocks() {
    #expect(
      blocks("```sh\nipconfig /release\n  ipconfig /renew\n\n```\n\n    indented code\n") == [
        .code("ipconfig /release\n  ipconfig /renew"),
        .code("indented code"),
      ])
  }

  @Test("A thematic break is a rule")
  func thematicBreak() {
    #expect(
      blocks("Above\n\n***\n\nBetween\n\n---\n\nBelow\n") == [
        paragraph(Span("Above")), .rule, paragraph(Span("Between")), .rule, paragraph(Span("Below")),
      ])
  }

  @Test("Raw HTML is left out and reported at its line in the file")
  func rawHTML() {
    let markdown = "Intro\n\n<div class=\"x\">\nhidden\n</div>\n\nText with <b>bold</b> html.\n"
    let (document, problems) = parse(markdown, firstLine: 10)
    #expect(document.blocks == [paragraph(Span("Intro")), paragraph(Span("Text with bold html."))])
    #expect(problems.map(\.line) == [12, 16, 16])
    #expect(problems.allSatisfy { $0.message == "raw HTML is not shown; write it as Markdown" })

    let first = parse("<!-- comment -->\n", firstLine: 1).problems
    #expect(first.map(\.line) == [1])
  }

  @Test("The body may be a slice of a larger text")
  func substringInput() {
    let text = "---\ntitle: x\n---\n## Heading\n\nBody.\n"
    let start = text.range(of: "## Heading")?.lowerBound ?? text.endIndex
    let (document, problems, _) = MarkdownParser.parse(text[start...], firstLine: 4)
    #expect(document.blocks == [.heading(level: 2, spans: [Span("Heading")]), paragraph(Span("Body."))])
    #expect(problems.isEmpty)
  }

  @Test(
    "Escape sequences, controls and bidi overrides are removed from all text",
    arguments: [
      ("a\u{1B}[31mb\u{202E}c", [paragraph(Span("abc"))]),
      ("## Ti\u{1B}]0;owned\u{07}tle", [.heading(level: 2, spans: [Span("Title")])]),
      (
        "- [ ] Cl\u{9B}2Jick\u{200B}",
        [.list(bullets([item("Click", task: .open)]))]
      ),
      ("**bo\u{1B}[2Jld**\u{7F}", [paragraph(Span("bold", .strong))]),
      ("```\nco\u{1B}[2Jde\u{08}\n```", [.code("code")]),
      ("[li\u{202E}nk](https://x.example/\u{2066}a)", [paragraph(Span("link", .link), Span(" (https://x.example/a)"))]),
    ] as [(String, [Block])])
  func sanitizesText(markdown: String, expected: [Block]) {
    #expect(blocks(markdown) == expected)
  }

  @Test("Character references cannot bring controls back")
  func characterReferences() {
    let text = parse("a&#27;[2Jb&#x202E;c &#x9B;d &#0; e `&#27;`\n\n    f\u{1B}g\n").document.allText
    #expect(text.count == 2)
    for piece in text {
      #expect(piece == TerminalText.sanitize(piece, keepingNewlines: true), "\(piece.debugDescription)")
      #expect(
        !piece.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || $0 == "\u{202E}" })
    }
  }

  @Test("5,000 nested block quotes parse, and the result stays shallow")
  func deepQuotes() {
    // 200,000 levels: far more than any article, and enough that a builder doing work
    // in proportion to the depth at every level would not finish in this test's lifetime.
    let document = parse(String(repeating: ">", count: 200_000) + " deep\n").document
    let depth = document.blocks.map(\.depth).max() ?? 0
    #expect(depth == MarkdownParser.maximumNesting)
    #expect(document.allText == ["deep"])
  }

  @Test(
    "Deeply nested lists parse, and the result stays shallow",
    arguments: [
      String(repeating: "- ", count: 1_000) + "deep\n",
      String(repeating: "1. ", count: 500) + "deep\n",
      String(repeating: "> - ", count: 500) + "deep\n",
    ])
  func deepLists(markdown: String) {
    let document = parse(markdown).document
    let depth = document.blocks.map(\.depth).max() ?? 0
    #expect(depth >= MarkdownParser.maximumNesting - 1)
    #expect(depth <= MarkdownParser.maximumNesting)
  }

  @Test("Text nested past the limit is kept, in the deepest container shown")
  func deepTextIsKept() {
    for markdown in [
      String(repeating: "> ", count: 12) + "deep text\n",
      String(repeating: ">", count: 50) + " deep text\n",
      String(repeating: "> ", count: 12) + "## deep text\n",
      String(repeating: "- ", count: 7) + "deep text\n",
    ] {
      let text = parse(markdown).document.allText
      #expect(text == ["deep text"], "\(markdown.prefix(30))…")
    }
  }

  @Test("Text just inside the nesting limit is kept")
  func textAtTheLimit() {
    let markdown = String(repeating: "> ", count: 11) + "deep text\n"
    let document = parse(markdown).document
    #expect(document.allText == ["deep text"])
    #expect(document.blocks.map(\.depth).max() == 11)
    #expect(document.blocks.first?.allText == ["deep text"])
  }
}

@Suite("Step groups")
struct StepGroupTests {
  @Test("Steps are grouped under their nearest heading and numbered in reading order")
  func grouping() {
    let markdown = """
      Intro without a heading.

      - [ ] Zero

      ## A

      - [ ] One
      - [x] Two **bold**
      - Not a step

      ### B

      Some text.

      - [ ] Three
        - [ ] Three, nested
      - Not a step either

      > Quoted text.

      - [ ] Four

      ## C

      No steps here.

      ## D

      1. [ ] Five
      """
    let groups = parse(markdown).document.stepGroups
    #expect(
      groups == [
        StepGroup(heading: "", steps: [Step(id: 0, text: "Zero")]),
        StepGroup(heading: "A", steps: [Step(id: 1, text: "One"), Step(id: 2, text: "Two bold")]),
        StepGroup(heading: "B", steps: [
          Step(id: 3, text: "Three"), Step(id: 4, text: "Three, nested"), Step(id: 5, text: "Four"),
        ]),
        StepGroup(heading: "D", steps: [Step(id: 6, text: "Five")]),
      ])
  }

  @Test("Steps inside quotes and inside items are found, and steps keep their item's text")
  func nestedContainers() {
    let document = Document(blocks: [
      .heading(level: 2, spans: [Span("Fix")]),
      .quote([
        .list(ListBlock(isOrdered: false, items: [
          ListItem(task: .open, blocks: [
            paragraph(Span("Restart ")), paragraph(Span("the router", .strong)),
            .code("not step text"),
            .list(ListBlock(isOrdered: true, items: [item("Inner", task: .done)])),
          ])
        ]))
      ]),
      .heading(level: 3, spans: [Span("Then")]),
      .list(ListBlock(isOrdered: false, items: [item("Last", task: .open)])),
    ])
    #expect(
      document.stepGroups == [
        StepGroup(heading: "Fix", steps: [Step(id: 0, text: "Restart  the router"), Step(id: 1, text: "Inner")]),
        StepGroup(heading: "Then", steps: [Step(id: 2, text: "Last")]),
      ])
  }

  @Test("Task items are recognised inside block quotes, and by their own box only")
  func cmarkTaskListQuirks() {
    // cmark-gfm 0.29.0.gfm.6 (extensions/tasklist.c) scans for `- [ ]` from the start of
    // the line, so a `>` prefix hides the box, and it calls an item done when "[x]"
    // appears anywhere on its line.
    withKnownIssue("cmark-gfm tasklist: no boxes in quotes; '[x]' anywhere ticks the box") {
      #expect(
        blocks("> - [ ] Quoted step\n") == [
          .quote([.list(bullets([item("Quoted step", task: .open)]))])
        ])
      #expect(
        blocks("- [ ] Press [x] to close the window\n") == [
          .list(bullets([item("Press [x] to close the window", task: .open)]))
        ])
    }
  }

  @Test("Two headings with the same text make two groups")
  func sameHeadingText() {
    let markdown = "## Windows\n\n### Steps\n\n- [ ] a\n\n## Mac\n\n### Steps\n\n- [ ] b\n"
    #expect(
      parse(markdown).document.stepGroups == [
        StepGroup(heading: "Steps", steps: [Step(id: 0, text: "a")]),
        StepGroup(heading: "Steps", steps: [Step(id: 1, text: "b")]),
      ])
  }

  @Test("A document without task items has no steps")
  func noSteps() {
    #expect(parse("## Heading\n\n- plain\n- list\n").document.stepGroups.isEmpty)
  }

  @Test("A link to another article's file keeps its target; web and mail links show their address")
  func articleLinks() {
    let (document, problems, links) = MarkdownParser.parse(
      "Read [the reset guide](reset-your-password.md#steps), [web](https://example.com) or [mail](mailto:help@example.com).\n",
      firstLine: 9, file: "guides/start.md")
    #expect(problems.isEmpty)
    #expect(links == [MarkdownParser.ArticleLink(id: "guides/reset-your-password", line: 9)])
    guard case .paragraph(let spans)? = document.blocks.first else {
      Issue.record("expected a paragraph")
      return
    }
    #expect(spans.plainText == "Read the reset guide, web (https://example.com) or mail (help@example.com).")
    #expect(spans.filter { $0.link != nil }.map(\.text) == ["the reset guide"])
    #expect(spans.first { $0.link != nil }?.link == "guides/reset-your-password")
  }

  @Test("Relative article paths resolve within the content folder, and never outside it")
  func destinations() {
    typealias D = MarkdownParser.Destination
    #expect(MarkdownParser.destination("b.md", from: ["guides"]) == D.article("guides/b"))
    #expect(MarkdownParser.destination("../b.md", from: ["guides"]) == D.article("b"))
    #expect(MarkdownParser.destination("./x/../b.md#top", from: []) == D.article("b"))
    #expect(MarkdownParser.destination("my%20file.md", from: []) == D.article("my file"))
    #expect(MarkdownParser.destination("../../b.md", from: ["guides"]) == D.outside)
    #expect(MarkdownParser.destination("/etc/b.md", from: []) == nil, "an absolute path is no article link")
    #expect(MarkdownParser.destination("https://example.com/b.md", from: []) == nil)
    #expect(MarkdownParser.destination("picture.png", from: []) == nil)
  }
}
