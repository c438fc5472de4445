import Foundation

// The reader: an article laid out for the window, scrolled, searched within, its links
// followed; Enter leads on to its steps.

/// An open article: its lines laid out for the current width, and the first line shown.
public struct ReaderState: Hashable, Sendable {
  public var article: Article
  /// Laid out as far as they are looked at, for a long article (see `ReaderLines`).
  public var lines: ReaderLines
  public var top = 0
  /// Words being found in the article, with their matches.
  public var find: ReaderFind?
  /// The number of the link that Tab moved to, if any (see `TextLine.links`).
  public var focusedLink: Int?
  /// End was the last move: the view shows the last lines, when the whole text of a long
  /// article arrives after its head too. End does not wait for a long article's layout:
  /// until it is done, the end is laid out on its own (`ReaderLines.last`) and `top` is 0;
  /// the next input settles it (`settleEnd`), waiting for the layout if need be.
  public var isAtEnd = false

  /// The lines in view: from `top`, or the last ones after End.
  public func linesInView(_ size: Size) -> [TextLine] {
    let height = Geometry.bodyHeight(size)
    return isAtEnd ? lines.last(height) : lines.window(from: top, count: height)
  }

  /// The index of the first line in view; nil after End while the layout is not done.
  public func firstLineInView(_ size: Size) -> Int? {
    guard isAtEnd else { return top }
    return lines.isComplete ? maximumTop(size) : nil
  }

  /// The links in view, in reading order, each once.
  public func linksInView(_ size: Size) -> [LineLink] {
    var seen: Set<Int> = []
    return linesInView(size).flatMap(\.links).filter { seen.insert($0.number).inserted }
  }

  /// `top` where the view is after End, once the layout is done (waiting for it).
  mutating func settleEnd(_ size: Size) {
    if isAtEnd { top = maximumTop(size) }
  }

  /// The view from `top`, no longer kept at the end (a match found, a heading chosen).
  mutating func show(top: Int) {
    self.top = top
    isAtEnd = false
  }

  /// After End: `top` at the end when the layout is done, else 0 until `settleEnd`.
  mutating func stayAtEnd(_ size: Size) {
    isAtEnd = true
    top = lines.isComplete ? maximumTop(size) : 0
  }

  /// The headings, for the contents: each with the line it starts on.
  public var headings: [ContentsEntry] { headings(stoppingAt: .max) }

  /// Whether the article has enough headings to offer its contents: asked on every frame,
  /// so it reads only as far as it needs to.
  public var offersContents: Bool {
    headings(stoppingAt: ContentsState.minimumHeadings).count >= ContentsState.minimumHeadings
  }

  /// The headings, read until `limit` have started.
  private func headings(stoppingAt limit: Int) -> [ContentsEntry] {
    var entries: [ContentsEntry] = []
    for (index, line) in lines.enumerated() {
      if entries.count >= limit { break }
      guard let role = line.runs.first(where: { !$0.text.allSatisfy { $0 == " " } })?.style.role,
        role == .heading || role == .subheading
      else { continue }
      let text = line.text.trimmingSpaces
      // A heading wrapped over lines is one entry.
      if let last = entries.last, last.line + last.lineCount == index, last.isSubheading == (role == .subheading) {
        entries[entries.count - 1].title += " " + text
        entries[entries.count - 1].lineCount += 1
      } else {
        entries.append(ContentsEntry(title: text, line: index, isSubheading: role == .subheading))
      }
    }
    return entries
  }

  /// The last `top` that still fills the body.
  public func maximumTop(_ size: Size) -> Int {
    max(lines.count - Geometry.bodyHeight(size), 0)
  }

  /// `top` kept from 0 to `maximumTop`, laying out only as far as the view it starts.
  public func clampedTop(_ top: Int, _ size: Size) -> Int {
    let top = max(top, 0)
    return lines.hasAtLeast(top + Geometry.bodyHeight(size)) ? top : maximumTop(size)
  }
}

extension AppState {
  func readerBindings(_ reader: ReaderState, _ keys: SharedKeys) -> BindingTable {
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

  /// An article's lines for the reader, ending with the way on to its steps (not while only
  /// the head of a long article is read: its steps and end are not known yet). Laid out
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
    let isComplete = article.body?.isComplete != false
    return ReaderLines(laying: document, width: width, glyphs: glyphs, exists: { catalog.article(id: $0) != nil }) {
      anchor, firstLink in
      guard isComplete else { return [] }
      return Self.tail(
        invitation: state.invitation(article), related: related.value, width: width, glyphs: glyphs, anchor: anchor,
        firstLink: firstLink)
    }
  }

  private func layOut(_ article: Article, width: Int) -> [TextLine] {
    let catalog = catalog
    var lines = DocumentLayout.lines(article.document, width: width, glyphs: settings.glyphs) {
      catalog.article(id: $0) != nil
    }
    guard article.body?.isComplete != false else { return lines }
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

  /// Opens an article in the reader, at the first place `highlight`'s words are found (from
  /// a search); one whose text is not read yet is read first, and opens when it arrives.
  /// Opening an article counts a view.
  mutating func openArticle(_ article: Article, highlight: SearchQuery? = nil) -> [Effect] {
    guard article.isRead else {
      awaited = .article(id: article.id, highlight: highlight)
      return [.loadArticle(article.id)]
    }
    awaited = nil
    var reader = ReaderState(article: article, lines: layOut(article))
    if let highlight {
      var find = ReaderFind(isEditing: false)
      find.find(highlight, in: reader.lines.all, from: 0)
      if !find.matches.isEmpty {
        reader.find = find
        reader.show(top: readerTop(showing: find.matches[find.current].line, reader))
      }
    }
    open(.reader(reader))
    return [.recordView(articleID: article.id)]
  }

  /// A link scrolled out of view is no longer the one Enter follows.
  func keepFocusInView(_ reader: inout ReaderState) {
    if let focused = reader.focusedLink, !reader.linksInView(size).contains(where: { $0.number == focused }) {
      reader.focusedLink = nil
    }
  }

  /// Tab and Shift-Tab move between the links in view, 1 to 9 follow a link by its number
  /// in plain mode, `c` opens the contents and `w` the article's web address as a QR code.
  mutating func followLinks(_ action: Action, _ reader: inout ReaderState) -> [Effect] {
    let links = reader.linksInView(size)
    switch action {
    case .nextLink, .previousLink:
      guard !links.isEmpty else { return [] }
      let forward = action == .nextLink
      let numbers = links.map(\.number)
      let current = reader.focusedLink.flatMap { numbers.firstIndex(of: $0) }
      let next: Int
      if let current {
        next = (current + (forward ? 1 : numbers.count - 1)) % numbers.count
      } else {
        next = forward ? 0 : numbers.count - 1
      }
      reader.focusedLink = numbers[next]
      screen = .reader(reader)
      return []
    case .followLink(let number):
      guard let link = reader.lines.lazy.flatMap(\.links).first(where: { $0.number == number }) else { return [] }
      return follow(link.target)
    case .takeAway:
      guard let address = WebAddress.address(of: reader.article, template: settings.articleURLTemplate)
      else { return [] }
      open(.takeAway(TakeAwayState(title: reader.article.title, address: address)))
      return makeCode(address)
    case .contents:
      let headings = reader.headings
      guard headings.count >= ContentsState.minimumHeadings else { return [] }
      var contents = ContentsState(title: reader.article.title, entries: headings)
      // The heading at or above the top of the view is selected.
      let current = headings.lastIndex { $0.line <= reader.top } ?? 0
      contents.menu.select(current, count: headings.count, visible: Geometry.visibleItems(.contents, size))
      open(.contents(contents))
      return []
    default:
      return []
    }
  }

  /// Enter in the reader follows the link Tab moved to, or opens the steps.
  mutating func activateReader(_ reader: ReaderState) -> [Effect] {
    if let focused = reader.focusedLink, let link = reader.linksInView(size).first(where: { $0.number == focused }) {
      return follow(link.target)
    }
    openSteps(reader)
    return []
  }

  /// Opens the article a link leads to; Back comes back to the same place.
  private mutating func follow(_ id: String) -> [Effect] {
    guard let article = catalog.article(id: id) else { return [] }
    return openArticle(article)
  }

  /// A key the words to find take while they are typed; nil when it is a command.
  mutating func typeWordsToFind(_ key: Key, _ reader: ReaderState) -> [Effect]? {
    guard var find = reader.find, find.isEditing else { return nil }
    var reader = reader
    if key == .backspace && find.field.characters.isEmpty { return stopFinding(reader) }
    guard find.field.editLine(key) else { return nil }
    reader.find = find
    screen = .reader(reader)
    return []
  }

  /// `/` starts typing words to find, `n` and `N` move between their matches, Esc forgets
  /// them; while they are typed, Enter finds them and Esc stops.
  mutating func find(_ action: Action, _ reader: ReaderState) -> [Effect] {
    var reader = reader
    switch action {
    case .find:
      // New words each time; the matches of the last ones stay until Enter.
      var find = reader.find ?? ReaderFind(isEditing: true)
      find.field = TextField(limit: SearchState.maximumLength)
      find.isEditing = true
      reader.find = find
    case .finishFinding:
      guard var find = reader.find else { return [] }
      // Nothing typed: the words found before (if any) stay, as in less.
      if find.field.trimmed.isEmpty { return stopFinding(reader) }
      find.isEditing = false
      find.find(in: reader.lines.all, from: reader.top)
      if find.matches.isEmpty && find.query.isEmpty {
        reader.find = nil
      } else {
        reader.find = find
        if !find.matches.isEmpty {
          reader.show(top: readerTop(showing: find.matches[find.current].line, reader))
        }
      }
    case .cancelFinding:
      return stopFinding(reader)
    case .nextMatch, .previousMatch:
      guard var find = reader.find, !find.matches.isEmpty else { return [] }
      let step = action == .nextMatch ? 1 : find.matches.count - 1
      find.current = (find.current + step) % find.matches.count
      reader.show(top: readerTop(showing: find.matches[find.current].line, reader))
      reader.find = find
    case .forgetMatches:
      reader.find = nil
    default:
      return []
    }
    screen = .reader(reader)
    return []
  }

  private mutating func stopFinding(_ reader: ReaderState) -> [Effect] {
    var reader = reader
    // Back to the matches found before, if any; otherwise nothing is found.
    if var find = reader.find, !find.matches.isEmpty {
      find.isEditing = false
      find.field = TextField(limit: SearchState.maximumLength)
      find.field.insert(find.query.text)
      reader.find = find
    } else {
      reader.find = nil
    }
    screen = .reader(reader)
    return []
  }

  /// Where the reader's view starts so that `line` shows, with a little of what comes
  /// before it; unchanged when the line is already in view.
  func readerTop(showing line: Int, _ reader: ReaderState) -> Int {
    let height = Geometry.bodyHeight(size)
    if line >= reader.top && line < reader.top + height { return reader.top }
    return min(max(line - min(2, height / 3), 0), reader.maximumTop(size))
  }

  /// ↑ ↓ and the page keys scroll; a link scrolled out of view loses the focus. End shows
  /// the end at once, laid out on its own while the rest is not: it never waits for it.
  mutating func moveInReader(_ action: Action, _ reader: ReaderState) {
    guard action == .bottom else {
      scrollReader(to: action.target(from: reader.top, page: pageLines), reader)
      return
    }
    var moved = reader
    keepAtEnd(&moved)
    screen = .reader(moved)
  }

  /// The view at the end, after End: a focused link stays while in view, and none is
  /// focused in an end laid out on its own, whose links are numbered from there.
  func keepAtEnd(_ reader: inout ReaderState) {
    reader.stayAtEnd(size)
    if reader.lines.isComplete { keepFocusInView(&reader) } else { reader.focusedLink = nil }
  }

  /// Before any input but End: `top` where the view is, if End left it behind.
  mutating func settleReaderEnd() {
    guard case .reader(var reader) = screen, reader.isAtEnd else { return }
    reader.settleEnd(size)
    screen = .reader(reader)
  }

  /// Scrolls to a line (the mouse wheel, three lines at a time).
  mutating func scrollReader(to top: Int, _ reader: ReaderState) {
    var reader = reader
    reader.isAtEnd = false
    reader.top = reader.clampedTop(top, size)
    keepFocusInView(&reader)
    screen = .reader(reader)
  }

  /// Lays the article out for the new width, keeping the place: the first line shown
  /// stays the one at the same place in the text.
  mutating func resizeReader(_ reader: ReaderState) {
    var reader = reader
    let anchor = reader.lines.hasAtLeast(reader.top + 1) ? reader.lines[reader.top].anchor : 0
    reader.lines = layOut(reader.article)
    if reader.isAtEnd {
      // The view stays at the end, without waiting for the layout.
      keepAtEnd(&reader)
    } else {
      // The last line that starts at or before the anchor (anchors only grow), read only
      // as far as it.
      var top = 0
      for (index, line) in reader.lines.enumerated() {
        if line.anchor > anchor { break }
        top = index
      }
      reader.top = reader.clampedTop(reader.top == 0 ? 0 : top, size)
      keepFocusInView(&reader)
    }
    if var find = reader.find, !find.query.isEmpty {
      // The matches move with the lines.
      find.find(find.query, in: reader.lines.all, from: reader.isAtEnd ? reader.maximumTop(size) : reader.top)
      reader.find = find
    }
    screen = .reader(reader)
  }

  /// Enter with no link focused: the article's steps.
  mutating func openSteps(_ reader: ReaderState) {
    var checklist = ChecklistState(article: reader.article)
    scrollIntoView(&checklist)
    open(.checklist(checklist))
  }
}
