import KioskCore
import KioskTestSupport
import Testing

/// The operator's "This kiosk": what the kiosk was started with, from the admin screen.
@Suite struct KioskDetailsTests {
  /// The admin screen of a kiosk with these settings, its PIN accepted.
  static func admin(_ settings: KioskSettings) -> AppState {
    var state = AppState(catalog: Fixtures.catalog, size: Size(columns: 80, rows: 24), settings: settings)
    state = update(state, .resize(state.size)).0
    state = update(update(state.pressing(settings.adminKey, .character("1")), .key(.enter)).0, .pinChecked(isCorrect: true)).0
    return state
  }

  static func details(_ state: AppState) -> KioskDetailsState? {
    guard case .own(let own) = state.screen else { return nil }
    return own.base as? KioskDetailsState
  }

  @Test func thisKioskShowsWhatItWasStartedWith() throws {
    let settings = KioskSettings(
      glyphs: .ascii, isDevelopment: true, organisation: "Netlum IT",
      identity: KioskIdentity(id: "lobby-2", location: "Level 2 lobby", senderAddress: "kiosk@netlumait.com.au"),
      idleTimeout: 0, adminKey: .function(9), hasAdminPin: true, articleURLTemplate: "https://help.example.com/{id}",
      ticketsAreSent: false)
    let admin = Self.admin(settings)
    let opened = admin.pressing(.end, .up, .enter)
    let details = try #require(Self.details(opened))
    let rows = Dictionary(uniqueKeysWithValues: details.rows.map { ($0.label, $0.value) })
    #expect(rows["Kiosk"] == "lobby-2")
    #expect(rows["Location"] == "Level 2 lobby")
    #expect(rows["Organisation"] == "Netlum IT")
    #expect(rows["Help desk"] == "helpdesk@netlumait.com.au - 1300 521 162")
    #expect(rows["Tickets from"] == "kiosk@netlumait.com.au")
    #expect(rows["Tickets"] == "saved in the spool folder, not sent from this kiosk")
    #expect(rows["Articles"] == "4 in 2 categories")
    #expect(rows["Web addresses"] == "https://help.example.com/{id}")
    #expect(rows["Idle"] == "never asks (idle_timeout is 0)")
    #expect(rows["Admin key"] == "F9")
    #expect(rows["Display"] == "ASCII - development mode (q and Ctrl-C quit)")
    // Back is the admin screen; the admin key does nothing on an operator's screen.
    #expect(opened.pressing(.function(9)).screen == opened.screen)
    #expect(opened.pressing(.escape).screen == admin.pressing(.end, .up).screen)
  }

  @Test func itScrollsARowAtATimeAndNoFurtherThanTheLast() throws {
    var state = Self.admin(KioskSettings(hasAdminPin: true)).pressing(.end, .up, .enter)
    let rows = try #require(Self.details(state)).rows.count
    state = state.pressing(.down, .down)
    #expect(try #require(Self.details(state)).top == 2)
    state = state.pressing(.end)
    #expect(try #require(Self.details(state)).top == rows - 1)
    state = state.pressing(.home)
    #expect(try #require(Self.details(state)).top == 0)
    #expect(try #require(Self.details(state.pressing(.up))).top == 0)
  }
}
