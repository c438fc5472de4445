import KioskCore
import KioskScenes
import KioskTestSupport
import Testing

@testable import KioskRender

/// The footer, the help overlay and the keys cannot disagree: on every screen a person can
/// reach, every key the footer or the help names does something there, and every hint of
/// the screen's binding table is in its footer when there is room for it.
@Suite struct BindingAgreementTests {
  /// One screen to check, named for the messages.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var state: AppState
    var testDescription: String { name }
  }

  /// Every scene in Unicode, ASCII and plain mode, in development mode too, and the screens
  /// the scenes do not show: links, contents, the take-away code, the form's buttons, the
  /// words to find being typed, a kiosk without an admin PIN.
  static var cases: [Case] {
    var cases: [Case] = []
    for size in [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)] {
      for (glyphsName, glyphs) in [("unicode", Glyphs.unicode), ("ascii", .ascii), ("plain", .plain)] {
        for scene in Scene.allCases {
          var state = scene.state(SceneSnapshotTests.catalog, Scene.Options(size: size, glyphs: glyphs))
          // The help and the countdown are overlays: any key closes them. The screen under them is checked.
          state.isHelpShown = false
          state.idleCountdown = nil
          let name = "\(scene.rawValue) \(glyphsName) \(size.columns)x\(size.rows)"
          cases.append(Case(name: name, state: state))
          state.settings.isDevelopment = true
          cases.append(Case(name: name + " development", state: state))
        }
      }
      for plain in [false, true] {
        var guide = Fixtures.guide(size, plain: plain)
        guide.settings.articleURLTemplate = "https://help.example.org/{id}"
        let name = "\(plain ? "plain " : "")\(size.columns)x\(size.rows)"
        cases += [
          Case(name: "guide \(name)", state: guide),
          Case(name: "guide with a link focused \(name)", state: guide.pressing(.tab)),
          Case(name: "contents \(name)", state: guide.pressing(.character("c"))),
          Case(name: "take-away \(name)", state: guide.pressing(.character("w"))),
          Case(name: "words to find typed \(name)", state: guide.pressing(.character("/"), .character("t"))),
        ]
      }
      let form = Scene.ticketForm.state(SceneSnapshotTests.catalog, Scene.Options(size: size))
      cases.append(Case(name: "form buttons \(size.columns)x\(size.rows)", state: form.pressing(.tab, .tab)))
      var noPin = Fixtures.state(size)
      noPin.settings.hasAdminPin = false
      cases.append(Case(name: "no admin PIN \(size.columns)x\(size.rows)", state: noPin.pressing(.function(12))))
    }
    return cases
  }

  @Test(arguments: cases) func everyFooterHintIsShownWhenThereIsRoom(_ check: Case) {
    let state = check.state
    let hints = Frame.hints(state)
    let text = render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
      .suffix(2).joined(separator: "\n")
    if case .reader(let reader) = state.screen, reader.find?.isEditing == true {
      // The words being typed take the hint row, with the table's keys beside them.
      for hint in hints { #expect(text.contains("\(hint.keys) \(hint.label)"), "\(check.name): \(hint)") }
      return
    }
    // Room: every hint, and a position of up to a dozen columns, on one row.
    let width = hints.reduce(1) { $0 + $1.width + 2 } + 12
    guard width <= state.size.columns else { return }
    for hint in hints {
      #expect(text.contains("\(hint.keys) \(hint.label)"), "\(check.name): \(hint.keys) \(hint.label) not in\n\(text)")
    }
  }

  @Test(arguments: cases) func everyKeyTheFooterNamesWorks(_ check: Case) {
    for hint in Frame.hints(check.state) {
      checkKeys(hint, check)
    }
  }

  @Test(arguments: cases) func everyKeyTheHelpNamesWorksAndIsShown(_ check: Case) {
    var shown = check.state
    shown.isHelpShown = true
    let text = render(shown).text
    let hints = HelpOverlay.hints(check.state)
    for hint in hints {
      checkKeys(hint, check)
      // The box shows every line when the window is tall enough.
      if hints.count + 4 <= check.state.size.rows - 2 {
        #expect(text.contains(hint.keys), "\(check.name): \(hint.keys) not in the help")
      }
    }
  }

  /// Each key the hint names is in the table or taken by the focused field, and at least
  /// one of them changes something here, unless what it does needs something this screen
  /// does not have now (no match to move to, no link, nothing typed).
  private func checkKeys(_ hint: KeyHint, _ check: Case) {
    guard let keys = Self.keys(named: hint.keys) else {
      Issue.record("\(check.name): the hint names keys no key table knows: \(hint.keys)")
      return
    }
    let table = check.state.bindings
    var changesSomething = false
    var mayDoNothing = false
    for key in keys {
      let action = table.action(for: key)
      let changes = Self.changes(check.state, key)
      #expect(action != nil || changes, "\(check.name): \(hint.keys) \(hint.label): \(key) is bound nowhere")
      changesSomething = changesSomething || changes
      if let action, Self.needsSomethingToActOn.contains(action) { mayDoNothing = true }
      // ↑ ↓ choose among the results: with one result there is nothing to move to.
      if case .search(let search) = check.state.screen, search.choices.count < 2, [.up, .down].contains(key) {
        mayDoNothing = true
      }
    }
    #expect(
      keys.isEmpty || changesSomething || mayDoNothing,
      "\(check.name): \(hint.keys) \(hint.label) does nothing")
  }

  /// Actions that do nothing when there is nothing to act on: no match to move to, no link
  /// in view, an empty text field.
  static let needsSomethingToActOn: [Action] = [.nextMatch, .previousMatch, .nextLink, .previousLink, .edit]

  /// Whether pressing the key changes the state or asks for work (beyond restarting the
  /// idle timer, which every key does).
  static func changes(_ state: AppState, _ key: Key) -> Bool {
    let (next, effects) = update(state, .key(key))
    return next != state || effects.contains { if case .startTimer(.idle, _) = $0 { false } else { true } }
  }

  /// The keys a hint names, as a person reads them; an empty list for the mouse; nil when
  /// a name is unknown.
  static func keys(named text: String) -> [Key]? {
    switch text {
    case "Mouse wheel", "Mouse click": return []
    case "Any key": return [.character("x")]
    case "Letters": return [.character("a")]
    case "Type, or /": return [.character("a"), .character("/")]
    case "1 to 9": return [.character("1")]
    case "0-9": return [.character("4")]
    case "↑↓", "Up/Dn": return [.up, .down]
    default: break
    }
    var keys: [Key] = []
    for name in text.split(separator: " ") {
      switch name {
      case "↑", "Up": keys.append(.up)
      case "↓", "Down": keys.append(.down)
      case "←", "Left": keys.append(.left)
      case "→", "Right": keys.append(.right)
      case "PgUp": keys.append(.pageUp)
      case "PgDn": keys.append(.pageDown)
      case "Home": keys.append(.home)
      case "End": keys.append(.end)
      case "Enter": keys.append(.enter)
      case "Esc": keys.append(.escape)
      case "Backspace": keys.append(.backspace)
      case "Delete": keys.append(.delete)
      case "Tab": keys.append(.tab)
      case "Shift-Tab": keys.append(.backTab)
      case "Space": keys.append(.character(" "))
      case "F1": keys.append(.function(1))
      case _ where name.count == 1: keys.append(.character(name.first ?? " "))
      default: return nil
      }
    }
    return keys
  }
}

/// The binding tables themselves: lookups, and the buttons as enums.
@Suite struct BindingTableTests {
  @Test func theFirstBindingOfAKeyWins() {
    let table = BindingTable([
      Binding([.escape], .forgetMatches),
      Binding([.escape, .backspace], .back, footer: Hint("Esc", "Back")),
    ])
    #expect(table.action(for: .escape) == .forgetMatches)
    #expect(table.action(for: .backspace) == .back)
    #expect(table.action(for: .enter) == nil)
  }

  @Test func otherKeysCatchWhatNoBindingTakes() {
    let table = BindingTable([Binding([.character("q")], .quit)], otherKeys: .finish)
    #expect(table.action(for: .character("q")) == .quit)
    #expect(table.action(for: .tab) == .finish)
  }

  @Test func theFooterFollowsRanksAndTheHelpTheTable() {
    let table = BindingTable([
      Binding([.up], .moveUp, footer: Hint("↑", "Up"), footerRank: 1, help: Hint("↑", "Move up")),
      Binding([.enter], .activate, footer: Hint("Enter", "Open"), help: Hint("Enter", "Open it")),
      Binding([(.tab, .nextField), (.backTab, .previousField)], footer: [Hint("Tab", "Next"), Hint("Shift-Tab", "Previous")]),
    ])
    #expect(table.footer.map(\.keys) == ["Enter", "Tab", "Shift-Tab", "↑"])
    #expect(table.help.map(\.label) == ["Move up", "Open it"])
  }

  @Test func theButtonsAreTheirEnumsInOrder() {
    #expect(AdminChoice.allCases.map(\.title) == ["Deliver now", "Tickets", "Reload content", "Exit kiosk", "This kiosk", "Back"])
    #expect(ReviewChoice.allCases.map(\.title) == ["Send", "Edit", "Cancel"])
    #expect(ThanksChoice.allCases.map(\.title) == ["Home", "Back to the article"])
    #expect(FeedbackAnswer.allCases.map(\.title) == ["Yes", "No"])
    #expect(ReasonChoice.allCases.last == .skip)
    #expect(StuckChoice.fixed.map(\.title) == ["Open a ticket", "Back to the article", "Home"])
  }

  /// The admin screen's Exit kiosk is found by its case, wherever it is in the column.
  @Test func enterOnAnAdminButtonDoesWhatItsTitleSays() {
    let admin = Scene.admin.state(SceneSnapshotTests.catalog)
    for (index, choice) in AdminChoice.allCases.enumerated() {
      var state = admin
      state.screen = .admin({ var admin = AdminState(); admin.selection = index; return admin }())
      let (next, effects) = update(state, .key(.enter))
      switch choice {
      case .deliverNow: #expect(effects.contains(.deliverNow))
      case .tickets: #expect(effects.contains(.loadTickets))
      case .reloadContent: #expect(effects.contains(.reloadContent))
      case .exitKiosk: #expect(effects.contains(.quit(status: 0)))
      case .details:
        guard case .own(let own) = next.screen else {
          Issue.record("This kiosk opens no screen")
          continue
        }
        #expect(own.base is KioskDetailsState)
      case .back: #expect(!next.isAdminScreenForTests)
      }
    }
  }

  /// On the review, ← → move between the buttons, and Enter does the one the footer's
  /// table names for it.
  @Test func reviewButtonsByCase() {
    let review = Scene.review.state(SceneSnapshotTests.catalog)
    let sent = update(review, .key(.enter)).1
    #expect(sent.contains { if case .submitTicket = $0 { true } else { false } })
    let edit = review.pressing(.right, .enter)
    #expect(edit.screen == .ticketForm)
    let cancel = review.pressing(.right, .right, .right, .enter)
    #expect(cancel.session.draft == nil)
  }
}

extension AppState {
  fileprivate var isAdminScreenForTests: Bool {
    if case .admin = screen { return true }
    return false
  }
}
