import Foundation

@testable import helpdesk_kiosk

/// A clock that moves only when told: the loop's timers run out without a test sleeping.
final class TestClock: LoopClock {
  private(set) var instant = ContinuousClock.now
  private(set) var date: Date

  init(date: Date) {
    self.date = date
  }

  func advance(by duration: Duration) {
    instant = instant.advanced(by: duration)
    let (seconds, attoseconds) = duration.components
    date = date.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
  }
}
