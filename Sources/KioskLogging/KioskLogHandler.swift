import Foundation
import Logging

/// Where log lines go.
public protocol LogOutput: Sendable {
  func write(_ record: LogRecord)
}

/// A swift-log handler that makes each event one `LogRecord` for its `output`: the
/// message, the logger's and the event's metadata as `key=value`, and the error if any.
public struct KioskLogHandler: LogHandler {
  public let label: String
  public let output: any LogOutput
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  /// The time of each event.
  let clock: @Sendable () -> Date

  public init(
    label: String, output: any LogOutput, level: Logger.Level = .info,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.label = LogText.clean(label)
    self.output = output
    self.logLevel = level
    self.clock = clock
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var pairs = metadata
    if let extra = event.metadata { pairs.merge(extra) { _, new in new } }
    if let error = event.error { pairs["error"] = .string(String(describing: error)) }
    output.write(
      LogRecord(
        date: clock(), level: event.level, label: label,
        text: LogText.line(message: event.message.description, metadata: pairs)))
  }
}

extension Logger {
  /// A logger with the kiosk's handler writing to `output`, at `level` and above.
  public static func kiosk(label: String, level: Logger.Level = .info, output: any LogOutput) -> Logger {
    Logger(label: label) { KioskLogHandler(label: $0, output: output, level: level) }
  }

  /// A logger that writes nothing.
  public static func disabled(label: String) -> Logger {
    Logger(label: label) { _ in SwiftLogNoOpLogHandler() }
  }
}

/// Keeps the records in memory: for tests, and to look at what a piece of code logged.
public final class RecordedLog: LogOutput, @unchecked Sendable {
  // `stored` is read and written only while holding `lock`.
  private let lock = NSLock()
  private var stored: [LogRecord] = []

  public init() {}

  public func write(_ record: LogRecord) {
    lock.withLock { stored.append(record) }
  }

  /// The records so far, oldest first.
  public var records: [LogRecord] { lock.withLock { stored } }

  /// The records as a log file would hold them, without the line ends.
  public var lines: [String] { records.map { String($0.fileLine.dropLast()) } }

  /// Every record's text (message and metadata), without time, level and label.
  public var texts: [String] { records.map(\.text) }
}

/// Writes nothing: the log when its file could not be opened.
public struct DiscardedLog: LogOutput {
  public init() {}
  public func write(_ record: LogRecord) {}
}
