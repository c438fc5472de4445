// A category's articles, by title, each with its summary; Enter or a click opens one.

extension AppState {
  func articlesBindings(_ keys: SharedKeys) -> BindingTable {
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

  /// Opens a category's list; one not listed yet is read first, and opens when it arrives.
  mutating func openCategory(_ category: Category) -> [Effect] {
    guard catalog.isListed(category.name) else {
      awaited = .category(category)
      return [.loadCategory(category.name)]
    }
    awaited = nil
    open(.articles(category: category, MenuState()))
    return []
  }

  mutating func moveInList(_ action: Action, _ category: Category, _ menu: MenuState) {
    var menu = menu
    menu.move(action, count: catalog.count(in: category.name), visible: Geometry.visibleItems(.articles, size))
    screen = .articles(category: category, menu)
  }

  mutating func resizeList(_ category: Category, _ menu: MenuState) {
    var menu = menu
    menu.scrollIntoView(count: catalog.count(in: category.name), visible: Geometry.visibleItems(.articles, size))
    screen = .articles(category: category, menu)
  }

  /// Enter opens the selected article.
  mutating func activateList(_ category: Category, _ menu: MenuState) -> [Effect] {
    guard let article = catalog.articles(in: category.name)[ifPresent: menu.selection] else { return [] }
    return openArticle(article)
  }

  /// A click on an article selects it and opens it.
  mutating func clickOnList(row: Int, _ category: Category, _ menu: MenuState) -> [Effect] {
    let count = catalog.count(in: category.name)
    guard var menu = menu.clicked(row: row, kind: .articles, count: count, size) else { return [] }
    menu.scrollIntoView(count: count, visible: Geometry.visibleItems(.articles, size))
    screen = .articles(category: category, menu)
    return activateList(category, menu)
  }
}
