import ArgumentParser
import Foundation
import KioskCore
import KioskOutbox

/// `helpdesk-kiosk stats`: how each article fares, and what the kiosk saved the help desk,
/// from the outbox's anonymous counts.
struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Per article: views, fixes, answers to \"Was this article helpful?\" and why not, and tickets.",
    discussion: """
      Below the articles: the visits, the problems fixed without a ticket, and the \
      self-service rate (fixed / (fixed + tickets)); then the searches that found nothing and \
      those that still ended in a ticket, most frequent first (words only, with names, e-mail \
      addresses and phone numbers taken out; kept for the retention time). Tickets whose \
      personal data was purged still count. CSV has one row per article and a total row.
      """)

  /// How many of the most frequent searches of each kind are listed.
  static let searchRows = 10

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
  }

  @OptionGroup var options: OperatorOptions

  @Option(name: .long, help: ArgumentHelp("Count from this day on (UTC).", valueName: "YYYY-MM-DD"))
  var since: String?

  @Option(name: .long, help: ArgumentHelp("Count the last this many days (UTC), today included.", valueName: "n"))
  var days: Int?

  @Option(name: .long, help: "table (the default), json or csv.")
  var format: Format = .table

  @Flag(name: .long, help: "The same as --format json.")
  var json = false

  func validate() throws {
    if since != nil && days != nil { throw ValidationError("give --since or --days, not both") }
    if let since, Day(iso: since) == nil { throw ValidationError("--since must be a day written YYYY-MM-DD, not '\(since)'") }
    if let days, days < 1 { throw ValidationError("--days must be 1 or more") }
  }

  /// The start of the period, midnight UTC; nil for all time.
  func start(now: Date = Date()) -> Date? {
    if let since, let day = Day(iso: since) { return day.midnight }
    if let days { return Day(now).adding(days: 1 - days).midnight }
    return nil
  }

  func run() throws {
    let settings = try options.settings()
    let start = start()
    var report = StatsReport()
    report.since = start.map { Day($0).isoText }
    do {
      if let outbox = try options.existingOutbox(settings) {
        let statistics = try outbox.articleStatistics(since: start)
        let reasons = try outbox.reasonCounts(since: start)
        let outcomes = try outbox.outcomeCounts(since: start)
        report.articles = statistics.map {
          ArticleRow($0, fixed: outcomes.fixed[$0.articleID] ?? 0, reasons: reasons[$0.articleID] ?? [:])
        }
        report.sessions = outcomes.sessions
        report.ticketStatuses = try outbox.statusCounts(since: start)
        report.searchesFoundNothing = try outbox.topSearchGaps(.nothingFound, limit: Self.searchRows, since: start)
          .map(SearchCount.init)
        report.searchesEndedInTicket = try outbox.topSearchGaps(.ticket, limit: Self.searchRows, since: start)
          .map(SearchCount.init)
      }
    } catch let exit as ExitCode {
      // The outbox could not be opened: said already, on one line.
      throw exit
    } catch {
      complain("cannot read the statistics: \(OperatorText.clean(String(describing: error)))")
      throw ExitCode(OperatorExit.ioError)
    }
    switch json ? .json : format {
    case .json: print(try OperatorText.json(report))
    case .csv: print(report.csv, terminator: "")
    case .table: print(report.table)
    }
  }
}

/// Everything `stats` says, in every format.
struct StatsReport: Encodable {
  /// The first day counted, or nil for all time.
  var since: String?
  var articles: [ArticleRow] = []
  var sessions = 0
  /// The tickets of the period by where their delivery stands.
  var ticketStatuses: [DeliveryStatus: Int] = [:]
  var searchesFoundNothing: [SearchCount] = []
  var searchesEndedInTicket: [SearchCount] = []

  var fixed: Int { articles.reduce(0) { $0 + $1.fixed } }
  var tickets: Int { articles.reduce(0) { $0 + $1.tickets } }
  /// Problems fixed without a ticket, of those fixed or taken to the help desk; nil with neither.
  var selfServiceRate: Double? {
    fixed + tickets == 0 ? nil : Double(fixed) / Double(fixed + tickets)
  }

  var total: ArticleRow {
    var total = ArticleRow(articleID: "total")
    for row in articles {
      total.views += row.views
      total.fixed += row.fixed
      total.helpful += row.helpful
      total.notHelpful += row.notHelpful
      total.tickets += row.tickets
      for (reason, count) in row.reasons { total.reasons[reason, default: 0] += count }
    }
    return total
  }

  /// The table for a person, within 80 columns but for long article ids.
  var table: String {
    var parts: [String] = [since.map { "Since \($0) (UTC)" } ?? "All time", ""]
    parts.append(
      OperatorText.table(
        ["ARTICLE", "VIEWS", "FIXED", "HELPFUL", "NOT HELPFUL", "TICKETS"],
        (articles + [total]).map {
          [$0.articleID, "\($0.views)", "\($0.fixed)", "\($0.helpful)", "\($0.notHelpful)", "\($0.tickets)"]
        },
        rightAligned: [1, 2, 3, 4, 5]))
    let rate = selfServiceRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "none yet"
    parts += [
      "",
      "Visits: \(sessions). Fixed without a ticket: \(fixed). Tickets: \(tickets).",
      "Self-service rate, fixed / (fixed + tickets): \(rate).",
    ]
    if tickets > 0 {
      let statuses = DeliveryStatus.allCases.map { status in
        "\(ticketStatuses[status] ?? 0) \(status.rawValue)" + (status == .spooled ? " (not sent)" : "")
      }
      parts.append("Tickets by delivery: \(statuses.joined(separator: ", ")).")
    }
    // Why articles did not help, where people said.
    let said = articles.filter { $0.reasons.values.contains { $0 > 0 } }
    if !said.isEmpty {
      parts.append("")
      parts.append(
        OperatorText.table(
          ["NOT HELPFUL, WHY", "STEPS FAILED", "HARD", "OUTDATED", "NOT MINE"],
          said.map { row in [row.articleID] + NotHelpfulReason.allCases.map { "\(row.reasons[$0.rawValue] ?? 0)" } },
          rightAligned: [1, 2, 3, 4]))
    }
    let searches = [
      (searchesFoundNothing, "SEARCHES THAT FOUND NOTHING"), (searchesEndedInTicket, "SEARCHES THAT ENDED IN A TICKET"),
    ]
    for (counts, heading) in searches where !counts.isEmpty {
      parts.append("")
      parts.append(OperatorText.table(["COUNT", heading], counts.map { ["\($0.count)", $0.words] }, rightAligned: [0]))
    }
    return parts.joined(separator: "\n")
  }

  /// One row per article and a total row, for a spreadsheet (RFC 4180: CRLF, quoted when needed).
  var csv: String {
    let reasonNames = NotHelpfulReason.allCases.map(\.rawValue)
    var lines = [(["article_id", "views", "fixed", "helpful", "not_helpful", "tickets"] + reasonNames).joined(separator: ",")]
    for row in articles + [total] {
      let fields = [row.articleID, "\(row.views)", "\(row.fixed)", "\(row.helpful)", "\(row.notHelpful)", "\(row.tickets)"]
        + reasonNames.map { "\(row.reasons[$0] ?? 0)" }
      lines.append(fields.map(Self.csvField).joined(separator: ","))
    }
    return lines.map { $0 + "\r\n" }.joined()
  }

  /// A CSV field, quoted when it holds a comma, a quote or a line end.
  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  enum CodingKeys: String, CodingKey {
    case since, articles, sessions, fixed, tickets
    case ticketStatuses = "tickets_by_status"
    case selfServiceRate = "self_service_rate"
    case searchesFoundNothing = "searches_found_nothing"
    case searchesEndedInTicket = "searches_ended_in_ticket"
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(since, forKey: .since)
    try container.encode(articles, forKey: .articles)
    try container.encode(sessions, forKey: .sessions)
    try container.encode(fixed, forKey: .fixed)
    try container.encode(tickets, forKey: .tickets)
    try container.encode(
      Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0.rawValue, ticketStatuses[$0] ?? 0) }),
      forKey: .ticketStatuses)
    try container.encode(selfServiceRate, forKey: .selfServiceRate)
    try container.encode(searchesFoundNothing, forKey: .searchesFoundNothing)
    try container.encode(searchesEndedInTicket, forKey: .searchesEndedInTicket)
  }
}

/// An article as `stats` counts it.
struct ArticleRow: Encodable {
  var articleID: String
  var views = 0
  var fixed = 0
  var helpful = 0
  var notHelpful = 0
  var tickets = 0
  /// Why it did not help: each reason's count, by its name (steps_did_not_work, …).
  var reasons: [String: Int] = [:]

  init(articleID: String) {
    self.articleID = articleID
  }

  init(_ statistics: ArticleStatistics, fixed: Int, reasons: [NotHelpfulReason: Int]) {
    articleID = OperatorText.clean(statistics.articleID)
    views = statistics.views
    self.fixed = fixed
    helpful = statistics.helpful
    notHelpful = statistics.notHelpful
    tickets = statistics.tickets
    self.reasons = Dictionary(uniqueKeysWithValues: NotHelpfulReason.allCases.map { ($0.rawValue, reasons[$0] ?? 0) })
  }

  enum CodingKeys: String, CodingKey {
    case views, fixed, helpful, tickets, reasons
    case articleID = "article_id"
    case notHelpful = "not_helpful"
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
