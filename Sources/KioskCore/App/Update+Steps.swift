/// The checklist, "Was this article helpful?", and the screens after it.
extension AppState {
  /// The rows of a checklist at the current width.
  func checklistLines(_ article: Article) -> [ChecklistLine] {
    ChecklistLayout.lines(article, width: Geometry.textWidth(size))
  }

  /// Keeps the selected item, and the headings above it, in view.
  func scrollIntoView(_ checklist: inout ChecklistState) {
    let lines = checklistLines(checklist.article)
    let height = Geometry.bodyHeight(size)
    let count = ChecklistLayout.itemCount(checklist.article)
    checklist.selection = min(max(checklist.selection, 0), count - 1)
    let rows = ChecklistLayout.rows(of: checklist.selection, in: lines)
    if rows.lowerBound < checklist.top { checklist.top = rows.lowerBound }
    if rows.upperBound >= checklist.top + height {
      checklist.top = min(rows.upperBound - height + 1, rows.lowerBound)
    }
    checklist.top = min(max(checklist.top, 0), max(lines.count - height, 0))
  }

  func moveInChecklist(_ checklist: inout ChecklistState, _ action: Action) {
    let page = max(Geometry.bodyHeight(size) / 2, 1)
    checklist.selection = target(action, from: checklist.selection, page: page)
    scrollIntoView(&checklist)
  }

  /// Tab and Shift-Tab: between the steps and the two actions at the end, the fields and
  /// buttons of the form, the buttons of the review.
  mutating func cycle(forward: Bool) {
    switch screen {
    case .checklist(var checklist):
      let count = ChecklistLayout.itemCount(checklist.article)
      let firstAction = count - ChecklistAction.allCases.count
      // Tab stops: the first step, then each action.
      let stops = (firstAction > 0 ? [0] : []) + Array(firstAction..<count)
      if forward {
        checklist.selection = stops.first { $0 > checklist.selection } ?? stops[0]
      } else {
        checklist.selection = stops.last { $0 < checklist.selection } ?? count - 1
      }
      scrollIntoView(&checklist)
      screen = .checklist(checklist)
    case .review(var review):
      let count = ReviewChoice.allCases.count
      review.selection = (review.selection + (forward ? 1 : count - 1)) % count
      screen = .review(review)
    case .ticketForm:
      moveFocus(forward ? 1 : -1)
    default:
      move(forward ? .moveDown : .moveUp)
    }
  }

  mutating func toggleStep() {
    guard case .checklist(let checklist) = screen,
      ChecklistLayout.action(at: checklist.selection, of: checklist.article) == nil
    else { return }
    let id = checklist.article.id
    var ticks = session.ticks[id] ?? []
    if ticks.remove(checklist.selection) == nil { ticks.insert(checklist.selection) }
    session.ticks[id] = ticks
  }

  mutating func activateChecklist(_ checklist: ChecklistState) -> [Effect] {
    guard let action = ChecklistLayout.action(at: checklist.selection, of: checklist.article) else {
      toggleStep()
      return []
    }
    let reason: FeedbackState.Reason = action == .fixed ? .fixed : .needHelp
    if session.votes[checklist.article.id] == nil {
      open(.feedback(FeedbackState(article: checklist.article, reason: reason)))
    } else {
      open(after(reason, checklist.article))
    }
    // A problem solved without a ticket, once per article and visit.
    guard action == .fixed, session.fixed.insert(checklist.article.id).inserted else { return [] }
    return [.recordOutcome(.fixed(articleID: checklist.article.id))]
  }

  /// The screen that follows the vote.
  private func after(_ reason: FeedbackState.Reason, _ article: Article) -> Screen {
    reason == .fixed ? .thanks(ChoiceState(article: article)) : .stillNeedHelp(ChoiceState(article: article))
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

  /// The reason chosen (or Skip): stored, kept for a ticket, and on to what comes next.
  mutating func chooseReason(_ state: ReasonState, skipping: Bool = false) -> [Effect] {
    replace(with: after(state.then, state.article))
    guard !skipping, case .reason(let reason)? = ReasonChoice.allCases[ifPresent: state.selection] else { return [] }
    session.reasons[state.article.id] = reason
    return [.recordReason(articleID: state.article.id, reason: reason)]
  }

  /// The buttons of "What went wrong?": the reasons, then Skip.
  public static var reasonButtons: [String] { ReasonChoice.allCases.map(\.title) }

  mutating func chooseAfterThanks(_ choice: ChoiceState) {
    switch ThanksChoice.allCases[ifPresent: choice.selection] {
    case .home?: goHome()
    case .backToArticle?: backToReader()
    case nil: break
    }
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
}
