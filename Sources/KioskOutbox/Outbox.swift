import Foundation
import GRDB
import KioskCore
import Logging

/// A ticket just committed to the outbox.
public struct SubmittedTicket: Hashable, Sendable {
  /// The reference to show the person and to quote to the help desk.
  public var reference: String
  /// The Message-ID of the ticket's e-mail, angle brackets included.
  public var messageID: String
}

/// Where a ticket is on its way to the help desk.
public enum DeliveryStatus: String, Hashable, Sendable, CaseIterable {
  /// Waiting for its first delivery, or for a retry after a temporary failure.
  case queued
  /// Handed to a transport that sends it on (sendmail, a relay): it has left the kiosk.
  case delivered
  /// Written to the spool folder, where it waits for something to collect it: it has not
  /// left the kiosk.
  case spooled
  /// Failed permanently; kept for the operator.
  case failed
}

/// A ticket in the outbox, with its message and where its delivery stands.
public struct OutboxEntry: Hashable, Sendable {
  public var reference: String
  public var messageID: String
  public var articleID: String
  public var createdAt: Date
  public var status: DeliveryStatus
  /// How many times delivery was tried.
  public var attempts: Int
  /// When a queued ticket may be tried again; nil when it is due at once.
  public var nextAttemptAt: Date?
  /// Why the last attempt failed.
  public var lastError: String?
  public var deliveredAt: Date?
  /// The complete RFC 5322 message, exactly as built at submission; empty once purged.
  public var message: [UInt8]
  /// The ticket's row number: tickets in the order they were submitted. (Old references
  /// were made from it; new ones are random, see `TicketReference`.)
  public var sequence: Int
  /// When the last attempt started.
  public var lastAttemptAt: Date?
  /// When the current round of attempts started: at submission, or when the operator
  /// re-queued the ticket. The retry lifetime counts from here.
  public var roundStartedAt: Date
  /// The attempts of the current round; the back-off grows with them.
  public var roundAttempts: Int
  /// While a deliverer holds the ticket (it is being sent), until when.
  public var leaseUntil: Date?
  /// When the personal data of this delivered or spooled ticket was purged.
  public var purgedAt: Date?

  /// Whether a deliverer is sending this ticket at `now`.
  public func isBeingSent(at now: Date) -> Bool {
    status == .queued && leaseUntil.map { $0 > now } == true
  }
}

/// The kiosk's durable outbox: an SQLite database of tickets (each a complete e-mail) and
/// of the anonymous "Was this article helpful?" votes.
///
/// A submitted ticket is committed, with `synchronous = FULL`, before `submit` returns, so
/// the confirmation screen never shows a reference that a power cut could lose. The folder
/// and the database files are readable by their owner only. `secure_delete` is on, so
/// purged personal data is overwritten, not just unlinked from the b-tree.
///
/// Several processes may use one outbox at once (the kiosk and a cron job running
/// `outbox deliver`): writers wait up to `busyTimeout` for each other, and a ticket is
/// claimed in a write transaction before it is sent (see `claimNext`), so no two deliverers
/// ever send it at the same time.
///
/// What happens to tickets is logged to `logger` by reference and status only: the
/// person's name, contact and description never reach the log.
public final class Outbox: Sendable {
  /// The database file's name in the state folder.
  static let fileName = "outbox.sqlite"
  /// The longest failure reason kept.
  static let maximumErrorLength = 2_000
  /// How long a writer waits for another process's write transaction to end.
  static let busyTimeout: TimeInterval = 10

  let pool: DatabasePool
  /// The database file.
  let databaseURL: URL
  /// Where tickets queued, delivered, retried, failed and purged are logged.
  public let logger: Logger

  /// Opens the outbox in `stateDirectory`, creating the folder (mode 0700, also set on an
  /// existing folder) and the database (mode 0600, as are its `-wal` and `-shm` files).
  ///
  /// - Parameter logger: where the tickets' events go; by default nowhere.
  public init(
    stateDirectory: URL, logger: Logger = Logger(label: "helpdesk-kiosk") { _ in SwiftLogNoOpLogHandler() }
  ) throws {
    self.logger = logger
    try PrivateFiles.makeFolder(stateDirectory, fixingMode: true)
    let url = stateDirectory.appendingPathComponent(Self.fileName)
    // Create the file with its mode before SQLite does; SQLite gives the -wal and -shm files
    // the mode of the database file.
    try PrivateFiles.makeFile(url)
    var configuration = Configuration()
    configuration.label = "KioskOutbox"
    configuration.busyMode = .timeout(Self.busyTimeout)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
      try db.execute(sql: "PRAGMA secure_delete = ON")
    }
    let path = try PrivateFiles.fileSystemPath(url)
    do {
      pool = try Self.open(path, configuration)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
      // A damaged database takes no ticket: it is set aside beside the new one, never
      // deleted, for someone to look at, and a fresh outbox takes the person's ticket.
      let aside = try Self.setAside(url, now: Date())
      logger.error(
        "the outbox was damaged and is set aside; a new one takes tickets",
        metadata: ["file": "\(aside.path)", "error": "\(error)"])
      try PrivateFiles.makeFile(url)
      pool = try Self.open(path, configuration)
    }
    databaseURL = url
    for suffix in ["-wal", "-shm"] {
      try PrivateFiles.restrictIfPresent(path + suffix)
    }
  }

  /// The database at `path`, in WAL mode, migrated.
  private static func open(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
    let pool = try DatabasePool(path: path, configuration: configuration)
    do {
      // DatabasePool sets `synchronous = NORMAL` on its writer after `prepareDatabase` when
      // it turns WAL on; a ticket must survive a power cut, so the writer goes back to FULL.
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = FULL")
      }
      try migrator.migrate(pool)
      return pool
    } catch {
      try? pool.close()
      throw error
    }
  }

  /// The name damaged outboxes get beside the new one: `outbox.sqlite.damaged-<time>`.
  public static let damagedMarker = ".damaged-"

  /// Renames a damaged database (and its `-wal` and `-shm` files) to
  /// `outbox.sqlite.damaged-<UTC time>`; returns the new name of the database.
  static func setAside(_ url: URL, now: Date) throws -> URL {
    // `20261130T013334Z`.
    let stamp = UTCTime(now).iso8601Basic
    var aside = URL(fileURLWithPath: url.path + damagedMarker + stamp)
    var number = 2
    while FileManager.default.fileExists(atPath: aside.path) {
      aside = URL(fileURLWithPath: url.path + damagedMarker + stamp + "-\(number)")
      number += 1
    }
    try FileManager.default.moveItem(at: url, to: aside)
    for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: url.path + suffix) {
      try FileManager.default.moveItem(atPath: url.path + suffix, toPath: aside.path + suffix)
    }
    return aside
  }

  /// The damaged outboxes set aside in a state folder, oldest first.
  public static func setAsideFiles(in stateDirectory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: stateDirectory.path)) ?? []
    return names.filter { $0.hasPrefix(fileName + damagedMarker) && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
      .sorted().map { stateDirectory.appendingPathComponent($0) }
  }

  /// The schema, one migration per change.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: tickets and votes") { db in
      try db.execute(
        sql: """
          CREATE TABLE tickets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            reference TEXT UNIQUE NOT NULL,
            message_id TEXT UNIQUE NOT NULL,
            article_id TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued'
              CHECK (status IN ('queued', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at DATETIME,
            last_error TEXT,
            delivered_at DATETIME,
            message BLOB NOT NULL
          );
          CREATE INDEX tickets_due ON tickets (status, next_attempt_at);
          CREATE TABLE votes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            helpful BOOLEAN NOT NULL,
            created_at DATETIME NOT NULL
          );
          """)
    }
    migrator.registerMigration("v2: claims, retry rounds, purging, views") { db in
      try db.execute(
        sql: """
          ALTER TABLE tickets ADD COLUMN last_attempt_at DATETIME;
          ALTER TABLE tickets ADD COLUMN round_started_at DATETIME;
          ALTER TABLE tickets ADD COLUMN round_attempts INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE tickets ADD COLUMN lease_owner TEXT;
          ALTER TABLE tickets ADD COLUMN lease_until DATETIME;
          ALTER TABLE tickets ADD COLUMN purged_at DATETIME;
          UPDATE tickets SET round_started_at = created_at, round_attempts = attempts;
          CREATE INDEX tickets_article ON tickets (article_id);
          CREATE TABLE views (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            created_at DATETIME NOT NULL
          );
          """)
    }
    migrator.registerMigration("v3: search gaps") { db in
      // Words only, by day: no time, person, session or ticket.
      try db.execute(
        sql: """
          CREATE TABLE search_gaps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            outcome TEXT NOT NULL,
            words TEXT NOT NULL
          );
          CREATE INDEX search_gaps_day ON search_gaps (day);
          """)
    }
    migrator.registerMigration("v4: reasons an article did not help") { db in
      // The article, the reason and the time: nothing about the person.
      try db.execute(
        sql: """
          CREATE TABLE reasons (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at DATETIME NOT NULL
          );
          """)
    }
    migrator.registerMigration("v5: outcomes") { db in
      // Visits and problems fixed without a ticket: a kind, an article, a time.
      try db.execute(
        sql: """
          CREATE TABLE outcomes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            article_id TEXT,
            created_at DATETIME NOT NULL
          );
          """)
    }
    migrator.registerMigration("v6: spooled is not delivered") { db in
      // SQLite cannot change a CHECK constraint: the table is made again with the new one,
      // rows and ids kept. Tickets spooled before this are left `delivered`: which ones were
      // is not recorded.
      try db.execute(
        sql: """
          CREATE TABLE tickets_v6 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            reference TEXT UNIQUE NOT NULL,
            message_id TEXT UNIQUE NOT NULL,
            article_id TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued'
              CHECK (status IN ('queued', 'delivered', 'spooled', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at DATETIME,
            last_error TEXT,
            delivered_at DATETIME,
            message BLOB NOT NULL,
            last_attempt_at DATETIME,
            round_started_at DATETIME,
            round_attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT,
            lease_until DATETIME,
            purged_at DATETIME
          );
          INSERT INTO tickets_v6 (
            id, reference, message_id, article_id, created_at, status, attempts, next_attempt_at,
            last_error, delivered_at, message, last_attempt_at, round_started_at, round_attempts,
            lease_owner, lease_until, purged_at)
          SELECT
            id, reference, message_id, article_id, created_at, status, attempts, next_attempt_at,
            last_error, delivered_at, message, last_attempt_at, round_started_at, round_attempts,
            lease_owner, lease_until, purged_at
          FROM tickets;
          UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'tickets'))
            WHERE name = 'tickets_v6';
          DROP TABLE tickets;
          ALTER TABLE tickets_v6 RENAME TO tickets;
          CREATE INDEX tickets_due ON tickets (status, next_attempt_at);
          CREATE INDEX tickets_article ON tickets (article_id);
          """)
    }
    return migrator
  }

  // MARK: - Tickets

  /// Commits the ticket as a complete e-mail, with a new reference and Message-ID, in one
  /// transaction that is durable when this returns.
  public func submit(_ ticket: TicketContent, identity: KioskIdentity) throws -> SubmittedTicket {
    var generator = SystemRandomNumberGenerator()
    return try submit(ticket, identity: identity, using: &generator)
  }

  /// How many references `submit` draws before it gives up on a broken generator.
  static let maximumReferenceDraws = 100

  /// `submit` with the reference drawn from `generator` (tests pass a seeded one).
  ///
  /// The reference is random (see `TicketReference`), never derived from the database, so
  /// a restored backup or a new state folder cannot issue an old one again; a reference
  /// already in this outbox is drawn again, in the transaction that inserts the ticket
  /// (the `reference` column is also UNIQUE).
  func submit<Generator: RandomNumberGenerator>(
    _ ticket: TicketContent, identity: KioskIdentity, using generator: inout Generator
  ) throws -> SubmittedTicket {
    let nonce = Self.randomHex()
    let submitted = try pool.write { db in
      let reference = try Self.unusedReference(db, using: &generator)
      let messageID = MessageBuilder.messageID(
        reference: reference, nonce: nonce, kioskID: identity.id)
      let message = MessageBuilder(
        ticket: ticket, identity: identity, reference: reference, messageID: messageID,
        date: ticket.createdAt
      ).bytes
      try db.execute(
        sql: """
          INSERT INTO tickets
            (reference, message_id, article_id, created_at, status, attempts, message,
             round_started_at)
          VALUES (?, ?, ?, ?, 'queued', 0, ?, ?)
          """,
        arguments: [
          reference, messageID, ticket.articleID, ticket.createdAt.stored, Data(message), ticket.createdAt.stored,
        ])
      return SubmittedTicket(reference: reference, messageID: messageID)
    }
    logger.info("ticket queued", metadata: ["reference": "\(submitted.reference)", "status": "queued"])
    return submitted
  }

  /// A new reference that no ticket in the outbox has.
  static func unusedReference<Generator: RandomNumberGenerator>(
    _ db: Database, using generator: inout Generator
  ) throws -> String {
    for _ in 0..<maximumReferenceDraws {
      let reference = TicketReference.make(using: &generator)
      let taken = try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM tickets WHERE reference = ?)", arguments: [reference])
      if taken != true { return reference }
    }
    throw TicketReference.DrawFailure(draws: maximumReferenceDraws)
  }

  /// The queued tickets that are due at `now` and that no deliverer holds, oldest first.
  public func pending(now: Date) throws -> [OutboxEntry] {
    try fetch(
      """
      WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
        AND (lease_until IS NULL OR lease_until <= ?)
      ORDER BY id
      """,
      [now.stored, now.stored])
  }

  /// The ticket with this reference, if there is one.
  public func entry(reference: String) throws -> OutboxEntry? {
    try fetch("WHERE reference = ?", [reference]).first
  }

  /// Every ticket, oldest first.
  public func all() throws -> [OutboxEntry] {
    try fetch("ORDER BY id", [])
  }

  /// Records that the transport took the ticket, outside a claim (one more attempt).
  public func markDelivered(reference: String, at date: Date) throws {
    try update(
      reference,
      """
      UPDATE tickets SET status = 'delivered', attempts = attempts + 1, delivered_at = ?,
        next_attempt_at = NULL, last_error = NULL
      WHERE reference = ?
      """,
      [date.stored, reference])
  }

  /// Records a failed delivery, outside a claim (one more attempt). With `retryAt` the
  /// failure is temporary and the ticket stays queued until then; without it the failure is
  /// permanent and the ticket is kept, flagged `failed`, for the operator. The stored
  /// message and Message-ID never change.
  public func markFailed(reference: String, error: String, retryAt: Date?) throws {
    let reason = String(MessageBuilder.singleLine(error).prefix(Self.maximumErrorLength))
    try update(
      reference,
      """
      UPDATE tickets SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?
      WHERE reference = ?
      """,
      [
        retryAt == nil ? DeliveryStatus.failed.rawValue : DeliveryStatus.queued.rawValue, retryAt?.stored,
        reason, reference,
      ])
  }

  /// Purges the personal data of the tickets delivered or spooled before `date`: their messages
  /// (name, contact, description) and last errors are overwritten (`secure_delete`), and the
  /// write-ahead log is checkpointed and truncated so that no old copy stays there. The
  /// reference, Message-ID, article, times and status stay for the statistics and for a
  /// caller who quotes the reference. Returns how many tickets were purged.
  @discardableResult
  public func purgeDelivered(before date: Date, at now: Date) throws -> Int {
    let count = try pool.write { db in
      try db.execute(
        sql: """
          UPDATE tickets SET message = X'', last_error = NULL, purged_at = ?
          WHERE status IN ('delivered', 'spooled') AND delivered_at < ? AND purged_at IS NULL
          """,
        arguments: [now.stored, date.stored])
      return db.changesCount
    }
    if count > 0 {
      logger.info(
        "personal data purged from delivered and spooled tickets after the retention time", metadata: ["tickets": "\(count)"])
      // Readers may hold the log for a moment; the next purge or checkpoint finishes it.
      try? pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    }
    return count
  }

  /// The ids of the articles opened most often, most first.
  public func mostViewed(limit: Int) throws -> [String] {
    try pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT article_id FROM views GROUP BY article_id ORDER BY COUNT(*) DESC, article_id LIMIT ?",
        arguments: [limit])
    }
  }

  // MARK: - Search gaps

  /// Counts words the knowledge base did not answer, by the day (UTC) only.
  public func recordSearchGap(_ gap: SearchGap, at date: Date) throws {
    guard !gap.words.isEmpty else { return }
    try pool.write { db in
      try db.execute(
        sql: "INSERT INTO search_gaps (day, outcome, words) VALUES (?, ?, ?)",
        arguments: [Self.day(date), gap.outcome.rawValue, gap.words])
    }
  }

  /// The words searched for most often with this outcome, most first, with their counts.
  public func topSearchGaps(
    _ outcome: SearchGap.Outcome, limit: Int, since date: Date? = nil
  ) throws -> [(words: String, count: Int)] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT words, COUNT(*) AS n FROM search_gaps WHERE outcome = ? AND day >= ?
          GROUP BY words ORDER BY n DESC, words LIMIT ?
          """,
        arguments: [outcome.rawValue, date.map(Self.day) ?? "", limit]
      ).map { (try $0.decode(forColumn: "words"), try $0.decode(forColumn: "n")) }
    }
  }

  /// Removes the search gaps of the days before `date`; returns how many.
  @discardableResult
  public func purgeSearchGaps(before date: Date) throws -> Int {
    try pool.write { db in
      try db.execute(sql: "DELETE FROM search_gaps WHERE day < ?", arguments: [Self.day(date)])
      return db.changesCount
    }
  }

  /// A date's day in UTC, as `YYYY-MM-DD`.
  static func day(_ date: Date) -> String {
    Day(date).isoText
  }

  // MARK: - Votes

  /// Records an answer to "Was this article helpful?". Nothing about the person is kept.
  public func recordVote(articleID: String, helpful: Bool, at date: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: "INSERT INTO votes (article_id, helpful, created_at) VALUES (?, ?, ?)",
        arguments: [articleID, helpful, date.stored])
    }
  }

  /// Records that an article was opened. Nothing about the person is kept.
  public func recordView(articleID: String, at date: Date) throws {
    try pool.write { db in
      try db.execute(
        sql: "INSERT INTO views (article_id, created_at) VALUES (?, ?)",
        arguments: [articleID, date.stored])
    }
  }

  /// The "yes" and "no" answers per article id.
  public func voteCounts() throws -> [String: (yes: Int, no: Int)] {
    try pool.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT article_id, SUM(helpful <> 0) AS yes, SUM(helpful = 0) AS no
          FROM votes GROUP BY article_id
          """)
      var counts: [String: (yes: Int, no: Int)] = [:]
      for row in rows {
        let articleID: String = try row.decode(forColumn: "article_id")
        counts[articleID] = (try row.decode(forColumn: "yes"), try row.decode(forColumn: "no"))
      }
      return counts
    }
  }

  // MARK: - Helpers

  func fetch(_ clause: String, _ arguments: StatementArguments) throws -> [OutboxEntry] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT \(Self.columns) FROM tickets \(clause)
          """,
        arguments: arguments
      ).map(Self.entry)
    }
  }

  /// The columns `entry(_:)` reads.
  static let columns = """
    id, reference, message_id, article_id, created_at, status, attempts, next_attempt_at,
    last_error, delivered_at, message, last_attempt_at, round_started_at, round_attempts,
    lease_until, purged_at
    """

  static func entry(_ row: Row) throws -> OutboxEntry {
    let statusText: String = try row.decode(forColumn: "status")
    let message: Data = try row.decode(forColumn: "message")
    return OutboxEntry(
      reference: try row.decode(forColumn: "reference"),
      messageID: try row.decode(forColumn: "message_id"),
      articleID: try row.decode(forColumn: "article_id"),
      createdAt: try row.decode(StoredDate.self, forColumn: "created_at").date,
      status: DeliveryStatus(rawValue: statusText) ?? .failed,
      attempts: try row.decode(forColumn: "attempts"),
      nextAttemptAt: try row.storedDate("next_attempt_at"),
      lastError: try row.decode(forColumn: "last_error"),
      deliveredAt: try row.storedDate("delivered_at"),
      message: Array(message),
      sequence: try row.decode(forColumn: "id"),
      lastAttemptAt: try row.storedDate("last_attempt_at"),
      roundStartedAt: try row.storedDate("round_started_at")
        ?? row.decode(StoredDate.self, forColumn: "created_at").date,
      roundAttempts: try row.decode(forColumn: "round_attempts"),
      leaseUntil: try row.storedDate("lease_until"),
      purgedAt: try row.storedDate("purged_at"))
  }

  /// Runs an update of one ticket; throws when no ticket has the reference.
  func update(_ reference: String, _ sql: String, _ arguments: StatementArguments) throws {
    let changed = try pool.write { db in
      try db.execute(sql: sql, arguments: arguments)
      return db.changesCount
    }
    if changed == 0 { throw OutboxError.unknownReference(reference) }
  }

  /// 16 random hexadecimal digits, for the Message-ID.
  static func randomHex() -> String {
    var generator = SystemRandomNumberGenerator()
    let value = UInt64.random(in: .min ... .max, using: &generator)
    let digits = String(value, radix: 16, uppercase: false)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
