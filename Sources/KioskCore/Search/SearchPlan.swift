/// What a search looks for, worked out from what was typed before the index is asked:
/// each typed word (or phrase of the synonyms file) becomes a group of alternatives — the
/// word, its forms, its synonyms, or the words it is a typo of — and words such as "the"
/// and "please" are marked as filler, so that they never count against an article.
public struct SearchPlan: Hashable, Sendable {
  /// Why an alternative is searched for.
  public enum Source: String, Hashable, Sendable {
    /// The word as typed.
    case typed
    /// Another form of the typed word ("expires" for "expired").
    case form
    /// The typed word as the start of a word: the last word, still being typed.
    case prefix
    /// A word of the knowledge base within a typo or two of the typed one.
    case correction
    /// A phrase of the same group of the synonyms file.
    case synonym
  }

  /// One thing that matches a group: a word, or a phrase of words in a row.
  public struct Alternative: Hashable, Sendable {
    public var words: [String]
    /// True when the last word matches as the start of a word.
    public var isPrefix: Bool
    public var source: Source
    /// The words as people read them: a synonym as its file writes it ("wi-fi").
    public var written: String

    init(words: [String], isPrefix: Bool, source: Source, written: String? = nil) {
      self.words = words
      self.isPrefix = isPrefix
      self.source = source
      self.written = written ?? words.joined(separator: " ")
    }

    public var text: String { words.joined(separator: " ") + (isPrefix ? "…" : "") }
  }

  /// One typed word or phrase and what matches it.
  public struct Group: Hashable, Sendable {
    /// The word or phrase as folded from what was typed.
    public var typed: String
    /// A common word ("the", "please", "my") that helps ranking but is not required.
    public var isFiller: Bool
    public var alternatives: [Alternative]

    /// True when only corrections match it: the typed word is in no article.
    public var isCorrected: Bool {
      !alternatives.isEmpty && alternatives.allSatisfy { $0.source == .correction }
    }
  }

  public let text: String
  public let groups: [Group]

  /// Works out the groups of `text` against the knowledge base's words and synonyms.
  /// The last word matches as the start of a word unless a space follows it.
  public init(_ text: String, vocabulary: Vocabulary, synonyms: Synonyms) {
    self.text = text
    let words = SearchQuery.words(text)
    let isTyping = text.last.map { SearchQuery.isWordCharacter(SearchQuery.fold($0)) } ?? false
    var groups: [Group] = []
    var index = 0
    while index < words.count {
      let isLast = index == words.count - 1
      if let (length, group) = synonyms.match(words, at: index) {
        let typed = Array(words[index..<(index + length)])
        var synonymGroup = SearchPlan.synonymGroup(typed, synonyms.groups[group], synonyms, vocabulary)
        // A word still being typed may yet become a longer one ("web" of "webcam").
        let word = typed[0]
        if isLast && length == 1 && isTyping && vocabulary.hasWord(startingWith: word) {
          synonymGroup.alternatives.append(Alternative(words: [word], isPrefix: true, source: .prefix))
        }
        groups.append(synonymGroup)
        index += length
        continue
      }
      if isLast && isTyping && index > 0 && words[index].count == 1 {
        // One letter after other words waits for the next: as the start of a word it
        // would match nearly every article ("can't" while its "t" is typed).
        groups.append(Group(typed: words[index], isFiller: true, alternatives: []))
      } else {
        groups.append(SearchPlan.wordGroup(words[index], isTyping: isLast && isTyping, vocabulary))
      }
      index += 1
    }
    // A word typed twice is searched once.
    self.groups = groups.reduce(into: []) { unique, group in
      if !unique.contains(where: { $0.typed == group.typed }) { unique.append(group) }
    }
  }

  public var isEmpty: Bool { groups.isEmpty }

  /// The groups an article is ranked by: the words that are not filler, or every word of a
  /// query made only of filler.
  public var rankedGroups: [Group] {
    let content = groups.filter { !$0.isFiller }
    return content.isEmpty ? groups : content
  }

  /// What was searched for when corrections or synonyms changed the words ("session
  /// expired" for "sesion expird"; "wifi, or wi-fi, wireless"); nil when it is what was typed.
  public var searchedFor: String? {
    var changed = false
    var parts: [String] = []
    var alsoFound: [String] = []
    for group in groups {
      if group.isCorrected, let best = group.alternatives.first {
        parts.append(best.words.joined(separator: " "))
        changed = true
      } else {
        parts.append(group.typed)
      }
      for alternative in group.alternatives where alternative.source == .synonym && !alsoFound.contains(alternative.written) {
        alsoFound.append(alternative.written)
      }
    }
    guard changed || !alsoFound.isEmpty else { return nil }
    let words = parts.joined(separator: " ")
    return alsoFound.isEmpty ? words : "\(words), or \(alsoFound.prefix(4).joined(separator: ", "))"
  }

  /// The words to light up where an article is shown: every alternative's words, each as
  /// the start of a word.
  public var highlight: SearchQuery {
    SearchQuery(words: groups.flatMap { $0.alternatives.flatMap(\.words) })
  }

  // MARK: - Building the groups

  /// A typed phrase of the synonyms file: it, and the group's other phrases that some
  /// article uses.
  private static func synonymGroup(
    _ typed: [String], _ phrases: [[String]], _ synonyms: Synonyms, _ vocabulary: Vocabulary
  ) -> Group {
    var alternatives = [Alternative(words: typed, isPrefix: false, source: .typed)]
    for phrase in phrases where phrase != typed && phrase.allSatisfy(vocabulary.contains) {
      alternatives.append(Alternative(words: phrase, isPrefix: false, source: .synonym, written: synonyms.written(phrase)))
    }
    // One-word phrases bring their forms ("logins" for "login"), shown as the phrase.
    for phrase in phrases where phrase.count == 1 {
      for form in vocabulary.forms(of: phrase[0]) where !alternatives.contains(where: { $0.words == [form] }) {
        alternatives.append(
          phrase == typed
            ? Alternative(words: [form], isPrefix: false, source: .form)
            : Alternative(words: [form], isPrefix: false, source: .synonym, written: synonyms.written(phrase)))
      }
    }
    return Group(typed: typed.joined(separator: " "), isFiller: false, alternatives: alternatives)
  }

  /// One typed word: itself and its forms when articles use them, the start of words when
  /// it is still being typed (or starts words but is none), else the words it is a typo of.
  private static func wordGroup(_ word: String, isTyping: Bool, _ vocabulary: Vocabulary) -> Group {
    var alternatives: [Alternative] = []
    // The word being typed, or one in no article that starts some ("sess exp"): the start
    // of a word.
    if (isTyping || !vocabulary.contains(word)) && vocabulary.hasWord(startingWith: word) {
      alternatives.append(Alternative(words: [word], isPrefix: true, source: .prefix))
    } else if vocabulary.contains(word) {
      alternatives.append(Alternative(words: [word], isPrefix: false, source: .typed))
    }
    for form in vocabulary.forms(of: word) where form != word {
      alternatives.append(Alternative(words: [form], isPrefix: false, source: .form))
    }
    let isFiller = fillerWords.contains(word)
    if alternatives.isEmpty && !isFiller {
      // A word in no article: the words it may be a typo of.
      // Each correction with its forms: "lockd" finds "locked", and so "lock" and "locks".
      for correction in vocabulary.corrections(of: word).prefix(maximumCorrections) {
        for form in [correction] + vocabulary.forms(of: correction)
        where !alternatives.contains(where: { $0.words == [form] }) {
          alternatives.append(Alternative(words: [form], isPrefix: false, source: .correction))
        }
      }
      if isTyping {
        for start in vocabulary.prefixCorrections(of: word).prefix(maximumCorrections)
        where !alternatives.contains(where: { $0.words == [start] }) {
          alternatives.append(Alternative(words: [start], isPrefix: true, source: .correction))
        }
      }
    }
    return Group(typed: word, isFiller: isFiller, alternatives: alternatives)
  }

  /// Enough corrections for a real typo, few enough that a short word does not match half
  /// the knowledge base.
  static let maximumCorrections = 6

  /// Words that say little about the problem: they never keep an article out.
  public static let fillerWords: Set<String> = [
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "cannot", "cant", "could", "did", "do", "does", "doesn", "doesnt",
    "don", "dont", "for", "from", "get", "gets", "getting", "got", "had", "has", "have", "having", "he", "her",
    "hers", "him", "his", "how", "i", "if", "im", "in", "into", "is", "isn", "isnt", "it", "its", "just", "keep",
    "keeps", "kept", "let", "lets", "ll", "m", "may", "me", "might", "more", "must", "my", "myself", "need",
    "needs", "no", "not", "now", "of", "off", "ok", "on", "once", "only", "or", "our", "ours", "out", "please",
    "re", "s", "she", "should", "so", "some", "still", "such", "t", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "too", "try", "trying", "up", "us", "ve", "very",
    "was", "wasn", "wasnt", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will",
    "with", "won", "wont", "would", "you", "your", "yours", "yourself",
  ]
}
