import Foundation
import KioskCore
import Logging

/// One ticket's attempt in a delivery pass, for a progress line.
public struct AttemptReport: Hashable, Sendable {
  public var reference: String
  /// The ticket's attempts so far, this one included.
  public var attempt: Int
  public var result: AttemptResult
  /// Seconds the transport took.
  public var duration: TimeInterval
}

/// What one delivery pass did.
public struct DeliveryReport: Hashable, Sendable {
  /// Tickets a sending transport took: they left the kiosk.
  public var delivered = 0
  /// Tickets written to the spool folder, to wait there for something to collect them.
  public var spooled = 0
  /// Tickets that failed temporarily and wait for a retry.
  public var deferred = 0
  /// Tickets that failed permanently (or ran out of retry time) in this pass.
  public var failed = 0
  /// Delivered and spooled tickets whose personal data was purged after the pass.
  public var purged = 0
  /// Spool files past the retention time, removed after the pass.
  public var removedCopies = 0
  /// Why the pass stopped early: the outbox could not be read or written.
  public var problem: String?

  public init() {}
}

/// Hands the outbox's due tickets to a transport, one at a time, and records what
/// happened: delivered (or spooled, when the transport keeps it on the kiosk); a temporary failure, retried on the `policy`'s back-off; or a
/// permanent one, kept and flagged `failed` for the operator. The stored message is sent
/// as it is, with its one Message-ID, on every attempt.
///
/// Each ticket is claimed before it is sent (`Outbox.claimNext`), so any number of
/// deliverers, in this process or others, can run at once without sending a ticket twice;
/// only a crash between the transport's success and its recording sends one again.
///
/// Every attempt is logged to the outbox's logger: the reference, the status, the attempt
/// and the transport's reason, never what the person wrote.
public struct Deliverer: Sendable {
  /// The longest transport reason a log line carries (the outbox keeps it whole).
  static let loggedReasonLength = 300

  /// The extra time a claim lasts beyond the transport's own time limit.
  static let leaseMargin: TimeInterval = 60
  /// The time limit assumed for a transport that has none.
  static let defaultTimeLimit: TimeInterval = 60

  let outbox: Outbox
  let transport: any TicketTransport
  let policy: RetryPolicy
  /// How long delivered tickets keep their personal data; nil: for ever.
  let retention: TimeInterval?
  let clock: @Sendable () -> Date
  /// The spool folder, cleared of files past the retention time whatever the transport is
  /// now (the spool's files stay after a switch to sendmail); nil: the transport's own.
  let spool: SpoolTransport?

  /// The youngest a spool file may be when it is removed, however short the retention: a
  /// message written in this pass is there to be collected, not to go with it.
  public static let minimumSpoolAge: TimeInterval = 86_400

  /// - Parameters:
  ///   - retention: after each pass, delivered and spooled tickets older than this are
  ///     purged, and the spool files older than this (and than `minimumSpoolAge`) removed.
  ///   - spool: the spool folder to clear, when it is not the transport.
  ///   - clock: the time of each claim and result.
  public init(
    outbox: Outbox, transport: any TicketTransport, policy: RetryPolicy = .standard,
    retention: TimeInterval? = nil, spool: SpoolTransport? = nil, clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.outbox = outbox
    self.transport = transport
    self.policy = policy
    self.retention = retention
    self.spool = spool
    self.clock = clock
  }

  /// How long a claim holds a ticket: longer than one attempt can take.
  var leaseDuration: TimeInterval {
    (transport.attemptTimeLimit ?? Self.defaultTimeLimit) + Self.leaseMargin
  }

  /// One pass with the clock stopped at `now` (for tests and replays).
  @discardableResult
  public func deliverPending(now: Date, progress: (AttemptReport) -> Void = { _ in })
    -> DeliveryReport
  {
    Deliverer(
      outbox: outbox, transport: transport, policy: policy, retention: retention, spool: spool,
      clock: { now }
    ).deliverPending(progress: progress)
  }

  /// One pass: every ticket due when its turn comes is tried once, oldest first; then
  /// delivered and spooled tickets past the retention time are purged, and the transport's
  /// copies of them removed.
  ///
  /// - Parameter progress: called after each attempt, in order.
  @discardableResult
  public func deliverPending(progress: (AttemptReport) -> Void = { _ in }) -> DeliveryReport {
    var report = DeliveryReport()
    var cursor = 0
    while true {
      let claim: DeliveryClaim?
      do {
        claim = try outbox.claimNext(now: clock(), leaseDuration: leaseDuration, after: cursor)
      } catch {
        report.problem = "the outbox could not be read: \(error)"
        outbox.logger.error("delivery stopped: the outbox could not be read", metadata: ["error": "\(error)"])
        break
      }
      guard let claim else { break }
      cursor = claim.entry.sequence
      let started = ContinuousClock.now
      let (result, isGivenUp) = attempt(claim.entry)
      let elapsed = started.duration(to: .now)
      do {
        // If this fails, the claim runs out and the ticket is tried again: at least once.
        try outbox.complete(claim, result)
      } catch {
        report.problem = "the outbox could not be written: \(error)"
        outbox.logger.error(
          "the result of a delivery could not be recorded; the ticket will be sent again",
          metadata: ["reference": "\(claim.entry.reference)", "error": "\(error)"])
      }
      log(result, of: claim.entry, isGivenUp: isGivenUp)
      switch result {
      case .delivered: report.delivered += 1
      case .spooled: report.spooled += 1
      case .deferred: report.deferred += 1
      case .failed: report.failed += 1
      }
      progress(
        AttemptReport(
          reference: claim.entry.reference, attempt: claim.entry.attempts, result: result,
          duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds)
            / 1e18))
    }
    if let retention {
      let now = clock()
      report.purged =
        (try? outbox.purgeDelivered(before: now.addingTimeInterval(-retention), at: now)) ?? 0
      // Searches kept for the authors go after the same time.
      _ = try? outbox.purgeSearchGaps(before: now.addingTimeInterval(-retention))
      do {
        let keeper: any TicketTransport = spool ?? transport
        report.removedCopies = try keeper.removeCopies(
          before: now.addingTimeInterval(-max(retention, Self.minimumSpoolAge)))
        if report.removedCopies > 0 {
          outbox.logger.info(
            "spool files removed after the retention time", metadata: ["files": "\(report.removedCopies)"])
        }
      } catch {
        outbox.logger.error("spool files past the retention time could not be removed", metadata: ["error": "\(error)"])
      }
    }
    return report
  }

  /// Sends one claimed ticket and says what its result is, and whether that result is
  /// the end of its retries (`isGivenUp`) rather than a permanent failure.
  func attempt(_ entry: OutboxEntry) -> (result: AttemptResult, isGivenUp: Bool) {
    do {
      try transport.deliver(reference: entry.reference, message: entry.message)
      return (transport.sendsMessages ? .delivered(at: clock()) : .spooled(at: clock()), false)
    } catch let failure as TransportFailure where failure.isPermanent {
      return (.failed(reason: failure.reason), false)
    } catch {
      let reason = String(describing: error)
      guard
        let next = policy.nextAttempt(
          after: clock(), attempt: entry.roundAttempts, roundStart: entry.roundStartedAt)
      else {
        return (.failed(reason: "gave up after \(Self.describe(policy.lifetime)) of retries: \(reason)"), true)
      }
      return (.deferred(retryAt: next, reason: reason), false)
    }
  }

  /// One line for the log: the reference, the status it now has, the attempt and why.
  func log(_ result: AttemptResult, of entry: OutboxEntry, isGivenUp: Bool) {
    var metadata: Logger.Metadata = ["reference": "\(entry.reference)", "attempt": "\(entry.attempts)"]
    switch result {
    case .delivered:
      metadata["status"] = "delivered"
      outbox.logger.info("ticket delivered", metadata: metadata)
    case .spooled:
      metadata["status"] = "spooled"
      outbox.logger.info("ticket spooled; it waits in the spool folder to be collected", metadata: metadata)
    case .deferred(let retryAt, let reason):
      metadata["status"] = "queued"
      metadata["retry_at"] = "\(UTCTime(retryAt).iso8601)"
      metadata["reason"] = "\(String(reason.prefix(Self.loggedReasonLength)))"
      outbox.logger.warning("ticket delivery failed; it will be retried", metadata: metadata)
    case .failed(let reason):
      metadata["status"] = "failed"
      metadata["reason"] = "\(String(reason.prefix(Self.loggedReasonLength)))"
      if isGivenUp {
        outbox.logger.error(
          "ticket given up after \(Self.describe(policy.lifetime)) of retries; kept for the operator",
          metadata: metadata)
      } else {
        outbox.logger.error("ticket failed permanently; kept for the operator", metadata: metadata)
      }
    }
  }

  /// A length of time in words: "5 days", "3 hours", "90 seconds".
  static func describe(_ seconds: TimeInterval) -> String {
    let units: [(TimeInterval, String)] = [(86_400, "day"), (3_600, "hour"), (60, "minute")]
    for (size, name) in units where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
      let count = Int(seconds / size)
      return "\(count) \(name)\(count == 1 ? "" : "s")"
    }
    let count = Int(seconds.rounded())
    return "\(count) second\(count == 1 ? "" : "s")"
  }
}
