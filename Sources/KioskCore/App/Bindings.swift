/// Each screen's binding table: which keys it takes, what they do, and what its footer and
/// its help overlay say. `press` dispatches through it and the screens draw their hints from
/// it, so a key cannot be offered without working, nor work unoffered by accident.
extension AppState {
  /// The table of the screen shown now, with the keys every screen shares.
  public var bindings: BindingTable {
    let keys = SharedKeys(self)
    switch screen {
    case .home: return homeBindings(keys)
    case .articles: return articlesBindings(keys)
    case .reader(let reader): return readerBindings(reader, keys)
    case .contents: return contentsBindings(keys)
    case .takeAway: return takeAwayBindings(keys)
    case .search: return searchBindings(keys)
    case .checklist(let checklist): return checklistBindings(checklist, keys)
    case .feedback: return feedbackBindings(keys)
    case .notHelpfulReason: return reasonBindings(keys)
    case .thanks: return thanksBindings(keys)
    case .stillNeedHelp: return stillNeedHelpBindings(keys)
    case .ticketForm: return formBindings(keys)
    case .review(let review): return reviewBindings(review, keys)
    case .confirmation(_, let isSettled): return confirmationBindings(isSettled, keys)
    case .adminPin(let pin): return pinBindings(pin, keys)
    case .admin: return adminBindings(keys)
    case .own(let own): return own.bindings(keys)
    }
  }

  // MARK: - Browsing

  private func homeBindings(_ keys: SharedKeys) -> BindingTable {
    // On Home letters start a search, so the letter keys of the other lists are not taken.
    BindingTable([
      Binding([(.up, .moveUp), (.down, .moveDown)], footer: [keys.choose], help: Hint(keys.upDown, "Move the selection")),
      Binding([(.pageUp, .pageUp), (.pageDown, .pageDown)], help: Hint("PgUp PgDn", "One page")),
      Binding([(.home, .top), (.end, .bottom)], help: Hint("Home End", "First, last")),
      Binding([.enter, .right], .activate, footer: Hint("Enter", "Open"), help: Hint("Enter", "Open")),
      Binding([.character("/")], .startSearch, footer: Hint("/", "Search"), help: Hint("Type, or /", "Search all articles")),
      .note(Hint("Mouse click", "Open")),
      keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  private func articlesBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move the selection")),
      keys.pages(help: Hint("PgUp PgDn  b", "One page")),
      keys.edges(help: Hint("Home End  g G", "First, last")),
      keys.activate(footer: Hint("Enter", "Read"), help: Hint("Enter", "Open")),
      .note(Hint("Mouse click", "Open")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back")),
      keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  private func readerBindings(_ reader: ReaderState, _ keys: SharedKeys) -> BindingTable {
    if let find = reader.find, find.isEditing {
      // The words to find are typed: the field takes text, Enter and Esc finish it.
      return BindingTable([
        Binding([.character("a")], .edit, help: Hint("Letters", "The words to find")),
        Binding([.enter], .finishFinding, footer: Hint("Enter", "Find"), help: Hint("Enter", "Find them")),
        Binding([.escape], .cancelFinding, footer: Hint("Esc", "Cancel"), help: Hint("Esc", "Stop finding")),
      ] + keys.help.map(\.withoutFooter))
    }
    let hasLinks = !reader.linksInView(size).isEmpty
    let hasMatches = reader.find?.matches.isEmpty == false
    var bindings = [
      keys.moves(footer: Hint(keys.arrows, "Scroll"), footerRank: 2, help: Hint(keys.upDown + "  k j", "Scroll one line")),
      Binding(
        [(.pageUp, .pageUp), (.pageDown, .pageDown), (.character("b"), .pageUp), (.character(" "), .pageDown)],
        help: Hint("PgUp PgDn", "One page (also b, Space)")),
      keys.edges(help: Hint("Home End  g G", "Top, bottom")),
      keys.activate(
        footer: Hint("Enter", reader.focusedLink != nil ? "Open link" : "Steps"), help: Hint("Enter", "Try the steps")),
      Binding([.character("/")], .find, footer: Hint("/", "Find"), footerRank: 3, help: Hint("/", "Find words in the article")),
      Binding(
        [(.character("n"), .nextMatch), (.character("N"), .previousMatch)],
        footer: hasMatches ? [Hint("n N", "Next, previous")] : [], footerRank: 4, help: Hint("n  N", "Next, previous match")),
      Binding(
        [(.tab, .nextLink), (.backTab, .previousLink)], footer: hasLinks ? [Hint("Tab", "Links")] : [], footerRank: 1,
        help: Hint("Tab  Shift-Tab", "Next, previous link; Enter opens it")),
    ]
    if settings.isPlain {
      bindings.append(Binding(
        (1...9).map { (Key.character(Character(String($0))), Action.followLink($0)) },
        help: Hint("1 to 9", "Open the link of that number")))
    }
    if reader.offersContents {
      bindings.append(Binding(
        [.character("c")], .contents, footer: Hint("c", "Contents"), footerRank: 5,
        help: Hint("c", "Contents: jump to a heading")))
    }
    if WebAddress.address(of: reader.article, template: settings.articleURLTemplate) != nil {
      bindings.append(Binding([.character("w")], .takeAway, help: Hint("w", "Take it with you: a code for your phone")))
    }
    if reader.find != nil {
      // Esc forgets the words found before it goes back.
      bindings.append(Binding([.escape], .forgetMatches))
    }
    bindings += [
      keys.back(footer: Hint("Esc", "Back"), footerRank: 6, help: Hint("Esc  Backspace", "Back")),
      .note(Hint("Mouse wheel", "Scroll")),
    ]
    return BindingTable(bindings + keys.help.map { $0.ranked(7) } + keys.quit.map { $0.ranked(8) })
  }

  private func contentsBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Choose a heading")),
      keys.pages(), keys.edges(),
      keys.activate(footer: Hint("Enter", "Go there"), help: Hint("Enter", "Go to it in the article")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back to the article")),
      keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  private func takeAwayBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      Binding(
        [.escape, .left, .backspace, .enter, .right], .back, footer: Hint("Esc", "Back to the article"),
        help: Hint("Esc  Backspace  Enter", "Back to the article")),
    ] + keys.help.map(\.withoutFooter) + keys.quit)
  }

  private func searchBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      Binding([.character("a")], .edit, help: Hint("Letters", "The words to find")),
      Binding(
        [(.up, .moveUp), (.down, .moveDown), (.pageUp, .pageUp), (.pageDown, .pageDown)], footer: [keys.choose],
        help: Hint(keys.upDown, "Choose an article")),
      Binding([.enter], .activate, footer: Hint("Enter", "Read"), help: Hint("Enter", "Read it")),
      Binding([.backspace], .edit, help: Hint("Backspace", "Delete a character")),
      Binding([.escape], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back to Home")),
    ] + keys.help)
  }

  // MARK: - The steps and what follows them

  private func checklistBindings(_ checklist: ChecklistState, _ keys: SharedKeys) -> BindingTable {
    let isOnStep = ChecklistLayout.action(at: checklist.selection, of: checklist.article) == nil
    return BindingTable([
      keys.moves(footer: Hint(keys.arrows, "Move"), footerRank: 1, help: Hint(keys.upDown + "  k j", "Move between steps")),
      Binding(
        [.character(" ")], .toggle, footer: Hint("Space", isOnStep ? "Tick" : "Choose"),
        help: Hint("Space", "Tick or untick a step")),
      keys.activate(help: Hint("Enter", "Tick, or choose a button")),
      Binding(
        [(.tab, .nextField), (.backTab, .previousField)], footer: [Hint("Tab", "Buttons")], footerRank: 2,
        help: Hint("Tab  Shift-Tab", "To the buttons and back")),
      keys.back(footer: Hint("Esc", "Back"), footerRank: 3, help: Hint("Esc  Backspace", "Back to the article")),
      keys.pages(), keys.edges(),
    ] + keys.help.map { $0.ranked(4) } + keys.quit.map { $0.ranked(5) })
  }

  private func feedbackBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move between buttons")),
      // The one way to answer but y and n: kept in the narrowest footer.
      keys.activate(footer: Hint("Enter", "Answer", isEssential: true), help: Hint("Enter", "Choose")),
      Binding(
        [(.character("y"), .answer(helpful: true)), (.character("n"), .answer(helpful: false))],
        footer: [Hint("y n", "Yes, No")], help: Hint("y  n", "Yes, No")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  private func reasonBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Choose what went wrong")),
      keys.activate(footer: Hint("Enter", "OK", isEssential: true), help: Hint("Enter", "Tell us")),
      // Esc skips: the screen was put in the place of the question, so Back would leave.
      Binding([.escape, .left, .backspace], .skip, footer: Hint("Esc", "Skip", isEssential: true), help: Hint("Esc", "Skip")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  private func thanksBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move between buttons")),
      keys.activate(footer: Hint("Enter", "Go"), help: Hint("Enter", "Choose")),
      keys.back(help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  private func stillNeedHelpBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move between buttons")),
      keys.activate(footer: Hint("Enter", "Go"), help: Hint("Enter", "Choose")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  // MARK: - The ticket

  private func formBindings(_ keys: SharedKeys) -> BindingTable {
    let focus = session.draft?.focus ?? .name
    let sides = settings.glyphs.isUnicode ? "← →  Home End" : "Left Right  Home End"
    // What Enter does where the focus is.
    let enterLabel = switch focus {
    case .name, .contact: "Next"
    case .description: "New line"
    case .review: "Review"
    case .cancel: "Discard"
    }
    let enter = Hint("Enter", enterLabel)
    let tab = Binding(
      [(.tab, .nextField), (.backTab, .previousField)], footer: [Hint("Tab", "Next"), Hint("Shift-Tab", "Previous")],
      help: Hint("Tab  Shift-Tab", "Next, previous field"))
    guard focus.isTextField else {
      // On the buttons: ← → between them; the letters are keys again.
      return BindingTable([
        tab,
        Binding([(.left, .previousButton), (.right, .nextButton), (.home, .edit), (.end, .edit)],
          help: Hint(sides, "Move in the text")),
        Binding([.delete], .edit, help: Hint("Backspace  Delete", "Delete a character")),
        Binding([.enter], .activate, footer: enter, help: Hint("Enter", "Next field; new line in the box")),
        Binding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
          help: Hint(keys.upDown, "Lines, or fields")),
        Binding([.escape, .backspace], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back (your text is kept)")),
      ] + keys.help.map(\.withF1Label) + keys.quit)
    }
    return BindingTable([
      tab,
      Binding([.left, .right, .home, .end], .edit, help: Hint(sides, "Move in the text")),
      Binding([.backspace, .delete], .edit, help: Hint("Backspace  Delete", "Delete a character")),
      Binding([.enter], .activate, footer: enter, help: Hint("Enter", "Next field; new line in the box")),
      Binding([(.up, .moveUp), (.down, .moveDown)], help: Hint(keys.upDown, "Lines, or fields")),
      Binding([.escape], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back (your text is kept)")),
    ] + keys.help)
  }

  private func reviewBindings(_ review: ReviewState, _ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: Hint(keys.arrows, "Scroll"), footerRank: 2, help: Hint(keys.upDown + "  k j", "Scroll the ticket")),
      Binding(
        [(.tab, .nextField), (.backTab, .previousField)], footer: [Hint("Tab", "Next button")],
        help: Hint("Tab  Shift-Tab", "Send, Edit, Cancel")),
      // ← → move between Send, Edit and Cancel; only Enter chooses.
      Binding([(.left, .previousButton), (.right, .nextButton)]),
      Binding([.enter], .activate, footer: Hint("Enter", "Choose"), footerRank: 1, help: Hint("Enter", "Choose")),
      Binding([.escape, .backspace], .back, footer: Hint("Esc", "Edit"), footerRank: 3, help: Hint("Esc", "Back to the form")),
      Binding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character("b"), .pageUp), (.character(" "), .pageDown)]),
      keys.edges(),
    ] + keys.help.map { $0.ranked(4) } + keys.quit.map { $0.ranked(5) }, isWaiting: review.isSending)
  }

  private func confirmationBindings(_ isSettled: Bool, _ keys: SharedKeys) -> BindingTable {
    // Keys wait until the screen is settled, so that a second press of the key that sent
    // the ticket does not close it before it is read.
    guard isSettled else { return BindingTable(keys.quit.map(\.withoutFooter)) }
    return BindingTable(
      keys.quit.map(\.withoutFooter) + [.note(Hint("Any key", "Finish")).showing(Hint("Any key", "Finish"))],
      otherKeys: .finish)
  }

  // MARK: - The operator's screens

  private func pinBindings(_ pin: PinState, _ keys: SharedKeys) -> BindingTable {
    // Without a PIN set there is nothing to type: only the ways back and to the help.
    let entry = settings.hasAdminPin ? [
      Binding((0...9).map { Key.character(Character(String($0))) } + [.backspace], .edit, help: Hint("0-9", "The PIN")),
      Binding([.enter], .activate, footer: Hint("Enter", "Sign in"), help: Hint("Enter", "Check it")),
    ] : []
    return BindingTable(
      entry + [Binding([.escape], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back"))] + keys.help,
      isWaiting: pin.isChecking)
  }

  private func adminBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move the selection")),
      keys.activate(footer: Hint("Enter", "Go"), help: Hint("Enter", "Choose")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }
}

/// The bindings many screens share, spelled for the kiosk's glyphs and key context.
public struct SharedKeys {
  /// "↑↓" or, without Unicode, "Up/Dn": the footer's arrows.
  public let arrows: String
  /// "↑ ↓" or "Up Down": the help's arrows.
  public let upDown: String
  /// Whether printable keys are text on this screen.
  public let isTyping: Bool
  public let isDevelopment: Bool

  init(_ state: AppState) {
    arrows = state.settings.glyphs.isUnicode ? "↑↓" : "Up/Dn"
    upDown = state.settings.glyphs.isUnicode ? "↑ ↓" : "Up Down"
    isTyping = state.keyContext == .text
    isDevelopment = state.settings.isDevelopment
  }

  public var choose: Hint { Hint(arrows, "Choose") }

  public func moves(footer: Hint? = nil, footerRank: Int = 0, help: Hint? = nil) -> Binding {
    Binding(
      [(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
      footer: footer.map { [$0] } ?? [], footerRank: footerRank, help: help)
  }

  public func pages(help: Hint? = nil) -> Binding {
    Binding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character("b"), .pageUp)], help: help)
  }

  public func edges(help: Hint? = nil) -> Binding {
    Binding([(.home, .top), (.end, .bottom), (.character("g"), .top), (.character("G"), .bottom)], help: help)
  }

  public func activate(footer: Hint? = nil, help: Hint? = nil) -> Binding {
    Binding([.enter, .right], .activate, footer: footer, help: help)
  }

  public func back(footer: Hint? = nil, footerRank: Int = 0, help: Hint? = nil) -> Binding {
    Binding([.escape, .left, .backspace], .back, footer: footer, footerRank: footerRank, help: help)
  }

  /// Tab and Shift-Tab move a list's selection, as ↓ and ↑ do.
  public var tabMoves: Binding { Binding([(.tab, .moveDown), (.backTab, .moveUp)]) }

  /// F1, and `?` where it is not text.
  public var help: [Binding] {
    [Binding(
      isTyping ? [.function(1)] : [.function(1), .character("?")], .help,
      footer: Hint(isTyping ? "F1" : "?", "Help"), help: Hint(isTyping ? "F1" : "F1  ?", "This help"))]
  }

  /// `q` leaves the program in development mode, where it is not text.
  public var quit: [Binding] {
    guard isDevelopment, !isTyping else { return [] }
    return [Binding([.character("q")], .quit, footer: Hint("q", "Quit"), help: Hint("q", "Quit"))]
  }
}

extension Binding {
  func ranked(_ rank: Int) -> Binding {
    var binding = self
    binding.footerRank = rank
    return binding
  }

  var withoutFooter: Binding {
    var binding = self
    binding.footer = []
    return binding
  }

  /// The help key as the footer names it on a screen of text fields: F1.
  var withF1Label: Binding {
    var binding = self
    binding.footer = footer.map { Hint("F1", $0.label, isEssential: $0.isEssential) }
    binding.help = help.map { Hint("F1", $0.label) }
    return binding
  }

  func showing(_ hint: Hint) -> Binding {
    var binding = self
    binding.footer = [hint]
    return binding
  }
}
