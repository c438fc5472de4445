/// The app's one state transition: the state and an event in, the new state and the work
/// to do out. Pure: no terminal, no files, no clock (the run loop sets `now`).
public func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
  var next = state
  let effects = next.apply(event)
  return (next, effects)
}

extension AppState {
  mutating func apply(_ event: Event) -> [Effect] {
    switch event {
    case .resize(let newSize):
      resize(to: newSize)
      return []
    case .key, .mouse, .paste:
      // Someone is there: a key during the countdown only ends it; any input restarts
      // the idle timer.
      let restart: [Effect] = settings.idleTimeout > 0 ? [.startTimer(.idle, seconds: settings.idleTimeout)] : []
      if idleCountdown != nil {
        idleCountdown = nil
        return restart
      }
      return handleInput(event) + restart
    case .timer(.idle):
      // Nothing to forget on an untouched Home; the confirmation has its own timer.
      if case .confirmation = screen { return [] }
      guard isVisited, settings.idleTimeout > 0 else { return [] }
      idleCountdown = settings.idleWarning
      return [.startTimer(.idleTick, seconds: 1)]
    case .timer(.idleTick):
      guard let left = idleCountdown else { return [] }
      if left > 1 {
        idleCountdown = left - 1
        return [.startTimer(.idleTick, seconds: 1)]
      }
      let gaps = searchGapEffects()
      return gaps + endSession() + [.wipeScreen]
    case .ticketSaved, .timer(.confirmation), .timer(.confirmationSettled):
      return applyConfirmation(event)
    case .ticketFailed(let reason):
      notSaved(reason)
      return []
    case .timer(.pinUnlock), .pinChecked, .outboxSummary, .adminMessage, .contentReloaded:
      return applyAdmin(event)
    case .searchResults(let results):
      receive(results)
      return []
    case .codeMade(let text, let code):
      codes[text] = .some(code)
      return []
    case .answer(let answer):
      return deliver(answer)
    case .categoryLoaded, .articleLoaded, .articleUnavailable, .catalogRefreshed:
      return receiveContent(event)
    }
  }

  /// A key, a mouse report or a paste.
  private mutating func handleInput(_ event: Event) -> [Effect] {
    switch event {
    case .key(let key):
      return press(key)
    case .mouse(let mouse):
      settleReaderEnd()
      return click(mouse)
    case .paste(let text):
      // Pasted text is text in a focused field, and nothing anywhere else: a paste never
      // presses Enter or Tab.
      if case .search = screen, !isHelpShown { return pasteIntoSearch(text) }
      guard case .ticketForm = screen, !isHelpShown, var draft = session.draft,
        var field = draft[draft.focus]
      else { return [] }
      field.insert(text)
      draft[draft.focus] = field
      session.draft = draft
      return []
    default:
      return []
    }
  }

  public var isHome: Bool {
    if case .home = screen { return true }
    return false
  }

  /// A key: the screen's binding table says what it does, after the keys every screen
  /// shares and the focused text field have had their turn.
  private mutating func press(_ key: Key) -> [Effect] {
    // Only development mode leaves by a key; a kiosk is left from the admin screen.
    if key == .control("c") && settings.isDevelopment { return [.quit(status: 0)] }
    let table = bindings
    let action = table.action(for: key)
    if action == .quit && settings.isDevelopment { return [.quit(status: 0)] }
    // The help overlay: any key closes it.
    if isHelpShown {
      isHelpShown = false
      return []
    }
    if key == settings.adminKey && !isAdminScreen {
      open(.adminPin(PinState()))
      return []
    }
    guard !Geometry.isTooSmall(size), !table.isWaiting else { return [] }
    if action != .bottom { settleReaderEnd() }
    if let effects = type(key) { return effects }
    guard let action else { return [] }
    return perform(action)
  }

  mutating func perform(_ action: Action) -> [Effect] {
    if let effects = performOnOwnScreen(action) { return effects }
    switch action {
    case .help:
      isHelpShown = true
      return []
    case .back:
      // Leaving the search screen counts words that found nothing.
      let gaps = searchGapEffects()
      goBack()
      return gaps
    case .quit, .edit:
      return []
    case .activate:
      return activate()
    case .toggle:
      guard case .checklist(let checklist) = screen else { return [] }
      // Space ticks a step, or chooses one of the two actions after the steps.
      return activateChecklist(checklist)
    case .nextField, .previousField:
      cycle(forward: action == .nextField)
      return []
    case .previousButton, .nextButton:
      moveBetweenButtons(forward: action == .nextButton)
      return []
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
      move(action)
      return []
    case .answer(let helpful):
      return answer(helpful: helpful)
    case .skip:
      guard case .notHelpfulReason(let reason) = screen else { return [] }
      return chooseReason(reason, skipping: true)
    case .startSearch:
      return openSearch("")
    case .find, .nextMatch, .previousMatch, .forgetMatches, .finishFinding, .cancelFinding:
      guard case .reader(let reader) = screen else { return [] }
      return find(action, reader)
    case .nextLink, .previousLink, .followLink, .contents, .takeAway:
      guard case .reader(var reader) = screen else { return [] }
      return followLinks(action, &reader)
    case .finish:
      return endSession()
    }
  }

  /// Lines a page key scrolls: a body height less one line of overlap.
  var pageLines: Int { max(Geometry.bodyHeight(size) - 1, 1) }

  mutating func open(_ next: Screen) {
    history.append(screen)
    screen = next
  }

  /// Replaces the current screen, so that going back skips it.
  mutating func replace(with next: Screen) {
    screen = next
  }

  mutating func goBack() {
    guard let previous = history.popLast() else { return }
    screen = previous
    resize(to: size)
  }

  /// Back to the reader of the current article, dropping the screens after it.
  mutating func backToReader() {
    while let previous = history.popLast() {
      if case .reader = previous {
        screen = previous
        resize(to: size)
        return
      }
    }
    goHome()
  }

  /// Home, with the first screen's selection kept; the session goes on.
  mutating func goHome() {
    if case .home(let menu)? = history.first {
      screen = .home(menu)
    } else if !isHome {
      screen = .home(MenuState())
    }
    history = []
    resize(to: size)
  }

  /// The person is done: Home, and every trace of what they did is gone. A visit in which
  /// anything was done is counted.
  @discardableResult
  mutating func endSession() -> [Effect] {
    let wasVisited = isVisited
    session = Session()
    codes = [:]
    awaited = nil
    history = []
    isHelpShown = false
    idleCountdown = nil
    screen = .home(MenuState())
    resize(to: size)
    return wasVisited ? [.recordOutcome(.session)] : []
  }

  /// Whether someone has used the kiosk since the last visit ended: anything but an
  /// untouched Home.
  var isVisited: Bool {
    !(isHome && history.isEmpty && session == Session() && !isHelpShown)
  }

  /// Asks for the QR code of a text, unless it is made already.
  func makeCode(_ text: String) -> [Effect] {
    codes[text] == nil ? [.makeCode(text)] : []
  }

  /// What was read for the menus and the reader arrives: kept, and the screen waiting
  /// for it opens.
  mutating func receiveContent(_ event: Event) -> [Effect] {
    switch event {
    case .categoryLoaded(let name, let articles):
      catalog.list(articles, in: name)
      resize(to: size)
      guard case .category(let category)? = awaited, category.name == name else { return [] }
      return openCategory(category)
    case .articleLoaded(let load):
      catalog.absorb(load)
      guard case .article(let id, let highlight)? = awaited, id == load.article.id,
        catalog.count(in: load.article.category) > 0
      else {
        // The whole text of an article whose head is shown.
        replaceText(of: load.article)
        return []
      }
      return openArticle(load.article, highlight: highlight)
    case .articleUnavailable(let id):
      if case .article(id, _)? = awaited { awaited = nil }
      return []
    case .catalogRefreshed(let refreshed):
      // Open screens keep their articles; the menus show what is there now, and the lists
      // on screen or behind it are read again.
      catalog = refreshed
      resize(to: size)
      let shown = (history + [screen]).compactMap { screen -> String? in
        guard case .articles(let category, _) = screen else { return nil }
        return category.name
      }
      return Set(shown).sorted().filter { !catalog.isListed($0) }.map(Effect.loadCategory)
    default:
      return []
    }
  }

  /// A newer text of an article replaces the older in every screen that shows it, and the
  /// ticket being written about it; the reader shown keeps its place, or stays at the
  /// end after End.
  mutating func replaceText(of article: Article) {
    guard article.isRead else { return }
    func replacing(_ screen: Screen) -> Screen {
      func replaced<Payload: ShowsArticle>(_ payload: Payload, _ screen: (Payload) -> Screen) -> Screen {
        guard payload.article.id == article.id else { return screen(payload) }
        var payload = payload
        payload.article = article
        return screen(payload)
      }
      switch screen {
      case .reader(let reader): return replaced(reader, Screen.reader)
      case .checklist(let checklist): return replaced(checklist, Screen.checklist)
      case .feedback(let feedback): return replaced(feedback, Screen.feedback)
      case .thanks(let choice): return replaced(choice, Screen.thanks)
      case .stillNeedHelp(let choice): return replaced(choice, Screen.stillNeedHelp)
      case .notHelpfulReason(let reason): return replaced(reason, Screen.notHelpfulReason)
      default: return screen
      }
    }
    history = history.map(replacing)
    screen = replacing(screen)
    if session.draft?.article.id == article.id { session.draft?.article = article }
    // Lays the reader shown out again, at the end still after End; one behind is laid out
    // when it is back.
    resize(to: size)
  }
}

/// A screen's state that is about one article.
protocol ShowsArticle {
  var article: Article { get set }
}

extension ReaderState: ShowsArticle {}
extension ChecklistState: ShowsArticle {}
extension FeedbackState: ShowsArticle {}
extension ChoiceState: ShowsArticle {}
extension ReasonState: ShowsArticle {}
