/// A fix-it step: a task-list item of an article, under the heading it belongs to.
public struct Step: Hashable, Sendable, Identifiable {
  /// The step's position among all the article's steps, from 0.
  public var id: Int
  public var text: String

  public init(id: Int, text: String) {
    self.id = id
    self.text = text
  }
}

/// The steps that stand under one heading ("Step 1: Simply Log In Again").
public struct StepGroup: Hashable, Sendable {
  public var heading: String
  public var steps: [Step]

  public init(heading: String, steps: [Step]) {
    self.heading = heading
    self.steps = steps
  }
}

extension Document {
  /// The task-list items in reading order, grouped under the nearest heading above them.
  public var stepGroups: [StepGroup] {
    var groups: [StepGroup] = []
    var heading = ""
    /// A heading came since the last step: the next step starts a group.
    var isNewSection = true
    var count = 0

    func visit(_ blocks: [Block]) {
      for block in blocks {
        switch block {
        case .heading(_, let spans):
          heading = spans.plainText
          isNewSection = true
        case .list(let list):
          for item in list.items {
            if item.task != nil {
              let text = item.blocks.compactMap(\.inlineText).joined(separator: " ")
              if isNewSection {
                groups.append(StepGroup(heading: heading, steps: []))
                isNewSection = false
              }
              groups[groups.count - 1].steps.append(Step(id: count, text: text))
              count += 1
            }
            visit(item.blocks.filter(\.isContainer))
          }
        case .quote(let inner):
          visit(inner)
        case .paragraph, .code, .rule:
          continue
        }
      }
    }

    visit(blocks)
    return groups
  }
}

extension Block {
  /// The text of a paragraph or heading; nil for other blocks.
  var inlineText: String? {
    switch self {
    case .paragraph(let spans), .heading(_, let spans): spans.plainText
    default: nil
    }
  }

  var isContainer: Bool {
    switch self {
    case .list, .quote: true
    default: false
    }
  }
}
