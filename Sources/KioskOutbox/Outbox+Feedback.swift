import Foundation
import GRDB
import KioskCore

extension Outbox {
  /// Records why an article did not help. Nothing about the person is kept.
  public func recordReason(articleID: String, reason: NotHelpfulReason, at date: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: "INSERT INTO reasons (article_id, reason, created_at) VALUES (?, ?, ?)",
        arguments: [articleID, reason.rawValue, date.stored])
    }
  }

  /// Counts a visit, or a problem fixed without a ticket. Nothing about the person is kept.
  public func recordOutcome(_ outcome: Outcome, at date: Date) throws {
    let (kind, articleID): (String, String?) =
      switch outcome {
      case .session: ("session", nil)
      case .fixed(let id): ("fixed", id)
      }
    try pool.write { db in
      try db.execute(
        sql: "INSERT INTO outcomes (kind, article_id, created_at) VALUES (?, ?, ?)", arguments: [kind, articleID, date.stored])
    }
  }

  /// Visits since `date` (all when nil), and problems fixed per article id.
  public func outcomeCounts(since date: Date? = nil) throws -> (sessions: Int, fixed: [String: Int]) {
    try pool.read { db in
      let since = date ?? .distantPast
      let sessions = try Int.fetchOne(
        db, sql: "SELECT COUNT(*) FROM outcomes WHERE kind = 'session' AND created_at >= ?", arguments: [since.stored]) ?? 0
      var fixed: [String: Int] = [:]
      for row in try Row.fetchAll(
        db,
        sql: "SELECT article_id, COUNT(*) AS n FROM outcomes WHERE kind = 'fixed' AND created_at >= ? GROUP BY article_id",
        arguments: [since.stored])
      {
        fixed[row["article_id"]] = row["n"]
      }
      return (sessions, fixed)
    }
  }

  /// How often each reason was given since `date` (all when nil), per article id.
  public func reasonCounts(since date: Date? = nil) throws -> [String: [NotHelpfulReason: Int]] {
    try pool.read { db in
      var counts: [String: [NotHelpfulReason: Int]] = [:]
      for row in try Row.fetchAll(
        db,
        sql: "SELECT article_id, reason, COUNT(*) AS n FROM reasons WHERE created_at >= ? GROUP BY article_id, reason",
        arguments: [(date ?? .distantPast).stored])
      {
        guard let reason = NotHelpfulReason(rawValue: row["reason"]) else { continue }
        counts[row["article_id"], default: [:]][reason] = row["n"]
      }
      return counts
    }
  }
}
