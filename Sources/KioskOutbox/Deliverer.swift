import Foundation

/// Hands the outbox's due tickets to a transport and records what happened.
public struct Deliverer: Sendable {
  /// How long after a temporary failure a ticket is tried again.
  public static let retryDelay: TimeInterval = 5 * 60

  let outbox: Outbox
  let transport: any TicketTransport

  public init(outbox: Outbox, transport: any TicketTransport) {
    self.outbox = outbox
    self.transport = transport
  }

  /// Tries every ticket that is due at `now` once: a delivered ticket is marked delivered,
  /// a failed one stays queued for another try `retryDelay` later. Nothing is lost either
  /// way; the stored message is delivered as it is.
  ///
  /// - Returns: how many tickets were delivered and how many failed. Nothing is counted
  ///   when the outbox cannot be read.
  @discardableResult
  public func deliverPending(now: Date) -> (delivered: Int, failed: Int) {
    guard let entries = try? outbox.pending(now: now) else { return (0, 0) }
    var delivered = 0
    var failed = 0
    for entry in entries {
      do {
        try transport.deliver(reference: entry.reference, message: entry.message)
        // If this write fails the ticket stays queued and is delivered again, harmlessly.
        try outbox.markDelivered(reference: entry.reference, at: now)
        delivered += 1
      } catch {
        try? outbox.markFailed(
          reference: entry.reference, error: String(describing: error),
          retryAt: now.addingTimeInterval(Self.retryDelay))
        failed += 1
      }
    }
    return (delivered, failed)
  }
}

/// Runs a `Deliverer` on its own thread, so that delivery never holds up the screen: once
/// at start, whenever `wake()` is called (after each submitted ticket), and every
/// `interval` seconds. Call `stop()` before the program ends.
///
/// `@unchecked Sendable` is safe because the only mutable state, `isWoken`, `isStopped` and
/// `isFinished`, is read and written only while holding `condition`; everything else is
/// an immutable `let` of a `Sendable` type.
public final class BackgroundDeliverer: @unchecked Sendable {
  private let deliverer: Deliverer
  private let interval: TimeInterval
  private let clock: @Sendable () -> Date
  private let condition = NSCondition()
  /// Guarded by `condition`: a round was asked for.
  private var isWoken = true
  /// Guarded by `condition`: `stop()` was called.
  private var isStopped = false
  /// Guarded by `condition`: the thread has left its loop.
  private var isFinished = false

  /// Starts the thread; its first round runs at once (tickets left from the last run).
  ///
  /// - Parameters:
  ///   - interval: the time between rounds when nobody calls `wake()`.
  ///   - clock: the time passed to each round.
  public init(
    deliverer: Deliverer, interval: TimeInterval = 60,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.deliverer = deliverer
    self.interval = interval
    self.clock = clock
    let thread = Thread { [self] in run() }
    thread.name = "KioskOutbox.BackgroundDeliverer"
    thread.start()
  }

  /// Asks for a round soon; returns at once. Calls while a round runs lead to one more.
  public func wake() {
    condition.lock()
    isWoken = true
    condition.signal()
    condition.unlock()
  }

  /// Stops the thread, waiting for a round in progress to end. Later `wake()` calls do
  /// nothing.
  public func stop() {
    condition.lock()
    isStopped = true
    condition.broadcast()
    while !isFinished { condition.wait() }
    condition.unlock()
  }

  private func run() {
    while waitForRound() {
      deliverer.deliverPending(now: clock())
    }
    condition.lock()
    isFinished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Waits until a round is asked for or the interval has passed; false when stopped.
  private func waitForRound() -> Bool {
    condition.lock()
    defer { condition.unlock() }
    let deadline = Date().addingTimeInterval(interval)
    while !isWoken && !isStopped {
      if !condition.wait(until: deadline) { break }
    }
    isWoken = false
    return !isStopped
  }
}
