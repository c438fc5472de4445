// "Glad that helped": after "It's fixed" and a vote, Home or back to the article.

/// A screen of a few buttons about an article ("Still need help?", "Glad that helped").
public struct ChoiceState: Hashable, Sendable {
  public var article: Article
  public var selection = 0
}

/// The buttons after "It's fixed" and a vote.
public enum ThanksChoice: CaseIterable, Sendable {
  case home, backToArticle

  public var title: String { self == .home ? "Home" : "Back to the article" }
}

extension AppState {
  func thanksBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move between buttons")),
      keys.activate(footer: Hint("Enter", "Go"), help: Hint("Enter", "Choose")),
      keys.back(help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  mutating func chooseAfterThanks(_ choice: ChoiceState) {
    switch ThanksChoice.allCases[ifPresent: choice.selection] {
    case .home?: goHome()
    case .backToArticle?: backToReader()
    case nil: break
    }
  }

  mutating func moveOnThanks(_ action: Action, _ choice: ChoiceState) {
    var choice = choice
    choice.selection = action.button(from: choice.selection, count: ThanksChoice.allCases.count)
    screen = .thanks(choice)
  }
}
