import Glibc
import KioskCore
import KioskRender
import KioskTerminal

/// A terminal for tests, as ratatui's TestBackend: it delivers a script of keys, pastes,
/// resizes, signals and waits, keeps what the loop draws, and counts draws and wipes.
///
/// A wait moves the test clock on instead of sleeping: when the loop's timeout ends first,
/// the clock stops there and the loop hears `.timeout`, as from a real terminal. When the
/// script is over the terminal reports SIGHUP, as the real one does when its input ends.
final class TestBackend: TerminalBackend {
  /// One thing the terminal delivers, or time passing with nothing delivered.
  enum Input {
    case event(Event)
    case signal(Int32)
    case wait(Duration)

    static func key(_ key: Key) -> Input { .event(.key(key)) }
    static func resize(columns: Int, rows: Int) -> Input { .event(.resize(Size(columns: columns, rows: rows))) }
  }

  private(set) var size: Size
  private let clock: TestClock
  private var script: [Input]
  /// The last frame drawn.
  private(set) var grid: CellGrid?
  /// Every frame drawn, as text.
  private(set) var frames: [String] = []
  /// The screen each time the loop asked for input: what a person saw before each key.
  private(set) var screens: [String] = []
  private(set) var wipes = 0

  init(size: Size = Size(columns: 80, rows: 24), clock: TestClock, script: [Input]) {
    self.size = size
    self.clock = clock
    self.script = script
  }

  /// The last frame's text, one line per row without trailing spaces.
  var text: String { grid?.text ?? "" }
  var draws: Int { frames.count }
  /// What the loop has not read of the script.
  var unread: Int { script.count }

  func nextInput(timeout: Int?, wake: Int32?) -> TerminalInput {
    screens.append(text)
    var left = timeout.map { Duration.milliseconds($0) }
    while let next = script.first {
      switch next {
      case .event(let event):
        script.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return .event(event)
      case .signal(let signal):
        script.removeFirst()
        return .signal(signal)
      case .wait(let duration):
        if let timeout = left, timeout <= duration {
          clock.advance(by: timeout)
          if timeout == duration { script.removeFirst() } else { script[0] = .wait(duration - timeout) }
          return .timeout
        }
        clock.advance(by: duration)
        script.removeFirst()
        left = left.map { $0 - duration }
      }
    }
    return .signal(SIGHUP)
  }

  func draw(_ grid: CellGrid) {
    self.grid = grid
    frames.append(grid.text)
  }

  func wipe() {
    wipes += 1
  }
}
