import KioskCore

@testable import helpdesk_kiosk

/// Effects for tests: each one is recorded, and answered with the events a test sets
/// (`answer`), else with nothing.
final class RecordingEffects: EffectHandler {
  /// The events `start` gives, as the real handler's changed content folder.
  var started: [Event] = []
  /// The answer to an effect; nil answers nothing.
  var answer: (Effect) -> [Event]? = { _ in nil }
  private(set) var performed: [Effect] = []
  private(set) var isStarted = false
  private(set) var isStopped = false

  func start() -> [Event] {
    isStarted = true
    return started
  }

  func perform(_ effect: Effect) -> [Event] {
    performed.append(effect)
    return answer(effect) ?? []
  }

  var wake: Int32? { nil }

  func finished() -> [Event] { [] }

  func stop() {
    isStopped = true
  }
}
