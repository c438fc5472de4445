/// Words and phrases that mean the same to the person searching ("wifi", "wi-fi",
/// "wireless"), as the content folder's synonyms file gives them: searching for one finds
/// articles that use any other.
public struct Synonyms: Hashable, Sendable {
  /// Each group's phrases, each phrase as folded words.
  public let groups: [[[String]]]
  /// Each phrase as the file writes it ("wi-fi"), by its words.
  private let written: [[String]: String]
  /// The groups a phrase's first word starts, for matching typed words.
  private let byFirstWord: [String: [(phrase: [String], group: Int)]]

  /// Groups of phrases as written; each phrase is folded and split into words as search
  /// splits what is typed ("Wi-Fi" is "wi fi").
  public init(_ groups: [[String]]) {
    let folded = groups.map { $0.map(SearchQuery.words).filter { !$0.isEmpty } }.filter { $0.count > 1 }
    self.groups = folded
    var written: [[String]: String] = [:]
    for phrase in groups.joined() where written[SearchQuery.words(phrase)] == nil {
      written[SearchQuery.words(phrase)] = phrase.lowercased()
    }
    self.written = written
    var byFirstWord: [String: [(phrase: [String], group: Int)]] = [:]
    for (index, group) in folded.enumerated() {
      for phrase in group { byFirstWord[phrase[0], default: []].append((phrase, index)) }
    }
    // Longest phrases first, so that "log in" wins over "log".
    self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.phrase.count > $1.phrase.count } }
  }

  public static let none = Synonyms([])

  /// A phrase as the file writes it, for showing what was searched for.
  public func written(_ phrase: [String]) -> String {
    written[phrase] ?? phrase.joined(separator: " ")
  }

  /// The longest phrase of a group that the words at `start` spell, and its group.
  public func match(_ words: [String], at start: Int) -> (length: Int, group: Int)? {
    for entry in byFirstWord[words[start]] ?? [] where words[start...].starts(with: entry.phrase) {
      return (entry.phrase.count, entry.group)
    }
    return nil
  }

  public static func == (lhs: Synonyms, rhs: Synonyms) -> Bool { lhs.groups == rhs.groups }
  public func hash(into hasher: inout Hasher) { hasher.combine(groups) }
}
