import Foundation
import KioskCore
import KioskRender
import KioskTerminal
import Logging

/// Feeds the terminal's events through `update`, hands the effects to the effect handler,
/// keeps the timers, and draws each new state.
final class KioskLoop {
  private let terminal: any TerminalBackend
  private let handler: any EffectHandler
  private let clock: any LoopClock
  /// When each running timer is due, on the clock's monotonic instant.
  private var timers: [TimerID: ContinuousClock.Instant] = [:]
  /// Signals, sessions ended, quitting and the PIN lock.
  private let logger: Logger

  init(terminal: any TerminalBackend, effects: any EffectHandler, clock: any LoopClock, logger: Logger) {
    self.terminal = terminal
    handler = effects
    self.clock = clock
    self.logger = logger
  }

  /// Runs until an effect or a signal ends it; returns the exit status.
  func run(_ initial: AppState) -> Int32 {
    var state = update(initial, .resize(terminal.size)).0
    terminal.draw(render(state))
    let started = handler.start()
    defer { handler.stop() }
    if !started.isEmpty {
      if let status = handle(started, &state) { return status }
      terminal.draw(render(state))
    }
    while true {
      var events: [Event] = []
      switch terminal.nextInput(timeout: timeoutMilliseconds(), wake: handler.wake) {
      case .event(let event):
        events.append(event)
      case .wake:
        events += handler.finished()
      case .signal(let signal):
        // Interrupt and quit signals end only a development session.
        if (signal == SIGINT || signal == SIGQUIT) && !state.settings.isDevelopment {
          logger.debug("signal ignored in kiosk mode", metadata: ["signal": "\(Self.name(ofSignal: signal))"])
          continue
        }
        logger.notice(
          "kiosk ended by a signal", metadata: ["signal": "\(Self.name(ofSignal: signal))", "status": "\(128 + signal)"])
        return 128 + signal
      case .timeout:
        break
      }
      events += dueTimers()
      if let status = handle(events, &state) { return status }
      terminal.draw(render(state))
    }
  }

  /// Feeds events through `update`, and the events their effects produce, until none is
  /// left; returns an exit status when an effect ends the program.
  private func handle(_ events: [Event], _ state: inout AppState) -> Int32? {
    var events = events
    while !events.isEmpty {
      state.now = clock.date
      let event = events.removeFirst()
      let (next, effects) = update(state, event)
      state = next
      if event == .timer(.idleTick) && effects.contains(.wipeScreen) {
        logger.info("session ended after the idle time; what the person did is forgotten")
      }
      // Draw before slow work, so that "Saving your ticket…" shows while it is done.
      if effects.contains(where: \.isSlow) { terminal.draw(render(state)) }
      for effect in effects {
        switch effect {
        case .quit(let status):
          logger.notice(
            state.settings.isDevelopment ? "kiosk quit (development mode)" : "admin: exit kiosk",
            metadata: ["status": "\(status)"])
          return status
        case .startTimer(let id, let seconds):
          start(id, seconds: seconds)
        case .wipeScreen:
          terminal.wipe()
        default:
          events += handler.perform(effect)
        }
      }
    }
    return nil
  }

  /// `SIGTERM` for 15, and so on for the signals that end the kiosk.
  static func name(ofSignal signal: Int32) -> String {
    let names = [SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT"]
    return names[signal] ?? "signal \(signal)"
  }

  /// Starts a timer, in place of one of the same id.
  private func start(_ id: TimerID, seconds: Int) {
    if id == .pinUnlock {
      logger.warning("admin: PIN prompt locked after too many wrong PINs", metadata: ["seconds": "\(seconds)"])
    }
    timers[id] = clock.instant.advanced(by: .seconds(seconds))
  }

  /// Whole milliseconds until the next timer is due, rounded up (so that it is due when
  /// the wait ends); 0 once it is; nil when no timer runs.
  private func timeoutMilliseconds() -> Int? {
    guard let next = timers.values.min() else { return nil }
    let left = clock.instant.duration(to: next) / .milliseconds(1)
    return max(Int(left.rounded(.up)), 0)
  }

  /// The timers that are due, the earliest first; they stop running.
  private func dueTimers() -> [Event] {
    let now = clock.instant
    let due = timers.filter { $0.value <= now }.sorted { $0.value < $1.value }.map(\.key)
    due.forEach { timers[$0] = nil }
    return due.map { .timer($0) }
  }
}

extension Effect {
  /// Work that may take long enough for the screen to show it is being done first.
  fileprivate var isSlow: Bool {
    switch self {
    case .submitTicket, .checkPin, .deliverNow, .reloadContent: true
    default: false
    }
  }
}
