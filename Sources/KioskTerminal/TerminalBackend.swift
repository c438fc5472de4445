import KioskCore
import KioskRender

/// What the run loop needs of a terminal: its size, the next thing it delivers, and a
/// place to draw. `Terminal` is the real one (ncurses); a test gives a scripted one.
public protocol TerminalBackend: AnyObject {
  /// The window's size now.
  var size: Size { get }
  /// Waits for the next key, paste, mouse report, resize or ending signal.
  /// - Parameters:
  ///   - timeout: milliseconds to wait; nil waits for ever.
  ///   - wake: a descriptor that another thread makes readable when its work is done.
  func nextInput(timeout: Int?, wake: Int32?) -> TerminalInput
  /// Draws a frame.
  func draw(_ grid: CellGrid)
  /// Clears the whole terminal, its scrollback too: nothing of a finished session stays.
  func wipe()
}

extension Terminal: TerminalBackend {}
