// The ticket form: name, contact and what happened, then Review or Cancel.

extension FormFocus {
  /// The buttons under the ticket form, in order.
  public static let buttons: [FormFocus] = [.review, .cancel]

  public var buttonTitle: String { self == .cancel ? "Cancel" : "Review" }
}

extension AppState {
  func formBindings(_ keys: SharedKeys) -> BindingTable {
    let focus = session.draft?.focus ?? .name
    let sides = settings.glyphs.isUnicode ? "← →  Home End" : "Left Right  Home End"
    // What Enter does where the focus is.
    let enterLabel = switch focus {
    case .name, .contact: "Next"
    case .description: "New line"
    case .review: "Review"
    case .cancel: "Discard"
    }
    let enter = Hint("Enter", enterLabel)
    let tab = Binding(
      [(.tab, .nextField), (.backTab, .previousField)], footer: [Hint("Tab", "Next"), Hint("Shift-Tab", "Previous")],
      help: Hint("Tab  Shift-Tab", "Next, previous field"))
    guard focus.isTextField else {
      // On the buttons: ← → between them; the letters are keys again.
      return BindingTable([
        tab,
        Binding([(.left, .previousButton), (.right, .nextButton), (.home, .edit), (.end, .edit)],
          help: Hint(sides, "Move in the text")),
        Binding([.delete], .edit, help: Hint("Backspace  Delete", "Delete a character")),
        Binding([.enter], .activate, footer: enter, help: Hint("Enter", "Next field; new line in the box")),
        Binding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
          help: Hint(keys.upDown, "Lines, or fields")),
        Binding([.escape, .backspace], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back (your text is kept)")),
      ] + keys.help.map(\.withF1Label) + keys.quit)
    }
    return BindingTable([
      tab,
      Binding([.left, .right, .home, .end], .edit, help: Hint(sides, "Move in the text")),
      Binding([.backspace, .delete], .edit, help: Hint("Backspace  Delete", "Delete a character")),
      Binding([.enter], .activate, footer: enter, help: Hint("Enter", "Next field; new line in the box")),
      Binding([(.up, .moveUp), (.down, .moveDown)], help: Hint(keys.upDown, "Lines, or fields")),
      Binding([.escape], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back (your text is kept)")),
    ] + keys.help)
  }

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

  /// ← → between the buttons under the form, when one of them has the focus.
  mutating func moveBetweenFormButtons(forward: Bool) {
    guard var draft = session.draft, !draft.focus.isTextField else { return }
    let buttons = FormFocus.buttons
    let index = buttons.firstIndex(of: draft.focus) ?? 0
    draft.focus = buttons[min(max(index + (forward ? 1 : -1), 0), buttons.count - 1)]
    session.draft = draft
  }
}
