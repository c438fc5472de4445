import Foundation
import GRDB
import Logging

/// A ticket that one deliverer holds while it tries to send it.
public struct DeliveryClaim: Hashable, Sendable {
  /// The ticket, as it was when claimed (its attempt already counted).
  public var entry: OutboxEntry
  /// Who holds the claim: this process and a nonce (see `DeliveryLease`).
  var owner: String
}

/// What one attempt came to.
public enum AttemptResult: Hashable, Sendable {
  /// The transport took the message and sent it on.
  case delivered(at: Date)
  /// The transport took the message and keeps it on the kiosk (the spool folder).
  case spooled(at: Date)
  /// A temporary failure: try again at `retryAt`.
  case deferred(retryAt: Date, reason: String)
  /// A permanent failure, or the retry lifetime is over: kept for the operator.
  case failed(reason: String)
}

extension Outbox {
  /// Claims the oldest ticket due at `now` whose row comes after `sequence`, for one
  /// attempt, in one write transaction: the attempt is counted, and the ticket is held for
  /// `leaseDuration` seconds, during which no other deliverer (thread or process) takes it.
  ///
  /// A ticket held by a process that no longer runs (it crashed, or was killed between
  /// sending and recording) is taken over at once, and sent again with its same
  /// Message-ID; one held by a process that cannot be checked, when its lease runs out.
  /// Delivery is therefore at least once: a crash right after the relay took a message
  /// but before `complete` recorded it makes the help desk receive it twice.
  ///
  /// - Returns: the claim, or nil when nothing after `sequence` is due.
  public func claimNext(now: Date, leaseDuration: TimeInterval, after sequence: Int = 0) throws
    -> DeliveryClaim?
  {
    let owner = DeliveryLease.newOwner()
    return try pool.write { db -> DeliveryClaim? in
      let candidates = try Row.fetchCursor(
        db,
        sql: """
          SELECT id, lease_owner, lease_until FROM tickets
          WHERE id > ? AND status = 'queued'
            AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
          ORDER BY id
          """,
        arguments: [sequence, now.stored])
      var chosen: Int?
      while let row = try candidates.next() {
        let leaseUntil = try row.storedDate("lease_until")
        let leaseOwner: String? = try row.decode(forColumn: "lease_owner")
        let isExpired = leaseUntil.map { $0 <= now } ?? true
        let isOrphaned = leaseOwner.flatMap(DeliveryLease.isAlive) == false
        let isFree = isExpired || isOrphaned
        if isFree {
          chosen = try row.decode(forColumn: "id")
          break
        }
      }
      guard let chosen else { return nil }
      try db.execute(
        sql: """
          UPDATE tickets SET lease_owner = ?, lease_until = ?, attempts = attempts + 1,
            round_attempts = round_attempts + 1, last_attempt_at = ?
          WHERE id = ?
          """,
        arguments: [owner, now.addingTimeInterval(leaseDuration).stored, now.stored, chosen])
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT \(Self.columns) FROM tickets WHERE id = ?", arguments: [chosen])
      else { return nil }
      return DeliveryClaim(entry: try Self.entry(row), owner: owner)
    }
  }

  /// Records the result of a claimed attempt and lets go of the ticket.
  ///
  /// A delivery is always recorded (the relay has the message, whoever holds the ticket
  /// now). A failure is recorded only while the claim is still this one's: if the lease ran
  /// out and another deliverer took the ticket over, its result counts instead.
  ///
  /// - Returns: whether the result was recorded.
  @discardableResult
  public func complete(_ claim: DeliveryClaim, _ result: AttemptResult) throws -> Bool {
    let id = claim.entry.sequence
    return try pool.write { db in
      switch result {
      case .delivered(let date):
        try db.execute(
          sql: """
            UPDATE tickets SET status = 'delivered', delivered_at = ?, next_attempt_at = NULL,
              last_error = NULL, lease_owner = NULL, lease_until = NULL
            WHERE id = ? AND status <> 'delivered'
            """,
          arguments: [date.stored, id])
      case .spooled(let date):
        try db.execute(
          sql: """
            UPDATE tickets SET status = 'spooled', delivered_at = ?, next_attempt_at = NULL,
              last_error = NULL, lease_owner = NULL, lease_until = NULL
            WHERE id = ? AND status NOT IN ('delivered', 'spooled')
            """,
          arguments: [date.stored, id])
      case .deferred(let retryAt, let reason):
        try db.execute(
          sql: """
            UPDATE tickets SET next_attempt_at = ?, last_error = ?, lease_owner = NULL,
              lease_until = NULL
            WHERE id = ? AND status = 'queued' AND lease_owner = ?
            """,
          arguments: [retryAt.stored, Self.reason(reason), id, claim.owner])
      case .failed(let reason):
        try db.execute(
          sql: """
            UPDATE tickets SET status = 'failed', next_attempt_at = NULL, last_error = ?,
              lease_owner = NULL, lease_until = NULL
            WHERE id = ? AND status = 'queued' AND lease_owner = ?
            """,
          arguments: [Self.reason(reason), id, claim.owner])
      }
      return db.changesCount > 0
    }
  }

  /// Puts a failed ticket back in the queue, due at once, for a new round of attempts
  /// (the back-off and the lifetime start again at `now`); a queued one is made due at
  /// once; a spooled one is sent again (after the transport was changed to one that
  /// sends, say). The message and Message-ID stay the same.
  ///
  /// - Throws: `OutboxError.unknownReference`, `.alreadyDelivered`, `.purged` for a
  ///   spooled ticket past the retention time, or `.beingSent` when a deliverer holds it.
  public func requeue(reference: String, now: Date) throws {
    try pool.write { db in
      let row = try Row.fetchOne(
        db, sql: "SELECT status, lease_until, purged_at FROM tickets WHERE reference = ?",
        arguments: [reference])
      guard let row else { throw OutboxError.unknownReference(reference) }
      let status: String = try row.decode(forColumn: "status")
      let leaseUntil = try row.storedDate("lease_until")
      let purgedAt = try row.storedDate("purged_at")
      if status == DeliveryStatus.delivered.rawValue {
        throw OutboxError.alreadyDelivered(reference)
      }
      if purgedAt != nil { throw OutboxError.purged(reference) }
      if status == DeliveryStatus.queued.rawValue, let leaseUntil, leaseUntil > now {
        throw OutboxError.beingSent(reference)
      }
      try db.execute(
        sql: """
          UPDATE tickets SET status = 'queued', next_attempt_at = NULL, round_started_at = ?,
            round_attempts = 0, lease_owner = NULL, lease_until = NULL, delivered_at = NULL
          WHERE reference = ?
          """,
        arguments: [now.stored, reference])
    }
    logger.notice("ticket queued again by the operator", metadata: ["reference": "\(reference)", "status": "queued"])
  }

  /// A failure reason as stored: one line, no controls, at most `maximumErrorLength`.
  static func reason(_ text: String) -> String {
    String(MessageBuilder.singleLine(text).prefix(maximumErrorLength))
  }
}
