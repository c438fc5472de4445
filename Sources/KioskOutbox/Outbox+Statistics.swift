import Foundation
import GRDB

/// What the outbox knows about one article: no person, only counts.
public struct ArticleStatistics: Hashable, Sendable, Codable {
  public var articleID: String
  /// How often the article was opened.
  public var views: Int
  /// Answers "yes" to "Was this article helpful?".
  public var helpful: Int
  /// Answers "no".
  public var notHelpful: Int
  /// Tickets opened from the article, purged ones included.
  public var tickets: Int

  public init(articleID: String, views: Int, helpful: Int, notHelpful: Int, tickets: Int) {
    self.articleID = articleID
    self.views = views
    self.helpful = helpful
    self.notHelpful = notHelpful
    self.tickets = tickets
  }
}

extension Outbox {
  /// How many tickets opened since `date` (all when nil) have each status (statuses with
  /// none are left out).
  public func statusCounts(since date: Date? = nil) throws -> [DeliveryStatus: Int] {
    try pool.read { db in
      var counts: [DeliveryStatus: Int] = [:]
      let rows = try Row.fetchAll(
        db, sql: "SELECT status, COUNT(*) AS n FROM tickets WHERE created_at >= ? GROUP BY status",
        arguments: [(date ?? .distantPast).stored])
      for row in rows {
        let status: String = try row.decode(forColumn: "status")
        if let known = DeliveryStatus(rawValue: status) { counts[known] = try row.decode(forColumn: "n") }
      }
      return counts
    }
  }

  /// Views, answers and tickets per article since `date` (all when nil), for every article
  /// that has any, by id.
  public func articleStatistics(since date: Date? = nil) throws -> [ArticleStatistics] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT article_id, SUM(views) AS views, SUM(yes) AS yes, SUM(no) AS no,
            SUM(tickets) AS tickets
          FROM (
            SELECT article_id, COUNT(*) AS views, 0 AS yes, 0 AS no, 0 AS tickets
              FROM views WHERE created_at >= :since GROUP BY article_id
            UNION ALL
            SELECT article_id, 0, SUM(helpful <> 0), SUM(helpful = 0), 0
              FROM votes WHERE created_at >= :since GROUP BY article_id
            UNION ALL
            SELECT article_id, 0, 0, 0, COUNT(*) FROM tickets WHERE created_at >= :since GROUP BY article_id
            UNION ALL
            SELECT article_id, 0, 0, 0, 0 FROM outcomes
              WHERE kind = 'fixed' AND created_at >= :since GROUP BY article_id
          )
          GROUP BY article_id ORDER BY article_id
          """,
        arguments: ["since": (date ?? .distantPast).stored]
      ).map { row in
        ArticleStatistics(
          articleID: try row.decode(forColumn: "article_id"),
          views: try row.decode(forColumn: "views"),
          helpful: try row.decode(forColumn: "yes"),
          notHelpful: try row.decode(forColumn: "no"),
          tickets: try row.decode(forColumn: "tickets"))
      }
    }
  }
}
