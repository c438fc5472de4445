import Foundation
import KioskCore
import Testing

@testable import KioskOutbox

@Suite("Retries")
struct RetryTests {
  @Test("The back-off doubles from 5 minutes and stops growing at 4,000 seconds")
  func backOff() {
    let policy = RetryPolicy.standard
    #expect((1...7).map { policy.delay(afterAttempt: $0) } == [300, 600, 1_200, 2_400, 4_000, 4_000, 4_000])
    #expect(policy.delay(afterAttempt: 0) == 300)
    #expect(policy.delay(afterAttempt: 10_000) == 4_000)
    #expect(policy.lifetime == 5 * 86_400)
  }

  @Test("The last retry falls on the end of the lifetime; after it the ticket fails")
  func lifetime() {
    let policy = RetryPolicy(firstDelay: 60, maximumDelay: 600, lifetime: 1_000)
    let start = Samples.date
    #expect(policy.nextAttempt(after: start, attempt: 1, roundStart: start) == start.addingTimeInterval(60))
    // 900 s in, the next wait (600 s) would pass the end: the retry is at the end instead.
    #expect(
      policy.nextAttempt(after: start.addingTimeInterval(900), attempt: 5, roundStart: start)
        == start.addingTimeInterval(1_000))
    #expect(policy.nextAttempt(after: start.addingTimeInterval(1_000), attempt: 6, roundStart: start) == nil)
  }

  @Test("Temporary failures follow the schedule with the same message; then delivery")
  func schedule() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let transport = FakeTransport([.relayDown, .relayDown, .relayDown])
    let deliverer = Deliverer(outbox: outbox, transport: transport)
    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)

    var now = Samples.date
    for (attempt, wait) in [(1, 300.0), (2, 600), (3, 1_200)] {
      #expect(deliverer.deliverPending(now: now).counts == Counts(deferred: 1))
      let entry = try #require(try outbox.entry(reference: submitted.reference))
      #expect(entry.status == .queued)
      #expect(entry.attempts == attempt)
      #expect(entry.roundAttempts == attempt)
      #expect(entry.lastAttemptAt == now)
      #expect(entry.nextAttemptAt == now.addingTimeInterval(wait))
      #expect(entry.leaseUntil == nil)
      #expect(entry.lastError == "msmtp exited with status 75 (EX_TEMPFAIL)")
      // Nothing happens before the retry is due.
      #expect(deliverer.deliverPending(now: now.addingTimeInterval(wait - 1)).counts == Counts())
      now = now.addingTimeInterval(wait)
    }
    #expect(deliverer.deliverPending(now: now).counts == Counts(delivered: 1))
    let entry = try #require(try outbox.entry(reference: submitted.reference))
    #expect(entry.status == .delivered)
    #expect(entry.attempts == 4)
    #expect(entry.lastError == nil)
    // The same bytes, so the same Message-ID, on every attempt.
    #expect(transport.messages.count == 4)
    #expect(Set(transport.messages).count == 1)
    #expect(transport.messages.first == entry.message)
  }

  @Test("A ticket still failing at the end of its lifetime is marked failed and kept")
  func givingUp() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let policy = RetryPolicy(firstDelay: 100, maximumDelay: 100, lifetime: 250)
    let deliverer = Deliverer(
      outbox: outbox, transport: FakeTransport(Array(repeating: .relayDown, count: 10)), policy: policy)
    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    var now = Samples.date
    var results: [Counts] = []
    for _ in 0..<4 {
      results.append(deliverer.deliverPending(now: now).counts)
      now = try #require(try outbox.entry(reference: submitted.reference)?.nextAttemptAt ?? now)
    }
    // Attempts at 0, 100, 200 and 250 s: the last, at the end of the lifetime, gives up.
    #expect(results == [Counts(deferred: 1), Counts(deferred: 1), Counts(deferred: 1), Counts(failed: 1)])
    let entry = try #require(try outbox.entry(reference: submitted.reference))
    #expect(entry.status == .failed)
    #expect(entry.attempts == 4)
    #expect(entry.lastAttemptAt == Samples.date.addingTimeInterval(250))
    #expect(entry.lastError?.hasPrefix("gave up after 250 seconds of retries: msmtp exited") == true)
    #expect(entry.message.isEmpty == false)
    #expect(deliverer.deliverPending(now: now.addingTimeInterval(86_400)).counts == Counts())
  }

  @Test("A permanent failure is kept, flagged failed and not retried; a re-queue starts a new round")
  func permanentThenRequeue() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let transport = FakeTransport([.noSuchUser, .relayDown])
    let deliverer = Deliverer(outbox: outbox, transport: transport)
    let submitted = try outbox.submit(Samples.ticket(), identity: Samples.identity)

    #expect(deliverer.deliverPending(now: Samples.date).counts == Counts(failed: 1))
    var entry = try #require(try outbox.entry(reference: submitted.reference))
    #expect(entry.status == .failed)
    #expect(entry.lastError == "550 5.1.1 No such user")
    #expect(entry.nextAttemptAt == nil)
    #expect(deliverer.deliverPending(now: Samples.date.addingTimeInterval(30 * 86_400)).counts == Counts())

    // The operator re-queues it ten days later: due at once, back-off and lifetime anew.
    let later = Samples.date.addingTimeInterval(10 * 86_400)
    try outbox.requeue(reference: submitted.reference, now: later)
    entry = try #require(try outbox.entry(reference: submitted.reference))
    #expect(entry.status == .queued)
    #expect(entry.roundStartedAt == later)
    #expect(entry.roundAttempts == 0)
    #expect(entry.lastError == "550 5.1.1 No such user")
    #expect(deliverer.deliverPending(now: later).counts == Counts(deferred: 1))
    entry = try #require(try outbox.entry(reference: submitted.reference))
    #expect(entry.nextAttemptAt == later.addingTimeInterval(300))
    #expect(deliverer.deliverPending(now: later.addingTimeInterval(300)).counts == Counts(delivered: 1))
    #expect(transport.references == Array(repeating: submitted.reference, count: 3))

    #expect(throws: OutboxError.alreadyDelivered(submitted.reference)) {
      try outbox.requeue(reference: submitted.reference, now: later)
    }
    #expect(throws: OutboxError.unknownReference("NLM-2222-22")) {
      try outbox.requeue(reference: "NLM-2222-22", now: later)
    }
  }

  @Test("A transport's other errors count as temporary")
  func otherErrorsAreTemporary() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    struct DiskFull: Error {}
    struct Failing: TicketTransport {
      func deliver(reference: String, message: [UInt8]) throws { throw DiskFull() }
    }
    _ = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let report = Deliverer(outbox: outbox, transport: Failing()).deliverPending(now: Samples.date)
    #expect(report.counts == Counts(deferred: 1))
  }

  @Test("Lengths of time read as words")
  func describe() {
    #expect(Deliverer.describe(5 * 86_400) == "5 days")
    #expect(Deliverer.describe(3_600) == "1 hour")
    #expect(Deliverer.describe(90) == "90 seconds")
    #expect(Deliverer.describe(120) == "2 minutes")
  }
}
