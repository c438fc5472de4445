import Foundation
import GRDB
import KioskCore
import Testing

@testable import KioskOutbox

@Suite("Outbox")
struct OutboxTests {
  @Test("Search gaps keep the cleaned words and the day only, and go after the retention time")
  func searchGaps() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let day = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01, midnight UTC
    try outbox.recordSearchGap(SearchGap("Printer for Sarah Jones, sarah@example.com", outcome: .nothingFound), at: day)
    try outbox.recordSearchGap(SearchGap("vpn", outcome: .ticket), at: day.addingTimeInterval(86_400 + 3_600))
    try outbox.recordSearchGap(SearchGap("  ", outcome: .ticket), at: day)
    let rows = try outbox.pool.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM search_gaps ORDER BY id").map { row in
        row.columnNames.map { name in "\(name)=\(row[name] ?? "")" }.joined(separator: " ")
      }
    }
    #expect(
      rows == [
        "id=1 day=2026-01-01 outcome=nothing_found words=printer for [name] [email]",
        "id=2 day=2026-01-02 outcome=ticket words=vpn",
      ])
    #expect(try outbox.topSearchGaps(.ticket, limit: 5).map(\.words) == ["vpn"])
    #expect(try outbox.purgeSearchGaps(before: day.addingTimeInterval(86_400)) == 1)
    #expect(try outbox.topSearchGaps(.nothingFound, limit: 5).isEmpty)
  }

  @Test("A submitted ticket is read back the same after reopening the database")
  func submitAndReopen() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let state = folder.appendingPathComponent("state")
    let ticket = Samples.ticket()

    var submitted: SubmittedTicket?
    var before: OutboxEntry?
    do {
      let outbox = try Outbox(stateDirectory: state)
      submitted = try outbox.submit(ticket, identity: Samples.identity)
      before = try outbox.entry(reference: submitted?.reference ?? "")
    }
    let ticketSubmitted = try #require(submitted)
    let reopened = try Outbox(stateDirectory: state)
    let entry = try #require(try reopened.entry(reference: ticketSubmitted.reference))
    #expect(entry == before)
    #expect(entry.reference == ticketSubmitted.reference)
    #expect(entry.messageID == ticketSubmitted.messageID)
    #expect(entry.articleID == "offline")
    #expect(entry.createdAt == Samples.date)
    #expect(entry.status == .queued)
    #expect(entry.attempts == 0)
    #expect(entry.nextAttemptAt == nil)
    #expect(try reopened.all() == [entry])
    #expect(try reopened.pending(now: Samples.date) == [entry])

    #expect(TicketReference.isValid(entry.reference))
    #expect(entry.reference == TicketReference.make(sequence: 1, kioskID: Samples.identity.id))
    let message = try ParsedMessage(entry.message)
    #expect(message.names == Samples.fieldNames(replyTo: true))
    #expect(message.value("Message-ID") == entry.messageID)
    #expect(message.value("X-Ticket-Reference") == entry.reference)
    #expect(entry.messageID.hasPrefix("<\(entry.reference)."))
    #expect(entry.messageID.hasSuffix("@library-2.helpdesk-kiosk>"))
    let expected = MessageBuilder(
      ticket: ticket, identity: Samples.identity, reference: entry.reference,
      messageID: entry.messageID, date: Samples.date
    ).bytes
    #expect(entry.message == expected)
  }

  @Test("The database is in WAL mode with synchronous = FULL")
  func durability() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let (journal, synchronous) = try outbox.pool.writeWithoutTransaction { db in
      (
        try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        try Int.fetchOne(db, sql: "PRAGMA synchronous")
      )
    }
    #expect(journal == "wal")
    #expect(synchronous == 2)
  }

  @Test("200 tickets get 200 distinct references and Message-IDs")
  func manyTickets() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    var references = Set<String>()
    var messageIDs = Set<String>()
    for index in 0..<200 {
      let submitted = try outbox.submit(
        Samples.ticket(name: "Person \(index)"), identity: Samples.identity)
      references.insert(submitted.reference)
      messageIDs.insert(submitted.messageID)
    }
    #expect(references.count == 200)
    #expect(messageIDs.count == 200)
    #expect(references.allSatisfy(TicketReference.isValid))
    #expect(
      try outbox.all().map(\.reference) == (1...200).map { TicketReference.make(sequence: $0, kioskID: Samples.identity.id) })
  }

  @Test("A failed spool write keeps the ticket for a retry; the retry sends the same message")
  func retryKeepsMessage() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spool = folder.appendingPathComponent("spool")
    // The spool path is a file, not a folder: every write fails.
    try Data("not a folder".utf8).write(to: spool)
    let deliverer = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spool))

    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let stored = try #require(try outbox.entry(reference: submitted.reference))

    #expect(deliverer.deliverPending(now: Samples.date).counts == Counts(deferred: 1))
    let failed = try #require(try outbox.entry(reference: submitted.reference))
    #expect(failed.status == .queued)
    #expect(failed.attempts == 1)
    #expect(failed.nextAttemptAt == Samples.date.addingTimeInterval(300))
    #expect(failed.lastError?.isEmpty == false)
    #expect(failed.message == stored.message)
    #expect(failed.messageID == submitted.messageID)
    #expect(try outbox.all().count == 1)

    // Not due before the retry time, and nothing delivered meanwhile.
    #expect(try outbox.pending(now: Samples.date.addingTimeInterval(299)).isEmpty)
    #expect(deliverer.deliverPending(now: Samples.date.addingTimeInterval(299)).counts == Counts())
    #expect(try outbox.pending(now: Samples.date.addingTimeInterval(300)).count == 1)

    try FileManager.default.removeItem(at: spool)
    let later = Samples.date.addingTimeInterval(300)
    #expect(deliverer.deliverPending(now: later).counts == Counts(delivered: 1))
    let delivered = try #require(try outbox.entry(reference: submitted.reference))
    #expect(delivered.status == .delivered)
    #expect(delivered.attempts == 2)
    #expect(delivered.deliveredAt == later)
    #expect(delivered.lastError == nil)
    #expect(delivered.message == stored.message)
    #expect(try outbox.pending(now: later.addingTimeInterval(3600)).isEmpty)

    let file = spool.appendingPathComponent("\(submitted.reference).eml")
    let bytes = try [UInt8](Data(contentsOf: file))
    #expect(bytes == stored.message)
    #expect(try ParsedMessage(bytes).value("Message-ID") == submitted.messageID)
    // No temporary file is left behind.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: spool.path) == [
        "\(submitted.reference).eml"
      ])
  }

  @Test("A permanent failure keeps the ticket, flagged for the operator")
  func permanentFailure() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    try outbox.markFailed(
      reference: submitted.reference, error: "550 no such\r\nuser", retryAt: nil)
    let entry = try #require(try outbox.entry(reference: submitted.reference))
    #expect(entry.status == .failed)
    #expect(entry.lastError == "550 no such user")
    #expect(entry.nextAttemptAt == nil)
    #expect(try outbox.pending(now: Samples.date.addingTimeInterval(86_400)).isEmpty)
    #expect(throws: OutboxError.unknownReference("NLM-2222-22")) {
      try outbox.markDelivered(reference: "NLM-2222-22", at: Samples.date)
    }
  }

  @Test("The state folder, database, -wal and -shm files are the owner's only")
  func permissions() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let state = folder.appendingPathComponent("state")
    // A folder that exists with a looser mode is tightened.
    try FileManager.default.createDirectory(
      at: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    let outbox = try Outbox(stateDirectory: state)
    _ = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    try outbox.recordVote(articleID: "offline", helpful: true, at: Samples.date)

    #expect(try Samples.mode(state) == 0o700)
    let database = state.appendingPathComponent("outbox.sqlite")
    #expect(outbox.databaseURL == database)
    #expect(try Samples.mode(database) == 0o600)
    var checked = 0
    for suffix in ["-wal", "-shm"] {
      let file = URL(fileURLWithPath: database.path + suffix)
      if FileManager.default.fileExists(atPath: file.path) {
        #expect(try Samples.mode(file) == 0o600, "\(suffix)")
        checked += 1
      }
    }
    // With WAL on and the database open, both files are there.
    #expect(checked == 2)

    // An existing database with a looser mode is tightened too.
    let other = folder.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    let loose = other.appendingPathComponent("outbox.sqlite")
    #expect(
      FileManager.default.createFile(
        atPath: loose.path, contents: nil, attributes: [.posixPermissions: 0o644]))
    _ = try Outbox(stateDirectory: other)
    #expect(try Samples.mode(loose) == 0o600)
  }

  @Test("The spool folder and its files are the owner's only")
  func spoolPermissions() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spool = folder.appendingPathComponent("outbox/spool")
    let reference = TicketReference.make(sequence: 7)
    try SpoolTransport(folder: spool).deliver(reference: reference, message: Array("Hi\r\n".utf8))
    #expect(try Samples.mode(spool) == 0o700)
    let file = spool.appendingPathComponent("\(reference).eml")
    #expect(try Samples.mode(file) == 0o600)
    #expect(try Data(contentsOf: file) == Data("Hi\r\n".utf8))

    // Delivering again replaces the file whole.
    try SpoolTransport(folder: spool).deliver(
      reference: reference, message: Array("Hi again\r\n".utf8))
    #expect(try Data(contentsOf: file) == Data("Hi again\r\n".utf8))
    #expect(try Samples.mode(file) == 0o600)
  }

  @Test("The spool refuses a file name that is not a reference")
  func spoolRefusesPaths() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spool = SpoolTransport(folder: folder.appendingPathComponent("spool"))
    for name in ["../evil", "NLM-2222-22/../../x", "", "nlm-2345-12"] {
      #expect(throws: OutboxError.self) { try spool.deliver(reference: name, message: [65]) }
    }
  }

  @Test("Votes are recorded and counted per article")
  func votes() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    #expect(try outbox.voteCounts().isEmpty)
    for helpful in [true, true, false] {
      try outbox.recordVote(articleID: "offline", helpful: helpful, at: Samples.date)
    }
    try outbox.recordVote(articleID: "locked", helpful: false, at: Samples.date)
    let counts = try outbox.voteCounts()
    #expect(counts.count == 2)
    #expect(counts["offline"]?.yes == 2)
    #expect(counts["offline"]?.no == 1)
    #expect(counts["locked"]?.yes == 0)
    #expect(counts["locked"]?.no == 1)
    let columns = try outbox.pool.read { db in try db.columns(in: "votes").map(\.name) }
    #expect(columns == ["id", "article_id", "helpful", "created_at"])
  }

  @Test("Delivered tickets lose their personal data after the retention time; references are not reused")
  func purge() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let first = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let second = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    try outbox.markDelivered(reference: first.reference, at: Samples.date)
    let later = Samples.date.addingTimeInterval(60)
    #expect(try outbox.purgeDelivered(before: Samples.date, at: later) == 0)
    #expect(try outbox.purgeDelivered(before: Samples.date.addingTimeInterval(1), at: later) == 1)
    #expect(try outbox.all().map(\.reference) == [first.reference, second.reference])
    let purged = try #require(try outbox.entry(reference: first.reference))
    #expect(purged.message.isEmpty)
    #expect(purged.purgedAt == later)
    #expect(purged.status == .delivered)
    #expect(purged.articleID == "offline")
    #expect(try outbox.entry(reference: second.reference)?.message.isEmpty == false)
    let third = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    #expect(third.reference == TicketReference.make(sequence: 3, kioskID: Samples.identity.id))
  }

  @Test("The background deliverer delivers when woken and stops")
  func backgroundDelivery() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spool = folder.appendingPathComponent("spool")
    let background = BackgroundDeliverer(
      deliverer: Deliverer(outbox: outbox, transport: SpoolTransport(folder: spool)),
      interval: 3_600)
    defer { background.stop() }

    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    background.wake()
    let deadline = Date().addingTimeInterval(5)
    var status = try outbox.entry(reference: submitted.reference)?.status
    while status != .delivered, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.01)
      status = try outbox.entry(reference: submitted.reference)?.status
    }
    #expect(status == .delivered)
    #expect(
      FileManager.default.fileExists(
        atPath: spool.appendingPathComponent("\(submitted.reference).eml").path))
    background.stop()
    background.wake()
  }
}

/// A delivery pass's counts, comparable in one `#expect`.
struct Counts: Equatable {
  var delivered = 0
  var deferred = 0
  var failed = 0
}

extension DeliveryReport {
  var counts: Counts { Counts(delivered: delivered, deferred: deferred, failed: failed) }
}
