import Foundation
import KioskContent
import KioskCore
import KioskTestSupport
import Testing

/// What people type at the kiosk, and whether the article they need comes up: the sample
/// of queries beside the project (`../shared/search/queries.tsv`) and the project's own
/// larger set, by kind (an error message word for word, a typo, a synonym, everyday words).
@Suite("Search recall on the shipped content")
struct SearchRecallTests {
  /// One query and the article that should come up.
  struct Query {
    var kind: String
    var articleID: String
    var text: String
  }

  /// How many queries put their article first, and in the first three.
  struct Recall: CustomStringConvertible {
    var first = 0
    var topThree = 0
    var count = 0
    var misses: [String] = []

    var description: String {
      "first \(first)/\(count), first three \(topThree)/\(count)"
        + (misses.isEmpty ? "" : "; misses:\n" + misses.joined(separator: "\n"))
    }
  }

  /// Reads `kind TAB article TAB query` lines (or `article TAB query`), skipping comments.
  static func queries(_ url: URL) throws -> [Query] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      switch fields.count {
      case 2: return Query(kind: "all", articleID: fields[0], text: fields[1])
      case 3: return Query(kind: fields[0], articleID: fields[1], text: fields[2])
      default: throw ContentFolderError(description: "\(url.lastPathComponent): a line is not 2 or 3 fields: \(line)")
      }
    }
  }

  static func recall(_ queries: [Query]) throws -> [String: Recall] {
    let index = try ContentIndex(folder: shippedContent, file: nil)
    _ = try index.refresh(categories: ContentLoader.categories(in: shippedContent).0)
    var recall: [String: Recall] = [:]
    for query in queries {
      let ids = try index.search(query.text, limit: 3).hits.map(\.articleID)
      for kind in [query.kind, "all"] {
        recall[kind, default: Recall()].count += 1
        if ids.first == query.articleID { recall[kind, default: Recall()].first += 1 }
        if ids.contains(query.articleID) {
          recall[kind, default: Recall()].topThree += 1
        } else if kind == "all" {
          recall[kind, default: Recall()].misses.append("  \(query.text) → \(ids) (wanted \(query.articleID))")
        }
      }
    }
    return recall
  }

  @Test("The sample of what people type: 38 of 40 in the first three, 32 first")
  func sample() throws {
    let file = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/search/queries.tsv")
    try #require(
      FileManager.default.fileExists(atPath: file.path),
      "the sample of queries is not at \(file.path): the test needs the workplace's shared folder beside the project")
    let queries = try Self.queries(file)
    #expect(queries.count == 40, "the sample holds 40 queries")
    let recall = try #require(try Self.recall(queries)["all"])
    #expect(recall.topThree >= 38 && recall.first >= 32, "\(recall)")
  }

  @Test("The project's own queries, 120 of four kinds: each kind finds most articles first")
  func ownSet() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Resources/search-queries.tsv")
    let queries = try Self.queries(file)
    #expect(queries.count == 120)
    let recall = try Self.recall(queries)
    #expect(Set(recall.keys) == ["all", "message", "typo", "synonym", "everyday"])
    let all = try #require(recall["all"])
    #expect(all.topThree >= 114 && all.first >= 98, "\(all)")
    for (kind, figures) in recall where kind != "all" {
      #expect(figures.topThree >= 27 && figures.first >= 21, "\(kind): \(figures)")
    }
  }
}
