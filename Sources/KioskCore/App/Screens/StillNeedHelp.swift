// "Still need help?": a ticket, back to the article, Home, or a related article.

/// The buttons of "Still need help?": a ticket, back, Home, then the related articles.
public enum StuckChoice: Hashable, Sendable {
  case openTicket, backToArticle, home
  case read(Article)

  /// The fixed buttons, before the related articles.
  public static let fixed: [StuckChoice] = [.openTicket, .backToArticle, .home]

  public var title: String {
    switch self {
    case .openTicket: "Open a ticket"
    case .backToArticle: "Back to the article"
    case .home: "Home"
    case .read(let article): "Read: \(article.title)"
    }
  }
}

extension AppState {
  func stillNeedHelpBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move between buttons")),
      keys.activate(footer: Hint("Enter", "Go"), help: Hint("Enter", "Choose")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  /// The buttons of "Still need help?": a ticket, back, Home, then the related articles.
  public func stuckChoices(_ article: Article) -> [StuckChoice] {
    StuckChoice.fixed + relatedArticles(article).map(StuckChoice.read)
  }

  /// Their titles, as the screen shows them.
  public func stuckButtons(_ article: Article) -> [String] {
    stuckChoices(article).map(\.title)
  }

  mutating func chooseWhenStuck(_ choice: ChoiceState) -> [Effect] {
    guard let chosen = stuckChoices(choice.article)[ifPresent: choice.selection] else { return [] }
    switch chosen {
    case .read(let article):
      return openArticle(article)
    case .openTicket:
      if session.draft?.article.id != choice.article.id {
        session.draft = TicketDraft(article: choice.article)
      }
      session.draft?.focus = .name
      open(.ticketForm)
    case .backToArticle:
      backToReader()
    case .home:
      goHome()
    }
    return []
  }

  mutating func moveOnStuck(_ action: Action, _ choice: ChoiceState) {
    var choice = choice
    choice.selection = action.button(from: choice.selection, count: stuckChoices(choice.article).count)
    screen = .stillNeedHelp(choice)
  }
}
