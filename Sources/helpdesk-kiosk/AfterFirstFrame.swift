import KioskCore

/// An effect handler with more work for its `start`: work of the kiosk's start-up that
/// the first frame does not need, done once that frame is drawn. Everything else goes
/// to the handler it wraps.
final class AfterFirstFrame: EffectHandler {
  private let effects: any EffectHandler
  private let work: () -> Void

  /// - Parameters:
  ///   - effects: the handler that does everything else.
  ///   - work: done once, after `effects`' own `start`.
  init(_ effects: any EffectHandler, then work: @escaping () -> Void) {
    self.effects = effects
    self.work = work
  }

  func start() -> [Event] {
    let events = effects.start()
    work()
    return events
  }

  func perform(_ effect: Effect) -> [Event] { effects.perform(effect) }

  var wake: Int32? { effects.wake }

  func finished() -> [Event] { effects.finished() }

  func stop() { effects.stop() }
}
