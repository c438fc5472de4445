import Foundation
import KioskCore
import KioskOutbox
import Testing

/// Tickets through the real mail path: `helpdesk-kiosk outbox deliver` pipes each message
/// to msmtp (Debian's), which speaks SMTP to an aiosmtpd server on 127.0.0.1 started by the
/// test; what the server received is read back and compared with the outbox.
///
/// Byte for byte, with no normalisation: the outbox stores CRLF line ends and lines of at
/// most 998 octets; msmtp dot-stuffs lines that start with "." on the wire and aiosmtpd
/// removes the stuffing again (RFC 5321 4.5.2), and keeps the CRLFs, so the DATA bytes it
/// hands over (`envelope.original_content`) are exactly the stored message. The only
/// bytes never compared are the SMTP terminator "CRLF . CRLF", which is no part of the
/// message.
@Suite(
  "Mail through msmtp to a loopback SMTP server",
  .enabled(
    if: MailTools.isAvailable,
    "msmtp or Python's aiosmtpd is missing: scripts/setup installs them (apt-get install msmtp python3-aiosmtpd; python3 -m pip install aiosmtpd)"),
  .timeLimit(.minutes(1)))
struct MailPathTests {
  @Test("Delivered messages arrive byte for byte as stored, to the help desk, from the kiosk")
  func bytesArriveUnchanged() throws {
    let sink = try SMTPSink()
    defer { sink.stop() }
    let kiosk = try KioskScenario()
    try kiosk.useMsmtp(port: sink.port)
    let stored = try kiosk.submit([Tickets.awkward, Tickets.ticket("Bob"), Tickets.ticket("Carol", minutes: 1)])

    let result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.lines.count == 4)
    for (line, entry) in zip(result.lines, stored) {
      #expect(line.hasPrefix("\(entry.reference)  delivered  (attempt 1, "), "\(line)")
    }
    #expect(result.lines.last == "3 delivered, 0 to retry later, 0 failed permanently; 0 still queued.")

    let received = try sink.messages()
    let comparison = Tickets.compare(received, stored.map(\.message))
    #expect(comparison.isSame, "\(comparison.account)")
    #expect(received.map(Tickets.messageID) == stored.map(\.messageID))
    #expect(try sink.envelopes().allSatisfy { $0.from == KioskScenario.sender && $0.to == [KioskScenario.helpDesk] })
    // The awkward lines made it: a lone dot, leading dots, the long line broken under 998.
    let text = String(decoding: received[0], as: UTF8.self)
    #expect(text.contains("\r\n.\r\n..two dots\r\n.leading dot\r\n"))
    #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    #expect(try kiosk.outbox().all().allSatisfy { $0.status == .delivered && $0.attempts == 1 })
  }

  @Test("The server is down: the ticket waits for a retry, nothing lost; later it goes through")
  func serverDown() throws {
    let port = try unusedPort()
    let kiosk = try KioskScenario()
    try kiosk.useMsmtp(port: port)
    let stored = try kiosk.submit([Tickets.ticket()])[0]
    let before = Date()

    let result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 0, "a temporary failure is no error: \(result.stderr)")
    #expect(result.stdout.contains("\(stored.reference)  retry at "))
    #expect(result.stdout.contains("msmtp exited with status 75 (EX_TEMPFAIL)"))
    #expect(result.stdout.contains("Connection refused"))
    #expect(result.lines.last == "0 delivered, 1 to retry later, 0 failed permanently; 1 still queued.")
    var entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.status == .queued)
    #expect(entry.attempts == 1)
    #expect(entry.message == stored.message)
    let next = try #require(entry.nextAttemptAt)
    #expect(next.timeIntervalSince(before) >= 299 && next.timeIntervalSince(before) <= 330)

    // Not due yet: a pass now tries nothing.
    #expect(try kiosk.run("outbox", "deliver").lines.last == "0 delivered, 0 to retry later, 0 failed permanently; 1 still queued.")

    // The server comes up on that port; the operator makes the ticket due now.
    let sink = try SMTPSink(port: port)
    defer { sink.stop() }
    #expect(try kiosk.run("outbox", "retry", stored.reference).status == 0)
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    #expect(Tickets.compare(try sink.messages(), [stored.message]).isSame)
    entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.status == .delivered)
    #expect(entry.attempts == 2)
  }

  @Test("421 and 451 from the server are retried; the message arrives once it accepts")
  func temporaryReplies() throws {
    let sink = try SMTPSink(mode: "mail 421 4.3.2 Service shutting down")
    defer { sink.stop() }
    let kiosk = try KioskScenario()
    try kiosk.useMsmtp(port: sink.port)
    let stored = try kiosk.submit([Tickets.ticket()])[0]

    var result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 0)
    #expect(result.stdout.contains("retry at"))
    #expect(result.stdout.contains("server message: 421 4.3.2 Service shutting down"))

    try sink.setMode("data 451 4.3.0 Try again later")
    #expect(try kiosk.run("outbox", "retry", stored.reference).status == 0)
    result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 0)
    #expect(result.stdout.contains("server message: 451 4.3.0 Try again later"))
    var entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.status == .queued)
    #expect(entry.lastError?.contains("451 4.3.0") == true)
    #expect(try sink.messages().isEmpty)

    try sink.setMode("accept")
    #expect(try kiosk.run("outbox", "retry", stored.reference).status == 0)
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    #expect(Tickets.compare(try sink.messages(), [stored.message]).isSame)
    entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.status == .delivered)
    #expect(entry.attempts == 3)
  }

  @Test("550 from the server: the ticket is kept, marked failed, flagged, and not retried by itself")
  func permanentRejection() throws {
    let sink = try SMTPSink(mode: "rcpt 550 5.1.1 <helpdesk@netlumait.com.au>: no such user")
    defer { sink.stop() }
    let kiosk = try KioskScenario()
    try kiosk.useMsmtp(port: sink.port)
    let stored = try kiosk.submit([Tickets.ticket()])[0]

    var result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 1, "a permanent failure makes deliver exit 1")
    #expect(result.stdout.contains("\(stored.reference)  FAILED, kept  (attempt 1, "))
    #expect(result.stdout.contains("550 5.1.1 <helpdesk@netlumait.com.au>: no such user"))
    #expect(result.lines.last == "0 delivered, 0 to retry later, 1 failed permanently; 0 still queued.")

    let list = try kiosk.run("outbox", "list")
    let row = try #require(list.lines.first { $0.hasPrefix(stored.reference) })
    #expect(row.contains("  failed  "))
    #expect(list.stdout.contains("1 ticket: 1 failed.\nFailed tickets are kept"))
    let entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.message == stored.message)

    // Later passes leave it alone, however long after.
    result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 0)
    #expect(result.lines == ["0 delivered, 0 to retry later, 0 failed permanently; 0 still queued."])

    // Fixed at the help desk's end; the operator re-queues it.
    try sink.setMode("accept")
    #expect(try kiosk.run("outbox", "retry", stored.reference).status == 0)
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    #expect(Tickets.compare(try sink.messages(), [stored.message]).isSame)
  }

  @Test("Killed between sending and recording: sent again once, with the same Message-ID (at least once)")
  func crashBetweenSendAndMark() throws {
    let sink = try SMTPSink()
    defer { sink.stop() }
    let kiosk = try KioskScenario()
    let msmtp = try #require(MailTools.msmtp)
    // msmtp, then the deliverer killed the moment msmtp has succeeded: before it records.
    let wrapper = try kiosk.script(
      "msmtp-then-crash", "\"\(msmtp)\" \"$@\" || exit $?\nkill -KILL $PPID\nexit 0")
    try kiosk.useMsmtp(port: sink.port, program: wrapper)
    let stored = try kiosk.submit([Tickets.ticket()])[0]

    let crashed = try kiosk.run("outbox", "deliver")
    #expect(crashed.status == 128 + SIGKILL)
    #expect(Tickets.compare(try sink.messages(), [stored.message]).isSame)
    var entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.status == .queued, "the delivery was not recorded")
    #expect(entry.attempts == 1)

    // The next deliverer sees that the claim's process is gone and sends it again at once.
    try kiosk.useMsmtp(port: sink.port)
    let again = try kiosk.run("outbox", "deliver")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("\(stored.reference)  delivered  (attempt 2, "))
    let received = try sink.messages()
    #expect(Tickets.compare(received, [stored.message, stored.message]).isSame)
    #expect(Set(received.map(Tickets.messageID)) == [stored.messageID])
    entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.status == .delivered)
    #expect(entry.attempts == 2)

    // Nothing more is sent.
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    #expect(try sink.messages().count == 2)
  }

  @Test("Two deliverers at once over 200 tickets: each received exactly once")
  func twoDeliverers() throws {
    let sink = try SMTPSink()
    defer { sink.stop() }
    let kiosk = try KioskScenario()
    try kiosk.useMsmtp(port: sink.port)
    let stored = try kiosk.submit((0..<200).map { Tickets.ticket("Person \($0)", minutes: $0) })

    let first = try kiosk.start(["outbox", "deliver"])
    let second = try kiosk.start(["outbox", "deliver"])
    let results = [first.wait(), second.wait()]
    #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
    let delivered = results.map { $0.lines.count { $0.contains("  delivered  ") } }
    #expect(delivered.reduce(0, +) == 200)

    let received = try sink.messages()
    #expect(received.count == 200)
    #expect(Set(received.map(Tickets.messageID)).count == 200)
    #expect(Set(received) == Set(stored.map(\.message)), "the received messages differ from the stored ones")
    #expect(try kiosk.outbox().all().allSatisfy { $0.status == .delivered && $0.attempts == 1 })
  }
}
