import KioskCore
import Testing

/// The role → look table of each theme, and which theme is drawn with.
@Suite struct ThemeTests {
  @Test func noColorOfAnyValueAndTerminalsWithoutColoursGiveMonochrome() {
    for theme in Theme.allCases {
      #expect(Theme.effective(theme, noColor: nil, terminalHasColours: true) == theme)
      #expect(Theme.effective(theme, noColor: "", terminalHasColours: true) == theme, "an empty NO_COLOR is not set")
      #expect(Theme.effective(theme, noColor: "1", terminalHasColours: true) == .monochrome)
      #expect(Theme.effective(theme, noColor: "0", terminalHasColours: true) == .monochrome, "any value, even 0")
      #expect(Theme.effective(theme, noColor: nil, terminalHasColours: false) == .monochrome)
    }
  }

  /// Every style the renderer can give a cell: each role with each mix of emphasis.
  static var allStyles: [Style] {
    Role.allCases.flatMap { role in (UInt8(0)...0b1111).map { Style(role, TextAttributes(rawValue: $0)) } }
  }

  @Test func monochromeUsesAttributesOnly() {
    for style in Self.allStyles {
      let look = Theme.monochrome.look(style)
      #expect(look.foreground == nil && look.background == nil, "\(style)")
    }
  }

  @Test func monochromeKeepsTheDistinctionsThatMatter() {
    let theme = Theme.monochrome
    let body = theme.look(Role.body)
    #expect(theme.look(.selection).attributes.contains(.reverse))
    #expect(theme.look(Style(.selection, .strong)).attributes.contains(.reverse))
    #expect(theme.look(.title).attributes.contains(.reverse))
    #expect(theme.look(.heading).attributes.contains(.bold))
    #expect(theme.look(.subheading).attributes.contains(.bold))
    #expect(theme.look(.key).attributes.contains(.bold), "the keys of the hints stand out")
    #expect(theme.look(.error).attributes.isSuperset(of: [.bold, .underline]))
    // A focused field, a search match or the reference: unlike the selection and the body.
    #expect(theme.look(.highlight) != theme.look(.selection))
    #expect(theme.look(.highlight) != body)
    #expect(theme.look(.error) != theme.look(.heading), "an error is not a heading")
    #expect(theme.look(Style(.body, .emphasis)) != body)
    #expect(theme.look(Style(.body, .link)) != body)
  }

  @Test func highContrastIsWhiteBlackAndYellowAndNeverDim() {
    let allowed: Set<Colour> = [.white, .black, .yellow]
    for style in Self.allStyles {
      let look = Theme.highContrast.look(style)
      #expect(!look.attributes.contains(.dim), "\(style)")
      #expect(look.foreground.map(allowed.contains) ?? false, "\(style): an explicit colour")
      #expect(look.background.map(allowed.contains) ?? false, "\(style): an explicit background")
      #expect(look.foreground != look.background, "\(style)")
    }
    let theme = Theme.highContrast
    #expect(theme.look(.selection) != theme.look(Role.body))
    #expect(theme.look(.selection) != theme.look(.highlight))
    #expect(theme.look(.heading).attributes.contains(.bold))
    #expect(theme.look(.key).attributes.contains(.bold))
  }

  @Test func theStandardThemeDimsOnlyWhatIsMuted() {
    for role in Role.allCases {
      #expect(Theme.standard.look(role).attributes.contains(.dim) == (role == .muted), "\(role)")
    }
  }

  @Test func textEmphasisAddsToTheRolesLook() {
    for theme in Theme.allCases {
      #expect(theme.look(Style(.body, .strong)).attributes.contains(.bold))
      #expect(theme.look(Style(.body, .emphasis)).attributes.contains(.italic))
      #expect(theme.look(Style(.body, .link)).attributes.contains(.underline))
      #expect(theme.look(Style(.heading, .strong)).foreground == theme.look(.heading).foreground)
    }
  }

  @Test func themesAreNamedAsTheConfigurationSpellsThem() {
    #expect(Theme.allCases.map(\.rawValue) == ["standard", "high-contrast", "monochrome"])
  }
}
