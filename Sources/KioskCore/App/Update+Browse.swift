/// Home, the article lists and the reader.
extension AppState {
  /// Entries a page key moves in a menu.
  private func pageItems(_ kind: MenuKind) -> Int { Geometry.visibleItems(kind, size) }

  mutating func move(_ action: Action) {
    switch screen {
    case .home(var menu):
      menu.select(target(action, from: menu.selection, page: pageItems(.categories)),
        count: catalog.categories.count, visible: pageItems(.categories))
      screen = .home(menu)
    case .articles(let category, var menu):
      menu.select(target(action, from: menu.selection, page: pageItems(.articles)),
        count: catalog.count(in: category.name), visible: pageItems(.articles))
      screen = .articles(category: category, menu)
    case .reader(var reader):
      reader.top = reader.clampedTop(target(action, from: reader.top, page: pageLines), size)
      keepFocusInView(&reader)
      screen = .reader(reader)
    case .contents(var contents):
      contents.menu.select(target(action, from: contents.menu.selection, page: pageItems(.contents)),
        count: contents.entries.count, visible: pageItems(.contents))
      screen = .contents(contents)
    case .checklist(var checklist):
      moveInChecklist(&checklist, action)
      screen = .checklist(checklist)
    case .feedback(var feedback):
      feedback.selection = min(max(target(action, from: feedback.selection, page: 1), 0), FeedbackAnswer.allCases.count - 1)
      screen = .feedback(feedback)
    case .thanks(var choice):
      choice.selection = min(max(target(action, from: choice.selection, page: 1), 0), ThanksChoice.allCases.count - 1)
      screen = .thanks(choice)
    case .notHelpfulReason(var reason):
      reason.selection = min(max(target(action, from: reason.selection, page: 1), 0), ReasonChoice.allCases.count - 1)
      screen = .notHelpfulReason(reason)
    case .stillNeedHelp(var choice):
      choice.selection = min(max(target(action, from: choice.selection, page: 1), 0), stuckChoices(choice.article).count - 1)
      screen = .stillNeedHelp(choice)
    case .review(var review):
      review.top = min(max(target(action, from: review.top, page: pageLines), 0), maximumReviewTop(review))
      screen = .review(review)
    case .admin(var admin):
      admin.selection = min(max(target(action, from: admin.selection, page: 1), 0), AdminChoice.allCases.count - 1)
      screen = .admin(admin)
    case .search(var search):
      let visible = pageItems(.results)
      search.menu.select(target(action, from: search.menu.selection, page: visible),
        count: search.choices.count, visible: visible)
      screen = .search(search)
    case .ticketForm:
      // ↑ ↓ move between the form's fields and buttons.
      if action == .moveUp || action == .moveDown { moveFocus(action == .moveUp ? -1 : 1) }
    case .confirmation, .adminPin, .takeAway, .own:
      // Nothing to move, or the own screen has moved itself (`performOnOwnScreen`).
      break
    }
  }

  /// Enter on a menu entry opens it; in the reader, Enter opens the steps. Opening an
  /// article counts a view.
  mutating func openSelection() -> [Effect] {
    switch screen {
    case .home(let menu):
      guard catalog.categories.indices.contains(menu.selection) else { return [] }
      return openCategory(catalog.categories[menu.selection])
    case .articles(let category, let menu):
      let articles = catalog.articles(in: category.name)
      guard articles.indices.contains(menu.selection) else { return [] }
      return openArticle(articles[menu.selection])
    case .reader(let reader):
      var checklist = ChecklistState(article: reader.article)
      scrollIntoView(&checklist)
      open(.checklist(checklist))
    default:
      break
    }
    return []
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
        reader.top = readerTop(showing: find.matches[find.current].line, reader)
      }
    }
    open(.reader(reader))
    return [.recordView(articleID: article.id)]
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
      else { return [] }
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

  mutating func click(_ mouse: MouseEvent) -> [Effect] {
    guard !isHelpShown, !Geometry.isTooSmall(size) else {
      if mouse.kind == .press { isHelpShown = false }
      return []
    }
    switch mouse.kind {
    case .wheelUp, .wheelDown:
      let up = mouse.kind == .wheelUp
      switch screen {
      case .reader(var reader):
        reader.top = reader.clampedTop(reader.top + (up ? -3 : 3), size)
        keepFocusInView(&reader)
        screen = .reader(reader)
      case .review(var review):
        review.top = min(max(review.top + (up ? -3 : 3), 0), maximumReviewTop(review))
        screen = .review(review)
      default:
        move(up ? .moveUp : .moveDown)
      }
      return []
    case .press:
      let row = mouse.row - Geometry.headerHeight
      guard row >= 0 else { return [] }
      switch screen {
      case .home(let menu) where row / Geometry.itemHeight(.categories) < pageItems(.categories):
        return pick(menu.top + row / Geometry.itemHeight(.categories), count: catalog.categories.count)
      case .articles(let category, let menu) where row / Geometry.itemHeight(.articles) < pageItems(.articles):
        return pick(menu.top + row / Geometry.itemHeight(.articles), count: catalog.count(in: category.name))
      default:
        return []
      }
    }
  }

  /// A link scrolled out of view is no longer the one Enter follows.
  func keepFocusInView(_ reader: inout ReaderState) {
    if let focused = reader.focusedLink, !reader.linksInView(size).contains(where: { $0.number == focused }) {
      reader.focusedLink = nil
    }
  }

  /// Selects the menu entry under a click and opens it.
  private mutating func pick(_ index: Int, count: Int) -> [Effect] {
    guard index < count else { return [] }
    switch screen {
    case .home(var menu):
      menu.select(index, count: count, visible: pageItems(.categories))
      screen = .home(menu)
    case .articles(let category, var menu):
      menu.select(index, count: count, visible: pageItems(.articles))
      screen = .articles(category: category, menu)
    default:
      return []
    }
    return openSelection()
  }
}
