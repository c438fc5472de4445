import Foundation
import KioskContent
import KioskCore

// Search as a person types it, on a large knowledge base: every keystroke of each query
// (each prefix, as the kiosk searches while the words are typed) timed one by one, then
// the percentiles. Run by scripts/bench-search, which makes the knowledge base.
//
// Usage: SearchLatency CONTENT_DIR INDEX_FILE QUERIES_FILE...
//   QUERIES_FILE: lines of `article TAB query` or `kind TAB article TAB query`; # comments.

func milliseconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
  guard !sorted.isEmpty else { return 0 }
  return sorted[min(Int((Double(sorted.count - 1) * fraction).rounded()), sorted.count - 1)]
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 3 else {
  FileHandle.standardError.write(Data("usage: SearchLatency CONTENT_DIR INDEX_FILE QUERIES_FILE...\n".utf8))
  exit(64)
}
let folder = URL(fileURLWithPath: arguments[arguments.startIndex])
let indexFile = URL(fileURLWithPath: arguments[arguments.startIndex + 1])
let clock = ContinuousClock()

var start = clock.now
let index = try ContentIndex(folder: folder, file: indexFile)
let (catalog, _, changed) = try index.refresh(categories: ContentLoader.categories(in: folder).0)
print(
  String(
    format: "index: %d articles, %@ in %.1f s", catalog.articleCount, changed ? "built or updated" : "as it was",
    milliseconds(clock.now - start) / 1000))

// The first search reads the index's words and the synonyms; it is timed apart.
start = clock.now
_ = try index.search("a", limit: SearchState.resultLimit)
print(String(format: "first search (reads the vocabulary): %.1f ms", milliseconds(clock.now - start)))

var queries: [String] = []
for file in arguments.dropFirst(2) {
  for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
    if let text = line.split(separator: "\t").last { queries.append(String(text)) }
  }
}
var keystrokes: [Double] = []
var whole: [Double] = []
var slowest: [(Double, String)] = []
for query in queries {
  for end in query.indices.dropFirst() + [query.endIndex] {
    let typed = String(query[..<end])
    start = clock.now
    _ = try index.search(typed, limit: SearchState.resultLimit)
    let elapsed = milliseconds(clock.now - start)
    keystrokes.append(elapsed)
    slowest.append((elapsed, typed))
    if end == query.endIndex { whole.append(elapsed) }
  }
}
keystrokes.sort()
whole.sort()
print(
  String(
    format: "keystrokes: %d (%d queries); p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", keystrokes.count,
    queries.count, percentile(keystrokes, 0.5), percentile(keystrokes, 0.95), percentile(keystrokes, 0.99),
    keystrokes.last ?? 0))
print(
  String(
    format: "whole queries: p50 %.2f ms, p95 %.2f ms, max %.2f ms", percentile(whole, 0.5),
    percentile(whole, 0.95), whole.last ?? 0))
print("slowest keystrokes:")
for (elapsed, typed) in slowest.sorted(by: { $0.0 > $1.0 }).prefix(12) {
  print(String(format: "  %6.2f ms  ", elapsed) + typed)
}

// Where the seed article ranks among the generated ones.
for text in ["your session has expired", "session exp", "Your session has expired. Please log in again."] {
  let ids = try index.search(text, limit: SearchState.resultLimit).hits.map(\.articleID)
  let rank = ids.firstIndex(of: "session-expired").map { "\($0 + 1)" } ?? "not in the first \(ids.count)"
  print("\"\(text)\": the seed article ranks \(rank)")
}
