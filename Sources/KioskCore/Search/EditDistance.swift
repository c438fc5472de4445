/// How far apart two words are for typo tolerance.
public enum EditDistance {
  /// The Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
  /// substitutions and swaps of neighbours) between `a` and `b`, or nil when it is above
  /// `limit`. Stops early once every alignment is beyond the limit.
  public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
    guard abs(a.count - b.count) <= limit else { return nil }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    let width = b.count + 1
    var previousPrevious = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previousPrevious[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > limit { return nil }
      swap(&previousPrevious, &previous)
      swap(&previous, &current)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
  }

  /// The typos a word of this many letters may have: none below 4, one from 4, two from 8.
  public static func allowedTypos(_ length: Int) -> Int {
    length >= 8 ? 2 : length >= 4 ? 1 : 0
  }
}
