import Foundation
import KioskLogging
import Logging

/// The program's log: the journal when systemd connected standard error to it, else
/// `<state-dir>/kiosk.log`. Never the terminal: a standard error that is a terminal is
/// not the journal, so the kiosk's screen never gets a log line.
struct ProgramLog {
  static let label = "helpdesk-kiosk"
  static let fileName = "kiosk.log"

  let logger: Logger
  /// The file, when the log is not the journal.
  let file: LogFile?

  /// The log for this state folder; the file is opened at its first line or by `open()`.
  init(
    stateDirectory: URL, level: Logger.Level,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    let output: any LogOutput
    if isatty(STDERR_FILENO) == 0 && Journal.isConnected(STDERR_FILENO, environment: environment) {
      file = nil
      output = JournalOutput(descriptor: STDERR_FILENO)
    } else {
      let file = LogFile(url: stateDirectory.appendingPathComponent(Self.fileName))
      self.file = file
      output = file
    }
    logger = .kiosk(label: Self.label, level: level, output: output)
  }

  /// Whether the log is the journal, through standard error.
  var isJournal: Bool { file == nil }

  /// Opens the file now, so that a problem is known before the terminal is taken.
  ///
  /// - Returns: why the file cannot be written (its lines are then dropped), or nil.
  func open() -> String? {
    do {
      try file?.open()
      return nil
    } catch {
      return "cannot write the log: \(error.description)"
    }
  }

  /// An error that stops the program: on standard error for whoever started it, and in the
  /// log. Under systemd, standard error is the journal, so it is written there once, with
  /// its priority.
  func fail(_ message: String) {
    if !isJournal { complain(message) }
    logger.error("\(message)")
  }
}
