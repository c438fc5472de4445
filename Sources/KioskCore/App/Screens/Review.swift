// The ticket as it will be sent, to Send, Edit or Cancel.

/// The review of a ticket before it is sent.
public struct ReviewState: Hashable, Sendable {
  public var content: TicketContent
  /// 0 Send, 1 Edit, 2 Cancel.
  public var selection = 0
  public var top = 0
  /// Why the last attempt to save the ticket failed, for the person to see.
  public var error: String?
  /// True from Send until the ticket is saved or has failed: keys wait.
  public var isSending = false
}

/// The buttons under the review of a ticket.
public enum ReviewChoice: CaseIterable, Sendable {
  case send, edit, cancel

  public var title: String {
    switch self {
    case .send: "Send"
    case .edit: "Edit"
    case .cancel: "Cancel"
    }
  }
}

extension AppState {
  func reviewBindings(_ review: ReviewState, _ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: Hint(keys.arrows, "Scroll"), footerRank: 2, help: Hint(keys.upDown + "  k j", "Scroll the ticket")),
      Binding(
        [(.tab, .nextField), (.backTab, .previousField)], footer: [Hint("Tab", "Next button")],
        help: Hint("Tab  Shift-Tab", "Send, Edit, Cancel")),
      // ← → move between Send, Edit and Cancel; only Enter chooses.
      Binding([(.left, .previousButton), (.right, .nextButton)]),
      Binding([.enter], .activate, footer: Hint("Enter", "Choose"), footerRank: 1, help: Hint("Enter", "Choose")),
      Binding([.escape, .backspace], .back, footer: Hint("Esc", "Edit"), footerRank: 3, help: Hint("Esc", "Back to the form")),
      Binding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character("b"), .pageUp), (.character(" "), .pageDown)]),
      keys.edges(),
    ] + keys.help.map { $0.ranked(4) } + keys.quit.map { $0.ranked(5) }, isWaiting: review.isSending)
  }

  /// The review's text, wrapped to the window: the summary the e-mail's body is made of.
  public func reviewLines(_ content: TicketContent) -> [[Run]] {
    TicketSummary.lines(content, identity: settings.identity, date: content.createdAt).flatMap { line in
      // Keep a line's indent, and hang a list item's wrapped text under its text.
      let indent = line.prefix { $0 == " " }.count
      let text = String(line.dropFirst(indent))
      let hanging = text.hasPrefix("- ") ? 2 : 0
      return Wrap.lines(
        [Run(text)], width: Geometry.textWidth(size),
        firstPrefix: [Run(String(repeating: " ", count: indent))],
        prefix: [Run(String(repeating: " ", count: indent + hanging))])
    }
  }

  /// Rows of the review's text that fit above its buttons.
  public var reviewHeight: Int { max(Geometry.bodyHeight(size) - 2, 1) }

  func maximumReviewTop(_ review: ReviewState) -> Int {
    max(reviewLines(review.content).count - reviewHeight, 0)
  }

  mutating func chooseOnReview(_ review: ReviewState) -> [Effect] {
    guard let choice = ReviewChoice.allCases[ifPresent: review.selection] else { return [] }
    switch choice {
    case .send:
      var sending = review
      sending.isSending = true
      sending.error = nil
      screen = .review(sending)
      return [.submitTicket(review.content)]
    case .edit:
      goBack()
    case .cancel:
      session.draft = nil
      goBack()
      goBack()
    }
    return []
  }

  /// ↑ ↓ and the page keys scroll the ticket.
  mutating func moveOnReview(_ action: Action, _ review: ReviewState) {
    scrollReview(to: action.target(from: review.top, page: pageLines), review)
  }

  mutating func scrollReview(to top: Int, _ review: ReviewState) {
    var review = review
    review.top = min(max(top, 0), maximumReviewTop(review))
    screen = .review(review)
  }

  mutating func resizeReview(_ review: ReviewState) {
    scrollReview(to: review.top, review)
  }

  /// Tab and Shift-Tab go round the buttons; ← → stop at the ends.
  mutating func moveBetweenReviewButtons(forward: Bool, wrapping: Bool, _ review: ReviewState) {
    var review = review
    let count = ReviewChoice.allCases.count
    review.selection =
      wrapping
      ? (review.selection + (forward ? 1 : count - 1)) % count
      : min(max(review.selection + (forward ? 1 : -1), 0), count - 1)
    screen = .review(review)
  }

  /// The ticket could not be saved: the review says why, and Send works again.
  mutating func notSaved(_ reason: String) {
    guard case .review(var review) = screen else { return }
    review.isSending = false
    review.error = reason
    screen = .review(review)
  }
}
