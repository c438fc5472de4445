import Foundation
import KioskCore
import Testing

/// The standard library's trimming against Foundation's, which it stands in for.
@Suite("Trimming")
struct TrimmingTests {
  /// Every White_Space character, and characters that look blank but are not white space.
  static let blanks: [Character] = [
    "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}",
    "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{180E}",
    "\r\n",
  ]

  static let texts: [String] = {
    var texts = [
      "", "a", "a b", "  a b  ", "\t5m\t", "é", "e\u{301} ", " 日本 ", "\u{1F1E6}\u{1F1FA}", "x\u{0301}", " \u{301}a",
      "a \u{301}", "\u{3000}\u{301}",
    ]
    for blank in blanks {
      texts += [String(blank), "\(blank)a", "a\(blank)", "\(blank)a\(blank)b\(blank)", "\(blank)\(blank)"]
    }
    return texts
  }()

  @Test("trimmingSpaces is trimmingCharacters(in: .whitespaces)", arguments: texts)
  func spaces(text: String) {
    #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
    #expect(text[...].trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
  }

  @Test("trimmingWhitespace is trimmingCharacters(in: .whitespacesAndNewlines)", arguments: texts)
  func whitespace(text: String) {
    #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
