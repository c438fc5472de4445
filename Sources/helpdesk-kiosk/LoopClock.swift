import Foundation

/// The run loop's two readings of time: a monotonic instant that its timers count on
/// (setting the system's date never makes one fire early or late), and the wall-clock
/// date that the screens show and tickets carry.
protocol LoopClock: AnyObject {
  /// Now, on a clock that never goes back.
  var instant: ContinuousClock.Instant { get }
  /// Now, as a date to show or store.
  var date: Date { get }
}

/// The machine's clocks.
final class SystemClock: LoopClock {
  var instant: ContinuousClock.Instant { .now }
  var date: Date { Date() }
}
