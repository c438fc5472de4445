/// What a person typed to find something: its words, compared without regard to case or
/// accents ("Expiré" finds "expire"), each matching the start of a word of the text
/// ("sess" finds "session"). Every word must match.
public struct SearchQuery: Hashable, Sendable {
  /// The text as typed.
  public let text: String
  /// The words, folded.
  public let words: [[Character]]

  public init(_ text: String) {
    let words = SearchQuery.words(text).map(Array.init)
    // A typed word that starts another adds nothing: "sess session" is "session".
    self.init(text: text, words: words.filter { short in
      !words.contains { $0.count > short.count && $0.starts(with: short) }
    })
  }

  /// A query for any of these folded words, such as those a search looked for: each still
  /// matches on its own where a longer one does not ("session" beside "sessions").
  public init(words: [String]) {
    self.init(text: words.joined(separator: " "), words: words.map(Array.init))
  }

  private init(text: String, words: [[Character]]) {
    self.text = text
    self.words = words.reduce(into: []) { unique, word in if !unique.contains(word) { unique.append(word) } }
  }

  /// The words of a text, folded, in order: what search compares.
  public static func words(_ text: String) -> [String] {
    var words: [String] = []
    var word = ""
    for character in text {
      let folded = fold(character)
      if isWordCharacter(folded) {
        word.append(folded)
      } else if !word.isEmpty {
        words.append(word)
        word = ""
      }
    }
    if !word.isEmpty { words.append(word) }
    return words
  }

  public var isEmpty: Bool { words.isEmpty }

  /// The words as typed, folded, for a search engine's query.
  public var foldedWords: [String] { words.map { String($0) } }

  /// Where the words match in `text`, as character offsets, in order and not overlapping.
  public func matches(in text: String) -> [Range<Int>] {
    guard !words.isEmpty else { return [] }
    let folded = text.map(SearchQuery.fold)
    // Only the words with the letter found can start there.
    let byFirstLetter = Dictionary(grouping: words.filter { !$0.isEmpty }, by: { $0[0] })
    var result: [Range<Int>] = []
    var index = 0
    var previousIsWord = false
    while index < folded.count {
      let isWord = SearchQuery.isWordCharacter(folded[index])
      defer { previousIsWord = isWord }
      guard isWord, !previousIsWord, let candidates = byFirstLetter[folded[index]] else {
        index += 1
        continue
      }
      // The longest word that starts here.
      var longest = 0
      for word in candidates where word.count > longest && folded[index...].starts(with: word) {
        longest = word.count
      }
      if longest > 0 {
        let length = longest
        result.append(index..<(index + length))
        index += length
        previousIsWord = true
        // Skip the rest of the matched word of the text.
        while index < folded.count, SearchQuery.isWordCharacter(folded[index]) { index += 1 }
        continue
      }
      index += 1
    }
    return result
  }

  /// The runs with the matched parts in `style` (keeping their emphasis).
  public func highlight(_ runs: [Run], as role: Role = .highlight) -> [Run] {
    let text = runs.map(\.text).joined()
    return Self.restyle(runs, ranges: matches(in: text), as: role)
  }

  /// The runs with the characters at `ranges` (character offsets, sorted) in `role`.
  public static func restyle(_ runs: [Run], ranges: [Range<Int>], as role: Role) -> [Run] {
    guard !ranges.isEmpty else { return runs }
    var result: [Run] = []
    var offset = 0
    var pending = ranges[...]
    for run in runs {
      var current = ""
      var currentIsMatch = false
      func flush() {
        guard !current.isEmpty else { return }
        result.append(Run(current, currentIsMatch ? Style(role, run.style.attributes) : run.style))
        current = ""
      }
      for character in run.text {
        while let first = pending.first, first.upperBound <= offset { pending.removeFirst() }
        let isMatch = pending.first.map { $0.contains(offset) } ?? false
        if isMatch != currentIsMatch {
          flush()
          currentIsMatch = isMatch
        }
        current.append(character)
        offset += 1
      }
      flush()
    }
    return result
  }

  /// A character as search compares it: lower case, without accents.
  static func fold(_ character: Character) -> Character {
    if let ascii = character.asciiValue {
      return ascii >= 0x41 && ascii <= 0x5A ? Character(Unicode.Scalar(ascii + 0x20)) : character
    }
    let lower = character.lowercased()
    let single = lower.count == 1 ? Character(lower) : character
    // Only Latin letters carry accents to take off; looking up any other letter's name
    // (CJK, Greek, Cyrillic) would cost time and find nothing.
    guard let scalar = single.unicodeScalars.first, (0xC0...0x24F).contains(scalar.value)
      || (0x1E00...0x1EFF).contains(scalar.value)
    else { return single }
    let base = AsciiFold.fold(single)
    return base == "?" ? single : Character(base.lowercased())
  }

  static func isWordCharacter(_ character: Character) -> Bool {
    if let ascii = character.asciiValue {
      return (ascii >= 0x30 && ascii <= 0x39) || (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x41 && ascii <= 0x5A)
    }
    return character.isLetter || character.isNumber
  }
}
