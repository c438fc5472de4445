import Foundation
import GRDB
import Testing

@testable import KioskOutbox

@Suite("Times as the outbox stores them")
struct StoredDateTests {
  /// Moments around the edges: before 1970, a leap day, the end of a day, fractions of a
  /// millisecond, and the earliest time the statistics ask for.
  static let moments: [Date] = [
    Date(timeIntervalSince1970: 0),
    Date(timeIntervalSince1970: 1_767_225_600),  // 2026-01-01
    Date(timeIntervalSince1970: 1_767_225_600.0004),
    Date(timeIntervalSince1970: 1_767_225_599.9996),
    Date(timeIntervalSince1970: 1_709_164_799.125),  // 2024-02-28 23:59:59.125
    Date(timeIntervalSince1970: 1_709_164_800.5),  // 2024-02-29
    Date(timeIntervalSince1970: -1.25),
    Date(timeIntervalSince1970: -86_400 * 365.25 * 40),
    Date(timeIntervalSince1970: 4_102_444_800),  // 2100-01-01
    Date(timeIntervalSince1970: 1_796_000_000.987654),
  ]

  @Test("A time is written as the text GRDB wrote, so outboxes written before compare the same")
  func writesWhatGRDBWrote() throws {
    for moment in Self.moments {
      #expect(StoredDate(moment).databaseValue == moment.databaseValue, "\(moment.timeIntervalSince1970)")
    }
    #expect(StoredDate(Date(timeIntervalSince1970: 1_709_164_799.125)).text == "2024-02-28 23:59:59.125")
    #expect(StoredDate(Date(timeIntervalSince1970: -1.25)).text == "1969-12-31 23:59:58.750")
    #expect(StoredDate(.distantPast).text < StoredDate(Date(timeIntervalSince1970: -86_400 * 365.25 * 60)).text)
    // Times past the years 1 to 4000 are written as the nearest of them, not trapped on.
    #expect(StoredDate(Date(timeIntervalSince1970: -1e18)).text == "0001-01-01 00:00:00.000")
    #expect(StoredDate(Date(timeIntervalSince1970: 1e18)).text == "4000-01-01 00:00:00.000")
  }

  @Test("A time GRDB wrote reads back as GRDB read it")
  func readsWhatGRDBWrote() throws {
    for moment in Self.moments {
      let stored = moment.databaseValue
      let read = try #require(StoredDate.fromDatabaseValue(stored))
      #expect(read.date == Date.fromDatabaseValue(stored), "\(moment.timeIntervalSince1970)")
    }
    for text in [
      "2026-11-30", "2026-11-30 01:33", "2026-11-30T01:33:34", "2026-11-30 01:33:34.5",
      "2026-11-30 01:33:34.123456", "2026-11-30T01:33:34.123Z", "2026-11-30 11:33:34+10:00",
      "2026-11-30T01:33:34.5-05:30",
    ] {
      let read = try #require(StoredDate.fromDatabaseValue(text.databaseValue), "\(text)")
      let grdb = try #require(Date.fromDatabaseValue(text.databaseValue))
      #expect(abs(read.date.timeIntervalSince(grdb)) < 0.000_001, "\(text)")
    }
    #expect(StoredDate.fromDatabaseValue(1_767_225_600.databaseValue)?.date == Date(timeIntervalSince1970: 1_767_225_600))
    #expect(StoredDate.fromDatabaseValue(1.5.databaseValue)?.date == Date(timeIntervalSince1970: 1.5))
  }

  @Test("Text that is not a time is refused, not read as some other time")
  func refusesOtherText() {
    for text in [
      "", "yesterday", "2026-13-01", "2026-02-30", "2026-11-30 25:00", "2026-11-30 01:60",
      "2026-11-30 01:33:61", "2026-11-30 1:33", "2026-11-30x01:33", "2026-11-30 01:33.5",
      "2026-11-30 01:33:34.", "2026-11-30 01:33:34.5x", "2026-11-30 01:33:34+25:00", "2026-11-30 01:33:34+1:00",
      "2026-11-30+10:00", "2026-11-30 01:33:34-0130",
    ] {
      #expect(StoredDate.fromDatabaseValue(text.databaseValue) == nil, "\(text)")
    }
    #expect(StoredDate.fromDatabaseValue(.null) == nil)
  }

  @Test("An outbox written with GRDB's own times is read, counted and claimed the same")
  func readsAnOlderOutbox() throws {
    let folder = try Samples.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outbox = try Outbox(stateDirectory: folder)
    let entry = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let due = Samples.date.addingTimeInterval(30.25)
    // The columns as an older kiosk wrote them, through GRDB's `Date`.
    let pool = try DatabasePool(path: folder.appendingPathComponent(Outbox.fileName).path)
    try pool.write { db in
      try db.execute(
        sql: "UPDATE tickets SET created_at = ?, round_started_at = ?, next_attempt_at = ? WHERE reference = ?",
        arguments: [Samples.date, Samples.date, due, entry.reference])
      try db.execute(
        sql: "INSERT INTO views (article_id, created_at) VALUES (?, ?)",
        arguments: ["locked", Samples.date])
    }
    let read = try #require(try outbox.entry(reference: entry.reference))
    #expect(read.createdAt == Samples.date)
    #expect(read.nextAttemptAt == due)
    #expect(try outbox.claimNext(now: due.addingTimeInterval(-0.001), leaseDuration: 60) == nil)
    #expect(try outbox.claimNext(now: due, leaseDuration: 60)?.entry.reference == entry.reference)
    #expect(try outbox.articleStatistics(since: Samples.date).first { $0.articleID == "locked" }?.views == 1)
    #expect(try outbox.articleStatistics(since: Samples.date.addingTimeInterval(0.001)).first { $0.articleID == "locked" } == nil)
  }
}
