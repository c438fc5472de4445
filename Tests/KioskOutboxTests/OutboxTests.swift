import Foundation
import GRDB
import KioskCore
import Testing

@testable import KioskOutbox

@Suite("Outbox")
struct OutboxTests {
  @Test("A damaged outbox is set aside byte for byte, never deleted, and a fresh one takes the next ticket")
  func damagedOutboxIsSetAside() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let damaged = Data("This is not an SQLite database, but it may be someone's only copy.\n".utf8)
    let file = folder.appendingPathComponent("outbox.sqlite")
    try damaged.write(to: file)
    do {
      let outbox = try Outbox(stateDirectory: folder)
      let aside = Outbox.setAsideFiles(in: folder)
      #expect(aside.count == 1)
      #expect(aside.first?.lastPathComponent.hasPrefix("outbox.sqlite.damaged-") == true)
      #expect(try aside.first.map { try Data(contentsOf: $0) } == damaged)
      let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)
      #expect(try outbox.entry(reference: submitted.reference) != nil)
    }
    // A second damage later (the kiosk stopped, the file spoilt) is set aside beside the first.
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
    try damaged.write(to: file)
    _ = try Outbox(stateDirectory: folder)
    #expect(Outbox.setAsideFiles(in: folder).count == 2)
  }

  @Test("The person reads a plain sentence when a ticket cannot be saved: no database words")
  func notSavedMessage() {
    let message = TicketContent.notSavedMessage(contact: Contact(), kioskID: "library-2")
    #expect(message == "Your ticket could not be saved. Please call 1300 521 162 or e-mail helpdesk@netlumait.com.au, and mention kiosk library-2.")
  }

  @Test("Reasons an article did not help are counted per article, with nothing about the person")
  func reasons() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let date = Date(timeIntervalSince1970: 1_767_225_600)
    try outbox.recordReason(articleID: "locked", reason: .outOfDate, at: date)
    try outbox.recordReason(articleID: "locked", reason: .outOfDate, at: date)
    try outbox.recordReason(articleID: "locked", reason: .hardToFollow, at: date)
    try outbox.recordReason(articleID: "printer", reason: .stepsDidNotWork, at: date)
    #expect(try outbox.reasonCounts() == ["locked": [.outOfDate: 2, .hardToFollow: 1], "printer": [.stepsDidNotWork: 1]])
    let columns = try outbox.pool.read { db in try db.columns(in: "reasons").map(\.name) }
    #expect(columns == ["id", "article_id", "reason", "created_at"])
  }

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
    #expect(RandomReferenceTests.isNewShape(entry.reference))
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
    #expect(try Set(outbox.all().map(\.reference)) == references)
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
    #expect(deliverer.deliverPending(now: later).counts == Counts(spooled: 1))
    let delivered = try #require(try outbox.entry(reference: submitted.reference))
    #expect(delivered.status == .spooled)
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

    // Another message with the reference never replaces the file: it gets its own.
    try SpoolTransport(folder: spool).deliver(
      reference: reference, message: Array("Hi again\r\n".utf8))
    #expect(try Data(contentsOf: file) == Data("Hi\r\n".utf8))
    let second = spool.appendingPathComponent("\(reference).2.eml")
    #expect(try Data(contentsOf: second) == Data("Hi again\r\n".utf8))
    #expect(try Samples.mode(second) == 0o600)
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
    #expect(![first.reference, second.reference].contains(third.reference))
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
    while status != .spooled, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.01)
      status = try outbox.entry(reference: submitted.reference)?.status
    }
    #expect(status == .spooled)
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
  var spooled = 0
  var deferred = 0
  var failed = 0
}

extension DeliveryReport {
  var counts: Counts { Counts(delivered: delivered, spooled: spooled, deferred: deferred, failed: failed) }
}

/// A generator that plays `values` back, again and again, and counts its draws.
struct ScriptedGenerator: RandomNumberGenerator {
  var values: [UInt64]
  var draws = 0

  mutating func next() -> UInt64 {
    defer { draws += 1 }
    return values[draws % values.count]
  }
}

/// A count that threads add to.
final class FailureCount: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func add() { lock.withLock { value += 1 } }
  var count: Int { lock.withLock { value } }
}

@Suite("References never issued twice; a spool that never overwrites")
struct ReferenceUniquenessTests {
  /// The spool's files (not the hidden temporary ones) and their contents.
  static func files(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
  }

  @Test("A restore from a backup never repeats a reference that was issued; the spool keeps every message")
  func restoreFromBackup() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let state = folder.appendingPathComponent("state")
    let spool = folder.appendingPathComponent("spool")
    let backup = folder.appendingPathComponent("outbox-backup.sqlite")
    let database = state.appendingPathComponent("outbox.sqlite")

    var before: [SubmittedTicket] = []
    var lost: [SubmittedTicket] = []
    do {
      let outbox = try Outbox(stateDirectory: state)
      let deliverer = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spool))
      before = try (0..<2).map { try outbox.submit(Samples.ticket(name: "Before \($0)"), identity: Samples.identity) }
      // SQLite's online backup, as the `.backup` of docs/operating.md makes it.
      try outbox.pool.backup(to: DatabaseQueue(path: backup.path))
      lost = try (0..<2).map { try outbox.submit(Samples.ticket(name: "After \($0)"), identity: Samples.identity) }
      #expect(deliverer.deliverPending(now: Samples.date).counts == Counts(spooled: 4))
    }
    let spooled = try Self.files(spool)
    #expect(spooled.count == 4)

    // The restore: the copy in place of the database, without its -wal and -shm.
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: database.path + suffix)
    }
    try FileManager.default.copyItem(at: backup, to: database)
    let outbox = try Outbox(stateDirectory: state)
    #expect(try outbox.all().map(\.reference) == before.map(\.reference))
    let after = try (0..<2).map { try outbox.submit(Samples.ticket(name: "Restored \($0)"), identity: Samples.identity) }
    let issued = before + lost + after
    #expect(Set(issued.map(\.reference)).count == 6, "\(issued.map(\.reference))")
    #expect(Set(issued.map(\.messageID)).count == 6)

    // The two tickets of the backup are queued there, so they go again: their files hold
    // the same messages, so nothing is added or replaced. The new tickets get their own.
    let deliverer = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spool))
    #expect(deliverer.deliverPending(now: Samples.date.addingTimeInterval(60)).counts == Counts(spooled: 4))
    let now = try Self.files(spool)
    #expect(Set(now.keys) == Set(issued.map { "\($0.reference).eml" }))
    for (name, contents) in spooled {
      #expect(now[name] == contents, "\(name)")
    }
    for ticket in after {
      let entry = try #require(try outbox.entry(reference: ticket.reference))
      #expect(now["\(ticket.reference).eml"] == Data(entry.message))
    }
  }

  @Test("A new state folder with the same kiosk id (a reinstall, a replacement machine) never repeats a reference")
  func freshStateFolder() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spool = folder.appendingPathComponent("spool")
    var references = Set<String>()
    // Five machines, one after the other, each a new state folder with the same kiosk id,
    // all delivering into one spool.
    for machine in 0..<5 {
      let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state-\(machine)"))
      for index in 0..<20 {
        let submitted = try outbox.submit(Samples.ticket(name: "Person \(index)"), identity: Samples.identity)
        #expect(RandomReferenceTests.isNewShape(submitted.reference))
        references.insert(submitted.reference)
      }
      let deliverer = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spool))
      #expect(deliverer.deliverPending(now: Samples.date).counts == Counts(spooled: 20))
    }
    #expect(references.count == 100)
    #expect(Set(try Self.files(spool).keys) == Set(references.map { "\($0).eml" }))
  }

  @Test("A reference already in the outbox is drawn again; a generator stuck on one value is refused")
  func drawsAgain() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let (a, b): (UInt64, UInt64) = (0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210)
    var onlyA = ScriptedGenerator(values: [a])
    let referenceA = TicketReference.make(using: &onlyA)
    var onlyB = ScriptedGenerator(values: [b])
    let referenceB = TicketReference.make(using: &onlyB)
    // One draw per reference with these values, so the script below lines up.
    #expect(onlyA.draws == 1 && onlyB.draws == 1)
    #expect(referenceA != referenceB)

    var generator = ScriptedGenerator(values: [a, a, b])
    let first = try outbox.submit(Samples.ticket(), identity: Samples.identity, using: &generator)
    let second = try outbox.submit(Samples.ticket(), identity: Samples.identity, using: &generator)
    #expect(first.reference == referenceA)
    #expect(second.reference == referenceB)
    #expect(generator.draws == 3)

    var stuck = ScriptedGenerator(values: [a])
    do {
      _ = try outbox.submit(Samples.ticket(), identity: Samples.identity, using: &stuck)
      Issue.record("a third ticket got a reference from a stuck generator")
    } catch let failure as TicketReference.DrawFailure {
      #expect(failure.draws == Outbox.maximumReferenceDraws)
    }
    #expect(try outbox.all().map(\.reference) == [referenceA, referenceB])
  }

  @Test("An existing spool file is never overwritten: the same message is not written twice, another goes beside it")
  func spoolNeverOverwrites() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spoolFolder = folder.appendingPathComponent("spool")
    let spool = SpoolTransport(folder: spoolFolder)
    let reference = TicketReference.make()
    try FileManager.default.createDirectory(at: spoolFolder, withIntermediateDirectories: true)
    let theirs = Data("Someone else's ticket\r\n".utf8)
    try theirs.write(to: spoolFolder.appendingPathComponent("\(reference).eml"))

    let mine = Array("My ticket\r\n".utf8)
    try spool.deliver(reference: reference, message: mine)
    try spool.deliver(reference: reference, message: mine)
    try spool.deliver(reference: reference, message: Array("A third\r\n".utf8))
    #expect(
      try Self.files(spoolFolder) == [
        "\(reference).eml": theirs, "\(reference).2.eml": Data(mine), "\(reference).3.eml": Data("A third\r\n".utf8),
      ])
    #expect(try Samples.mode(spoolFolder.appendingPathComponent("\(reference).2.eml")) == 0o600)

    // A symbolic link in the spool is neither followed nor replaced.
    let target = folder.appendingPathComponent("target")
    try Data("Not the spool's\r\n".utf8).write(to: target)
    let other = TicketReference.make()
    let link = spoolFolder.appendingPathComponent("\(other).eml")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    try spool.deliver(reference: other, message: mine)
    #expect(try Data(contentsOf: target) == Data("Not the spool's\r\n".utf8))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
    #expect(try Data(contentsOf: spoolFolder.appendingPathComponent("\(other).2.eml")) == Data(mine))
  }

  @Test("Deliverers racing with one reference keep every message, each once")
  func spoolRace() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spoolFolder = folder.appendingPathComponent("spool")
    let spool = SpoolTransport(folder: spoolFolder)
    let reference = TicketReference.make()
    let messages = (0..<8).map { Array("Message \($0)\r\n".utf8) }
    let failures = FailureCount()
    DispatchQueue.concurrentPerform(iterations: messages.count * 3) { index in
      // Each message three times, at once.
      do { try spool.deliver(reference: reference, message: messages[index % messages.count]) } catch {
        failures.add()
      }
    }
    #expect(failures.count == 0)
    let files = try Self.files(spoolFolder)
    #expect(files.count == messages.count)
    #expect(Set(files.values) == Set(messages.map { Data($0) }))
    #expect(files.keys.allSatisfy { $0.hasPrefix(reference) && $0.hasSuffix(".eml") })
  }

  @Test("When every name is taken, the delivery fails permanently and the ticket is kept for the operator")
  func spoolFull() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spoolFolder = folder.appendingPathComponent("spool")
    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let stored = try #require(try outbox.entry(reference: submitted.reference))
    try FileManager.default.createDirectory(at: spoolFolder, withIntermediateDirectories: true)
    var others: [String: Data] = [:]
    for copy in 1...SpoolTransport.maximumCopies {
      let name = SpoolTransport.fileName(reference: submitted.reference, copy: copy)
      others[name] = Data("Other \(copy)\r\n".utf8)
      try others[name]?.write(to: spoolFolder.appendingPathComponent(name))
    }
    let deliverer = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spoolFolder))
    #expect(deliverer.deliverPending(now: Samples.date).counts == Counts(failed: 1))
    let failed = try #require(try outbox.entry(reference: submitted.reference))
    #expect(failed.status == .failed)
    #expect(failed.lastError?.contains("all hold other messages") == true, "\(failed.lastError ?? "")")
    #expect(failed.message == stored.message)
    #expect(try Self.files(spoolFolder) == others)

    // The operator moves the files away and re-queues the ticket: it goes out.
    try FileManager.default.removeItem(at: spoolFolder)
    try outbox.requeue(reference: submitted.reference, now: Samples.date.addingTimeInterval(60))
    #expect(deliverer.deliverPending(now: Samples.date.addingTimeInterval(60)).counts == Counts(spooled: 1))
    #expect(try Self.files(spoolFolder) == ["\(submitted.reference).eml": Data(stored.message)])
  }
}
