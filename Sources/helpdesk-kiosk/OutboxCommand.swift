import ArgumentParser
import Foundation
import KioskConfiguration
import KioskCore
import KioskOutbox

/// `helpdesk-kiosk outbox …`: the operator's view of the ticket queue, and its repairs.
struct OutboxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "outbox",
    abstract: "See and fix the queue of tickets on their way to the help desk.",
    discussion: """
      Tickets wait in <state-dir>/outbox.sqlite until the transport takes them. A temporary \
      failure is retried with back-off; a permanent one (the relay answered 5xx, no such \
      user) is kept as 'failed' until you re-queue it with 'outbox retry'. With the spool \
      transport a ticket becomes 'spooled', not 'delivered': it waits in <state-dir>/spool/ \
      until something collects it.
      """,
    subcommands: [List.self, Show.self, Deliver.self, Retry.self, Test.self])
}

extension OutboxCommand {
  /// `outbox list`: every ticket as a table, or JSON.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the tickets: reference, created, status, attempts, next attempt, last error.")

    @OptionGroup var options: OperatorOptions

    @Flag(name: .long, help: "JSON instead of a table, with the full last error.")
    var json = false

    /// The widest last error the table shows.
    static let errorWidth = 60

    func run() throws {
      let settings = try options.settings()
      let entries = try options.existingOutbox(settings).map { try $0.all() } ?? []
      let now = Date()
      if json {
        print(try OperatorText.json(entries.map { ListedTicket($0, now: now) }))
        return
      }
      guard !entries.isEmpty else {
        print(Self.summary(entries))
        return
      }
      let rows = entries.map { entry -> [String] in
        [
          OperatorText.clean(entry.reference), OperatorText.minute(entry.createdAt),
          Self.status(entry, now: now), "\(entry.attempts)", Self.nextAttempt(entry, now: now),
          entry.lastError.map { OperatorText.clean($0, limit: Self.errorWidth) } ?? "-",
        ]
      }
      print(
        OperatorText.table(
          ["REFERENCE", "CREATED", "STATUS", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR"], rows,
          rightAligned: [3]))
      print("")
      print(Self.summary(entries))
    }

    /// The status column: `sending` while a deliverer holds a queued ticket.
    static func status(_ entry: OutboxEntry, now: Date) -> String {
      entry.isBeingSent(at: now) ? "sending" : entry.status.rawValue
    }

    /// When a queued ticket goes next: `now` when it is due.
    static func nextAttempt(_ entry: OutboxEntry, now: Date) -> String {
      guard entry.status == .queued else { return "-" }
      guard let next = entry.nextAttemptAt, next > now else { return "now" }
      return OperatorText.minute(next)
    }

    /// "3 tickets: 1 queued, 1 delivered, 1 failed.", and what to do about failed ones.
    static func summary(_ entries: [OutboxEntry]) -> String {
      let count = entries.count
      var text = "\(count) ticket\(count == 1 ? "" : "s")"
      let parts = DeliveryStatus.allCases.compactMap { status -> String? in
        let number = entries.count { $0.status == status }
        return number == 0 ? nil : "\(number) \(status.rawValue)"
      }
      text += parts.isEmpty ? "." : ": \(parts.joined(separator: ", "))."
      if entries.contains(where: { $0.status == .failed }) {
        text += "\nFailed tickets are kept: see why with 'outbox show REF', fix it, then 'outbox retry REF'."
      }
      if entries.contains(where: { $0.status == .spooled && $0.purgedAt == nil }) {
        text += "\nSpooled tickets have not left this machine: they wait in the spool folder until something collects it."
      }
      return text
    }
  }

  /// `outbox show REF`: one ticket's state and its stored message.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a ticket's delivery state and the message stored for it.")

    @OptionGroup var options: OperatorOptions

    @Argument(help: ArgumentHelp("The ticket's reference, such as NLM-B5VP-93.", valueName: "reference"))
    var reference: String

    @Flag(name: .long, help: "Write only the stored message, byte for byte (for a file or a mail program).")
    var raw = false

    func run() throws {
      let settings = try options.settings()
      let entry = try TicketLookup.find(reference, in: options.existingOutbox(settings))
      if raw {
        FileHandle.standardOutput.write(Data(entry.message))
        return
      }
      let now = Date()
      let fields: [(String, String)] = [
        ("Reference", OperatorText.clean(entry.reference)),
        ("Message-ID", OperatorText.clean(entry.messageID)),
        ("Article", OperatorText.clean(entry.articleID)),
        ("Created", OperatorText.second(entry.createdAt)),
        ("Status", List.status(entry, now: now) + Self.statusNote(entry.status)),
        ("Attempts", "\(entry.attempts)"),
        ("Last attempt", entry.lastAttemptAt.map(OperatorText.second) ?? "-"),
        ("Next attempt", entry.status == .queued ? entry.nextAttemptAt.map(OperatorText.second) ?? "now" : "-"),
        ("Last error", entry.lastError.map { OperatorText.clean($0) } ?? "-"),
        (entry.status == .spooled ? "Spooled" : "Delivered", entry.deliveredAt.map(OperatorText.second) ?? "-"),
      ]
      for (name, value) in fields {
        print("\(name):".padding(toLength: 14, withPad: " ", startingAt: 0) + value)
      }
      print("")
      if let purged = entry.purgedAt {
        print("(The message was purged on \(OperatorText.second(purged)), after the retention time.)")
      } else {
        // The message's own CRLF line ends become the terminal's; nothing else is changed
        // but what the sanitizer removes (the builder left no controls to remove).
        let shown = TerminalText.sanitize(String(decoding: entry.message, as: UTF8.self), keepingNewlines: true)
        print(shown, terminator: shown.hasSuffix("\n") ? "" : "\n")
      }
    }

    /// What a status asks of the operator, after it.
    static func statusNote(_ status: DeliveryStatus) -> String {
      switch status {
      case .failed: " (kept for you: outbox retry)"
      case .spooled: " (written to the spool folder; it has not left this machine)"
      case .queued, .delivered: ""
      }
    }
  }

  /// `outbox deliver`: one delivery pass now, with a line per ticket.
  struct Deliver: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "deliver",
      abstract: "Try every due ticket once now, with the configured transport.",
      discussion: """
        Safe to run while the kiosk runs (or from cron or a systemd timer): each ticket is \
        claimed before it is sent, so no two deliverers send it at once. Exits 0, or 1 when a \
        ticket failed permanently in this pass, 78 when the configuration is unusable.
        """)

    @OptionGroup var options: OperatorOptions

    func run() throws {
      let settings = try options.settings()
      let folder = options.stateDirectory(settings)
      let delivery: DeliverySetup
      do {
        delivery = try DeliverySetup(settings, stateDirectory: folder)
      } catch {
        ProgramLog(stateDirectory: folder, level: settings.logLevel).fail(error.description)
        throw ExitCode(ExitStatus.configuration)
      }
      guard options.hasOutbox(settings) else {
        print("Nothing to deliver: there is no outbox in \(folder.path) yet.")
        return
      }
      let logger = options.log(settings).logger
      guard let outbox = try options.existingOutbox(settings, logger: logger) else { return }
      let report = delivery.deliverer(for: outbox).deliverPending { attempt in
        print(Self.line(attempt))
      }
      let queued = (try? outbox.statusCounts())?[.queued] ?? 0
      logger.info(
        "operator: outbox deliver",
        metadata: [
          "delivered": "\(report.delivered)", "spooled": "\(report.spooled)", "retry_later": "\(report.deferred)",
          "failed": "\(report.failed)", "queued": "\(queued)",
        ])
      let spooled = report.spooled > 0 ? "\(report.spooled) spooled (not sent), " : ""
      print(
        "\(report.delivered) delivered, \(spooled)\(report.deferred) to retry later, \(report.failed) failed permanently; "
          + "\(queued) still queued.")
      if report.purged > 0 {
        print("Personal data purged from \(report.purged) ticket\(report.purged == 1 ? "" : "s") past the retention time.")
      }
      if report.removedCopies > 0 {
        print("\(report.removedCopies) spool file\(report.removedCopies == 1 ? "" : "s") past the retention time removed.")
      }
      if let problem = report.problem {
        complain(OperatorText.clean(problem))
        throw ExitCode(OperatorExit.ioError)
      }
      if report.failed > 0 { throw ExitCode(OperatorExit.ticketFailed) }
    }

    /// One progress line: `NLM-B5VP-93  delivered  (attempt 1, 0.04 s)`.
    static func line(_ attempt: AttemptReport) -> String {
      let reference = OperatorText.clean(attempt.reference)
      let detail = "(attempt \(attempt.attempt), \(String(format: "%.2f", attempt.duration)) s)"
      switch attempt.result {
      case .delivered:
        return "\(reference)  delivered  \(detail)"
      case .spooled:
        return "\(reference)  spooled (not sent)  \(detail)"
      case .deferred(let retryAt, let reason):
        return "\(reference)  retry at \(OperatorText.minute(retryAt))  \(detail): \(OperatorText.clean(reason))"
      case .failed(let reason):
        return "\(reference)  FAILED, kept  \(detail): \(OperatorText.clean(reason))"
      }
    }
  }

  /// `outbox retry REF`: a failed ticket back in the queue.
  struct Retry: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "retry",
      abstract: "Queue a failed or spooled ticket again (same message, same Message-ID), due at once.")

    @OptionGroup var options: OperatorOptions

    @Argument(help: ArgumentHelp("The ticket's reference, such as NLM-B5VP-93.", valueName: "reference"))
    var reference: String

    func run() throws {
      let settings = try options.settings()
      let logger = options.hasOutbox(settings) ? options.log(settings).logger : nil
      let found = try options.existingOutbox(settings, logger: logger)
      let entry = try TicketLookup.find(reference, in: found)
      guard let outbox = found else { return }
      do {
        try outbox.requeue(reference: entry.reference, now: Date())
      } catch let error as OutboxError {
        complain(OperatorText.clean(error.description))
        switch error {
        case .beingSent: throw ExitCode(OperatorExit.temporaryFailure)
        case .unknownReference: throw ExitCode(ExitStatus.noInput)
        default: throw ExitCode(ExitStatus.dataError)
        }
      }
      print(
        "\(entry.reference) is queued again; the kiosk sends it within a minute, "
          + "or now with 'helpdesk-kiosk outbox deliver'.")
    }
  }
}

extension OutboxCommand {
  /// `outbox test`: test tickets, to check the mail path after setting it up.
  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "test",
      abstract: "Queue a test ticket (marked as a test in its subject and text), to check delivery.",
      discussion: """
        The ticket goes the way every ticket goes: 'outbox deliver' (or the running kiosk) \
        sends it to the configured help desk, and 'outbox list' shows how that went.
        """)

    /// The article id of test tickets, so that `stats` counts them apart.
    static let articleID = "test-ticket"
    /// The most tickets one call queues.
    static let maximumCount = 10_000

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: ArgumentHelp("How many test tickets to queue (1 to 10,000).", valueName: "n"))
    var count = 1

    func validate() throws {
      guard (1...Self.maximumCount).contains(count) else {
        throw ValidationError("--count must be from 1 to \(Self.maximumCount)")
      }
    }

    func run() throws {
      let settings = try options.settings()
      let outbox = try options.openOutbox(options.stateDirectory(settings), logger: options.log(settings).logger)
      let now = Date()
      var references: [String] = []
      for number in 1...count {
        let ticket = TicketContent(
          name: "Test ticket", contact: "",
          description: "This is a test of the help-desk kiosk's mail delivery (\(number) of \(count)), "
            + "queued with 'helpdesk-kiosk outbox test'. Nobody needs help; it can be deleted.",
          articleID: Self.articleID, articleTitle: "TEST - please ignore", stepsTried: [], stepsNotTried: [],
          helpful: nil, createdAt: now)
        do {
          references.append(try outbox.submit(ticket, identity: settings.identity).reference)
        } catch {
          complain("cannot queue a test ticket: \(OperatorText.clean(String(describing: error)))")
          throw ExitCode(OperatorExit.ioError)
        }
      }
      let first = references.first ?? ""
      let last = references.last ?? ""
      let shown = references.count == 1 ? first : "\(references.count) test tickets (\(first) to \(last))"
      print(
        "Queued \(shown) for \(settings.identity.contact.email); "
          + "'helpdesk-kiosk outbox deliver' sends now, the running kiosk within a minute.")
    }
  }
}

/// Finds a ticket by the reference an operator typed.
enum TicketLookup {
  /// The ticket, or exit 65 (not a reference) or 66 (no such ticket) with a message.
  static func find(_ typed: String, in outbox: Outbox?) throws -> OutboxEntry {
    let reference = typed.trimmingSpaces.uppercased()
    guard TicketReference.isValid(reference) else {
      complain(
        "\"\(OperatorText.clean(typed, limit: 40))\" is not a ticket reference "
          + "(they look like NLM-B5VP-93; check for a typo)")
      throw ExitCode(ExitStatus.dataError)
    }
    guard let entry = try outbox?.entry(reference: reference) else {
      complain("no ticket has the reference \(reference)")
      throw ExitCode(ExitStatus.noInput)
    }
    return entry
  }
}

/// A ticket as `outbox list --json` writes it.
struct ListedTicket: Encodable {
  var reference: String
  var messageID: String
  var articleID: String
  var createdAt: Date
  var status: String
  var attempts: Int
  var nextAttemptAt: Date?
  var lastAttemptAt: Date?
  var lastError: String?
  var deliveredAt: Date?
  var purgedAt: Date?

  init(_ entry: OutboxEntry, now: Date) {
    reference = OperatorText.clean(entry.reference)
    messageID = OperatorText.clean(entry.messageID)
    articleID = OperatorText.clean(entry.articleID)
    createdAt = entry.createdAt
    status = OutboxCommand.List.status(entry, now: now)
    attempts = entry.attempts
    nextAttemptAt = entry.status == .queued ? entry.nextAttemptAt : nil
    lastAttemptAt = entry.lastAttemptAt
    lastError = entry.lastError.map { OperatorText.clean($0) }
    deliveredAt = entry.deliveredAt
    purgedAt = entry.purgedAt
  }

  enum CodingKeys: String, CodingKey {
    case reference, status, attempts
    case messageID = "message_id"
    case articleID = "article_id"
    case createdAt = "created_at"
    case nextAttemptAt = "next_attempt_at"
    case lastAttemptAt = "last_attempt_at"
    case lastError = "last_error"
    case deliveredAt = "delivered_at"
    case purgedAt = "purged_at"
  }

  /// Every key, null included, so that a reader sees the same shape for every ticket.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(reference, forKey: .reference)
    try container.encode(messageID, forKey: .messageID)
    try container.encode(articleID, forKey: .articleID)
    try container.encode(createdAt, forKey: .createdAt)
    try container.encode(status, forKey: .status)
    try container.encode(attempts, forKey: .attempts)
    try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
    try container.encode(lastAttemptAt, forKey: .lastAttemptAt)
    try container.encode(lastError, forKey: .lastError)
    try container.encode(deliveredAt, forKey: .deliveredAt)
    try container.encode(purgedAt, forKey: .purgedAt)
  }
}
