import Foundation
import GRDB
import KioskCore
import Testing

@testable import KioskOutbox

@Suite("Claims, purging and statistics")
struct ClaimTests {
  @Test("A claimed ticket is not claimed again until its result is recorded or its lease ends")
  func claimsAreExclusive() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let first = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let second = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let now = Samples.date

    let claim = try #require(try outbox.claimNext(now: now, leaseDuration: 120))
    #expect(claim.entry.reference == first.reference)
    #expect(claim.entry.attempts == 1)
    #expect(claim.entry.leaseUntil == now.addingTimeInterval(120))
    #expect(claim.entry.isBeingSent(at: now))
    // This process is alive, so its claim holds; the next claim takes the other ticket.
    let other = try #require(try outbox.claimNext(now: now, leaseDuration: 120))
    #expect(other.entry.reference == second.reference)
    #expect(try outbox.claimNext(now: now, leaseDuration: 120) == nil)
    #expect(try outbox.pending(now: now).isEmpty)

    // A claim whose lease ran out can be taken; the late result of the old claim is then
    // ignored, unless it is a delivery.
    let later = now.addingTimeInterval(121)
    let taken = try #require(try outbox.claimNext(now: later, leaseDuration: 120))
    #expect(taken.entry.reference == first.reference)
    #expect(taken.entry.attempts == 2)
    #expect(try outbox.complete(claim, .failed(reason: "late")) == false)
    #expect(try outbox.entry(reference: first.reference)?.status == .queued)
    #expect(try outbox.complete(claim, .delivered(at: later)) == true)
    #expect(try outbox.complete(taken, .delivered(at: later)) == false)
    #expect(try outbox.entry(reference: first.reference)?.status == .delivered)

    #expect(try outbox.complete(other, .deferred(retryAt: later, reason: "451 busy")) == true)
    let deferred = try #require(try outbox.entry(reference: second.reference))
    #expect(deferred.leaseUntil == nil)
    #expect(deferred.nextAttemptAt == later)
  }

  @Test("A claim held by a process that has ended is taken over at once")
  func deadOwnersLoseTheirClaims() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let now = Samples.date
    _ = try #require(try outbox.claimNext(now: now, leaseDuration: 3_600))

    // The claim as a process that ran once and is gone would have left it: this boot, a
    // pid that no longer runs.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    let boot = try #require(DeliveryLease.bootID())
    for owner in ["\(boot)/\(process.processIdentifier)/12345#abc", "another-boot/1/1#abc"] {
      try outbox.pool.write { db in
        try db.execute(sql: "UPDATE tickets SET lease_owner = ?", arguments: [owner])
      }
      #expect(DeliveryLease.isAlive(owner) == false)
      let claim = try #require(try outbox.claimNext(now: now, leaseDuration: 3_600))
      #expect(claim.entry.reference == submitted.reference)
    }
    // An owner that cannot be checked keeps its claim until the lease ends.
    try outbox.pool.write { db in
      try db.execute(sql: "UPDATE tickets SET lease_owner = 'somebody else'")
    }
    #expect(DeliveryLease.isAlive("somebody else") == nil)
    #expect(try outbox.claimNext(now: now, leaseDuration: 3_600) == nil)
    #expect(DeliveryLease.isAlive(DeliveryLease.newOwner()) == true)
  }

  @Test("Two deliverers at once over 200 tickets: each ticket sent exactly once")
  func concurrentDeliverers() async throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    var references: [String] = []
    for index in 0..<200 {
      references.append(try outbox.submit(Samples.ticket(name: "P\(index)"), identity: Samples.identity).reference)
    }
    // Each on its own outbox connection pool, as two processes would be.
    let transport = FakeTransport(delay: 0.0005)
    let reports = try await withThrowingTaskGroup(of: DeliveryReport.self) { group in
      for _ in 0..<2 {
        let own = try Outbox(stateDirectory: folder)
        group.addTask { Deliverer(outbox: own, transport: transport).deliverPending() }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(reports.map(\.delivered).reduce(0, +) == 200)
    #expect(reports.allSatisfy { $0.problem == nil })
    #expect(transport.references.sorted() == references.sorted())
    #expect(try outbox.all().allSatisfy { $0.status == .delivered && $0.attempts == 1 })
  }

  @Test("Purged tickets' personal data is gone from the database files")
  func purgeOverwrites() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let secret = "Zebediah Quartermaine-Secret"
    let kept = "Ottoline Keepme-Person"
    let delivered = try outbox.submit(
      Samples.ticket(name: secret, description: "My secret description \(secret)"), identity: Samples.identity)
    _ = try outbox.submit(Samples.ticket(name: kept), identity: Samples.identity)
    try outbox.markDelivered(reference: delivered.reference, at: Samples.date)
    let secureDelete = try outbox.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") }
    #expect(secureDelete == 1)
    #expect(try Self.databaseBytes(folder).contains(secret))

    let deliverer = Deliverer(
      outbox: outbox, transport: FakeTransport(), retention: 30 * 86_400)
    // The other ticket is delivered on day 29; the first is not 30 days old yet.
    let first = deliverer.deliverPending(now: Samples.date.addingTimeInterval(29 * 86_400))
    #expect(first.delivered == 1)
    #expect(first.purged == 0)
    #expect(deliverer.deliverPending(now: Samples.date.addingTimeInterval(31 * 86_400)).purged == 1)

    let entry = try #require(try outbox.entry(reference: delivered.reference))
    #expect(entry.message.isEmpty)
    #expect(entry.purgedAt == Samples.date.addingTimeInterval(31 * 86_400))
    #expect(entry.status == .delivered)
    #expect(entry.articleID == "offline")
    let files = try Self.databaseBytes(folder)
    // The ticket delivered on day 29 keeps its message until its own retention ends; that
    // it is found shows the database was read.
    #expect(files.contains(kept))
    #expect(!files.contains(secret))
    #expect(!files.contains("Zebediah"))
    #expect(try outbox.articleStatistics().first?.tickets == 2)
  }

  @Test("Views, answers and tickets are counted per article")
  func statistics() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    #expect(try outbox.articleStatistics().isEmpty)
    for _ in 0..<3 { try outbox.recordView(articleID: "offline", at: Samples.date) }
    try outbox.recordView(articleID: "locked", at: Samples.date)
    try outbox.recordVote(articleID: "offline", helpful: true, at: Samples.date)
    try outbox.recordVote(articleID: "offline", helpful: false, at: Samples.date)
    try outbox.recordVote(articleID: "session-expired", helpful: true, at: Samples.date)
    _ = try outbox.submit(Samples.ticket(articleID: "offline"), identity: Samples.identity)
    _ = try outbox.submit(Samples.ticket(articleID: "locked"), identity: Samples.identity)
    _ = try outbox.submit(Samples.ticket(articleID: "locked"), identity: Samples.identity)
    #expect(
      try outbox.articleStatistics() == [
        ArticleStatistics(articleID: "locked", views: 1, helpful: 0, notHelpful: 0, tickets: 2),
        ArticleStatistics(articleID: "offline", views: 3, helpful: 1, notHelpful: 1, tickets: 1),
        ArticleStatistics(articleID: "session-expired", views: 0, helpful: 1, notHelpful: 0, tickets: 0),
      ])
    // A view keeps the article and the time, nothing else.
    let columns = try outbox.pool.read { db in try db.columns(in: "views").map(\.name) }
    #expect(columns == ["id", "article_id", "created_at"])
  }

  @Test("A version 1 database is migrated in place, its tickets kept")
  func migration() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The first schema, with one ticket, as an older kiosk left it.
    do {
      let queue = try DatabaseQueue(path: folder.appendingPathComponent("outbox.sqlite").path)
      try Outbox.migrator.migrate(queue, upTo: "v1: tickets and votes")
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO tickets (reference, message_id, article_id, created_at, status, attempts, message)
            VALUES ('NLM-2345-67', '<a@b>', 'offline', ?, 'queued', 2, X'41')
            """,
          arguments: [Samples.date])
      }
    }
    let outbox = try Outbox(stateDirectory: folder)
    let entry = try #require(try outbox.entry(reference: "NLM-2345-67"))
    #expect(entry.roundStartedAt == Samples.date)
    #expect(entry.roundAttempts == 2)
    #expect(entry.message == [0x41])
  }

  /// The database and its -wal file, as text (bytes that are not UTF-8 become U+FFFD).
  static func databaseBytes(_ folder: URL) throws -> String {
    var data = Data()
    for name in ["outbox.sqlite", "outbox.sqlite-wal"] {
      let url = folder.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: url.path) { data += try Data(contentsOf: url) }
    }
    return String(decoding: data, as: UTF8.self)
  }
}
