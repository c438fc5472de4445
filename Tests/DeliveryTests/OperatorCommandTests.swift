import Foundation
import KioskCore
import KioskOutbox
import Testing

/// The operator's commands, run as the built program: `outbox list | show | deliver |
/// retry`, `stats`, and configuration errors. Times print in UTC (the runs get TZ=UTC).
@Suite("Operator commands", .timeLimit(.minutes(1)))
struct OperatorCommandTests {
  /// Four tickets: delivered, failed, waiting for a retry in 2099, and new.
  private func fourTickets(_ kiosk: KioskScenario) throws -> [OutboxEntry] {
    let stored = try kiosk.submit((0..<4).map { Tickets.ticket("Person \($0)", minutes: $0, start: Tickets.date) })
    let outbox = try kiosk.outbox()
    try outbox.markDelivered(reference: stored[0].reference, at: Tickets.date.addingTimeInterval(600))
    try outbox.markFailed(
      reference: stored[1].reference,
      error: "msmtp exited with status 65 (EX_DATAERR): msmtp: server message: 550 5.1.1 <helpdesk@netlumait.com.au>: no such user here",
      retryAt: nil)
    try outbox.markFailed(
      reference: stored[2].reference, error: "msmtp exited with status 75 (EX_TEMPFAIL)",
      retryAt: Date(timeIntervalSince1970: 4_070_908_800))
    return stored
  }

  @Test("outbox list: a table of reference, created, status, attempts, next attempt, last error")
  func listTable() throws {
    let kiosk = try KioskScenario()
    let stored = try fourTickets(kiosk)
    let (a, b, c, d) = (stored[0].reference, stored[1].reference, stored[2].reference, stored[3].reference)
    let result = try kiosk.run("outbox", "list")
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        \("REFERENCE".padding(toLength: a.count, withPad: " ", startingAt: 0))  CREATED           STATUS     ATTEMPTS  NEXT ATTEMPT      LAST ERROR
        \(a)  2025-01-01 09:30  delivered         1  -                 -
        \(b)  2025-01-01 09:31  failed            1  -                 msmtp exited with status 65 (EX_DATAERR): msmtp: server mes…
        \(c)  2025-01-01 09:32  queued            1  2099-01-01 00:00  msmtp exited with status 75 (EX_TEMPFAIL)
        \(d)  2025-01-01 09:33  queued            0  now               -

        4 tickets: 2 queued, 1 delivered, 1 failed.
        Failed tickets are kept: see why with 'outbox show REF', fix it, then 'outbox retry REF'.

        """)
  }

  @Test(
    "outbox list and show print local time, with the zone's offset; POSIX zones need no zone files",
    arguments: [
      ("AEST-10AEDT,M10.1.0,M4.1.0/3", "2025-01-01 20:30", "2025-01-01 20:31:00 +1100", "2099-01-01 11:00"),
      ("NST3:30", "2025-01-01 06:00", "2025-01-01 06:01:00 -0330", "2098-12-31 20:30"),
      ("IST-5:30", "2025-01-01 15:00", "2025-01-01 15:01:00 +0530", "2099-01-01 05:30"),
    ])
  func localTimes(zone: String, listed: String, shown: String, retry: String) throws {
    let kiosk = try KioskScenario()
    let stored = try fourTickets(kiosk)
    let list = try kiosk.run("outbox", "list", timeZone: zone)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.lines[1].contains("  \(listed)  delivered"))
    #expect(list.lines[3].contains("  \(retry)  msmtp exited with status 75"))
    let show = try kiosk.run("outbox", "show", stored[1].reference, timeZone: zone)
    #expect(show.lines.contains("Created:      \(shown)"))
  }

  @Test("outbox list --json: every ticket with every field, full errors, ISO 8601 times")
  func listJSON() throws {
    let kiosk = try KioskScenario()
    let stored = try fourTickets(kiosk)
    let result = try kiosk.run("outbox", "list", "--json")
    #expect(result.status == 0)
    let tickets = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(tickets.count == 4)
    #expect(tickets.map { $0["reference"] as? String } == stored.map(\.reference))
    #expect(tickets.map { $0["status"] as? String } == ["delivered", "failed", "queued", "queued"])
    #expect(tickets.map { $0["attempts"] as? Int } == [1, 1, 1, 0])
    #expect(tickets[0]["created_at"] as? String == "2025-01-01T09:30:00Z")
    #expect(tickets[0]["delivered_at"] as? String == "2025-01-01T09:40:00Z")
    #expect(tickets[1]["last_error"] as? String == "msmtp exited with status 65 (EX_DATAERR): msmtp: server message: 550 5.1.1 <helpdesk@netlumait.com.au>: no such user here")
    #expect(tickets[2]["next_attempt_at"] as? String == "2099-01-01T00:00:00Z")
    #expect(tickets[3]["next_attempt_at"] is NSNull)
    #expect(tickets[0]["message_id"] as? String == stored[0].messageID)
    #expect(Set(tickets[0].keys) == [
      "reference", "message_id", "article_id", "created_at", "status", "attempts", "next_attempt_at",
      "last_attempt_at", "last_error", "delivered_at", "purged_at",
    ])
    // An empty outbox is an empty list.
    let empty = try KioskScenario()
    #expect(try empty.run("outbox", "list", "--json").stdout == "[\n\n]\n")
    #expect(try empty.run("outbox", "list").stdout == "0 tickets.\n")
  }

  @Test("outbox show: the ticket's state and its message; --raw gives the stored bytes")
  func show() throws {
    let kiosk = try KioskScenario()
    let stored = try fourTickets(kiosk)
    let failed = stored[1]
    let result = try kiosk.run("outbox", "show", failed.reference.lowercased())
    #expect(result.status == 0, "\(result.stderr)")
    let head = result.lines.prefix(11).joined(separator: "\n")
    #expect(
      head == """
        Reference:    \(failed.reference)
        Message-ID:   \(failed.messageID)
        Article:      printer-shows-offline
        Created:      2025-01-01 09:31:00 +0000
        Status:       failed (kept for you: outbox retry)
        Attempts:     1
        Last attempt: -
        Next attempt: -
        Last error:   msmtp exited with status 65 (EX_DATAERR): msmtp: server message: 550 5.1.1 <helpdesk@netlumait.com.au>: no such user here
        Delivered:    -

        """)
    // The message follows with the terminal's line ends.
    let message = String(decoding: failed.message, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    #expect(result.stdout.hasSuffix("\n\n" + message))

    let raw = try kiosk.run("outbox", "show", "--raw", failed.reference)
    #expect(Array(raw.stdout.utf8) == failed.message)

    let typo = try kiosk.run("outbox", "show", "NLM-XXXX-00")
    #expect(typo.status == 65)
    #expect(typo.stderr.contains("\"NLM-XXXX-00\" is not a ticket reference"))
    let unknown = try kiosk.run("outbox", "show", TicketReference.make(sequence: 99, kioskID: "bench-1"))
    #expect(unknown.status == 66)
    #expect(unknown.stderr.contains("no ticket has the reference"))
  }

  @Test("outbox retry: a failed ticket queued again; a delivered one refused")
  func retry() throws {
    let kiosk = try KioskScenario()
    let stored = try fourTickets(kiosk)
    let result = try kiosk.run("outbox", "retry", stored[1].reference)
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("\(stored[1].reference) is queued again"))
    let entry = try #require(try kiosk.outbox().entry(reference: stored[1].reference))
    #expect(entry.status == .queued)
    #expect(entry.nextAttemptAt == nil)

    let delivered = try kiosk.run("outbox", "retry", stored[0].reference)
    #expect(delivered.status == 65)
    #expect(delivered.stderr == "helpdesk-kiosk: \(stored[0].reference) was delivered already.\n")
  }

  @Test("outbox deliver: a line per ticket and a summary; exit 1 when one failed permanently")
  func deliver() throws {
    let kiosk = try KioskScenario()
    let stored = try kiosk.submit([Tickets.ticket("A"), Tickets.ticket("B", minutes: 1)])
    // The spool transport (the default).
    var result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 0)
    #expect(result.lines.count == 3)
    #expect(result.lines[0].hasPrefix("\(stored[0].reference)  spooled (not sent)  (attempt 1, "))
    #expect(result.lines[1].hasPrefix("\(stored[1].reference)  spooled (not sent)  (attempt 1, "))
    #expect(
      result.lines[2] == "0 delivered, 2 spooled (not sent), 0 to retry later, 0 failed permanently; 0 still queued.")
    for entry in stored {
      let file = kiosk.state.appendingPathComponent("spool/\(entry.reference).eml")
      #expect(try [UInt8](Data(contentsOf: file)) == entry.message)
    }

    // A program that refuses the message for good.
    let refusing = try kiosk.script("refuse", "cat >/dev/null\necho 'sendmail: 554 5.7.1 Rejected: spam' >&2\nexit 69")
    try kiosk.useSendmail(program: refusing)
    let third = try kiosk.submit([Tickets.ticket("C", minutes: 2)])[0]
    result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 1)
    #expect(
      result.lines.first?.hasSuffix(
        "): refuse exited with status 69 (EX_UNAVAILABLE): sendmail: 554 5.7.1 Rejected: spam") == true,
      "\(result.stdout)")
    #expect(result.lines.first?.hasPrefix("\(third.reference)  FAILED, kept  (attempt 1, ") == true)
  }

  @Test("A program that hangs is stopped at its time limit, one that exits 75 is retried")
  func hangingAndTemporaryPrograms() throws {
    let kiosk = try KioskScenario()
    let hanging = try kiosk.script("hang", "echo 'connecting to the relay…' >&2\nexec sleep 30")
    try kiosk.useSendmail(program: hanging, timeLimit: "1s")
    let stored = try kiosk.submit([Tickets.ticket()])[0]
    let clock = ContinuousClock()
    let start = clock.now
    var result = try kiosk.run("outbox", "deliver")
    #expect(start.duration(to: clock.now) < .seconds(10))
    #expect(result.status == 0)
    #expect(result.stdout.contains("\(stored.reference)  retry at "))
    #expect(result.stdout.contains("hang did not finish within 1 s and was stopped: connecting to the relay…"))

    let busy = try kiosk.script("busy", "cat >/dev/null\nexit 75")
    try kiosk.useSendmail(program: busy)
    #expect(try kiosk.run("outbox", "retry", stored.reference).status == 0)
    result = try kiosk.run("outbox", "deliver")
    #expect(result.status == 0)
    #expect(result.stdout.contains("busy exited with status 75 (EX_TEMPFAIL)"))
    let entry = try #require(try kiosk.outbox().entry(reference: stored.reference))
    #expect(entry.status == .queued)
    #expect(entry.attempts == 2)
    #expect(entry.nextAttemptAt != nil)
  }

  @Test("stats: views, answers and tickets per article, as a table and as JSON; text is cleaned")
  func stats() throws {
    let kiosk = try KioskScenario()
    let outbox = try kiosk.outbox()
    for _ in 0..<12 { try outbox.recordView(articleID: "session-expired", at: Tickets.date) }
    try outbox.recordView(articleID: "printer-shows-offline", at: Tickets.date)
    try outbox.recordVote(articleID: "session-expired", helpful: true, at: Tickets.date)
    try outbox.recordVote(articleID: "session-expired", helpful: false, at: Tickets.date)
    try outbox.recordVote(articleID: "session-expired", helpful: true, at: Tickets.date)
    let stored = try kiosk.submit([
      Tickets.ticket(), Tickets.ticket(articleID: "session-expired"),
      Tickets.ticket(articleID: "evil\u{1B}]0;owned\u{07}\u{202E}id"),
    ])
    // One failed; the spool (the default transport) takes the other two, which stay on the kiosk.
    try outbox.markFailed(reference: stored[0].reference, error: "the relay refused it", retryAt: nil)
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    try outbox.recordOutcome(.fixed(articleID: "session-expired"), at: Tickets.date)
    try outbox.recordOutcome(.session, at: Tickets.date)
    try outbox.recordOutcome(.session, at: Tickets.date)
    try outbox.recordReason(articleID: "session-expired", reason: .outOfDate, at: Tickets.date)
    let result = try kiosk.run("stats")
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        All time

        ARTICLE                VIEWS  FIXED  HELPFUL  NOT HELPFUL  TICKETS
        evilid                     0      0        0            0        1
        printer-shows-offline      1      0        0            0        1
        session-expired           12      1        2            1        1
        total                     13      1        2            1        3

        Visits: 2. Fixed without a ticket: 1. Tickets: 3.
        Self-service rate, fixed / (fixed + tickets): 25 %.
        Tickets by delivery: 0 queued, 0 delivered, 2 spooled (not sent), 1 failed.

        NOT HELPFUL, WHY  STEPS FAILED  HARD  OUTDATED  NOT MINE
        session-expired              0     0         1         0

        """)
    // CSV parses as CSV: a header, a row per article and the total, CRLF line ends.
    let csv = try kiosk.run("stats", "--format", "csv")
    let records = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.split(separator: ",").map(String.init) }
    #expect(records.first == [
      "article_id", "views", "fixed", "helpful", "not_helpful", "tickets", "steps_did_not_work", "hard_to_follow",
      "out_of_date", "not_my_problem",
    ])
    #expect(records.last == ["total", "13", "1", "2", "1", "3", "0", "0", "1", "0"])
    #expect(records.count == 5 && records.allSatisfy { $0.count == 10 })
    // A window that starts after everything counts nothing; one that covers it, all.
    let later = try kiosk.run("stats", "--since", "2099-01-01")
    #expect(later.stdout.hasPrefix("Since 2099-01-01 (UTC)\n\nARTICLE"))
    #expect(later.stdout.contains("Visits: 0. Fixed without a ticket: 0. Tickets: 0."))
    #expect(try kiosk.run("stats", "--since", "2000-01-01").stdout.contains("Visits: 2."))
    #expect(try kiosk.run("stats", "--days", "0").status == 64)
    #expect(try kiosk.run("stats", "--since", "2026-02-30").status == 64)
    let json = try kiosk.run("stats", "--json")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let rows = try #require(report["articles"] as? [[String: Any]])
    #expect((report["searches_found_nothing"] as? [Any])?.isEmpty == true)
    #expect(report["self_service_rate"] as? Double == 0.25)
    #expect(report["sessions"] as? Int == 2)
    #expect(
      report["tickets_by_status"] as? [String: Int] == ["queued": 0, "delivered": 0, "spooled": 2, "failed": 1])
    #expect(rows.map { $0["article_id"] as? String } == ["evilid", "printer-shows-offline", "session-expired"])
    #expect(rows[2]["views"] as? Int == 12)
    #expect(rows[2]["helpful"] as? Int == 2)
    #expect(rows[2]["not_helpful"] as? Int == 1)
    #expect(rows[2]["tickets"] as? Int == 1)
    #expect(!json.stdout.contains("\u{1B}") && !result.stdout.contains("\u{1B}"))
  }

  @Test("stats: the searches that found nothing and that ended in a ticket, most frequent first, cleaned")
  func searchGaps() throws {
    let kiosk = try KioskScenario()
    let outbox = try kiosk.outbox()
    for text in ["outlook calendar sync", "Outlook calendar sync", "vpn token for Sarah Jones", "outlook calendar sync"] {
      try outbox.recordSearchGap(SearchGap(text, outcome: .nothingFound), at: Tickets.date)
    }
    try outbox.recordSearchGap(SearchGap("printer offline, call 0412 345 678", outcome: .ticket), at: Tickets.date)
    let result = try kiosk.run("stats")
    #expect(result.status == 0)
    #expect(
      result.stdout.hasSuffix(
        """
        COUNT  SEARCHES THAT FOUND NOTHING
            3  outlook calendar sync
            1  vpn token for [name]

        COUNT  SEARCHES THAT ENDED IN A TICKET
            1  printer offline, call [number]

        """), "\(result.stdout)")
    let json = try kiosk.run("stats", "--json")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let nothing = try #require(report["searches_found_nothing"] as? [[String: Any]])
    #expect(nothing.first?["words"] as? String == "outlook calendar sync")
    #expect(nothing.first?["count"] as? Int == 3)
    #expect((report["searches_ended_in_ticket"] as? [[String: Any]])?.count == 1)
  }

  @Test("A damaged outbox: set aside, and every outbox command says where and how to look at it")
  func damagedOutbox() throws {
    let kiosk = try KioskScenario()
    try FileManager.default.createDirectory(at: kiosk.state, withIntermediateDirectories: true)
    try Data("not a database".utf8).write(to: kiosk.state.appendingPathComponent("outbox.sqlite"))
    let result = try kiosk.run("outbox", "list")
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.contains("outbox.sqlite.damaged-"), "\(result.stderr)")
    #expect(result.stderr.contains("'.recover'"))
    let aside = Outbox.setAsideFiles(in: kiosk.state)
    #expect(try aside.map { try Data(contentsOf: $0) } == [Data("not a database".utf8)])
  }

  @Test("outbox test: queues tickets marked as tests, delivered like any other")
  func testTickets() throws {
    let kiosk = try KioskScenario()
    let result = try kiosk.run("outbox", "test", "--count", "2")
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("Queued 2 test tickets (NLM-"))
    let entries = try kiosk.outbox().all()
    #expect(entries.count == 2)
    #expect(entries.allSatisfy { $0.articleID == "test-ticket" && $0.status == .queued })
    let text = String(decoding: entries[0].message, as: UTF8.self)
    #expect(text.contains("Subject: [\(entries[0].reference)] Still need help: TEST - please ignore\r\n"))
    #expect(text.contains("Nobody needs help"))
    #expect(try kiosk.run("outbox", "deliver").status == 0)
    #expect(try kiosk.outbox().all().allSatisfy { $0.status == .spooled })
    #expect(try kiosk.run("outbox", "test", "--count", "0").status == 64)
  }

  @Test("A bad configuration stops every command with the file, line and key (exit 78)")
  func configurationErrors() throws {
    let kiosk = try KioskScenario()
    try "sender: kiosk@netlumait.com.au\nretry:\n  first_delay: soon\n".write(
      to: kiosk.config, atomically: true, encoding: .utf8)
    for arguments in [["outbox", "list"], ["outbox", "deliver"], ["stats"]] {
      let result = try kiosk.start(arguments).wait()
      #expect(result.status == 78)
      #expect(
        result.stderr
          == "helpdesk-kiosk: \(kiosk.config.path):3: 'retry.first_delay' must be a time such as 300, 90s, 5m, 2h or 5d, not 'soon'\n")
    }
    // A mail program that is not there stops the kiosk before it takes the terminal.
    try kiosk.useSendmail(program: "/nonexistent/msmtp")
    let run = try kiosk.start(["run"]).wait()
    #expect(run.status == 78)
    #expect(run.stderr.contains("sendmail.program: /nonexistent/msmtp is not an executable file"))
  }
}
