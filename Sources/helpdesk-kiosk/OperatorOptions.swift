import ArgumentParser
import Foundation
import KioskConfiguration
import KioskCore
import KioskOutbox
import Logging

/// `--config` and `--state-dir`, shared by the operator's commands (`outbox …`, `stats`).
struct OperatorOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The configuration file (default: \(ConfigurationOptions.defaultPath) when it exists).",
      valueName: "file"))
  var config: String?

  @OptionGroup var state: StateOptions

  /// The configuration, or exit 78 with the file's problem on stderr and in the log.
  func settings() throws -> Configuration {
    do {
      return try ConfigurationOptions.load(config)
    } catch let error as ConfigurationError {
      ProgramLog(stateDirectory: state.directory(), level: .info).fail(error.description)
      throw ExitCode(ExitStatus.configuration)
    }
  }

  /// The log of a command that changes the outbox (the kiosk's log: the journal under
  /// systemd, else `<state-dir>/kiosk.log`). A file that cannot be written is said on
  /// stderr, and the command goes on.
  func log(_ settings: Configuration) -> ProgramLog {
    let log = ProgramLog(stateDirectory: stateDirectory(settings), level: settings.logLevel)
    if let problem = log.open() { complain("\(problem); going on without a log") }
    return log
  }

  /// The state folder: `--state-dir`, else the configuration's `state_dir`, else the default.
  func stateDirectory(_ settings: Configuration) -> URL {
    state.directory(configured: settings.stateDirectory)
  }

  /// The outbox in the state folder, or nil when there is none yet (nothing is created
  /// just to be read). Exits 74 when it is there but cannot be opened.
  func existingOutbox(_ settings: Configuration, logger: Logger? = nil) throws -> Outbox? {
    guard hasOutbox(settings) else { return nil }
    return try openOutbox(stateDirectory(settings), logger: logger)
  }

  /// Whether the state folder holds an outbox database.
  func hasOutbox(_ settings: Configuration) -> Bool {
    FileManager.default.fileExists(atPath: stateDirectory(settings).appendingPathComponent("outbox.sqlite").path)
  }

  /// The outbox in `folder`, created if missing; exits 74 when it cannot be opened.
  ///
  /// - Parameter logger: where the outbox logs what happens to tickets; nil: nowhere.
  func openOutbox(_ folder: URL, logger: Logger? = nil) throws -> Outbox {
    do {
      let outbox = try logger.map { try Outbox(stateDirectory: folder, logger: $0) } ?? Outbox(stateDirectory: folder)
      // A damaged outbox set aside keeps whatever it held: say where, every time.
      for file in Outbox.setAsideFiles(in: folder) {
        complain(
          "\(file.lastPathComponent) is a damaged outbox set aside; its tickets may still be in it: "
            + "look with sqlite3 \(file.path) '.recover'")
      }
      return outbox
    } catch {
      complain("cannot open the outbox in \(folder.path): \(TerminalText.sanitize(String(describing: error)))")
      throw ExitCode(OperatorExit.ioError)
    }
  }
}

/// Exit statuses of the operator's commands, beyond `ExitStatus` (sysexits.h).
enum OperatorExit {
  /// A ticket failed permanently in this delivery pass.
  static let ticketFailed: Int32 = 1
  static let ioError: Int32 = 74
  static let temporaryFailure: Int32 = 75
}

/// Text for the operator's terminal: every string from the database or a mail server
/// passes `TerminalText.sanitize` on its way out.
enum OperatorText {
  /// Local time to the minute, as the table shows it: `2026-11-29 14:03`.
  static func minute(_ date: Date) -> String {
    let time = LocalTime(date)
    return time.day.isoText + " " + UTCTime.twoDigits(time.hour) + ":" + UTCTime.twoDigits(time.minute)
  }

  /// Local time to the second, with its offset: `2026-11-29 14:03:05 +0000`.
  static func second(_ date: Date) -> String {
    let time = LocalTime(date)
    let clock = [time.hour, time.minute, time.second].map(UTCTime.twoDigits).joined(separator: ":")
    let offset = abs(time.offsetMinutes)
    let zone = (time.offsetMinutes < 0 ? "-" : "+") + UTCTime.twoDigits(offset / 60) + UTCTime.twoDigits(offset % 60)
    return time.day.isoText + " " + clock + " " + zone
  }

  /// A moment in the local time zone (`TZ`, else /etc/localtime), from the C library, which
  /// reads the system's time zone files: Foundation's formatters would load ICU and its data
  /// for the same text. Within UTCTime's years (a time past them stands as the nearest);
  /// in UTC if the C library cannot give the local time.
  private struct LocalTime {
    let day: Day
    let hour: Int
    let minute: Int
    let second: Int
    /// The zone's offset from UTC at that moment.
    let offsetMinutes: Int

    init(_ date: Date) {
      var seconds = time_t(UTCTime.secondsSince1970(date).rounded(.down))
      var parts = tm()
      if localtime_r(&seconds, &parts) == nil { gmtime_r(&seconds, &parts) }
      day = Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
      (hour, minute, second) = (Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
      offsetMinutes = parts.tm_gmtoff / 60
    }
  }

  /// One line of untrusted text, safe to print, cut to `limit` characters with "…".
  static func clean(_ text: String, limit: Int = .max) -> String {
    let safe = TerminalText.sanitize(text)
    return safe.count <= limit ? safe : String(safe.prefix(max(limit - 1, 0))) + "…"
  }

  /// Rows as a table: columns padded to their widest cell, two spaces apart; columns in
  /// `rightAligned` are aligned right (numbers). The last column is not padded.
  static func table(_ headers: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let all = [headers] + rows
    let widths = headers.indices.map { column in
      all.map { DisplayWidth.of($0[column]) }.max() ?? 0
    }
    return all.map { row in
      row.indices.map { column in
        let cell = row[column]
        let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
        if rightAligned.contains(column) { return padding + cell }
        return column == row.count - 1 ? cell : cell + padding
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  /// `value` as pretty JSON with sorted keys and ISO 8601 dates.
  static func json<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(UTCTime(date).iso8601)
    }
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
