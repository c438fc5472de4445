import GRDB
import KioskCore
import Synchronization

/// What search works with besides the index's rows: its words and the folder's synonyms.
struct Lexicon {
  var vocabulary: Vocabulary
  var synonyms: Synonyms
  /// The index's state when the words were read.
  var generation: [Int]
  var synonymsStamp: ContentIndex.Stamp?
}

/// Ranks the articles for a search plan. An article comes first for the number of typed
/// words it matches (filler words never count against it), then for matching them as
/// typed rather than through a correction, then for how many of them its title or error
/// messages hold, then by BM25 over the fields, weighted: error
/// messages, title, headings, summary, body; each of the rarer filler words it also has
/// raises that score a little. A word that matches nothing no longer empties the results.
struct SearchRanking {
  /// The best articles, by rowid, best first.
  private(set) var best: [Int64] = []
  /// How many articles match at least one of the words, and every one of them.
  private(set) var matched = 0
  private(set) var complete = 0

  /// BM25 weights per column of the index: id, title, messages, headings, summary, body.
  static let weights = "0.0, 20.0, 40.0, 5.0, 4.0, 1.0"
  /// Filler words in more than this share of the articles say nothing worth a look-up.
  static let fillerShare = 0.5
  /// How much each filler word an article has raises its BM25 score.
  static let fillerBoost = 0.1

  private struct Score {
    /// Which ranked groups match, a bit each.
    var groups: UInt64 = 0
    var matched = 0
    var exact = 0
    var filler = 0
    var bm25 = 0.0

    /// How many of the matched groups the title or an error message holds.
    var inKeyFields = 0
    var tier: (Int, Int, Int) { (matched, exact, inKeyFields) }

    /// Counts a group found, once: as typed (or a form or synonym) wins over a correction.
    mutating func add(_ group: UInt64, isExact: Bool) {
      guard groups & group == 0 else { return }
      groups |= group
      matched += 1
      if isExact { exact += 1 }
    }
    /// BM25 (lower is better), raised a little for each filler word.
    var relevance: Double { bm25 * (1 + SearchRanking.fillerBoost * Double(filler)) }
  }

  init(_ plan: SearchPlan, vocabulary: Vocabulary, limit: Int, _ index: IndexAnswers) throws {
    // At most 64 groups are told apart; nobody types that many words.
    let ranked = Array(plan.rankedGroups.prefix(64))
    let documents = max(vocabulary.documentCount, 1)
    var scores: [Int64: Score] = [:]
    for (bit, group) in ranked.enumerated() {
      let mask: UInt64 = 1 << UInt64(bit)
      let exact = group.alternatives.filter { $0.source != .correction }
      let corrected = group.alternatives.filter { $0.source == .correction }
      var found = 0
      for (alternatives, isExact) in [(exact, true), (corrected, false)] where !alternatives.isEmpty {
        let rows = try index.rows(Self.expression(alternatives))
        found += rows.count
        for row in rows { scores[row, default: Score()].add(mask, isExact: isExact) }
      }
      guard found > 0 else { continue }
      let expression = Self.expression(group.alternatives)
      // The words people type from an error message are worth most where an article names
      // that message, or in its title.
      for row in try index.rows("{title messages} : " + expression) {
        scores[row]?.inKeyFields += 1
      }
      // BM25 adds up over the words, so each word's share is asked of the index alone, and
      // kept for the next keystroke. A word in most of a large knowledge base has next to
      // none (BM25 gives it almost no weight), and ranking it would cost more than a
      // keystroke may.
      guard found <= Self.bm25Reach || Double(found) / Double(documents) <= Self.bm25Share else { continue }
      for (row, bm25) in try index.bm25(expression) {
        scores[row]?.bm25 += bm25
      }
    }
    // Filler words that are rare enough to tell articles apart add to those that have them.
    for group in plan.groups where group.isFiller && !ranked.contains(group) {
      let alternatives = group.alternatives.filter { !$0.isPrefix }
      guard !alternatives.isEmpty,
        Double(vocabulary.documents(containing: group.typed)) / Double(documents) <= Self.fillerShare
      else { continue }
      for row in try index.rows(Self.expression(alternatives)) {
        scores[row]?.filler += 1
      }
    }
    matched = scores.count
    complete = scores.values.count { $0.matched == ranked.count }
    guard !scores.isEmpty else { return }

    // The articles that can still make the first `limit`: every one at least as good, by
    // tiers, as the last of them.
    let tiers = scores.values.map(\.tier).sorted { $0 > $1 }
    let cutoff = tiers[min(limit, tiers.count) - 1]
    let candidates = scores.filter { $0.value.tier >= cutoff }
    let ordered = candidates.sorted { left, right in
      if left.value.tier != right.value.tier { return left.value.tier > right.value.tier }
      // BM25 is lower for better matches.
      if left.value.relevance != right.value.relevance { return left.value.relevance < right.value.relevance }
      return left.key < right.key
    }.prefix(Self.verbatimReach)
    // An error message typed word for word (or most of it) puts its article first among
    // those that match as many words.
    let typed = SearchQuery.words(plan.text).map(Vocabulary.key)
    var verbatim: [Int64: Int] = [:]
    if typed.count >= 2 {
      for (rowid, messages) in try index.messages(ordered.map(\.key)) {
        let run = messages.map { Self.longestRun(typed, SearchQuery.words($0).map(Vocabulary.key)) }.max() ?? 0
        if run >= min(Self.verbatimWords, typed.count) { verbatim[rowid] = run }
      }
    }
    best = ordered.enumerated().sorted { left, right in
      let (l, r) = (left.element.value, right.element.value)
      if l.matched != r.matched { return l.matched > r.matched }
      let (lv, rv) = (verbatim[left.element.key] ?? 0, verbatim[right.element.key] ?? 0)
      if lv != rv { return lv > rv }
      return left.offset < right.offset
    }.prefix(limit).map(\.element.key)
  }

  /// How many of the best candidates are compared with the error messages word for word.
  static let verbatimReach = 200
  /// How many words in a row make a message typed word for word (or all of a shorter query).
  static let verbatimWords = 3

  /// The longest run of words that `a` and `b` share in the same order, side by side.
  static func longestRun(_ a: [String], _ b: [String]) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var best = 0
    var previous = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      var current = [Int](repeating: 0, count: b.count + 1)
      for j in 1...b.count where a[i - 1] == b[j - 1] {
        current[j] = previous[j - 1] + 1
        best = max(best, current[j])
      }
      previous = current
    }
    return best
  }

  /// Words in more than this share of the articles, and in more than `bm25Reach` of them,
  /// are not ranked by BM25.
  static let bm25Share = 0.5
  static let bm25Reach = 1000

  /// An FTS5 expression for any of the alternatives: words in quotes, phrases as one
  /// quoted run, the start of a word with `*`.
  static func expression(_ alternatives: [SearchPlan.Alternative]) -> String {
    let parts = alternatives.map { alternative in
      "\"" + alternative.words.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        + (alternative.isPrefix ? "*" : "")
    }
    return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
  }
}

/// What ranking asks of the index, remembered across keystrokes: typing the next letter
/// of the last word asks again only about that word. Forgotten when the index changes.
final class IndexAnswers {
  private let db: Database
  private let kept: Kept

  /// The answers kept between searches; one per index.
  final class Kept: Sendable {
    let memo = Mutex(Memo())
  }

  struct Memo {
    var generation: [Int] = []
    var rows: [String: [Int64]] = [:]
    var bm25: [String: [(Int64, Double)]] = [:]

    /// Enough for the words of a long query and the sets of them typed so far.
    static let capacity = 96

    mutating func forgetIfFull() {
      if rows.count > Self.capacity { rows.removeAll(keepingCapacity: true) }
      if bm25.count > Self.capacity { bm25.removeAll(keepingCapacity: true) }
    }
  }

  init(_ db: Database, kept: Kept, generation: [Int]) {
    self.db = db
    self.kept = kept
    kept.memo.withLock { known in
      if known.generation != generation { known = Memo(generation: generation) }
    }
  }

  /// The rowids of the articles an FTS5 expression matches.
  func rows(_ expression: String) throws -> [Int64] {
    if let known = kept.memo.withLock({ $0.rows[expression] }) { return known }
    let rows = try Int64.fetchAll(db, sql: "SELECT rowid FROM search WHERE search MATCH ?", arguments: [expression])
    kept.memo.withLock {
      $0.forgetIfFull()
      $0.rows[expression] = rows
    }
    return rows
  }

  /// The rowids and BM25 scores of the articles an FTS5 expression matches.
  func bm25(_ expression: String) throws -> [(Int64, Double)] {
    if let known = kept.memo.withLock({ $0.bm25[expression] }) { return known }
    let rows = try Row.fetchAll(
      db, sql: "SELECT rowid, bm25(search, \(SearchRanking.weights)) FROM search WHERE search MATCH ?",
      arguments: [expression]
    ).map { (row: Row) -> (Int64, Double) in (row[0], row[1]) }
    kept.memo.withLock {
      $0.forgetIfFull()
      $0.bm25[expression] = rows
    }
    return rows
  }

  /// The error messages of these articles.
  func messages(_ rowids: [Int64]) throws -> [(Int64, [String])] {
    guard !rowids.isEmpty else { return [] }
    return try Row.fetchAll(
      db, sql: "SELECT rowid, messages FROM article WHERE rowid IN (\(rowids.map { "\($0)" }.joined(separator: ",")))"
    ).map { row in (row[0], (row[1] as String? ?? "").split(separator: "\n").map(String.init)) }
  }
}

/// Why an article matched, in words an author can check.
enum SearchExplanation {
  /// The error message of the article that most of the words match, for "Covers: …".
  static func covers(_ messages: [String], _ plan: SearchPlan) -> String? {
    let groups = plan.rankedGroups.filter { !$0.isFiller }
    guard !groups.isEmpty else { return nil }
    let scored = messages.map { message -> (String, Int) in
      let words = SearchQuery.words(message)
      return (message, groups.count { group in group.alternatives.contains { $0.occurs(in: words) } })
    }
    return scored.filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0
  }

  /// For each word typed, what matched it and in which fields.
  static func reasons(_ plan: SearchPlan, fields: [(String, String)]) -> [SearchReason] {
    let words = fields.map { ($0.0, SearchQuery.words($0.1)) }
    return plan.groups.compactMap { group in
      for alternative in group.alternatives {
        let found = words.filter { alternative.occurs(in: $0.1) }.map(\.0)
        if !found.isEmpty {
          return SearchReason(
            typed: group.typed, matched: alternative.text, source: alternative.source, fields: found,
            isFiller: group.isFiller)
        }
      }
      return nil
    }
  }
}

extension SearchPlan.Alternative {
  /// Whether the alternative's words stand in a row in `words`.
  func occurs(in words: [String]) -> Bool {
    guard !self.words.isEmpty, words.count >= self.words.count else { return false }
    let last = self.words.count - 1
    for start in 0...(words.count - self.words.count) {
      let matches = self.words.indices.allSatisfy { offset in
        let word = words[start + offset]
        return offset == last && isPrefix ? word.hasPrefix(self.words[offset]) : word == self.words[offset]
      }
      if matches { return true }
    }
    return false
  }
}
