/// Word forms: Martin Porter's stemming algorithm (1980), which takes English suffixes
/// off so that "connect", "connected", "connecting" and "connection" all become
/// "connect". Words with anything but the letters a-z are left as they are.
public enum Stemmer {
  /// The stem of a folded (lower-case, unaccented) word.
  public static func stem(_ word: String) -> String {
    let bytes = Array(word.utf8)
    guard bytes.count > 2, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
    var stemmer = Porter(bytes)
    stemmer.run()
    return String(decoding: stemmer.word, as: UTF8.self)
  }
}

/// The algorithm's steps, on the bytes of one word.
private struct Porter {
  var word: [UInt8]

  init(_ word: [UInt8]) {
    self.word = word
  }

  mutating func run() {
    step1a()
    step1b()
    step1c()
    step2()
    step3()
    step4()
    step5()
  }

  // MARK: - Measures

  /// Whether the letter at `index` is a consonant ("y" is one after a vowel, or first).
  private func isConsonant(_ index: Int) -> Bool {
    switch word[index] {
    case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): false
    case UInt8(ascii: "y"): index == 0 ? true : !isConsonant(index - 1)
    default: true
    }
  }

  /// m, the number of vowel-consonant sequences in the first `length` letters.
  private func measure(_ length: Int) -> Int {
    var count = 0
    var index = 0
    while index < length && isConsonant(index) { index += 1 }
    while index < length {
      while index < length && !isConsonant(index) { index += 1 }
      guard index < length else { break }
      while index < length && isConsonant(index) { index += 1 }
      count += 1
    }
    return count
  }

  private func hasVowel(_ length: Int) -> Bool {
    (0..<length).contains { !isConsonant($0) }
  }

  /// Whether the first `length` letters end with a double consonant.
  private func endsWithDoubleConsonant(_ length: Int) -> Bool {
    length >= 2 && word[length - 1] == word[length - 2] && isConsonant(length - 1)
  }

  /// Whether the first `length` letters end consonant-vowel-consonant, the last not w, x or y.
  private func endsCVC(_ length: Int) -> Bool {
    guard length >= 3, isConsonant(length - 1), !isConsonant(length - 2), isConsonant(length - 3) else { return false }
    let last = word[length - 1]
    return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
  }

  private func ends(_ suffix: String) -> Bool {
    let suffix = Array(suffix.utf8)
    return word.count >= suffix.count && word[(word.count - suffix.count)...].elementsEqual(suffix)
  }

  /// Replaces `suffix` by `replacement` when the stem before it has a measure above `minimum`.
  /// True when the word ends with `suffix` (replaced or not), so a list of rules stops there.
  private mutating func replace(_ suffix: String, _ replacement: String, ifMeasureAbove minimum: Int) -> Bool {
    guard ends(suffix) else { return false }
    let stem = word.count - suffix.utf8.count
    if measure(stem) > minimum {
      word.removeLast(suffix.utf8.count)
      word += Array(replacement.utf8)
    }
    return true
  }

  // MARK: - Steps

  private mutating func step1a() {
    if ends("sses") || ends("ies") {
      word.removeLast(2)
    } else if ends("ss") {
      return
    } else if ends("s") {
      word.removeLast()
    }
  }

  private mutating func step1b() {
    if ends("eed") {
      if measure(word.count - 3) > 0 { word.removeLast() }
      return
    }
    let suffix: Int
    if ends("ed") && hasVowel(word.count - 2) {
      suffix = 2
    } else if ends("ing") && hasVowel(word.count - 3) {
      suffix = 3
    } else {
      return
    }
    word.removeLast(suffix)
    if ends("at") || ends("bl") || ends("iz") {
      word.append(UInt8(ascii: "e"))
    } else if endsWithDoubleConsonant(word.count), !(ends("l") || ends("s") || ends("z")) {
      word.removeLast()
    } else if measure(word.count) == 1 && endsCVC(word.count) {
      word.append(UInt8(ascii: "e"))
    }
  }

  private mutating func step1c() {
    if ends("y") && hasVowel(word.count - 1) {
      word[word.count - 1] = UInt8(ascii: "i")
    }
  }

  private static let step2Rules: [(String, String)] = [
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
  ]

  private mutating func step2() {
    for (suffix, replacement) in Porter.step2Rules where replace(suffix, replacement, ifMeasureAbove: 0) { return }
  }

  private static let step3Rules: [(String, String)] = [
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
  ]

  private mutating func step3() {
    for (suffix, replacement) in Porter.step3Rules where replace(suffix, replacement, ifMeasureAbove: 0) { return }
  }

  private static let step4Suffixes = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
    "iti", "ous", "ive", "ize",
  ]

  private mutating func step4() {
    // The longest suffix the word ends with decides ("ement" before "ment" before "ent").
    guard let suffix = Porter.step4Suffixes.filter({ ends($0) }).max(by: { $0.count < $1.count }) else { return }
    let stem = word.count - suffix.utf8.count
    guard measure(stem) > 1 else { return }
    if suffix == "ion" {
      guard stem > 0, word[stem - 1] == UInt8(ascii: "s") || word[stem - 1] == UInt8(ascii: "t") else { return }
    }
    word.removeLast(suffix.utf8.count)
  }

  private mutating func step5() {
    if ends("e") {
      let stem = word.count - 1
      let m = measure(stem)
      if m > 1 || (m == 1 && !endsCVC(stem)) { word.removeLast() }
    }
    if ends("ll") && measure(word.count) > 1 { word.removeLast() }
  }
}
