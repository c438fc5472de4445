/// Links between articles in the reader, and an article's contents.
extension AppState {
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
    return openSelection()
  }

  /// Asks for the QR code of a text, unless it is made already.
  func makeCode(_ text: String) -> [Effect] {
    codes[text] == nil ? [.makeCode(text)] : []
  }

  /// Opens the article a link leads to; Back comes back to the same place.
  private mutating func follow(_ id: String) -> [Effect] {
    guard let article = catalog.article(id: id) else { return [] }
    return openArticle(article)
  }

  /// Enter on a heading of the contents: back to the reader, with the heading at the top.
  mutating func jump(_ contents: ContentsState) {
    guard contents.entries.indices.contains(contents.menu.selection) else { return }
    let line = contents.entries[contents.menu.selection].line
    goBack()
    guard case .reader(var reader) = screen else { return }
    reader.top = min(line, reader.maximumTop(size))
    reader.focusedLink = nil
    screen = .reader(reader)
  }
}
