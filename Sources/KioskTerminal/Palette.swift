import CNcursesw
import Glibc
import KioskCore

/// The theme's table (`Theme` in KioskCore), applied to this terminal: a colour pair per
/// role and the attributes as ncurses spells them.
struct Palette {
  struct Look {
    var pair: Int16
    var attributes: attr_t
  }

  /// The theme drawn with: the configured one, or monochrome without colours.
  let theme: Theme
  /// Each role's colour pair; none without colours.
  private let pairs: [Role: Int16]
  /// Italic, or underline where the terminal has no italic.
  private let italic: attr_t

  /// Starts colours when the theme has them, `NO_COLOR` is not set and the terminal has
  /// colours; otherwise the monochrome theme.
  static func make(_ configured: Theme) -> Palette {
    let noColor = getenv("NO_COLOR").map { String(cString: $0) }
    let wantsColour = Theme.effective(configured, noColor: noColor, terminalHasColours: true).usesColour
    let canColour = wantsColour && has_colors() && start_color() == OK
    let theme = Theme.effective(configured, noColor: noColor, terminalHasColours: canColour)
    var pairs: [Role: Int16] = [:]
    if theme.usesColour {
      use_default_colors()
      for (index, role) in Role.allCases.enumerated() {
        let look = theme.look(role)
        let pair = Int16(index + 1)
        init_pair(pair, colour(look.foreground), background(look.background, role: role))
        pairs[role] = pair
      }
    }
    // Italic where the terminal has it, else underline: emphasis must show.
    let italic = kiosk_has_string_capability("sitm") != 0 ? kiosk_attr_italic() : kiosk_attr_underline()
    return Palette(theme: theme, pairs: pairs, italic: italic)
  }

  private init(theme: Theme, pairs: [Role: Int16], italic: attr_t) {
    self.theme = theme
    self.pairs = pairs
    self.italic = italic
  }

  /// A style's pair and attributes, worked out when asked (the terminal asks once for a
  /// run of cells of one style): a table of every style cost the start a third of a
  /// millisecond.
  func look(_ style: Style) -> Look {
    Look(pair: pairs[style.role] ?? 0, attributes: Self.attributes(theme.look(style).attributes, italic: italic))
  }

  /// A role's background; a QR code's white is the bright one where the terminal has 16
  /// colours or more (its plain white is often a light grey), for the most contrast.
  private static func background(_ background: Colour?, role: Role) -> Int16 {
    if role == .qrCode, background == .white, tigetnum("colors") >= 16 { return Int16(COLOR_WHITE) + 8 }
    return colour(background)
  }

  /// ncurses' number for a colour; -1 is the terminal's own.
  private static func colour(_ colour: Colour?) -> Int16 {
    switch colour {
    case nil: -1
    case .black?: Int16(COLOR_BLACK)
    case .red?: Int16(COLOR_RED)
    case .green?: Int16(COLOR_GREEN)
    case .yellow?: Int16(COLOR_YELLOW)
    case .blue?: Int16(COLOR_BLUE)
    case .magenta?: Int16(COLOR_MAGENTA)
    case .cyan?: Int16(COLOR_CYAN)
    case .white?: Int16(COLOR_WHITE)
    }
  }

  private static func attributes(_ attributes: LookAttributes, italic: attr_t) -> attr_t {
    var result = kiosk_attr_normal()
    if attributes.contains(.bold) { result |= kiosk_attr_bold() }
    if attributes.contains(.dim) { result |= kiosk_attr_dim() }
    if attributes.contains(.reverse) { result |= kiosk_attr_reverse() }
    if attributes.contains(.underline) { result |= kiosk_attr_underline() }
    if attributes.contains(.italic) { result |= italic }
    return result
  }
}
