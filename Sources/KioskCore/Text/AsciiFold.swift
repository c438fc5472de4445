/// ASCII stand-ins for text on a terminal whose locale is not UTF-8.
public enum AsciiFold {
  /// One ASCII character for a character: punctuation by a table, a Latin letter with
  /// marks by its base letter (from its Unicode name), anything else as `?`.
  public static func fold(_ character: Character) -> Character {
    if character.isASCII { return character }
    guard let scalar = character.unicodeScalars.first else { return "?" }
    if let mapped = punctuation[scalar.value] { return mapped }
    if let name = scalar.properties.name, let letter = latinLetter(name) { return letter }
    return "?"
  }

  private static let punctuation: [UInt32: Character] = [
    0x00A0: " ", 0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201C: "\"", 0x201D: "\"",
    0x201E: "\"", 0x2013: "-", 0x2014: "-", 0x2212: "-", 0x2022: "*", 0x2026: ".",
    0x00B7: "-", 0x00AB: "\"", 0x00BB: "\"", 0x2039: "<", 0x203A: ">", 0x00D7: "x",
    0x2190: "<", 0x2192: ">", 0x2191: "^", 0x2193: "v", 0x00A9: "c", 0x00AE: "r",
    0x00DF: "s", 0x00E6: "e", 0x00C6: "E", 0x00F8: "o", 0x00D8: "O",
  ]

  /// "LATIN SMALL LETTER E WITH ACUTE" → "e".
  private static func latinLetter(_ name: String) -> Character? {
    let words = name.split(separator: " ")
    guard words.count >= 4, words[0] == "LATIN", words[2] == "LETTER", words[3].count == 1,
      let letter = words[3].first, letter.isASCII, letter.isLetter
    else { return nil }
    return words[1] == "SMALL" ? Character(letter.lowercased()) : letter
  }
}
