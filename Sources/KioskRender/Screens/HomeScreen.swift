import KioskCore

/// Home: the organisation's categories, each with its description and article count.
enum HomeScreen {
  static func draw(_ state: AppState, _ menu: MenuState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("How can we help?", "Choose a topic, or type words of your problem to search.", state, into: &grid)
    let entries = state.catalog.categories.map { category in
      let count = state.catalog.count(in: category.name)
      return MenuList.Entry(
        title: category.name, note: count == 1 ? "1 article" : "\(count) articles",
        details: [category.description])
    }
    if entries.isEmpty {
      let message = "No articles are available right now. For help, e-mail "
        + "\(state.settings.contact.email) or call \(state.settings.contact.phone)."
      let width = grid.size.columns - 2 * Geometry.margin
      for (offset, line) in Wrap.lines([Run(message)], width: width).enumerated() {
        grid.write(line, row: Geometry.headerHeight + offset, column: Geometry.margin)
      }
      grid.cursor = (Geometry.headerHeight, Geometry.margin)
    }
    MenuList.draw(entries, menu, kind: .categories, state, into: &grid)
    let visible = Geometry.visibleItems(.categories, state.size)
    Frame.footer(
      Frame.hints(state),
      position: Frame.range(menu, count: entries.count, visible: visible, state.settings.glyphs),
      state, into: &grid)
  }
}
