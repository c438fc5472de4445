// Home: the categories, each with how many articles it holds. Letters typed here start a
// search; Enter or a click opens a category's list.

extension AppState {
  func homeBindings(_ keys: SharedKeys) -> BindingTable {
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

  /// ↑ ↓ and the page keys over the categories.
  mutating func moveOnHome(_ action: Action, _ menu: MenuState) {
    var menu = menu
    menu.move(action, count: catalog.categories.count, visible: Geometry.visibleItems(.categories, size))
    screen = .home(menu)
  }

  mutating func resizeHome(_ menu: MenuState) {
    var menu = menu
    menu.scrollIntoView(count: catalog.categories.count, visible: Geometry.visibleItems(.categories, size))
    screen = .home(menu)
  }

  /// Enter opens the selected category.
  mutating func activateHome(_ menu: MenuState) -> [Effect] {
    guard let category = catalog.categories[ifPresent: menu.selection] else { return [] }
    return openCategory(category)
  }

  /// A click on a category selects it and opens it.
  mutating func clickOnHome(row: Int, _ menu: MenuState) -> [Effect] {
    guard var menu = menu.clicked(row: row, kind: .categories, count: catalog.categories.count, size) else { return [] }
    menu.scrollIntoView(count: catalog.categories.count, visible: Geometry.visibleItems(.categories, size))
    screen = .home(menu)
    return activateHome(menu)
  }

  /// A letter starts a search with it.
  mutating func typeOnHome(_ key: Key) -> [Effect]? {
    guard startsSearch(key), case .character(let character) = key else { return nil }
    return openSearch(String(character))
  }
}
