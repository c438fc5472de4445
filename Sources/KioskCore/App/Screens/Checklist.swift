// An article's steps as a checklist to tick, then "It's fixed" or "I still need help".

/// The fix-it steps of an article, with the selected item (a step or one of the two
/// actions after them) and the first row shown.
public struct ChecklistState: Hashable, Sendable {
  public var article: Article
  public var selection = 0
  public var top = 0

  public init(article: Article, selection: Int = 0, top: Int = 0) {
    self.article = article
    self.selection = selection
    self.top = top
  }
}

extension AppState {
  func checklistBindings(_ checklist: ChecklistState, _ keys: SharedKeys) -> BindingTable {
    let isOnStep = ChecklistLayout.action(at: checklist.selection, of: checklist.article) == nil
    return BindingTable([
      keys.moves(footer: Hint(keys.arrows, "Move"), footerRank: 1, help: Hint(keys.upDown + "  k j", "Move between steps")),
      Binding(
        [.character(" ")], .toggle, footer: Hint("Space", isOnStep ? "Tick" : "Choose"),
        help: Hint("Space", "Tick or untick a step")),
      keys.activate(help: Hint("Enter", "Tick, or choose a button")),
      Binding(
        [(.tab, .nextField), (.backTab, .previousField)], footer: [Hint("Tab", "Buttons")], footerRank: 2,
        help: Hint("Tab  Shift-Tab", "To the buttons and back")),
      keys.back(footer: Hint("Esc", "Back"), footerRank: 3, help: Hint("Esc  Backspace", "Back to the article")),
      keys.pages(), keys.edges(),
    ] + keys.help.map { $0.ranked(4) } + keys.quit.map { $0.ranked(5) })
  }

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
    checklist.selection = action.target(from: checklist.selection, page: page)
    scrollIntoView(&checklist)
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
  func after(_ reason: FeedbackState.Reason, _ article: Article) -> Screen {
    reason == .fixed ? .thanks(ChoiceState(article: article)) : .stillNeedHelp(ChoiceState(article: article))
  }

  mutating func moveOnChecklist(_ action: Action, _ checklist: ChecklistState) {
    var checklist = checklist
    moveInChecklist(&checklist, action)
    screen = .checklist(checklist)
  }

  mutating func resizeChecklist(_ checklist: ChecklistState) {
    var checklist = checklist
    scrollIntoView(&checklist)
    screen = .checklist(checklist)
  }

  /// Tab and Shift-Tab: the first step, then each of the actions after the steps.
  mutating func cycleChecklist(forward: Bool, _ checklist: ChecklistState) {
    var checklist = checklist
    let count = ChecklistLayout.itemCount(checklist.article)
    let firstAction = count - ChecklistAction.allCases.count
    let stops = (firstAction > 0 ? [0] : []) + Array(firstAction..<count)
    if forward {
      checklist.selection = stops.first { $0 > checklist.selection } ?? stops[0]
    } else {
      checklist.selection = stops.last { $0 < checklist.selection } ?? count - 1
    }
    scrollIntoView(&checklist)
    screen = .checklist(checklist)
  }
}
