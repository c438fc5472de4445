import KioskCore

/// Something wrong in a content file, at a line, in words an operator can act on.
public struct ContentProblem: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file, as given to the loader (relative to the content folder).
  public var file: String
  /// The line, from 1; 0 for a file that was not read at all.
  public var line: Int
  public var message: String

  /// The message may quote the file's text; it is cleaned, so that `check` never writes
  /// an escape sequence from a file to the terminal.
  public init(file: String, line: Int, message: String) {
    self.file = TerminalText.sanitize(file)
    self.line = line
    self.message = TerminalText.sanitize(message)
  }

  /// `file:line: message`, the form compilers and editors understand; `file: message`
  /// for a problem with the file as a whole (line 0: it was not read).
  public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
