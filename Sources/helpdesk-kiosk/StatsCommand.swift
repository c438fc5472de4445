import ArgumentParser
import Foundation
import KioskCore
import KioskOutbox

/// `helpdesk-kiosk stats`: how each article fares, from the outbox's anonymous counts.
struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Per article: views, answers to \"Was this article helpful?\", and tickets opened.",
    discussion: """
      Tickets whose personal data was purged still count. Below the articles: the searches \
      that found nothing and the searches that still ended in a ticket, most frequent first \
      (words only, with names, e-mail addresses and phone numbers taken out; kept for the \
      retention time).
      """)

  /// How many of the most frequent searches of each kind are listed.
  static let searchRows = 10

  @OptionGroup var options: OperatorOptions

  @Flag(name: .long, help: "JSON instead of a table.")
  var json = false

  func run() throws {
    let settings = try options.settings()
    let statistics: [ArticleStatistics]
    var gaps: [SearchGap.Outcome: [SearchCount]] = [:]
    var reasons: [String: [NotHelpfulReason: Int]] = [:]
    do {
      let outbox = try options.existingOutbox(settings)
      statistics = try outbox?.articleStatistics() ?? []
      reasons = try outbox?.reasonCounts() ?? [:]
      for outcome in SearchGap.Outcome.allCases {
        gaps[outcome] = try outbox?.topSearchGaps(outcome, limit: Self.searchRows).map(SearchCount.init) ?? []
      }
    } catch {
      complain("cannot read the statistics: \(OperatorText.clean(String(describing: error)))")
      throw ExitCode(OperatorExit.ioError)
    }
    if json {
      print(
        try OperatorText.json(
          StatsReport(
            articles: statistics.map { ArticleRow($0, reasons: reasons[$0.articleID] ?? [:]) },
            searchesFoundNothing: gaps[.nothingFound] ?? [],
            searchesEndedInTicket: gaps[.ticket] ?? [])))
      return
    }
    var rows = statistics.map { article in
      [
        OperatorText.clean(article.articleID), "\(article.views)", "\(article.helpful)",
        "\(article.notHelpful)", "\(article.tickets)",
      ]
    }
    rows.append([
      "total", "\(statistics.reduce(0) { $0 + $1.views })",
      "\(statistics.reduce(0) { $0 + $1.helpful })", "\(statistics.reduce(0) { $0 + $1.notHelpful })",
      "\(statistics.reduce(0) { $0 + $1.tickets })",
    ])
    print(
      OperatorText.table(
        ["ARTICLE", "VIEWS", "HELPFUL", "NOT HELPFUL", "TICKETS"], rows, rightAligned: [1, 2, 3, 4]))
    // Why articles did not help, where people said.
    let said = statistics.filter { !(reasons[$0.articleID] ?? [:]).isEmpty }
    if !said.isEmpty {
      print()
      print(
        OperatorText.table(
          ["NOT HELPFUL, WHY", "STEPS FAILED", "HARD", "OUTDATED", "NOT MINE"],
          said.map { article in
            [OperatorText.clean(article.articleID)]
              + NotHelpfulReason.allCases.map { "\(reasons[article.articleID]?[$0] ?? 0)" }
          }, rightAligned: [1, 2, 3, 4]))
    }
    for (outcome, heading) in [(SearchGap.Outcome.nothingFound, "SEARCHES THAT FOUND NOTHING"), (.ticket, "SEARCHES THAT ENDED IN A TICKET")] {
      guard let counts = gaps[outcome], !counts.isEmpty else { continue }
      print()
      print(OperatorText.table(["COUNT", heading], counts.map { ["\($0.count)", $0.words] }, rightAligned: [0]))
    }
  }
}

/// `stats --json`: the articles, and the searches the knowledge base did not answer.
struct StatsReport: Encodable {
  var articles: [ArticleRow]
  var searchesFoundNothing: [SearchCount]
  var searchesEndedInTicket: [SearchCount]

  enum CodingKeys: String, CodingKey {
    case articles
    case searchesFoundNothing = "searches_found_nothing"
    case searchesEndedInTicket = "searches_ended_in_ticket"
  }
}

/// Words searched for, and how often.
struct SearchCount: Encodable {
  var words: String
  var count: Int

  init(_ gap: (words: String, count: Int)) {
    words = OperatorText.clean(gap.words)
    count = gap.count
  }
}

/// An article as `stats --json` writes it.
struct ArticleRow: Encodable {
  var articleID: String
  var views: Int
  var helpful: Int
  var notHelpful: Int
  var tickets: Int
  /// Why it did not help: each reason's count, by its name (steps_did_not_work, …).
  var reasons: [String: Int]

  init(_ statistics: ArticleStatistics, reasons: [NotHelpfulReason: Int] = [:]) {
    articleID = OperatorText.clean(statistics.articleID)
    views = statistics.views
    helpful = statistics.helpful
    notHelpful = statistics.notHelpful
    tickets = statistics.tickets
    self.reasons = Dictionary(uniqueKeysWithValues: NotHelpfulReason.allCases.map { ($0.rawValue, reasons[$0] ?? 0) })
  }

  enum CodingKeys: String, CodingKey {
    case views, helpful, tickets, reasons
    case articleID = "article_id"
    case notHelpful = "not_helpful"
  }
}
