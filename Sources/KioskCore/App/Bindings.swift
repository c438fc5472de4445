/// The bindings many screens share, spelled for the kiosk's glyphs and key context.
public struct SharedKeys {
  /// "↑↓" or, without Unicode, "Up/Dn": the footer's arrows.
  public let arrows: String
  /// "↑ ↓" or "Up Down": the help's arrows.
  public let upDown: String
  /// Whether printable keys are text on this screen.
  public let isTyping: Bool
  public let isDevelopment: Bool

  init(_ state: AppState) {
    arrows = state.settings.glyphs.isUnicode ? "↑↓" : "Up/Dn"
    upDown = state.settings.glyphs.isUnicode ? "↑ ↓" : "Up Down"
    isTyping = state.keyContext == .text
    isDevelopment = state.settings.isDevelopment
  }

  public var choose: Hint { Hint(arrows, "Choose") }

  public func moves(footer: Hint? = nil, footerRank: Int = 0, help: Hint? = nil) -> Binding {
    Binding(
      [(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
      footer: footer.map { [$0] } ?? [], footerRank: footerRank, help: help)
  }

  public func pages(help: Hint? = nil) -> Binding {
    Binding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character("b"), .pageUp)], help: help)
  }

  public func edges(help: Hint? = nil) -> Binding {
    Binding([(.home, .top), (.end, .bottom), (.character("g"), .top), (.character("G"), .bottom)], help: help)
  }

  public func activate(footer: Hint? = nil, help: Hint? = nil) -> Binding {
    Binding([.enter, .right], .activate, footer: footer, help: help)
  }

  public func back(footer: Hint? = nil, footerRank: Int = 0, help: Hint? = nil) -> Binding {
    Binding([.escape, .left, .backspace], .back, footer: footer, footerRank: footerRank, help: help)
  }

  /// Tab and Shift-Tab move a list's selection, as ↓ and ↑ do.
  public var tabMoves: Binding { Binding([(.tab, .moveDown), (.backTab, .moveUp)]) }

  /// F1, and `?` where it is not text.
  public var help: [Binding] {
    [Binding(
      isTyping ? [.function(1)] : [.function(1), .character("?")], .help,
      footer: Hint(isTyping ? "F1" : "?", "Help"), help: Hint(isTyping ? "F1" : "F1  ?", "This help"))]
  }

  /// `q` leaves the program in development mode, where it is not text.
  public var quit: [Binding] {
    guard isDevelopment, !isTyping else { return [] }
    return [Binding([.character("q")], .quit, footer: Hint("q", "Quit"), help: Hint("q", "Quit"))]
  }
}

extension Binding {
  func ranked(_ rank: Int) -> Binding {
    var binding = self
    binding.footerRank = rank
    return binding
  }

  var withoutFooter: Binding {
    var binding = self
    binding.footer = []
    return binding
  }

  /// The help key as the footer names it on a screen of text fields: F1.
  var withF1Label: Binding {
    var binding = self
    binding.footer = footer.map { Hint("F1", $0.label, isEssential: $0.isEssential) }
    binding.help = help.map { Hint("F1", $0.label) }
    return binding
  }

  func showing(_ hint: Hint) -> Binding {
    var binding = self
    binding.footer = [hint]
    return binding
  }
}
