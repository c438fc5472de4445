import Foundation
import GRDB
import KioskCore
import Testing

@testable import KioskOutbox

/// The spool keeps tickets on the kiosk: they are `spooled`, never `delivered`, and their
/// files go after the retention time as the database's personal data does.
@Suite("Spooled is not sent")
struct SpoolTests {
  @Test("A ticket written to the spool is spooled, with the time; one taken by a sending transport is delivered")
  func spooledIsNotDelivered() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spool = SpoolTransport(folder: folder.appendingPathComponent("spool"))
    #expect(!spool.sendsMessages)
    #expect(FakeTransport().sendsMessages)

    let first = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let report = Deliverer(outbox: outbox, transport: spool).deliverPending(now: Samples.date)
    #expect(report.spooled == 1 && report.delivered == 0)
    let spooled = try #require(try outbox.entry(reference: first.reference))
    #expect(spooled.status == .spooled)
    #expect(spooled.deliveredAt == Samples.date)
    #expect(try outbox.statusCounts() == [.spooled: 1])

    let second = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let sent = Deliverer(outbox: outbox, transport: FakeTransport()).deliverPending(now: Samples.date)
    #expect(sent.delivered == 1 && sent.spooled == 0)
    #expect(try outbox.entry(reference: second.reference)?.status == .delivered)
    // The spooled ticket is not sent again by the pass: it is not queued.
    #expect(try outbox.entry(reference: first.reference)?.status == .spooled)
  }

  @Test("A spooled ticket can be queued again, to be sent once a sending transport is set; not once purged")
  func requeueSpooled() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spool = SpoolTransport(folder: folder.appendingPathComponent("spool"))
    let ticket = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    Deliverer(outbox: outbox, transport: spool).deliverPending(now: Samples.date)
    try outbox.requeue(reference: ticket.reference, now: Samples.date.addingTimeInterval(60))
    let queued = try #require(try outbox.entry(reference: ticket.reference))
    #expect(queued.status == .queued && queued.deliveredAt == nil)

    let relay = FakeTransport()
    Deliverer(outbox: outbox, transport: relay).deliverPending(now: Samples.date.addingTimeInterval(120))
    #expect(relay.references == [ticket.reference])
    #expect(relay.messages == [queued.message])
    #expect(try outbox.entry(reference: ticket.reference)?.status == .delivered)

    let other = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    Deliverer(outbox: outbox, transport: spool).deliverPending(now: Samples.date)
    try outbox.purgeDelivered(before: Samples.date.addingTimeInterval(1), at: Samples.date.addingTimeInterval(2))
    #expect(throws: OutboxError.purged(other.reference)) {
      try outbox.requeue(reference: other.reference, now: Samples.date.addingTimeInterval(3))
    }
  }

  @Test("Retention purges spooled tickets and removes the spool's files past it; other files stay")
  func retentionRemovesSpoolFiles() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spoolFolder = folder.appendingPathComponent("spool")
    let spool = SpoolTransport(folder: spoolFolder)
    let retention: TimeInterval = 30 * 86_400
    let old = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let recent = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let now = Date()
    // The old ticket went to the spool 40 days ago, the recent one today.
    Deliverer(outbox: outbox, transport: FirstOnly(spool, reference: old.reference))
      .deliverPending(now: now.addingTimeInterval(-40 * 86_400))
    Deliverer(outbox: outbox, transport: spool).deliverPending(now: now)
    let oldFile = spoolFolder.appendingPathComponent("\(old.reference).eml")
    let recentFile = spoolFolder.appendingPathComponent("\(recent.reference).eml")
    try Self.age(oldFile, days: 40, from: now)
    // A second copy with the same reference, a crash's temporary file, and files not the spool's.
    let copy = spoolFolder.appendingPathComponent("\(old.reference).2.eml")
    let temporary = spoolFolder.appendingPathComponent(".\(old.reference).0a1b2c3d.tmp")
    let foreign = spoolFolder.appendingPathComponent("README.eml")
    let notes = spoolFolder.appendingPathComponent("notes.txt")
    for file in [copy, temporary, foreign, notes] {
      try Data("old".utf8).write(to: file)
      try Self.age(file, days: 40, from: now)
    }
    // A link named like a message, to a file outside the spool: never followed or removed.
    let outside = folder.appendingPathComponent("outside.eml")
    try Data("keep".utf8).write(to: outside)
    let link = spoolFolder.appendingPathComponent("\(TicketReference.make(sequence: 7)).eml")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)

    let report = Deliverer(outbox: outbox, transport: spool, retention: retention).deliverPending(now: now)
    #expect(report.purged == 1)
    #expect(report.removedCopies == 3)
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: spoolFolder.path))
    #expect(names == ["\(recent.reference).eml", "README.eml", "notes.txt", link.lastPathComponent])
    #expect(FileManager.default.fileExists(atPath: recentFile.path))
    #expect(try Data(contentsOf: outside) == Data("keep".utf8))
    #expect(try outbox.entry(reference: old.reference)?.message.isEmpty == true)
    #expect(try outbox.entry(reference: recent.reference)?.message.isEmpty == false)
  }

  @Test("With no retention at all, a spooled ticket's file stays its first day, to be collected; its database copy is purged")
  func zeroRetentionKeepsTheFreshFile() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spoolFolder = folder.appendingPathComponent("spool")
    let ticket = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let now = Date()
    let report = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spoolFolder), retention: 0)
      .deliverPending(now: now)
    #expect(report.spooled == 1 && report.removedCopies == 0)
    let file = spoolFolder.appendingPathComponent("\(ticket.reference).eml")
    #expect(FileManager.default.fileExists(atPath: file.path))
    // The next pass, a minute on, purges the database's copy; the file stays.
    let next = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spoolFolder), retention: 0)
      .deliverPending(now: now.addingTimeInterval(60))
    #expect(next.purged == 1 && next.removedCopies == 0)
    #expect(try outbox.entry(reference: ticket.reference)?.purgedAt != nil)
    #expect(FileManager.default.fileExists(atPath: file.path))
    // A day later it goes.
    try Self.age(file, days: 1.5, from: now)
    let later = Deliverer(outbox: outbox, transport: SpoolTransport(folder: spoolFolder), retention: 0)
      .deliverPending(now: now.addingTimeInterval(120))
    #expect(later.removedCopies == 1)
    #expect(!FileManager.default.fileExists(atPath: file.path))
  }

  @Test("After a switch from the spool to a sending transport, old spool files still go after the retention time")
  func spoolClearedWhateverTheTransport() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder.appendingPathComponent("state"))
    let spoolFolder = folder.appendingPathComponent("spool")
    try FileManager.default.createDirectory(at: spoolFolder, withIntermediateDirectories: true)
    let now = Date()
    let old = spoolFolder.appendingPathComponent("\(TicketReference.make(sequence: 9)).eml")
    let fresh = spoolFolder.appendingPathComponent("\(TicketReference.make(sequence: 10)).eml")
    for file in [old, fresh] { try Data("From: kiosk".utf8).write(to: file) }
    try Self.age(old, days: 40, from: now)
    let report = Deliverer(
      outbox: outbox, transport: FakeTransport(), retention: 30 * 86_400, spool: SpoolTransport(folder: spoolFolder)
    ).deliverPending(now: now)
    #expect(report.removedCopies == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: spoolFolder.path) == [fresh.lastPathComponent])
  }

  @Test("Names the spool writes are told from others")
  func messageFileNames() {
    let reference = TicketReference.make(sequence: 42)
    for name in ["\(reference).eml", "\(reference).2.eml", "\(reference).99.eml", ".\(reference).00ff.tmp"] {
      #expect(SpoolTransport.isMessageFile(name), "\(name)")
    }
    for name in [
      "README.eml", "\(reference).1.eml", "\(reference).100.eml", "\(reference).x.eml", "\(reference).eml.bak",
      ".\(reference).tmp", "\(reference)", "../\(reference).eml", "",
    ] {
      #expect(!SpoolTransport.isMessageFile(name), "\(name)")
    }
  }

  @Test("An outbox from before spooled existed keeps its tickets, ids and sequence, and takes spooled ones")
  func migrationKeepsTickets() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(Outbox.fileName)
    do {
      let queue = try DatabaseQueue(path: file.path)
      try Outbox.migrator.migrate(queue, upTo: "v5: outcomes")
      try queue.write { db in
        for (id, status) in [(3, "delivered"), (9, "failed")] {
          try db.execute(
            sql: """
              INSERT INTO tickets (id, reference, message_id, article_id, created_at, status, message,
                round_started_at, purged_at)
              VALUES (?, ?, ?, 'offline', ?, ?, X'41', ?, NULL)
              """,
            arguments: [id, "NLM-OLD\(id)", "<\(id)@old>", Samples.date, status, Samples.date])
        }
        // A ticket with a higher id was there once: ids are never reused.
        try db.execute(sql: "UPDATE sqlite_sequence SET seq = 20 WHERE name = 'tickets'")
      }
    }
    let outbox = try Outbox(stateDirectory: folder)
    #expect(try outbox.all().map(\.sequence) == [3, 9])
    #expect(try outbox.all().map(\.status) == [.delivered, .failed])
    let ticket = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    #expect(try outbox.entry(reference: ticket.reference)?.sequence == 21)
    Deliverer(outbox: outbox, transport: SpoolTransport(folder: folder.appendingPathComponent("spool")))
      .deliverPending(now: Samples.date)
    #expect(try outbox.entry(reference: ticket.reference)?.status == .spooled)
  }

  /// Sets a file's modification time `days` before `now`.
  static func age(_ file: URL, days: Double, from now: Date) throws {
    try FileManager.default.setAttributes(
      [.modificationDate: now.addingTimeInterval(-days * 86_400)], ofItemAtPath: file.path)
  }
}

/// A transport that passes one reference on and holds back every other (a temporary failure).
struct FirstOnly: TicketTransport {
  let transport: any TicketTransport
  let reference: String

  init(_ transport: any TicketTransport, reference: String) {
    self.transport = transport
    self.reference = reference
  }

  var sendsMessages: Bool { transport.sendsMessages }

  func deliver(reference: String, message: [UInt8]) throws {
    guard reference == self.reference else { throw TransportFailure(.temporary, "not now") }
    try transport.deliver(reference: reference, message: message)
  }
}
