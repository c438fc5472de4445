import Foundation
import Logging

/// One event, ready to write: every text in it is already free of control characters.
public struct LogRecord: Hashable, Sendable {
  public var date: Date
  public var level: Logger.Level
  /// The logger's label, e.g. `helpdesk-kiosk`.
  public var label: String
  /// The message, then the metadata as `key=value` pairs sorted by key.
  public var text: String

  public init(date: Date, level: Logger.Level, label: String, text: String) {
    self.date = date
    self.level = level
    self.label = label
    self.text = text
  }

  /// The line for a log file: `2026-05-01T09:12:03.412Z info helpdesk-kiosk: ticket queued reference=NLM-B5VP-93`.
  public var fileLine: String {
    "\(LogText.timestamp(date)) \(level.rawValue) \(label): \(text)\n"
  }

  /// The line for the journal: the syslog priority in angle brackets (which the journal
  /// turns into the entry's priority and removes), then the level, label and text. The
  /// journal stamps each entry with its own time.
  public var journalLine: String {
    "<\(LogText.syslogPriority(level))>\(level.rawValue) \(label): \(text)\n"
  }
}

/// Turns messages and metadata into one safe line of text.
public enum LogText {
  /// The syslog priority of a level (sd-daemon(3)): 7 debug, 6 info, 5 notice, 4 warning,
  /// 3 error, 2 critical.
  public static func syslogPriority(_ level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }

  /// RFC 3339 time in UTC with milliseconds: `2026-05-01T09:12:03.412Z`.
  public static func timestamp(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
    var seconds = time_t(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient)
    var fraction = milliseconds.quotientAndRemainder(dividingBy: 1000).remainder
    if fraction < 0 {
      seconds -= 1
      fraction += 1000
    }
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad<Number: BinaryInteger>(_ value: Number, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
    return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
      + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
      + ".\(pad(fraction, 3))Z"
  }

  /// The message and then the metadata, sorted by key: `ticket queued reference=NLM-B5VP-93 status=queued`.
  public static func line(message: String, metadata: Logger.Metadata) -> String {
    var text = clean(message)
    for key in metadata.keys.sorted() {
      guard let value = metadata[key] else { continue }
      text += " \(self.key(key))=\(self.value(value))"
    }
    return text
  }

  /// `text` with every control character written as an escape (`\n`, `\t`, `\u{1B}`), so
  /// that nothing in it can end the line, move a terminal's cursor or reorder what a
  /// reader sees. C0 and C1 controls, DEL, the Unicode line and paragraph separators and
  /// the bidirectional formatting characters are escaped; a backslash stays as it is.
  public static func clean(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if let escape = escape(scalar) {
        result += escape
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// A metadata key: clean, and with spaces and `=` made `_`, so that the pairs split again.
  static func key(_ key: String) -> String {
    let safe = clean(key).map { $0 == " " || $0 == "=" || $0 == "\"" ? "_" : String($0) }.joined()
    return safe.isEmpty ? "_" : safe
  }

  /// A metadata value: clean, and in double quotes (with `\"` and `\\` inside) when it is
  /// empty or holds a space, `=`, a quote, a backslash or an escaped character.
  static func value(_ value: Logger.Metadata.Value) -> String {
    let text: String
    switch value {
    case .string(let string): text = string
    case .stringConvertible(let convertible): text = convertible.description
    case .array(let values): text = "[" + values.map { self.value($0) }.joined(separator: ",") + "]"
    case .dictionary(let pairs):
      text = "{" + pairs.keys.sorted().map { "\(key($0))=\(self.value(pairs[$0] ?? ""))" }.joined(separator: ",") + "}"
    }
    var needsQuotes = text.isEmpty
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar == "\"" || scalar == "\\" {
        result += "\\\(scalar)"
        needsQuotes = true
      } else if let escape = escape(scalar) {
        result += escape
        needsQuotes = true
      } else {
        if scalar == " " || scalar == "=" { needsQuotes = true }
        result.unicodeScalars.append(scalar)
      }
    }
    return needsQuotes ? "\"\(result)\"" : result
  }

  private static func escape(_ scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0x0A: return "\\n"
    case 0x0D: return "\\r"
    case 0x09: return "\\t"
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
      return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
    default: return nil
    }
  }
}
