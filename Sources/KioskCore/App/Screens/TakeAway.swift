// An article's web address as a QR code, to take away on a phone.

/// An address to take away: a title for it, and the address a QR code holds.
public struct TakeAwayState: Hashable, Sendable {
  public var title: String
  public var address: String

  public init(title: String, address: String) {
    self.title = title
    self.address = address
  }
}

extension AppState {
  func takeAwayBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      Binding(
        [.escape, .left, .backspace, .enter, .right], .back, footer: Hint("Esc", "Back to the article"),
        help: Hint("Esc  Backspace  Enter", "Back to the article")),
    ] + keys.help.map(\.withoutFooter) + keys.quit)
  }
}
