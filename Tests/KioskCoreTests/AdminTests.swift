import KioskCore
import KioskTestSupport
import Testing

/// Kiosk lock-down and the operator's way in.
@Suite struct AdminTests {
  let home: AppState = {
    var state = Fixtures.state()
    state.settings.hasAdminPin = true
    return state
  }()

  private func pin(_ state: AppState) -> PinState? {
    if case .adminPin(let pin) = state.screen { return pin }
    return nil
  }

  private func typing(_ digits: String, into state: AppState) -> AppState {
    digits.reduce(state) { update($0, .key(.character($1))).0 }
  }

  @Test(arguments: [Key.character("q"), .control("c"), .control("z"), .control("d"), .control("\\"), .function(10), .escape])
  func noKeyLeavesAKiosk(key: Key) {
    for state in [home, home.pressing(.enter), home.pressing(.enter, .enter)] {
      #expect(!update(state, .key(key)).1.contains(.quit(status: 0)))
    }
  }

  @Test func theAdminKeyAsksForAPinAndChecksIt() throws {
    let prompt = home.pressing(.enter, .function(12))
    #expect(pin(prompt) == PinState())
    let typed = typing("48a29q", into: prompt).pressing(.backspace)
    #expect(pin(typed)?.digits == "482", "digits only; Backspace deletes")
    let (checking, effects) = update(typed, .key(.enter))
    #expect(effects == [.checkPin("482")])
    #expect(pin(checking)?.isChecking == true)
    let (admin, loads) = update(checking, .pinChecked(isCorrect: true))
    guard case .admin = admin.screen else {
      Issue.record("expected the admin screen, got \(admin.screen)")
      return
    }
    #expect(loads == [.loadOutboxSummary])
    #expect(admin.pressing(.escape).screen == home.pressing(.enter).screen, "Back returns where it was")
  }

  @Test func threeWrongPinsLockThePromptForAMinute() {
    var state = home.pressing(.function(12))
    var effects: [Effect] = []
    for attempt in 1...3 {
      state = typing("1111", into: state)
      state = update(state, .key(.enter)).0
      (state, effects) = update(state, .pinChecked(isCorrect: false))
      #expect(pin(state)?.digits == "", "attempt \(attempt) clears the digits")
    }
    #expect(state.isPinLocked)
    #expect(effects == [.startTimer(.pinUnlock, seconds: 60)])
    #expect(pin(state)?.message == "Too many wrong PINs. Try again in a minute.")
    let locked = typing("1234", into: state)
    #expect(pin(locked)?.digits == "")
    #expect(update(locked, .key(.enter)).1.isEmpty, "no PIN is checked while locked")
    let unlocked = update(state, .timer(.pinUnlock)).0
    #expect(!unlocked.isPinLocked)
    #expect(pin(typing("1", into: unlocked))?.digits == "1")
  }

  @Test func withoutAPinNobodyGetsIn() {
    let prompt = Fixtures.state().pressing(.function(12))
    let (typed, effects) = update(typing("1234", into: prompt), .key(.enter))
    #expect(effects.isEmpty)
    #expect(pin(typed)?.digits == "")
  }

  @Test func theAdminScreenActs() {
    let admin = update(update(typing("1", into: home.pressing(.function(12))), .key(.enter)).0, .pinChecked(isCorrect: true)).0
    #expect(update(admin, .key(.enter)).1 == [.deliverNow])
    #expect(update(admin.pressing(.down), .key(.enter)).1 == [.loadTickets])
    #expect(update(admin.pressing(.down, .down), .key(.enter)).1 == [.reloadContent])
    #expect(update(admin.pressing(.down, .down, .down), .key(.enter)).1 == [.quit(status: 0)], "Exit kiosk")
    let counted = update(admin, .outboxSummary(OutboxSummary(queued: 2, failed: 1, deliveredToday: 5))).0
    guard case .admin(let state) = counted.screen else { return }
    #expect(state.summary == OutboxSummary(queued: 2, failed: 1, deliveredToday: 5))
    let reloaded = update(admin, .contentReloaded(Catalog(categories: [], articles: []))).0
    #expect(reloaded.catalog.categories.isEmpty)
    #expect(reloaded.pressing(.escape).screen == .home(MenuState()))
  }
}

@Suite struct ViewCountTests {
  @Test func openingAnArticleCountsAView() {
    let list = Fixtures.state().pressing(.enter)
    #expect(update(list, .key(.enter)).1 == [.recordView(articleID: "locked")])
    let row = Geometry.headerHeight + Geometry.itemHeight(.articles) + 1
    #expect(update(list, .mouse(MouseEvent(.press, row: row, column: 5))).1 == [.recordView(articleID: "password")])
    #expect(update(Fixtures.state(), .key(.enter)).1.isEmpty, "a category is not an article")
  }
}
