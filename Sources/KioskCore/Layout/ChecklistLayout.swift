/// The two actions after an article's steps.
public enum ChecklistAction: Hashable, Sendable, CaseIterable {
  case fixed
  case needHelp

  public var title: String {
    switch self {
    case .fixed: "It's fixed"
    case .needHelp: "I still need help"
    }
  }
}

/// One row of the checklist screen.
public struct ChecklistLine: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case heading
    /// A row of a step's text; `isFirst` on the row that carries its box.
    case step(Step, isFirst: Bool)
    case action(ChecklistAction)
    case blank
  }

  public var kind: Kind
  public var text: String
  /// The selectable item the row belongs to: steps first, then the actions.
  public var item: Int?
}

/// Lays out an article's steps under their headings, then the two actions.
public enum ChecklistLayout {
  /// Columns taken by a step's box and the space after it: "[ ] ".
  public static let boxWidth = 4

  /// The number of selectable items: every step and the two actions.
  public static func itemCount(_ article: Article) -> Int {
    article.document.stepGroups.reduce(0) { $0 + $1.steps.count } + ChecklistAction.allCases.count
  }

  /// The action at an item index, if it is one.
  public static func action(at item: Int, of article: Article) -> ChecklistAction? {
    let steps = itemCount(article) - ChecklistAction.allCases.count
    let index = item - steps
    return ChecklistAction.allCases.indices.contains(index) ? ChecklistAction.allCases[index] : nil
  }

  public static func lines(_ article: Article, width: Int) -> [ChecklistLine] {
    var lines: [ChecklistLine] = []
    let width = max(width, boxWidth + 4)
    var item = 0
    for group in article.document.stepGroups {
      if !lines.isEmpty { lines.append(ChecklistLine(kind: .blank, text: "", item: nil)) }
      if !group.heading.isEmpty {
        for wrapped in Wrap.lines([Run(group.heading)], width: width) {
          lines.append(ChecklistLine(kind: .heading, text: wrapped.map(\.text).joined(), item: nil))
        }
      }
      for step in group.steps {
        for (index, wrapped) in Wrap.lines([Run(step.text)], width: width - boxWidth).enumerated() {
          lines.append(ChecklistLine(
            kind: .step(step, isFirst: index == 0), text: wrapped.map(\.text).joined(), item: item))
        }
        item += 1
      }
    }
    if !lines.isEmpty { lines.append(ChecklistLine(kind: .blank, text: "", item: nil)) }
    for action in ChecklistAction.allCases {
      lines.append(ChecklistLine(kind: .action(action), text: action.title, item: item))
      item += 1
    }
    return lines
  }

  /// The rows to keep in view for an item: its own, and the headings right above it.
  public static func rows(of item: Int, in lines: [ChecklistLine]) -> ClosedRange<Int> {
    guard let first = lines.firstIndex(where: { $0.item == item }),
      let last = lines.lastIndex(where: { $0.item == item })
    else { return 0...0 }
    var start = first
    while start > 0, lines[start - 1].kind == .heading { start -= 1 }
    return start...last
  }
}
