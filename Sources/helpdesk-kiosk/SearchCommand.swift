import ArgumentParser
import Foundation
import KioskContent
import KioskCore

/// `helpdesk-kiosk search`: what a person typing these words would find, and why.
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the content as the kiosk does, and say why each article matched.",
    discussion: """
      Lists the articles in the order the kiosk's search shows them, each with the words \
      that matched it: as typed, as another form of the word, as a correction of a typo, \
      or through synonyms.yaml, and in which fields (title, messages, headings, summary, \
      body). The last word matches as the start of a word, as it does while it is being \
      typed; end the words with a space to match it whole.
      """)

  @Argument(help: ArgumentHelp("The words, as a person would type them.", valueName: "words"))
  var words: String

  @OptionGroup var content: ContentOptions

  @Option(name: .long, help: "How many articles to list (1 to 50).")
  var limit = 10

  @Option(
    name: .customLong("state-dir"),
    help: ArgumentHelp(
      "Use (and bring up to date) the content index in this folder, as the kiosk keeps it, "
        + "instead of reading the folder into memory.",
      valueName: "dir"))
  var stateDirectory: String?

  @Flag(name: .long, help: "JSON instead of text.")
  var json = false

  func validate() throws {
    guard (1...SearchState.resultLimit).contains(limit) else {
      throw ValidationError("--limit must be from 1 to \(SearchState.resultLimit)")
    }
  }

  func run() throws {
    let folder = try content.folder()
    let index: ContentIndex
    let catalog: Catalog
    do {
      try ContentLoader.checkFolder(folder)
      let file = stateDirectory.map { URL(fileURLWithPath: $0).appendingPathComponent(ContentLibrary.indexFile) }
      index = try ContentIndex(folder: folder, file: file)
      catalog = try index.refresh(categories: ContentLoader.categories(in: folder).0).catalog
    } catch let error as ContentFolderError {
      complain(error.description)
      throw ExitCode(ExitStatus.noInput)
    } catch {
      complain("the content index could not be made: \(error)")
      throw ExitCode(ExitStatus.cannotCreate)
    }
    let results = try index.search(words, limit: limit, explaining: true)
    let rows = results.hits.enumerated().map {
      // An article of a category the menus do not show is named by its id alone.
      let article = index.articles.article(id: $0.element.articleID).flatMap { catalog.count(in: $0.category) > 0 ? $0 : nil }
      return SearchRow(rank: $0.offset + 1, hit: $0.element, article: article)
    }
    if json {
      print(
        try OperatorText.json(
          SearchReport(
            query: words, searchedFor: results.searchedFor, matching: results.total, matchingAll: results.complete,
            results: rows)))
      return
    }
    print(Self.text(results, rows))
  }

  /// The results for a person to read: a heading, then each article with its reasons.
  static func text(_ results: SearchResults, _ rows: [SearchRow]) -> String {
    var lines: [String] = []
    if let searchedFor = results.searchedFor { lines.append("Showing results for \(OperatorText.clean(searchedFor))") }
    if results.total == 0 {
      lines.append("No article matches \"\(OperatorText.clean(results.query))\".")
      return lines.joined(separator: "\n")
    }
    let all = results.complete == 1 ? "1 matches" : "\(results.complete) match"
    lines.append(
      "\(results.total) article\(results.total == 1 ? "" : "s") found; \(all) every word that counts (filler aside).")
    for row in rows {
      lines.append("")
      lines.append("\(row.rank). \(row.title)  [\(row.id), \(row.category)]")
      if let covers = row.covers { lines.append("   Covers: \"\(covers)\"") }
      for reason in row.reasons {
        let how = reason.source == "typed" || reason.matched == reason.typed ? "" : " → \(reason.matched) (\(reason.source))"
        let filler = reason.filler ? " (filler)" : ""
        lines.append("   \(reason.typed)\(how)\(filler): \(reason.fields.joined(separator: ", "))")
      }
    }
    return lines.joined(separator: "\n")
  }
}

/// `search --json`: the whole answer.
struct SearchReport: Encodable {
  var query: String
  var searchedFor: String?
  var matching: Int
  var matchingAll: Int
  var results: [SearchRow]

  enum CodingKeys: String, CodingKey {
    case query, matching, results
    case searchedFor = "searched_for"
    case matchingAll = "matching_all"
  }
}

/// One article of `search`, with why it matched.
struct SearchRow: Encodable {
  struct Reason: Encodable {
    var typed: String
    var matched: String
    var source: String
    var fields: [String]
    var filler: Bool
  }

  var rank: Int
  var id: String
  var title: String
  var category: String
  var covers: String?
  var snippet: String
  var reasons: [Reason]

  init(rank: Int, hit: SearchHit, article: Article?) {
    self.rank = rank
    id = OperatorText.clean(hit.articleID)
    title = OperatorText.clean(article?.title ?? hit.articleID)
    category = OperatorText.clean(article?.category ?? "")
    covers = hit.covers.map { OperatorText.clean($0) }
    snippet = OperatorText.clean(hit.snippet)
    reasons = hit.reasons.map {
      Reason(
        typed: OperatorText.clean($0.typed), matched: OperatorText.clean($0.matched), source: $0.source.rawValue,
        fields: $0.fields, filler: $0.isFiller)
    }
  }
}
