import KioskCore
import Testing

@Suite struct WrapTests {
  private func texts(_ lines: [[Run]]) -> [String] {
    lines.map { $0.map(\.text).joined() }
  }

  @Test func breaksAtSpaces() {
    let lines = Wrap.lines([Run("the quick brown fox jumps")], width: 10)
    #expect(texts(lines) == ["the quick", "brown fox", "jumps"])
  }

  @Test func breaksAWordLongerThanTheLine() {
    let lines = Wrap.lines([Run("see https://example.com/a/very/long/path ok")], width: 12)
    #expect(texts(lines) == ["see", "https://exam", "ple.com/a/ve", "ry/long/path", "ok"])
  }

  @Test func neverSplitsOrOverflowsWideCharacters() {
    let lines = Wrap.lines([Run("日本語のテキストです")], width: 5)
    #expect(texts(lines) == ["日本", "語の", "テキ", "スト", "です"])
    #expect(lines.allSatisfy { DisplayWidth.of($0.map(\.text).joined()) <= 5 })
  }

  @Test func fillsLinesWithTextWrittenWithoutSpaces() {
    let lines = Wrap.lines([Run("ab 日本語のテキスト")], width: 6)
    #expect(texts(lines) == ["ab 日", "本語の", "テキス", "ト"])
  }

  @Test func hangsContinuationLinesUnderThePrefix() {
    let lines = Wrap.lines(
      [Run("one two three four")], width: 10, firstPrefix: [Run("• ")], prefix: [Run("  ")])
    #expect(texts(lines) == ["• one two", "  three", "  four"])
  }

  @Test func keepsStylesOfRuns() {
    let strong = Style(.body, .strong)
    let lines = Wrap.lines([Run("press "), Run("Ctrl + Shift", strong), Run(" now")], width: 40)
    #expect(lines == [[Run("press "), Run("Ctrl + Shift", strong), Run(" now")]])
  }

  @Test func givesOneEmptyLineForNoText() {
    #expect(Wrap.lines([], width: 10) == [[]])
  }
}

@Suite struct DocumentLayoutTests {
  let document = Document(blocks: [
    .heading(level: 2, spans: [Span("How to Fix It")]),
    .paragraph([Span("Usually all you need to do:")]),
    .list(ListBlock(isOrdered: false, items: [
      ListItem(task: .open, blocks: [.paragraph([Span("Click the login button")])]),
      ListItem(task: .done, blocks: [.paragraph([Span("Enter your credentials")])]),
    ])),
    .list(ListBlock(isOrdered: true, start: 9, items: [
      ListItem(blocks: [
        .paragraph([Span("Nine")]),
        .list(ListBlock(isOrdered: false, items: [ListItem(blocks: [.paragraph([Span("nested")])])])),
      ]),
      ListItem(blocks: [.paragraph([Span("Ten")])]),
    ])),
    .quote([.paragraph([Span("Note:", .strong), Span(" Many apps auto-save.")])]),
    .code("let x = 1"),
    .rule,
  ])

  @Test func laysOutEveryBlock() {
    let lines = DocumentLayout.lines(document, width: 30, glyphs: .unicode).map(\.text)
    #expect(lines == [
      "How to Fix It",
      "",
      "Usually all you need to do:",
      "",
      "[ ] Click the login button",
      "[x] Enter your credentials",
      "",
      " 9. Nine",
      "    ◦ nested",
      "10. Ten",
      "",
      "│ Note: Many apps auto-save.",
      "",
      "  let x = 1",
      "",
      String(repeating: "─", count: 30),
    ])
  }

  @Test func usesAsciiGlyphs() {
    let lines = DocumentLayout.lines(
      Document(blocks: [
        .list(ListBlock(isOrdered: false, items: [ListItem(blocks: [.paragraph([Span("a")])])])),
        .quote([.paragraph([Span("b")])]),
      ]), width: 20, glyphs: .ascii
    ).map(\.text)
    #expect(lines == ["* a", "", "| b"])
  }

  @Test func styleFollowsTheBlock() {
    let lines = DocumentLayout.lines(document, width: 40, glyphs: .unicode)
    #expect(lines[0].runs.first?.style.role == .heading)
    let note = lines.first { $0.text.hasPrefix("│") }
    #expect(note?.runs.map(\.style.role) == [.note, .note, .note])
    #expect(note?.runs[1].style.attributes.contains(.strong) == true)
  }

  @Test func noLineIsWiderThanTheWidth() {
    let long = Document(blocks: [
      .paragraph([Span(String(repeating: "word ", count: 80) + "日本語" + String(repeating: "x", count: 90))]),
      .list(ListBlock(isOrdered: false, items: [ListItem(blocks: [.paragraph([Span(String(repeating: "é ", count: 90))])])])),
    ])
    for width in [16, 23, 40, 96] {
      let lines = DocumentLayout.lines(long, width: width, glyphs: .unicode)
      #expect(lines.allSatisfy { $0.width <= width }, "width \(width)")
    }
  }

  @Test func anchorsRiseWithTheTextWhateverTheWidth() {
    for width in [20, 50, 90] {
      let anchors = DocumentLayout.lines(document, width: width, glyphs: .unicode).map(\.anchor)
      #expect(anchors == anchors.sorted())
    }
    let narrow = DocumentLayout.lines(document, width: 20, glyphs: .unicode)
    let wide = DocumentLayout.lines(document, width: 90, glyphs: .unicode)
    #expect(narrow.last?.anchor == wide.last?.anchor)
  }
}

@Suite struct StepTests {
  @Test func groupsStepsUnderTheirHeading() {
    let document = Document(blocks: [
      .heading(level: 2, spans: [Span("How to Fix It")]),
      .heading(level: 3, spans: [Span("Step 1: Simply Log In Again")]),
      .list(ListBlock(isOrdered: false, items: [
        ListItem(task: .open, blocks: [.paragraph([Span("Click the login button")])]),
        ListItem(blocks: [.paragraph([Span("not a step")])]),
        ListItem(task: .open, blocks: [.paragraph([Span("Enter your "), Span("credentials", .strong)])]),
      ])),
      .heading(level: 3, spans: [Span("Step 2: Save Any Unsaved Work")]),
      .quote([.list(ListBlock(isOrdered: false, items: [
        ListItem(task: .done, blocks: [.paragraph([Span("Take a screenshot")])]),
      ]))]),
    ])
    #expect(document.stepGroups == [
      StepGroup(heading: "Step 1: Simply Log In Again", steps: [
        Step(id: 0, text: "Click the login button"), Step(id: 1, text: "Enter your credentials"),
      ]),
      StepGroup(heading: "Step 2: Save Any Unsaved Work", steps: [Step(id: 2, text: "Take a screenshot")]),
    ])
  }
}

@Suite struct DayTests {
  @Test(arguments: ["2026-01-07", "2024-02-29"])
  func parsesRealDays(text: String) {
    #expect(Day(iso: text) != nil)
  }

  @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "2026-1-7", "07/01/2026", "", "2026-01-07x"])
  func refusesOthers(text: String) {
    #expect(Day(iso: text) == nil)
  }

  @Test func readsAsWords() {
    #expect(Day(year: 2026, month: 1, day: 7).longText == "7 January 2026")
  }
}
