// "Was this article helpful?": Yes or No, by button or by letter.

/// "Was this article helpful?", and where the answer leads.
public struct FeedbackState: Hashable, Sendable {
  /// What the person chose on the checklist.
  public enum Reason: Hashable, Sendable {
    case fixed
    case needHelp
  }

  public var article: Article
  public var reason: Reason
  /// 0 is Yes, 1 is No.
  public var selection = 0
}

/// The answers to "Was this article helpful?".
public enum FeedbackAnswer: CaseIterable, Sendable {
  case yes, no

  public var title: String { self == .yes ? "Yes" : "No" }
}

extension AppState {
  func feedbackBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move between buttons")),
      // The one way to answer but y and n: kept in the narrowest footer.
      keys.activate(footer: Hint("Enter", "Answer", isEssential: true), help: Hint("Enter", "Choose")),
      Binding(
        [(.character("y"), .answer(helpful: true)), (.character("n"), .answer(helpful: false))],
        footer: [Hint("y n", "Yes, No")], help: Hint("y  n", "Yes, No")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  /// Records the answer once per article in a session and moves on.
  mutating func answer(helpful: Bool) -> [Effect] {
    guard case .feedback(let feedback) = screen else { return [] }
    let id = feedback.article.id
    let isFirstAnswer = session.votes[id] == nil
    session.votes[id] = helpful
    guard isFirstAnswer else {
      replace(with: after(feedback.reason, feedback.article))
      return []
    }
    // A first "No" asks what went wrong; Skip (or Esc) costs one key.
    replace(with: helpful ? after(feedback.reason, feedback.article) : .notHelpfulReason(
      ReasonState(article: feedback.article, then: feedback.reason)))
    return [.recordVote(articleID: id, helpful: helpful)]
  }

  mutating func moveOnFeedback(_ action: Action, _ feedback: FeedbackState) {
    var feedback = feedback
    feedback.selection = action.button(from: feedback.selection, count: FeedbackAnswer.allCases.count)
    screen = .feedback(feedback)
  }

  /// Enter answers with the selected button.
  mutating func activateFeedback(_ feedback: FeedbackState) -> [Effect] {
    guard let chosen = FeedbackAnswer.allCases[ifPresent: feedback.selection] else { return [] }
    return answer(helpful: chosen == .yes)
  }
}
