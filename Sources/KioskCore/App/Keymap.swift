/// What a key means on a screen, independent of how the terminal spelled it.
public enum Action: Hashable, Sendable {
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  case activate, back
  /// Tick or untick the step under the cursor.
  case toggle
  case nextField, previousField
  /// ← → between the buttons of a row (the review's, the form's).
  case previousButton, nextButton
  case help
  /// Leave the program (development mode only).
  case quit
  /// The focused text field takes the key (text, Backspace, ← →): it is edited before the
  /// table is asked, so the binding only names the key for the help.
  case edit
  /// "Was this article helpful?" answered by a letter.
  case answer(helpful: Bool)
  /// "What went wrong?" left without an answer.
  case skip
  /// Home: open the search screen.
  case startSearch
  /// The reader: start typing words to find, move between their matches, forget them.
  case find, nextMatch, previousMatch, forgetMatches
  /// The words to find are typed: find them, or stop typing.
  case finishFinding, cancelFinding
  /// The reader: move between the links in view, or follow the link of this number.
  case nextLink, previousLink
  case followLink(Int)
  /// The reader: the article's contents, or its web address as a QR code.
  case contents, takeAway
  /// The confirmation: the person is done.
  case finish

  /// Where a move lands from `index`: one step, a `page`, or an end (far past the last, for
  /// the caller to clamp). Other actions stay at `index`.
  public func target(from index: Int, page: Int) -> Int {
    switch self {
    case .moveUp: index - 1
    case .moveDown: index + 1
    case .pageUp: index - page
    case .pageDown: index + page
    case .top: 0
    case .bottom: Int.max / 2
    default: index
    }
  }

  /// Where a move lands among `count` buttons, one step at a time.
  public func button(from index: Int, count: Int) -> Int {
    min(max(target(from: index, page: 1), 0), count - 1)
  }
}

/// Which kind of key table applies: in a text field printable keys are text, not commands.
public enum KeyContext: Hashable, Sendable {
  /// Lists and buttons.
  case menu
  case reader
  case checklist
  /// A text field has the focus: printable keys are text, not commands.
  case text
}

/// A key hint as the footer or the help overlay shows it: the keys, and what they do.
public struct Hint: Hashable, Sendable {
  public var keys: String
  public var label: String
  /// Kept when the footer is too narrow for every hint; nil leaves it to the keys (the
  /// ways back, to help and out are kept).
  public var isEssential: Bool?

  public init(_ keys: String, _ label: String, isEssential: Bool? = nil) {
    self.keys = keys
    self.label = label
    self.isEssential = isEssential
  }
}

/// One line of a screen's binding table: keys, what each does, and how the footer and the
/// help overlay name them. A binding without hints is a key that works but is not offered.
public struct Binding: Sendable {
  /// The keys, each with its action, in the order the help names them.
  public var keys: [(key: Key, action: Action)]
  /// The hints this binding puts in the footer (none, one, or one per key: Tab, Shift-Tab).
  public var footer: [Hint]
  /// Where the footer puts them among the screen's hints, when it differs from the help's
  /// order; equal ranks keep the table's order.
  public var footerRank: Int
  /// Its line in the help overlay.
  public var help: Hint?

  public init(
    _ keys: [(key: Key, action: Action)], footer: [Hint] = [], footerRank: Int = 0, help: Hint? = nil
  ) {
    self.keys = keys
    self.footer = footer
    self.footerRank = footerRank
    self.help = help
  }

  /// Keys that all do one thing.
  public init(
    _ keys: [Key], _ action: Action, footer: Hint? = nil, footerRank: Int = 0, help: Hint? = nil
  ) {
    self.init(keys.map { ($0, action) }, footer: footer.map { [$0] } ?? [], footerRank: footerRank, help: help)
  }

  /// A line of the help about something that is not a key (the mouse).
  public static func note(_ help: Hint) -> Binding {
    Binding([], .edit, help: help)
  }

  /// What this binding does with a key, if it takes it.
  public func action(for key: Key) -> Action? {
    keys.first { $0.key == key }?.action
  }
}

/// The bindings of one screen in its present state: the one place that says which keys it
/// takes, and what the footer and the help say about them (docs/architecture.md).
public struct BindingTable: Sendable {
  public var bindings: [Binding]
  /// What a key bound nowhere in the table does ("Any key" on the confirmation).
  public var otherKeys: Action?
  /// Keys wait while the screen waits for an answer (the ticket being saved, the PIN being
  /// checked); the hints stay.
  public var isWaiting: Bool

  public init(_ bindings: [Binding], otherKeys: Action? = nil, isWaiting: Bool = false) {
    self.bindings = bindings
    self.otherKeys = otherKeys
    self.isWaiting = isWaiting
  }

  /// The first binding that takes the key.
  public func binding(for key: Key) -> Binding? {
    bindings.first { $0.action(for: key) != nil }
  }

  /// What the key does here; nil when nothing.
  public func action(for key: Key) -> Action? {
    binding(for: key)?.action(for: key) ?? otherKeys
  }

  /// The footer's hints, in the footer's order.
  public var footer: [Hint] {
    bindings.enumerated()
      .sorted { ($0.element.footerRank, $0.offset) < ($1.element.footerRank, $1.offset) }
      .flatMap(\.element.footer)
  }

  /// The help overlay's lines, in the table's order.
  public var help: [Hint] { bindings.compactMap(\.help) }
}
