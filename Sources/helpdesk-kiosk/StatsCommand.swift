import ArgumentParser
import Foundation
import KioskOutbox

/// `helpdesk-kiosk stats`: how each article fares, from the outbox's anonymous counts.
struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Per article: views, answers to \"Was this article helpful?\", and tickets opened.",
    discussion: "Tickets whose personal data was purged still count.")

  @OptionGroup var options: OperatorOptions

  @Flag(name: .long, help: "JSON instead of a table.")
  var json = false

  func run() throws {
    let settings = try options.settings()
    let statistics: [ArticleStatistics]
    do {
      statistics = try options.existingOutbox(settings).map { try $0.articleStatistics() } ?? []
    } catch {
      complain("cannot read the statistics: \(OperatorText.clean(String(describing: error)))")
      throw ExitCode(OperatorExit.ioError)
    }
    if json {
      print(try OperatorText.json(statistics.map(ArticleRow.init)))
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
  }
}

/// An article as `stats --json` writes it.
struct ArticleRow: Encodable {
  var articleID: String
  var views: Int
  var helpful: Int
  var notHelpful: Int
  var tickets: Int

  init(_ statistics: ArticleStatistics) {
    articleID = OperatorText.clean(statistics.articleID)
    views = statistics.views
    helpful = statistics.helpful
    notHelpful = statistics.notHelpful
    tickets = statistics.tickets
  }

  enum CodingKeys: String, CodingKey {
    case views, helpful, tickets
    case articleID = "article_id"
    case notHelpful = "not_helpful"
  }
}
