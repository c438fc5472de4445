import Foundation

/// A moment in UTC, to the nearest millisecond, in the civil calendar: the times tickets,
/// the outbox and the operator's JSON write. It is worked out here, not by Foundation's
/// ISO 8601 or date formatting, which load ICU and its time-zone data for the same text.
///
/// The texts to the second show the second of that millisecond: a moment within half a
/// millisecond of the next second shows the next (Foundation's showed the one before).
public struct UTCTime: Hashable, Sendable {
  /// The day, in the proleptic Gregorian calendar.
  public let day: Day
  /// Days from 1970-01-01 to `day` (negative before it).
  public let daysSince1970: Int
  /// Milliseconds since the day's midnight, 0 to 86,399,999.
  public let millisecondOfDay: Int

  /// The earliest and latest moments kept: 0001-01-01 and 4000-01-01, midnight. A time
  /// past them (a window of absurd days, say) stands as the nearest of them, not trapped
  /// on; a time that is no number (NaN) stands as 1970-01-01.
  public static let bounds: ClosedRange<TimeInterval> = -62_135_596_800...64_060_588_800

  /// A moment's seconds since 1970, within `bounds` (0 for NaN).
  public static func secondsSince1970(_ date: Date) -> TimeInterval {
    let given = date.timeIntervalSince1970.isNaN ? 0 : date.timeIntervalSince1970
    return min(max(given, bounds.lowerBound), bounds.upperBound)
  }

  /// The moment's whole second, its fraction dropped: as a ticket's times show it.
  public init(wholeSecondOf date: Date) {
    self.init(Date(timeIntervalSince1970: Self.secondsSince1970(date).rounded(.down)))
  }

  public init(_ date: Date) {
    let seconds = Self.secondsSince1970(date)
    let milliseconds = Int((seconds * 1000).rounded())
    let dayLength = 86_400_000
    millisecondOfDay = (milliseconds % dayLength + dayLength) % dayLength
    daysSince1970 = (milliseconds - millisecondOfDay) / dayLength
    day = Day(year: 1970, month: 1, day: 1).adding(days: daysSince1970)
  }

  public var hour: Int { millisecondOfDay / 3_600_000 }
  public var minute: Int { millisecondOfDay / 60_000 % 60 }
  public var second: Int { millisecondOfDay / 1000 % 60 }
  public var millisecond: Int { millisecondOfDay % 1000 }

  /// 0 for Sunday to 6 for Saturday.
  public var weekday: Int { ((daysSince1970 + 4) % 7 + 7) % 7 }

  /// `14:03`.
  public var hourAndMinute: String { Self.twoDigits(hour) + ":" + Self.twoDigits(minute) }

  /// `14:03:05`.
  public var clock: String { hourAndMinute + ":" + Self.twoDigits(second) }

  /// ISO 8601 to the second: `2026-11-30T14:03:05Z`.
  public var iso8601: String { day.isoText + "T" + clock + "Z" }

  /// ISO 8601's basic form, for file names: `20261130T140305Z`.
  public var iso8601Basic: String {
    String(format: "%04d%02d%02dT%02d%02d%02dZ", day.year, day.month, day.day, hour, minute, second)
  }

  /// Two digits, or more for a larger number.
  public static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
