import Foundation
import GRDB
import KioskCore

/// A moment as the outbox stores it: the text GRDB has always given a `Date`,
/// `2026-11-30 01:33:34.125` in UTC, so outboxes written before read the same and their
/// times still compare as text in SQL.
///
/// The outbox binds and reads its times through this rather than through GRDB's own
/// `Date` conversion, which formats with a `DateFormatter`: that starts ICU, and the
/// kiosk's first look for tickets to send would load several MiB of locale data it never
/// uses.
struct StoredDate: DatabaseValueConvertible, Equatable {
  var date: Date

  init(_ date: Date) {
    self.date = date
  }

  /// `yyyy-MM-dd HH:mm:ss.SSS`, in UTC, to the nearest millisecond as GRDB wrote it.
  var text: String {
    // From year 1 to 4000 (UTCTime's bounds).
    let time = UTCTime(date)
    return time.day.isoText + " " + time.clock + String(format: ".%03d", time.millisecond)
  }

  /// Reads the forms GRDB reads for a `Date`: `yyyy-MM-dd`, then optionally ` HH:mm`,
  /// `:ss` and a fraction (`T` may stand for the space), then `Z` or an offset from UTC
  /// (`+10:00`, `-05:30`; every time the outbox writes is in UTC, with neither); nil for
  /// anything else.
  init?(text: String) {
    let characters = Array(text.utf8)
    guard characters.count >= 10, let day = Day(iso: String(decoding: characters[0..<10], as: UTF8.self))
    else { return nil }
    var rest = characters[10...]
    var seconds = 0.0
    if !rest.isEmpty {
      guard rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "T") else { return nil }
      rest = rest.dropFirst()
      if rest.last == UInt8(ascii: "Z") {
        rest = rest.dropLast()
      } else if let offset = Self.offset(endingAt: rest) {
        rest = rest.dropLast(6)
        seconds -= offset
      }
      guard let time = Self.time(of: rest) else { return nil }
      seconds += time
    }
    self.init(day.midnight.addingTimeInterval(seconds))
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// A time's offset from UTC in its last 6 characters, `+HH:MM` or `-HH:MM`, in seconds.
  private static func offset(endingAt text: ArraySlice<UInt8>) -> Double? {
    guard text.count > 6 else { return nil }
    let field = Array(text.suffix(6))
    let numbers = field[1..<3] + field[4..<6]
    guard field[0] == UInt8(ascii: "+") || field[0] == UInt8(ascii: "-"), field[3] == UInt8(ascii: ":"),
      numbers.allSatisfy(isDigit),
      let value = Int(String(decoding: numbers, as: UTF8.self)), value / 100 < 24, value % 100 < 60
    else { return nil }
    let seconds = Double(value / 100 * 3600 + value % 100 * 60)
    return field[0] == UInt8(ascii: "+") ? seconds : -seconds
  }

  /// `HH:mm`, `HH:mm:ss` or `HH:mm:ss.fff…` as seconds into the day; digits past the
  /// milliseconds are dropped, as GRDB drops them.
  private static func time(of text: ArraySlice<UInt8>) -> Double? {
    let parts = text.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
    let fields = parts[0].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
    func number(_ field: ArraySlice<UInt8>, below limit: Int) -> Int? {
      guard field.count == 2, field.allSatisfy(isDigit),
        let value = Int(String(decoding: field, as: UTF8.self)), value < limit
      else { return nil }
      return value
    }
    guard (2...3).contains(fields.count), let hours = number(fields[0], below: 24),
      let minutes = number(fields[1], below: 60)
    else { return nil }
    var seconds = Double(hours * 3600 + minutes * 60)
    if fields.count == 3 {
      guard let whole = number(fields[2], below: 60) else { return nil }
      seconds += Double(whole)
    }
    if parts.count == 2 {
      let fraction = parts[1]
      guard fields.count == 3, !fraction.isEmpty,
        fraction.allSatisfy(isDigit),
        let milliseconds = Int(String(decoding: (fraction + [48, 48]).prefix(3), as: UTF8.self))
      else { return nil }
      seconds += Double(milliseconds) / 1000
    }
    return seconds
  }

  var databaseValue: DatabaseValue {
    text.databaseValue
  }

  /// Text as above; a number, as GRDB reads it, is seconds since 1970.
  static func fromDatabaseValue(_ value: DatabaseValue) -> StoredDate? {
    switch value.storage {
    case .string(let text): StoredDate(text: text)
    case .int64(let seconds): StoredDate(Date(timeIntervalSince1970: TimeInterval(seconds)))
    case .double(let seconds): StoredDate(Date(timeIntervalSince1970: seconds))
    case .null, .blob: nil
    }
  }
}

extension Date {
  /// The moment as the outbox binds it to SQL.
  var stored: StoredDate { StoredDate(self) }
}

extension Row {
  /// The moment in a column written as a `StoredDate`; nil when the column is NULL.
  func storedDate(_ column: String) throws -> Date? {
    try decode(StoredDate?.self, forColumn: column)?.date
  }
}
