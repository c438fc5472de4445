import KioskCore
import Testing

@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("plain text", "plain text"),
    ("red \u{1B}[31mtext\u{1B}[0m", "red text"),
    ("title \u{1B}]0;owned\u{07}end", "title end"),
    ("link \u{1B}]8;;http://x\u{1B}\\here\u{1B}]8;;\u{1B}\\", "link here"),
    ("clip \u{1B}]52;c;aGVsbG8=\u{07}board", "clip board"),
    ("dcs \u{1B}Pq#0;2;0;0;0\u{1B}\\done", "dcs done"),
    ("unterminated \u{1B}]0;title never ends", "unterminated "),
    ("unterminated csi \u{1B}[31", "unterminated csi "),
    ("c1 \u{9B}31mcsi", "c1 csi"),
    ("c1 osc \u{9D}0;x\u{9C}ok", "c1 osc ok"),
    ("keypad \u{1B}=mode", "keypad mode"),
    ("charset \u{1B}(0lines", "charset lines"),
    ("bell\u{07} backspace\u{08} nul\u{00} del\u{7F}", "bell backspace nul del"),
    ("tab\there", "tab here"),
    ("line\r\nbreak\rand\nmore", "line break and more"),
    ("bidi \u{202E}txet\u{202C} \u{2067}iso\u{2069}", "bidi txet iso"),
    ("zero\u{200B}width\u{FEFF}\u{2060}", "zerowidth"),
    ("“quoted” \u{1B}[31mred — café\u{0085}next\u{2028}line", "“quoted” red — café next line"),
    ("é\u{202E}txet — \u{9B}2Jgone", "étxet — gone"),
  ])
  func removesControlsAndSequences(input: String, expected: String) {
    #expect(TerminalText.sanitize(input) == expected)
  }

  @Test func keepsNewlinesWhenAsked() {
    #expect(TerminalText.sanitize("a\r\nb\rc\nd\u{1B}[2Je", keepingNewlines: true) == "a\nb\nc\nde")
  }

  @Test func capsCombiningMarks() {
    let zalgo = "e" + String(repeating: "\u{0301}", count: 5_000) + "x"
    let clean = TerminalText.sanitize(zalgo)
    #expect(clean.unicodeScalars.count == 1 + TerminalText.maximumMarksPerCharacter + 1)
    #expect(DisplayWidth.of(clean) == 2)
  }

  @Test func dropsAMarkWithNothingToCarryIt() {
    #expect(TerminalText.sanitize("\u{0301}a") == "a")
  }

  @Test func replacesUnassignedCodePoints() {
    #expect(TerminalText.sanitize("a\u{0378}b") == "a\u{FFFD}b")
  }

  @Test func keepsWideAndAccentedText() {
    #expect(TerminalText.sanitize("“quotes”, é, 日本語 😀") == "“quotes”, é, 日本語 😀")
  }
}

@Suite struct DisplayWidthTests {
  @Test(arguments: [
    ("a", 1), ("é", 1), ("e\u{0301}", 1), ("日本語", 6), ("“quotes”", 8), ("😀", 2), ("", 0),
    ("한글", 4), ("ｗｉｄｅ", 8),
  ])
  func measuresLikeTheTerminal(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test func controlsTakeNoColumn() {
    #expect(DisplayWidth.of(Unicode.Scalar(0x1B)) == 0)
  }
}

@Suite struct AsciiFoldTests {
  @Test(arguments: [
    ("é", "e"), ("Ü", "U"), ("“", "\""), ("’", "'"), ("—", "-"), ("•", "*"), ("日", "?"), ("a", "a"),
  ])
  func foldsToAscii(input: Character, expected: Character) {
    #expect(AsciiFold.fold(input) == expected)
  }
}
