import CNcursesw
import Glibc
import KioskCore

/// The one table from a role to colours and attributes, with a monochrome form for
/// terminals without colour and for `NO_COLOR`.
struct Palette {
  struct Look {
    var pair: Int16
    var attributes: attr_t
  }

  private var looks: [Role: Look] = [:]
  private var italic: attr_t

  /// Starts colours when the terminal has them and `NO_COLOR` is not set.
  static func make() -> Palette {
    let noColor = getenv("NO_COLOR").map { String(cString: $0) }.map { !$0.isEmpty } ?? false
    let hasItalic = kiosk_has_string_capability("sitm") != 0
    let emphasis = hasItalic ? kiosk_attr_italic() : kiosk_attr_underline()
    guard !noColor, has_colors(), start_color() == OK else {
      return Palette(looks: monochrome, italic: emphasis)
    }
    use_default_colors()
    var looks: [Role: Look] = [:]
    for (index, role) in Role.allCases.enumerated() {
      let (foreground, background, attributes) = colour(role)
      let pair = Int16(index + 1)
      init_pair(pair, foreground, background)
      looks[role] = Look(pair: pair, attributes: attributes)
    }
    return Palette(looks: looks, italic: emphasis)
  }

  private init(looks: [Role: Look], italic: attr_t) {
    self.looks = looks
    self.italic = italic
  }

  func look(_ style: Style) -> Look {
    var look = looks[style.role] ?? Look(pair: 0, attributes: kiosk_attr_normal())
    if style.attributes.contains(.strong) { look.attributes |= kiosk_attr_bold() }
    if style.attributes.contains(.emphasis) { look.attributes |= italic }
    if style.attributes.contains(.link) { look.attributes |= kiosk_attr_underline() }
    return look
  }

  /// Colours by role: foreground, background (-1 is the terminal's own), attributes.
  private static func colour(_ role: Role) -> (Int16, Int16, attr_t) {
    let normal = kiosk_attr_normal()
    let bold = kiosk_attr_bold()
    switch role {
    case .body, .keyHint: return (-1, -1, normal)
    case .title: return (Int16(COLOR_WHITE), Int16(COLOR_BLUE), bold)
    case .heading: return (Int16(COLOR_CYAN), -1, bold)
    case .subheading: return (-1, -1, bold)
    case .muted: return (-1, -1, kiosk_attr_dim())
    case .marker: return (Int16(COLOR_CYAN), -1, normal)
    case .note: return (Int16(COLOR_YELLOW), -1, normal)
    case .code: return (Int16(COLOR_GREEN), -1, normal)
    case .selection: return (Int16(COLOR_BLACK), Int16(COLOR_CYAN), normal)
    case .key: return (Int16(COLOR_CYAN), -1, bold)
    case .status: return (-1, -1, bold)
    case .highlight: return (Int16(COLOR_BLACK), Int16(COLOR_YELLOW), normal)
    case .error: return (Int16(COLOR_RED), -1, bold)
    case .frame: return (Int16(COLOR_BLUE), -1, normal)
    }
  }

  /// Attributes alone: reverse video marks the title bar, the selection and matches.
  private static var monochrome: [Role: Look] {
    let reverse = kiosk_attr_reverse()
    let bold = kiosk_attr_bold()
    var looks: [Role: Look] = [:]
    for role in Role.allCases {
      let attributes: attr_t
      switch role {
      case .title, .selection: attributes = reverse
      case .highlight: attributes = reverse | kiosk_attr_underline()
      case .heading, .subheading, .key, .status: attributes = bold
      case .error: attributes = bold | kiosk_attr_underline()
      default: attributes = kiosk_attr_normal()
      }
      looks[role] = Look(pair: 0, attributes: attributes)
    }
    return looks
  }
}
