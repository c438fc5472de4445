import KioskCore

/// Where the run loop's effects meet the world outside `update`: the outbox and its
/// delivery, the searches, the content folder and the PIN. The loop keeps for itself only
/// what is its own (timers, wiping the screen, quitting); every other effect comes here.
protocol EffectHandler: AnyObject {
  /// Work that waits until the first frame is drawn, so that nothing slows the start;
  /// returns the events it produced.
  func start() -> [Event]
  /// Carries out one effect; returns the events that report its result, in order.
  func perform(_ effect: Effect) -> [Event]
  /// A descriptor that becomes readable when work done on another thread (a search) has
  /// finished; nil when there is none.
  var wake: Int32? { get }
  /// The events of the work finished on other threads since the last call.
  func finished() -> [Event]
  /// Ends the work on other threads, once the run loop is done.
  func stop()
}
