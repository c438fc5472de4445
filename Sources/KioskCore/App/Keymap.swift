/// What a key means, independent of how the terminal spelled it.
public enum Action: Hashable, Sendable {
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  case activate, back
  /// Tick or untick the step under the cursor.
  case toggle
  case nextField, previousField
  case help
  case quit
}

/// Which key table applies.
public enum KeyContext: Hashable, Sendable {
  /// Lists and buttons.
  case menu
  case reader
  case checklist
  /// A text field has the focus: printable keys are text, not commands.
  case text
}

/// The key-binding table: which key does what, in which context (docs/architecture.md).
public enum Keymap {
  public static func action(for key: Key, in context: KeyContext) -> Action? {
    if context == .text {
      return textAction(for: key)
    }
    return switch key {
    case .up, .character("k"): .moveUp
    case .down, .character("j"): .moveDown
    case .pageUp, .character("b"): .pageUp
    case .pageDown: .pageDown
    case .character(" ") where context == .reader: .pageDown
    case .character(" ") where context == .checklist: .toggle
    case .tab: .nextField
    case .backTab: .previousField
    case .home, .character("g"): .top
    case .end, .character("G"): .bottom
    case .enter, .right: .activate
    case .escape, .left, .backspace: .back
    case .function(1), .character("?"): .help
    case .character("q"): .quit
    default: nil
    }
  }

  /// In a text field only keys that cannot be text are commands; ← → Backspace edit.
  private static func textAction(for key: Key) -> Action? {
    switch key {
    case .up: .moveUp
    case .down: .moveDown
    case .pageUp: .pageUp
    case .pageDown: .pageDown
    case .enter: .activate
    case .escape: .back
    case .tab: .nextField
    case .backTab: .previousField
    case .function(1): .help
    default: nil
    }
  }
}
