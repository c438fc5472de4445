/// What a key means, independent of how the terminal spelled it.
public enum Action: Hashable, Sendable {
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  case activate, back
  case help
  case quit
}

/// Which key table applies.
public enum KeyContext: Hashable, Sendable {
  case menu
  case reader
}

/// The key-binding table (DESIGN.md, "Keys").
public enum Keymap {
  public static func action(for key: Key, in context: KeyContext) -> Action? {
    switch key {
    case .up, .character("k"): .moveUp
    case .down, .character("j"): .moveDown
    case .pageUp, .character("b"): .pageUp
    case .pageDown: .pageDown
    case .character(" ") where context == .reader: .pageDown
    case .home, .character("g"): .top
    case .end, .character("G"): .bottom
    case .enter, .right: .activate
    case .escape, .left, .backspace: .back
    case .function(1), .character("?"): .help
    case .character("q"): .quit
    default: nil
    }
  }
}
