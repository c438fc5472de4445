/// The app's one state transition: the state and an event in, the new state and the work
/// to do out. Pure: no terminal, no files, no clock (the run loop sets `now`).
public func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
  var next = state
  let effects = next.apply(event)
  return (next, effects)
}

extension AppState {
  /// Seconds the confirmation stays up before the kiosk returns Home by itself.
  public static let confirmationSeconds = 30
  /// Seconds the confirmation ignores keys, so that a double press on Send cannot skip it.
  public static let confirmationSettleSeconds = 2

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
    case .timer(.confirmation):
      if case .confirmation = screen {
        return endSession() + [.wipeScreen]
      }
      return []
    case .timer(.confirmationSettled):
      if case .confirmation(let reference, _) = screen {
        screen = .confirmation(reference: reference, isSettled: true)
      }
      return []
    case .ticketSaved(let reference):
      guard case .review = screen else { return [] }
      // Words searched for that still ended in a ticket, for the authors: counted apart,
      // with nothing that ties them to the ticket.
      let gaps = session.search.map { [Effect.recordSearchGap(SearchGap($0, outcome: .ticket))] } ?? []
      // The ticket is safe in the outbox: forget the person's data now.
      session = Session()
      history = []
      screen = .confirmation(reference: reference, isSettled: false)
      return gaps + [
        .startTimer(.confirmationSettled, seconds: AppState.confirmationSettleSeconds),
        .startTimer(.confirmation, seconds: AppState.confirmationSeconds),
      ] + makeCode(WebAddress.followUp(settings.contact.email, reference: reference))
    case .ticketFailed(let reason):
      guard case .review(var review) = screen else { return [] }
      review.isSending = false
      review.error = reason
      screen = .review(review)
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

  /// The key table for the current screen.
  public var keyContext: KeyContext {
    switch screen {
    case .reader(let reader) where reader.find?.isEditing == true: .text
    case .reader, .review: .reader
    case .search: .text
    case .checklist: .checklist
    case .adminPin: .text
    case .ticketForm: session.draft?.focus.isTextField == true ? .text : .menu
    default: .menu
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
    if let effects = type(key) { return effects }
    guard let action else { return [] }
    return perform(action)
  }

  /// A key the focused text field takes: typed text, Backspace, ← →. Nil when the key is
  /// not for a field, and the binding table has it.
  private mutating func type(_ key: Key) -> [Effect]? {
    switch screen {
    case .home:
      guard startsSearch(key), case .character(let character) = key else { return nil }
      return openSearch(String(character))
    case .search(let search): return typeInSearch(key, search)
    case .reader(let reader): return typeWordsToFind(key, reader)
    case .ticketForm: return typeInForm(key)
    case .adminPin(let pin): return typePin(key, pin)
    default: return nil
    }
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

  /// Where a move lands, from the current index, for lists of `count` entries.
  func target(_ action: Action, from index: Int, page: Int) -> Int {
    switch action {
    case .moveUp: index - 1
    case .moveDown: index + 1
    case .pageUp: index - page
    case .pageDown: index + page
    case .top: 0
    case .bottom: Int.max / 2
    default: index
    }
  }

  private mutating func activate() -> [Effect] {
    switch screen {
    case .home, .articles: return openSelection()
    case .reader(let reader): return activateReader(reader)
    case .checklist(let checklist): return activateChecklist(checklist)
    case .feedback(let feedback):
      guard let chosen = FeedbackAnswer.allCases[ifPresent: feedback.selection] else { return [] }
      return answer(helpful: chosen == .yes)
    case .thanks(let choice): chooseAfterThanks(choice)
    case .stillNeedHelp(let choice): return chooseWhenStuck(choice)
    case .notHelpfulReason(let reason): return chooseReason(reason)
    case .review(let review): return chooseOnReview(review)
    case .admin(let admin): return chooseOnAdmin(admin)
    case .contents(let contents): jump(contents)
    case .takeAway: goBack()
    case .ticketForm: activateForm()
    case .adminPin(let pin): return checkPin(pin)
    case .search(let search): return openHit(search)
    case .confirmation: return endSession()
    case .own: return performOnOwnScreen(.activate) ?? []
    }
    return []
  }

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

  /// Re-lays the current screen for a new size, keeping the selection and the reader's place.
  mutating func resize(to newSize: Size) {
    size = newSize
    switch screen {
    case .home(var menu):
      menu.scrollIntoView(count: catalog.categories.count,
        visible: Geometry.visibleItems(.categories, size))
      screen = .home(menu)
    case .articles(let category, var menu):
      menu.scrollIntoView(count: catalog.count(in: category.name),
        visible: Geometry.visibleItems(.articles, size))
      screen = .articles(category: category, menu)
    case .reader(var reader):
      let anchor = reader.lines.hasAtLeast(reader.top + 1) ? reader.lines[reader.top].anchor : 0
      reader.lines = layOut(reader.article)
      // The last line that starts at or before the anchor (anchors only grow), read only
      // as far as it.
      var top = 0
      for (index, line) in reader.lines.enumerated() {
        if line.anchor > anchor { break }
        top = index
      }
      reader.top = reader.clampedTop(reader.top == 0 ? 0 : top, size)
      keepFocusInView(&reader)
      if var find = reader.find, !find.query.isEmpty {
        // The matches move with the lines.
        find.find(find.query, in: reader.lines.all, from: reader.top)
        reader.find = find
      }
      screen = .reader(reader)
    case .contents(var contents):
      contents.menu.scrollIntoView(count: contents.entries.count, visible: Geometry.visibleItems(.contents, size))
      screen = .contents(contents)
    case .search(var search):
      search.menu.scrollIntoView(count: search.choices.count,
        visible: Geometry.visibleItems(.results, size))
      screen = .search(search)
    case .checklist(var checklist):
      scrollIntoView(&checklist)
      screen = .checklist(checklist)
    case .review(var review):
      review.top = min(review.top, maximumReviewTop(review))
      screen = .review(review)
    case .own(var own):
      own.resize(to: newSize)
      screen = .own(own)
    default:
      break
    }
  }

  /// An article's lines for the reader, ending with the way on to its steps. Laid out
  /// once per width: reopening the article or going back to a width costs nothing. A long
  /// article is laid out as it is read, and the rest in the background (`ReaderLines`).
  func layOut(_ article: Article) -> ReaderLines {
    let width = Geometry.textWidth(size)
    let document = article.document
    guard ReaderLines.isLong(document) else {
      guard let body = article.body else { return ReaderLines(layOut(article, width: width)) }
      return ReaderLines(body.lines(width: width, glyphs: settings.glyphs) { layOut(article, width: width) })
    }
    // What comes after the text is laid out last, most likely in the background; the
    // related articles (which take the words of the whole category) are found meanwhile,
    // on a thread of their own.
    let (catalog, glyphs, state) = (catalog, settings.glyphs, self)
    let related = Eventually { state.relatedArticles(article) }
    return ReaderLines(laying: document, width: width, glyphs: glyphs, exists: { catalog.article(id: $0) != nil }) {
      anchor, firstLink in
      Self.tail(
        invitation: state.invitation(article), related: related.value, width: width, glyphs: glyphs, anchor: anchor,
        firstLink: firstLink)
    }
  }

  private func layOut(_ article: Article, width: Int) -> [TextLine] {
    let catalog = catalog
    var lines = DocumentLayout.lines(article.document, width: width, glyphs: settings.glyphs) {
      catalog.article(id: $0) != nil
    }
    let numbered = lines.lazy.flatMap(\.links).map(\.number).max() ?? 0
    lines += Self.tail(
      invitation: invitation(article), related: relatedArticles(article), width: width, glyphs: settings.glyphs,
      anchor: lines.last?.anchor ?? 0, firstLink: numbered + 1)
    return DocumentLayout.numberLinks(lines)
  }

  /// The way on to the article's steps.
  private func invitation(_ article: Article) -> String {
    let steps = ChecklistLayout.itemCount(article) - ChecklistAction.allCases.count
    return steps > 0
      ? "Press Enter to try the \(steps) step\(steps == 1 ? "" : "s") and tick what you have done."
      : "Press Enter to tell us whether this article helped."
  }

  /// The lines after an article's text: the invitation, then the related articles, each a
  /// link (numbered from `firstLink`), all at the anchor of the text's end.
  private static func tail(
    invitation: String, related: [Article], width: Int, glyphs: Glyphs, anchor: Int, firstLink: Int
  ) -> [TextLine] {
    var lines = [TextLine([], anchor: anchor)]
    for wrapped in Wrap.lines([Run(invitation, Style(.key, .strong))], width: width) {
      lines.append(TextLine(wrapped, anchor: anchor))
    }
    // Related articles last, each a link.
    if !related.isEmpty {
      let document = Document(blocks: [
        .heading(level: 2, spans: [Span("Related articles")]),
        .list(ListBlock(isOrdered: false, items: related.map {
          ListItem(blocks: [.paragraph([Span($0.title, .link, link: $0.id)])])
        })),
      ])
      lines.append(TextLine([], anchor: anchor))
      for line in DocumentLayout.lines(document, width: width, glyphs: glyphs, firstLink: firstLink) {
        lines.append(TextLine(line.runs, anchor: anchor))
      }
    }
    return lines
  }

  /// Up to three articles to offer after this one: those its author named in `related:`,
  /// then those of its category that share the most words with its title and summary.
  public func relatedArticles(_ article: Article, limit: Int = 3) -> [Article] {
    var found: [Article] = []
    for id in article.related where id != article.id && !found.contains(where: { $0.id == id }) {
      if let named = catalog.article(id: id) { found.append(named) }
    }
    guard found.count < limit else { return Array(found.prefix(limit)) }
    func words(_ article: Article) -> Set<String> {
      Set(SearchQuery.words(article.title + " " + article.summary)
        .filter { !SearchPlan.fillerWords.contains($0) }.map(Vocabulary.key))
    }
    let category = catalog.articles(in: article.category)
    let wordsOf = Dictionary(category.map { ($0.id, words($0)) }, uniquingKeysWith: { first, _ in first })
    // Words that most of the category's titles share ("how", "fix", "errors") say nothing.
    var counts: [String: Int] = [:]
    for set in wordsOf.values { for word in set { counts[word, default: 0] += 1 } }
    let own = words(article).filter { (counts[$0] ?? 0) <= 2 || (counts[$0] ?? 0) * 2 <= category.count }
    let others = category
      .filter { other in other.id != article.id && !found.contains { $0.id == other.id } }
      .map { ($0, (wordsOf[$0.id] ?? []).intersection(own).count) }
      .filter { $0.1 > 0 }
      .sorted { $0.1 > $1.1 }
    return Array((found + others.map(\.0)).prefix(limit))
  }
}
