import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// The settings the kiosk starts with stay as they were, whatever happens during the run.
@Suite struct KioskSettingsTests {
  static let settings = KioskSettings(
    glyphs: .ascii, isDevelopment: false, organisation: "Northside Library",
    identity: KioskIdentity(id: "lobby-2", location: "Front lobby"), idleTimeout: 60, idleWarning: 10,
    adminKey: .function(11), hasAdminPin: true, articleURLTemplate: "https://help.example.org/{id}",
    ticketsAreSent: false)

  @Test func outOfRangeTimesAreKeptInRange() {
    let settings = KioskSettings(idleTimeout: -5, idleWarning: 0)
    #expect(settings.idleTimeout == 0)
    #expect(settings.idleWarning == 1)
  }

  @Test func updateNeverChangesThem() {
    let size = Size(columns: 80, rows: 24)
    var state = AppState(catalog: Fixtures.catalog, size: size, settings: Self.settings)
    let events: [Event] = [
      .resize(size), .key(.enter), .key(.enter), .key(.down), .key(.character("w")), .key(.escape),
      .key(.enter), .key(.character(" ")), .key(.tab), .key(.enter), .key(.function(1)), .key(.escape),
      .timer(.idle), .timer(.idleTick), .key(.function(11)), .key(.character("1")), .key(.enter),
      .pinChecked(isCorrect: true), .outboxSummary(OutboxSummary(queued: 1, failed: 0, deliveredToday: 0)),
      .key(.down), .key(.enter), .key(.escape), .resize(Size(columns: 40, rows: 12)), .timer(.idle),
      .timer(.idleTick), .catalogRefreshed(Fixtures.catalog), .contentReloaded(Fixtures.catalog),
    ]
    for event in events {
      state = update(state, event).0
      #expect(state.settings == Self.settings, "after \(event)")
    }
  }
}
