/// The ticket form, the review and the confirmation.
extension AppState {
  /// A key the focused field of the ticket form takes; nil when it is a command for the
  /// binding table (or no field has the focus).
  mutating func typeInForm(_ key: Key) -> [Effect]? {
    guard var draft = session.draft else {
      goBack()
      return []
    }
    guard draft.focus.isTextField, var field = draft[draft.focus] else { return nil }
    let width = Geometry.fieldWidth(size)
    var handled = true
    switch key {
    case .character(let character): field.insert(String(character))
    case .left: field.moveLeft()
    case .right: field.moveRight()
    case .home: field.moveToLineEdge(end: false, width: width)
    case .end: field.moveToLineEdge(end: true, width: width)
    case .backspace: field.deleteBackward()
    case .delete: field.deleteForward()
    case .enter where field.isMultiline: field.insert("\n")
    case .up where field.isMultiline: handled = field.moveLine(by: -1, width: width)
    case .down where field.isMultiline: handled = field.moveLine(by: 1, width: width)
    default: handled = false
    }
    guard handled else { return nil }
    draft[draft.focus] = field
    session.draft = draft
    return []
  }

  /// Enter on the form: the next field, or the button's action.
  mutating func activateForm() {
    switch session.draft?.focus {
    case .cancel?:
      session.draft = nil
      goBack()
    case .review?:
      reviewDraft()
    default:
      moveFocus(1)
    }
  }

  /// ← → between the buttons of a row; only Enter chooses.
  mutating func moveBetweenButtons(forward: Bool) {
    switch screen {
    case .review(var review):
      review.selection = min(max(review.selection + (forward ? 1 : -1), 0), ReviewChoice.allCases.count - 1)
      screen = .review(review)
    case .ticketForm:
      guard var draft = session.draft, !draft.focus.isTextField else { return }
      let buttons = FormFocus.buttons
      let index = buttons.firstIndex(of: draft.focus) ?? 0
      draft.focus = buttons[min(max(index + (forward ? 1 : -1), 0), buttons.count - 1)]
      session.draft = draft
    default:
      break
    }
  }

  /// Moves the form's focus by one, wrapping around.
  mutating func moveFocus(_ offset: Int) {
    guard var draft = session.draft else { return }
    let count = FormFocus.allCases.count
    draft.focus = FormFocus(rawValue: (draft.focus.rawValue + offset + count) % count) ?? .name
    session.draft = draft
  }

  /// Shows the review when the form is complete, else the errors.
  private mutating func reviewDraft() {
    guard var draft = session.draft else { return }
    let errors = draft.errors
    if let first = FormFocus.allCases.first(where: { errors[$0] != nil }) {
      draft.showsErrors = true
      draft.focus = first
      session.draft = draft
      return
    }
    open(.review(ReviewState(content: ticketContent(draft))))
  }

  /// The ticket the review shows and Send sends: the form, the article, the steps, the vote.
  func ticketContent(_ draft: TicketDraft) -> TicketContent {
    let article = draft.article
    let ticked = session.ticks[article.id] ?? []
    var tried: [String] = []
    var notTried: [String] = []
    for group in article.document.stepGroups {
      for step in group.steps {
        let text = group.heading.isEmpty ? step.text : "\(group.heading) - \(step.text)"
        if ticked.contains(step.id) { tried.append(text) } else { notTried.append(text) }
      }
    }
    var description = draft.description.text
    while description.last?.isWhitespace == true { description.removeLast() }
    return TicketContent(
      name: draft.name.trimmed, contact: draft.contact.trimmed, description: description,
      articleID: article.id, articleTitle: article.title, stepsTried: tried,
      stepsNotTried: notTried, helpful: session.votes[article.id], reason: session.reasons[article.id], createdAt: now)
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
}
