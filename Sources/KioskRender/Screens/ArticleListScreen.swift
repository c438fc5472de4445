import KioskCore

/// The articles of one category: title, summary, read time and last update.
enum ArticleListScreen {
  static func draw(
    _ state: AppState, _ category: Category, _ menu: MenuState, into grid: inout CellGrid
  ) {
    Frame.titleBar(state, into: &grid)
    Frame.heading(category.name, category.description, state, into: &grid)
    let articles = state.catalog.articles(in: category.name)
    let entries = articles.lazy.map { article in
      MenuList.Entry(
        title: article.title, note: "",
        details: [
          article.summary,
          "\(article.readMinutes) min read \(state.settings.glyphs.middleDot) Updated \(article.updated.longText)",
        ])
    }
    MenuList.draw(entries, menu, kind: .articles, state, into: &grid)
    let visible = Geometry.visibleItems(.articles, state.size)
    Frame.footer(
      Frame.hints(state),
      position: Frame.range(menu, count: entries.count, visible: visible, state.settings.glyphs),
      state, into: &grid)
  }
}
