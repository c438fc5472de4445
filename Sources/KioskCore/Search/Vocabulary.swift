/// The words of a knowledge base as its search index holds them (folded, one entry per
/// word), with how many articles hold each: what typo tolerance corrects towards and
/// what word forms are looked up in.
public struct Vocabulary: Sendable {
  /// How many articles the index holds.
  public let documentCount: Int
  private let counts: [String: Int]
  /// The words, sorted, for prefix look-ups.
  private let sorted: [String]
  /// The words that share a stem.
  private let byStem: [String: [String]]
  /// The words as bytes, by length, for typo look-ups.
  private let wordsByLength: [Int: [[UInt8]]]

  public init(words: [String: Int], documentCount: Int) {
    self.documentCount = documentCount
    counts = words
    sorted = words.keys.sorted()
    var byStem: [String: [String]] = [:]
    var wordsByLength: [Int: [[UInt8]]] = [:]
    for word in sorted {
      byStem[Vocabulary.key(word), default: []].append(word)
      wordsByLength[word.utf8.count, default: []].append(Array(word.utf8))
    }
    self.byStem = byStem
    self.wordsByLength = wordsByLength
  }

  public static let empty = Vocabulary(words: [:], documentCount: 0)

  public var isEmpty: Bool { counts.isEmpty }

  public func contains(_ word: String) -> Bool { counts[word] != nil }

  /// How many articles hold the word.
  public func documents(containing word: String) -> Int { counts[word] ?? 0 }

  /// The words of the vocabulary that are forms of `word` ("expires", "expiry" for
  /// "expired"), the word itself included when it is there.
  public func forms(of word: String) -> [String] {
    byStem[Vocabulary.key(word)] ?? []
  }

  /// Whether some word starts with `prefix`.
  public func hasWord(startingWith prefix: String) -> Bool {
    let index = firstIndex(notBefore: prefix)
    return index < sorted.count && sorted[index].hasPrefix(prefix)
  }

  /// The words within the typos a word of its length may have ("session" for "sesion",
  /// "locked" for "lokced"), closest first, then the most used.
  public func corrections(of word: String) -> [String] {
    let limit = EditDistance.allowedTypos(word.count)
    guard limit > 0 else { return [] }
    var found: [(word: String, distance: Int)] = []
    let bytes = Array(word.utf8)
    for length in (bytes.count - limit)...(bytes.count + limit) {
      for candidate in wordsByLength[length] ?? [] {
        if let distance = EditDistance.distance(bytes, candidate, limit: limit), distance > 0 {
          found.append((String(decoding: candidate, as: UTF8.self), distance))
        }
      }
    }
    return found.sorted {
      ($0.distance, -documents(containing: $0.word), $0.word) < ($1.distance, -documents(containing: $1.word), $1.word)
    }.map(\.word)
  }

  /// For a word still being typed that starts no word: the starts of words within its
  /// typos ("sesi" gives "sess"), as prefixes.
  public func prefixCorrections(of prefix: String) -> [String] {
    let limit = EditDistance.allowedTypos(prefix.count)
    guard limit > 0 else { return [] }
    let bytes = Array(prefix.utf8)
    var found: [String: Int] = [:]
    // Starts as long as the typed text or a little longer: a shorter one would count the
    // letter being typed as the typo ("ses" for "sesi").
    for (length, words) in wordsByLength where length >= bytes.count {
      for candidate in words {
        for cut in bytes.count...min(bytes.count + limit, length) {
          let start = Array(candidate[..<cut])
          if let distance = EditDistance.distance(bytes, start, limit: limit) {
            let text = String(decoding: start, as: UTF8.self)
            found[text] = min(found[text] ?? distance, distance)
          }
        }
      }
    }
    // A start that another found start begins with adds nothing.
    let starts = found.keys.sorted()
    return starts.filter { start in !starts.contains { $0 != start && start.hasPrefix($0) } }
      .sorted { (found[$0]!, $0) < (found[$1]!, $1) }
  }

  private func firstIndex(notBefore word: String) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < word { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// What makes two words forms of one another: their Porter stem, with the "i" that
  /// stands for a final "y" taken off ("expiry" and "expired" both give "expir").
  public static func key(_ word: String) -> String {
    let stem = Stemmer.stem(word)
    return stem.count > 5 && stem.hasSuffix("i") ? String(stem.dropLast()) : stem
  }
}
