import Foundation
import GRDB
import KioskCore

extension Outbox {
  /// Records why an article did not help. Nothing about the person is kept.
  public func recordReason(articleID: String, reason: NotHelpfulReason, at date: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: "INSERT INTO reasons (article_id, reason, created_at) VALUES (?, ?, ?)",
        arguments: [articleID, reason.rawValue, date])
    }
  }

  /// How often each reason was given, per article id.
  public func reasonCounts() throws -> [String: [NotHelpfulReason: Int]] {
    try pool.read { db in
      var counts: [String: [NotHelpfulReason: Int]] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT article_id, reason, COUNT(*) AS n FROM reasons GROUP BY article_id, reason")
      {
        guard let reason = NotHelpfulReason(rawValue: row["reason"]) else { continue }
        counts[row["article_id"], default: [:]][reason] = row["n"]
      }
      return counts
    }
  }
}
