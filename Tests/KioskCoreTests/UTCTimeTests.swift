import Foundation
import KioskCore
import Testing

/// UTCTime's calendar and texts, against Foundation's own formatting of the same moments.
@Suite("UTC time")
struct UTCTimeTests {
  /// Before 1970, a leap day, the turn of a century and of a millennium, the outbox's far
  /// retry, a fraction just short of the next second, and the first day of the Gregorian
  /// calendar (Foundation's calendar is Julian before it; UTCTime's stays Gregorian).
  static let moments: [TimeInterval] = [
    0, -1, -86_400, -2_208_988_800.5, 951_782_399, 951_782_400, 951_868_799.999, 978_307_200,
    1_735_723_800, 1_796_047_380.25, 4_070_908_800, -12_219_292_800, 64_060_588_799,
  ]

  @Test("The day, clock and weekday agree with Foundation's Gregorian calendar in UTC", arguments: moments)
  func agreesWithFoundation(seconds: TimeInterval) throws {
    let date = Date(timeIntervalSince1970: seconds)
    let time = UTCTime(date)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    let parts = calendar.dateComponents([.era, .year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    #expect(parts.era == 1)
    #expect(time.day == Day(year: try #require(parts.year), month: try #require(parts.month), day: try #require(parts.day)))
    let clock: [Int?] = [time.hour, time.minute, time.second]
    #expect(clock == [parts.hour, parts.minute, parts.second])
    #expect(time.weekday + 1 == parts.weekday)
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = calendar.timeZone
    #expect(time.iso8601 == formatter.string(from: date))
  }

  @Test("The texts: extended and basic ISO 8601, milliseconds rounded to the nearest")
  func texts() {
    let time = UTCTime(Date(timeIntervalSince1970: 1_796_047_380.2506))
    #expect(time.iso8601 == "2026-11-30T14:03:00Z")
    #expect(time.iso8601Basic == "20261130T140300Z")
    #expect(UTCTime(Date(timeIntervalSince1970: 59.9996)).iso8601 == "1970-01-01T00:01:00Z")
    #expect(time.clock == "14:03:00")
    #expect(time.hourAndMinute == "14:03")
    #expect(time.millisecond == 251)
    #expect(UTCTime(Date(timeIntervalSince1970: -0.0004)).iso8601 == "1970-01-01T00:00:00Z")
    #expect(UTCTime(Date(timeIntervalSince1970: -0.5)).iso8601 == "1969-12-31T23:59:59Z")
  }

  @Test("A time past the years 1 to 4000 stands as the nearest of them")
  func bounds() {
    #expect(UTCTime(.distantFuture.addingTimeInterval(1e12)).iso8601 == "4000-01-01T00:00:00Z")
    #expect(UTCTime(Date(timeIntervalSince1970: -.infinity)).iso8601 == "0001-01-01T00:00:00Z")
    #expect(UTCTime(Date(timeIntervalSince1970: .infinity)).day == Day(year: 4000, month: 1, day: 1))
    #expect(UTCTime(Date(timeIntervalSince1970: .nan)).iso8601 == "1970-01-01T00:00:00Z")
    #expect(UTCTime(Date(timeIntervalSince1970: -62_135_596_800)).iso8601Basic == "00010101T000000Z")
  }
}
