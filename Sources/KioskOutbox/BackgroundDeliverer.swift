import Foundation

/// Runs a `Deliverer` on its own thread, so that delivery never holds up the screen: once
/// at start, whenever `wake()` is called (after each submitted ticket), and every
/// `interval` seconds. Call `stop()` before the program ends.
///
/// `@unchecked Sendable` is safe because the only mutable state (`isWoken`, `isStopped`,
/// `isFinished`, `startedRounds`, `finishedRounds`, `lastReport`) is read and written only
/// while holding `condition`; everything else is an immutable `let` of a `Sendable` type.
public final class BackgroundDeliverer: @unchecked Sendable {
  private let deliverer: Deliverer
  private let interval: TimeInterval
  private let condition = NSCondition()
  /// Guarded by `condition`: a round was asked for.
  private var isWoken = true
  /// Guarded by `condition`: `stop()` was called.
  private var isStopped = false
  /// Guarded by `condition`: the thread has left its loop.
  private var isFinished = false
  /// Guarded by `condition`: rounds begun and ended so far.
  private var startedRounds = 0
  private var finishedRounds = 0
  /// Guarded by `condition`: what the last round did.
  private var lastReport: DeliveryReport?

  /// Starts the thread; its first round runs at once (tickets left from the last run).
  ///
  /// - Parameter interval: the time between rounds when nobody calls `wake()`.
  public init(deliverer: Deliverer, interval: TimeInterval = 60) {
    self.deliverer = deliverer
    self.interval = interval
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

  /// Asks for a round and waits up to `timeout` seconds for it to end.
  ///
  /// - Returns: what the round did, or nil when it did not end in time (it goes on in the
  ///   background) or the deliverer is stopped.
  public func deliverNow(waitingAtMost timeout: TimeInterval) -> DeliveryReport? {
    condition.lock()
    defer { condition.unlock() }
    guard !isStopped else { return nil }
    // A round that begins after this call, so that it sees every ticket saved before it.
    let target = startedRounds + 1
    isWoken = true
    condition.broadcast()
    let deadline = Date().addingTimeInterval(timeout)
    while finishedRounds < target && !isStopped {
      if !condition.wait(until: deadline) { break }
    }
    return finishedRounds >= target ? lastReport : nil
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
      let report = deliverer.deliverPending()
      condition.lock()
      finishedRounds += 1
      lastReport = report
      condition.broadcast()
      condition.unlock()
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
    if !isStopped { startedRounds += 1 }
    return !isStopped
  }
}
