import Foundation

/// When a ticket that failed temporarily is tried again, and when the outbox gives up on
/// it: the schedule of a trusted MTA (Postfix's defaults).
///
/// After the n-th failed attempt of a round the next one waits `firstDelay × 2ⁿ⁻¹`, at most
/// `maximumDelay`: 5, 10, 20, 40 minutes, then every 66⅔ minutes. A round starts when the
/// ticket is submitted, or when the operator re-queues it; once `lifetime` has passed
/// since then, the next temporary failure marks the ticket failed for the operator. The
/// last retry is moved forward to the end of the lifetime, so that the ticket gets its
/// chance at that moment rather than being given up before its time.
public struct RetryPolicy: Hashable, Sendable {
  /// The wait after the first failed attempt.
  public var firstDelay: TimeInterval
  /// The longest wait between two attempts.
  public var maximumDelay: TimeInterval
  /// How long after the start of a round the outbox keeps trying.
  public var lifetime: TimeInterval

  /// 5 minutes doubling to 4,000 seconds (about 67 minutes), for 5 days: Postfix's
  /// `minimal_backoff_time`, `maximal_backoff_time` and `maximal_queue_lifetime`.
  public static let standard = RetryPolicy(
    firstDelay: 5 * 60, maximumDelay: 4_000, lifetime: 5 * 86_400)

  public init(firstDelay: TimeInterval, maximumDelay: TimeInterval, lifetime: TimeInterval) {
    self.firstDelay = firstDelay
    self.maximumDelay = maximumDelay
    self.lifetime = lifetime
  }

  /// The wait after the `attempt`-th failed attempt of a round (1, 2, 3…).
  public func delay(afterAttempt attempt: Int) -> TimeInterval {
    // 2⁴⁰ times any sensible first delay is past any sensible maximum: no overflow.
    let doublings = min(max(attempt, 1) - 1, 40)
    return min(firstDelay * pow(2, Double(doublings)), maximumDelay)
  }

  /// When to try again after a temporary failure at `now`, the `attempt`-th of a round
  /// that started at `roundStart`; nil when the lifetime is over and the ticket fails.
  public func nextAttempt(after now: Date, attempt: Int, roundStart: Date) -> Date? {
    let end = roundStart.addingTimeInterval(lifetime)
    guard now < end else { return nil }
    return min(now.addingTimeInterval(delay(afterAttempt: attempt)), end)
  }
}
