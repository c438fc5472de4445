// "What went wrong?": why an article did not help, or Skip; optional, after "No".

/// Why an article did not help, as the person says after "No".
public enum NotHelpfulReason: String, Hashable, Sendable, CaseIterable {
  case stepsDidNotWork = "steps_did_not_work"
  case hardToFollow = "hard_to_follow"
  case outOfDate = "out_of_date"
  case notMyProblem = "not_my_problem"

  /// The button, and the line in a ticket.
  public var label: String {
    switch self {
    case .stepsDidNotWork: "The steps did not work"
    case .hardToFollow: "It was hard to follow"
    case .outOfDate: "It is out of date"
    case .notMyProblem: "It is not my problem"
    }
  }
}

/// "What went wrong?" after "No": a reason, or Skip.
public struct ReasonState: Hashable, Sendable {
  public var article: Article
  /// Where the answer leads next.
  public var then: FeedbackState.Reason
  /// An index into `NotHelpfulReason.allCases`; one past the last is Skip.
  public var selection = 0
}

/// The buttons of "What went wrong?": the reasons, then Skip.
public enum ReasonChoice: Hashable, Sendable, CaseIterable {
  case reason(NotHelpfulReason)
  case skip

  public static var allCases: [ReasonChoice] { NotHelpfulReason.allCases.map(ReasonChoice.reason) + [.skip] }

  public var title: String {
    switch self {
    case .reason(let reason): reason.label
    case .skip: "Skip"
    }
  }
}

extension AppState {
  func reasonBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Choose what went wrong")),
      keys.activate(footer: Hint("Enter", "OK", isEssential: true), help: Hint("Enter", "Tell us")),
      // Esc skips: the screen was put in the place of the question, so Back would leave.
      Binding([.escape, .left, .backspace], .skip, footer: Hint("Esc", "Skip", isEssential: true), help: Hint("Esc", "Skip")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  /// The reason chosen (or Skip): stored, kept for a ticket, and on to what comes next.
  mutating func chooseReason(_ state: ReasonState, skipping: Bool = false) -> [Effect] {
    replace(with: after(state.then, state.article))
    guard !skipping, case .reason(let reason)? = ReasonChoice.allCases[ifPresent: state.selection] else { return [] }
    session.reasons[state.article.id] = reason
    return [.recordReason(articleID: state.article.id, reason: reason)]
  }

  /// The buttons of "What went wrong?": the reasons, then Skip.
  public static var reasonButtons: [String] { ReasonChoice.allCases.map(\.title) }

  mutating func moveOnReason(_ action: Action, _ reason: ReasonState) {
    var reason = reason
    reason.selection = action.button(from: reason.selection, count: ReasonChoice.allCases.count)
    screen = .notHelpfulReason(reason)
  }
}
