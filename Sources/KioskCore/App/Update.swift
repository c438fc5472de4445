/// The app's one state transition: the state and an event in, the new state and the work
/// to do out. Pure: no terminal, no files, no clock.
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
    case .key(let key):
      return press(key)
    case .mouse(let mouse):
      click(mouse)
      return []
    }
  }

  private var keyContext: KeyContext {
    if case .reader = screen { return .reader }
    return .menu
  }

  private var isHome: Bool {
    if case .home = screen { return true }
    return false
  }

  private mutating func press(_ key: Key) -> [Effect] {
    if key == .control("c") && isDevelopment { return [.quit(status: 0)] }
    let action = Keymap.action(for: key, in: keyContext)
    if action == .quit && (isHome || isDevelopment) { return [.quit(status: 0)] }
    if isHelpShown {
      isHelpShown = false
      return []
    }
    guard let action, !Geometry.isTooSmall(size) else { return [] }
    perform(action)
    return []
  }

  mutating func perform(_ action: Action) {
    let (items, lines) = (pageItems, pageLines)
    switch action {
    case .help: isHelpShown = true
    case .back: goBack()
    case .quit: break
    case .activate: activate()
    case .moveUp: move { $0 - 1 } scroll: { $0 - 1 }
    case .moveDown: move { $0 + 1 } scroll: { $0 + 1 }
    case .pageUp: move { $0 - items } scroll: { $0 - lines }
    case .pageDown: move { $0 + items } scroll: { $0 + lines }
    case .top: move { _ in 0 } scroll: { _ in 0 }
    case .bottom: move { _ in Int.max / 2 } scroll: { _ in Int.max / 2 }
    }
  }

  /// Lines a page key scrolls in the reader: a body height less one line of overlap.
  private var pageLines: Int { max(Geometry.bodyHeight(size) - 1, 1) }

  /// Entries a page key moves in a menu.
  private var pageItems: Int {
    switch screen {
    case .home: Geometry.visibleItems(.categories, size)
    case .articles: Geometry.visibleItems(.articles, size)
    case .reader: 1
    }
  }

  /// Moves a menu's selection or scrolls the reader.
  private mutating func move(_ selection: (Int) -> Int, scroll: (Int) -> Int) {
    switch screen {
    case .home(var menu):
      menu.select(selection(menu.selection), count: catalog.categories.count,
        visible: Geometry.visibleItems(.categories, size))
      screen = .home(menu)
    case .articles(let category, var menu):
      menu.select(selection(menu.selection), count: catalog.articles(in: category.name).count,
        visible: Geometry.visibleItems(.articles, size))
      screen = .articles(category: category, menu)
    case .reader(var reader):
      reader.top = min(max(scroll(reader.top), 0), reader.maximumTop(size))
      screen = .reader(reader)
    }
  }

  private mutating func activate() {
    switch screen {
    case .home(let menu):
      guard catalog.categories.indices.contains(menu.selection) else { return }
      open(.articles(category: catalog.categories[menu.selection], MenuState()))
    case .articles(let category, let menu):
      let articles = catalog.articles(in: category.name)
      guard articles.indices.contains(menu.selection) else { return }
      let article = articles[menu.selection]
      open(.reader(ReaderState(article: article, lines: layOut(article))))
    case .reader:
      return
    }
  }

  private mutating func open(_ next: Screen) {
    history.append(screen)
    screen = next
  }

  private mutating func goBack() {
    guard let previous = history.popLast() else { return }
    screen = previous
    resize(to: size)
  }

  private func layOut(_ article: Article) -> [TextLine] {
    DocumentLayout.lines(article.document, width: Geometry.textWidth(size), glyphs: glyphs)
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
      menu.scrollIntoView(count: catalog.articles(in: category.name).count,
        visible: Geometry.visibleItems(.articles, size))
      screen = .articles(category: category, menu)
    case .reader(var reader):
      let anchor = reader.lines.indices.contains(reader.top) ? reader.lines[reader.top].anchor : 0
      reader.lines = layOut(reader.article)
      let top = reader.lines.lastIndex { $0.anchor <= anchor } ?? 0
      reader.top = min(reader.top == 0 ? 0 : top, reader.maximumTop(size))
      screen = .reader(reader)
    }
  }

  private mutating func click(_ mouse: MouseEvent) {
    guard !isHelpShown, !Geometry.isTooSmall(size) else {
      if mouse.kind == .press { isHelpShown = false }
      return
    }
    switch mouse.kind {
    case .wheelUp:
      if case .reader = screen { move({ $0 }, scroll: { $0 - 3 }) } else { perform(.moveUp) }
    case .wheelDown:
      if case .reader = screen { move({ $0 }, scroll: { $0 + 3 }) } else { perform(.moveDown) }
    case .press:
      let row = mouse.row - Geometry.headerHeight
      guard row >= 0, row < Geometry.bodyHeight(size) else { return }
      switch screen {
      case .home(let menu):
        pick(menu.top + row / Geometry.itemHeight(.categories))
      case .articles(_, let menu):
        pick(menu.top + row / Geometry.itemHeight(.articles))
      case .reader:
        return
      }
    }
  }

  /// Selects the entry under a click and opens it.
  private mutating func pick(_ index: Int) {
    let count: Int
    switch screen {
    case .home: count = catalog.categories.count
    case .articles(let category, _): count = catalog.articles(in: category.name).count
    case .reader: return
    }
    guard index < count else { return }
    move({ _ in index }, scroll: { $0 })
    activate()
  }
}
