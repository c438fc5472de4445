import Glibc
import KioskCore
import KioskScenes
import KioskTestSupport
import Logging
import Testing

@testable import helpdesk_kiosk

/// The run loop as the kiosk runs it, on a scripted terminal, a test clock and recorded
/// effects: keys in, frames and effects out, no tmux and no sleeping.
@Suite struct KioskLoopTests {
  /// The loop with its test doubles, on the fixture catalog at 80×24.
  final class Kiosk {
    let clock = TestClock(date: Scene.clock)
    let effects = RecordingEffects()
    let backend: TestBackend
    var state: AppState

    init(_ script: [TestBackend.Input], state: AppState? = nil) {
      backend = TestBackend(clock: clock, script: script)
      self.state = state ?? AppState(catalog: Fixtures.catalog, size: backend.size, now: Scene.clock)
    }

    /// Runs the loop to its end; returns the exit status.
    func run() -> Int32 {
      let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
      return KioskLoop(terminal: backend, effects: effects, clock: clock, logger: logger).run(state)
    }
  }

  /// The rows of a screen's text.
  static func rows(_ text: String) -> [String] {
    text.components(separatedBy: "\n")
  }

  @Test func eachKeyDrawsTheNextScreen() throws {
    let kiosk = Kiosk([.key(.enter), .key(.enter)])
    #expect(kiosk.run() == 128 + SIGHUP)
    let screens = kiosk.backend.screens
    try #require(screens.count == 3)
    let home = Self.rows(screens[0])
    #expect(home[1] == "  How can we help?")
    #expect(home[4].hasPrefix(" › Common Error Messages"))
    let articles = Self.rows(screens[1])
    #expect(articles[1] == "  Common Error Messages")
    #expect(articles[4] == " › Account Locked")
    #expect(articles[5] == "   Summary of Account Locked.")
    let reader = Self.rows(screens[2])
    #expect(reader[1] == "  Account Locked")
    #expect(reader.contains("  [ ] Click the login button"))
    #expect(reader.contains("  Paragraph 1 of Account Locked."))
  }

  @Test func openingAnArticleRecordsAView() {
    let kiosk = Kiosk([.key(.enter), .key(.enter)])
    _ = kiosk.run()
    #expect(kiosk.effects.performed == [.recordView(articleID: "locked")])
    #expect(kiosk.effects.isStarted && kiosk.effects.isStopped)
  }

  @Test func sendSubmitsTheTicketAndShowsItsReference() throws {
    let kiosk = Kiosk([.key(.enter)], state: Scene.review.state(Fixtures.catalog))
    kiosk.effects.answer = { effect in
      if case .submitTicket = effect { return [.ticketSaved(reference: Scene.reference)] }
      return nil
    }
    _ = kiosk.run()
    let tickets = kiosk.effects.performed.compactMap { effect -> TicketContent? in
      if case .submitTicket(let content) = effect { return content }
      return nil
    }
    try #require(tickets.count == 1)
    #expect(tickets[0].name == "Sam Taylor")
    #expect(tickets[0].contact == "sam.taylor@example.org")
    // "Saving" is drawn before the ticket is handed over, the reference after.
    let saving = try #require(kiosk.backend.frames.firstIndex { $0.contains("Saving your ticket…") })
    let saved = try #require(kiosk.backend.frames.firstIndex { $0.contains("Reference  NLM-7K3Q-29") })
    #expect(saving < saved)
    #expect(kiosk.backend.text.contains("Thank you. Your ticket is on its way."))
    // The follow-up code is asked for with the reference.
    let codes = kiosk.effects.performed.compactMap { effect -> String? in
      if case .makeCode(let text) = effect { return text }
      return nil
    }
    #expect(codes.count == 1 && codes.allSatisfy { $0.contains("NLM-7K3Q-29") })
  }

  @Test func confirmationReturnsHomeAfterItsTime() {
    let kiosk = Kiosk([.key(.enter), .wait(.seconds(29))], state: Scene.review.state(Fixtures.catalog))
    kiosk.effects.answer = { effect in
      if case .submitTicket = effect { return [.ticketSaved(reference: Scene.reference)] }
      return nil
    }
    _ = kiosk.run()
    #expect(kiosk.backend.text.contains("Reference  NLM-7K3Q-29"))
    #expect(kiosk.backend.wipes == 0)

    let later = Kiosk([.key(.enter), .wait(.seconds(30))], state: Scene.review.state(Fixtures.catalog))
    later.effects.answer = kiosk.effects.answer
    _ = later.run()
    #expect(Self.rows(later.backend.text)[1] == "  How can we help?")
    #expect(later.backend.wipes == 1)
  }

  @Test func nothingIsAskedBeforeTheIdleTime() {
    let kiosk = Kiosk([.key(.enter), .wait(.seconds(119))])
    _ = kiosk.run()
    #expect(Self.rows(kiosk.backend.text)[1] == "  Common Error Messages")
    #expect(!kiosk.backend.text.contains("Are you still there?"))
  }

  @Test func idleTimeAsksWhetherAnyoneIsStillThere() {
    let kiosk = Kiosk([.key(.enter), .wait(.seconds(120))])
    _ = kiosk.run()
    #expect(kiosk.backend.text.contains("Are you still there?"))
    #expect(kiosk.backend.text.contains("This session ends in 30 seconds."))
    #expect(kiosk.backend.wipes == 0)
  }

  @Test func countdownTicksThenEndsTheSession() {
    let kiosk = Kiosk([.key(.enter), .wait(.seconds(149))])
    _ = kiosk.run()
    #expect(kiosk.backend.text.contains("This session ends in 1 second."))

    let ended = Kiosk([.key(.enter), .wait(.seconds(150))])
    _ = ended.run()
    #expect(ended.backend.screens.contains { $0.contains("This session ends in 29 seconds.") })
    #expect(Self.rows(ended.backend.text)[1] == "  How can we help?")
    #expect(!ended.backend.text.contains("Are you still there?"))
    #expect(ended.backend.wipes == 1)
    #expect(ended.effects.performed.last == .recordOutcome(.session))
  }

  @Test func aKeyDuringTheCountdownKeepsTheSession() {
    let kiosk = Kiosk([.key(.enter), .wait(.seconds(125)), .key(.down), .wait(.seconds(119))])
    _ = kiosk.run()
    let rows = Self.rows(kiosk.backend.text)
    #expect(rows[1] == "  Common Error Messages")
    #expect(!kiosk.backend.text.contains("Are you still there?"))
    #expect(kiosk.backend.wipes == 0)
  }

  @Test func resizeRedrawsAtTheNewSize() throws {
    let kiosk = Kiosk([.resize(columns: 120, rows: 40)])
    _ = kiosk.run()
    #expect(kiosk.backend.draws == 2)
    let grid = try #require(kiosk.backend.grid)
    #expect(grid.size == Size(columns: 120, rows: 40))
    // The contact stands one column in from the right edge, at either size.
    let before = Self.rows(try #require(kiosk.backend.screens.first))[0]
    let after = Self.rows(kiosk.backend.text)[0]
    #expect(before.count == 79)
    #expect(after.count == 119)
    #expect(after.hasSuffix("helpdesk@netlumait.com.au · 1300 521 162"))
    #expect(Self.rows(kiosk.backend.text).count == 40)
  }

  @Test func terminateSignalEndsTheLoopWith143() {
    let kiosk = Kiosk([.signal(SIGTERM), .key(.enter)])
    #expect(kiosk.run() == 143)
    #expect(kiosk.backend.unread == 1)
    #expect(Self.rows(kiosk.backend.text)[1] == "  How can we help?")
    #expect(kiosk.effects.isStopped)
  }

  @Test func interruptEndsOnlyADevelopmentSession() {
    let kiosk = Kiosk([.signal(SIGINT), .key(.enter)])
    #expect(kiosk.run() == 128 + SIGHUP)
    #expect(Self.rows(kiosk.backend.text)[1] == "  Common Error Messages")

    let state = AppState(
      catalog: Fixtures.catalog, size: Size(columns: 80, rows: 24), isDevelopment: true, now: Scene.clock)
    let development = Kiosk([.signal(SIGINT), .key(.enter)], state: state)
    #expect(development.run() == 128 + SIGINT)
    #expect(development.backend.unread == 1)
  }

  @Test func contentChangedAtTheStartIsDrawnBeforeAnyKey() throws {
    let kiosk = Kiosk([])
    let renamed = Category(name: "Sign-in Problems", description: "When the password will not do.")
    let article = Fixtures.article("reset", title: "Reset Your Password", category: renamed)
    kiosk.effects.started = [.catalogRefreshed(Catalog(categories: [renamed], articles: [article]))]
    _ = kiosk.run()
    #expect(kiosk.backend.draws == 2)
    let home = try #require(kiosk.backend.screens.first)
    #expect(home.contains("› Sign-in Problems"))
    #expect(!home.contains("Common Error Messages"))
  }
}
