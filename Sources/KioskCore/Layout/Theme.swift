/// One of the terminal's eight basic colours.
public enum Colour: String, Hashable, Sendable, CaseIterable {
  case black, red, green, yellow, blue, magenta, cyan, white
}

/// The attributes a terminal can draw text with.
public struct LookAttributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = LookAttributes(rawValue: 1 << 0)
  public static let dim = LookAttributes(rawValue: 1 << 1)
  public static let reverse = LookAttributes(rawValue: 1 << 2)
  public static let underline = LookAttributes(rawValue: 1 << 3)
  public static let italic = LookAttributes(rawValue: 1 << 4)

  /// The names, in a fixed order: "bold reverse".
  public var names: [String] {
    [(Self.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline"), (.italic, "italic")]
      .filter { contains($0.0) }.map(\.1)
  }
}

/// How a cell looks on the terminal: its colours (nil is the terminal's own) and attributes.
public struct Look: Hashable, Sendable {
  public var foreground: Colour?
  public var background: Colour?
  public var attributes: LookAttributes

  public init(_ foreground: Colour? = nil, on background: Colour? = nil, _ attributes: LookAttributes = []) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}

/// The look of every role: the one table the terminal backend applies, so that screens
/// never name a colour. Chosen with `theme:` in the configuration.
public enum Theme: String, Hashable, Sendable, CaseIterable {
  /// Colours on the terminal's own background.
  case standard
  /// White, black and yellow, bold where it matters, nothing dim: for low vision.
  case highContrast = "high-contrast"
  /// Attributes only, for terminals without colour and for `NO_COLOR`: reverse video for
  /// the selection and the title bar, bold for headings and keys, underline for errors.
  case monochrome

  /// Whether the theme needs a terminal with colours.
  public var usesColour: Bool { self != .monochrome }

  /// The theme to draw with: `configured`, unless `NO_COLOR` is set to anything
  /// (no-color.org) or the terminal has no colours; then monochrome.
  public static func effective(_ configured: Theme, noColor: String?, terminalHasColours: Bool) -> Theme {
    let isColourRefused = !(noColor ?? "").isEmpty
    return isColourRefused || !terminalHasColours ? .monochrome : configured
  }

  /// The look of a cell: its role's, with the text's own emphasis added.
  public func look(_ style: Style) -> Look {
    var look = look(style.role)
    if style.attributes.contains(.strong) { look.attributes.insert(.bold) }
    if style.attributes.contains(.emphasis) { look.attributes.insert(.italic) }
    if style.attributes.contains(.link) { look.attributes.insert(.underline) }
    if self == .highContrast { look.attributes.remove(.dim) }
    return look
  }

  /// The look of a role.
  public func look(_ role: Role) -> Look {
    switch self {
    case .standard: Theme.standardLook(role)
    case .highContrast: Theme.highContrastLook(role)
    case .monochrome: Theme.monochromeLook(role)
    }
  }

  private static func standardLook(_ role: Role) -> Look {
    switch role {
    case .body, .keyHint: Look()
    case .title: Look(.white, on: .blue, .bold)
    case .heading: Look(.cyan, .bold)
    case .subheading: Look(nil, .bold)
    case .muted: Look(nil, .dim)
    case .marker: Look(.cyan)
    case .note: Look(.yellow)
    case .code: Look(.green)
    case .selection: Look(.black, on: .cyan)
    case .key: Look(.cyan, .bold)
    case .status: Look(nil, .bold)
    case .highlight: Look(.black, on: .yellow)
    case .error: Look(.red, .bold)
    case .frame: Look(.blue)
    case .qrCode: Look(.black, on: .white)
    }
  }

  private static func highContrastLook(_ role: Role) -> Look {
    switch role {
    case .body, .keyHint, .muted, .frame: Look(.white, on: .black)
    case .title: Look(.black, on: .white, .bold)
    case .heading, .marker, .key: Look(.yellow, on: .black, .bold)
    case .subheading, .status, .code: Look(.white, on: .black, .bold)
    case .note: Look(.yellow, on: .black)
    case .selection: Look(.black, on: .yellow, .bold)
    case .highlight: Look(.black, on: .white, .bold)
    case .error: Look(.yellow, on: .black, [.bold, .underline])
    case .qrCode: Look(.black, on: .white)
    }
  }

  private static func monochromeLook(_ role: Role) -> Look {
    switch role {
    case .body, .keyHint, .muted, .marker, .note, .code, .frame: Look()
    case .title, .selection: Look(nil, .reverse)
    case .highlight: Look(nil, [.reverse, .underline])
    case .heading, .subheading, .key, .status: Look(nil, .bold)
    case .error: Look(nil, [.bold, .underline])
    // The terminal's own colours swapped: a light background on the usual dark screen.
    case .qrCode: Look(nil, .reverse)
    }
  }
}
