/// The selection in a menu and which entry is at the top of the view.
public struct MenuState: Hashable, Sendable {
  public var selection = 0
  public var top = 0

  public init(selection: Int = 0, top: Int = 0) {
    self.selection = selection
    self.top = top
  }

  /// Moves the selection, keeping it in `0..<count` and in view.
  mutating func select(_ index: Int, count: Int, visible: Int) {
    selection = min(max(index, 0), max(count - 1, 0))
    scrollIntoView(count: count, visible: visible)
  }

  mutating func scrollIntoView(count: Int, visible: Int) {
    if selection < top { top = selection }
    if selection >= top + visible { top = selection - visible + 1 }
    top = min(max(top, 0), max(count - visible, 0))
  }
}

/// An open article: its lines laid out for the current width, and the first line shown.
public struct ReaderState: Hashable, Sendable {
  public var article: Article
  public var lines: [TextLine]
  public var top = 0

  /// The last `top` that still fills the body.
  public func maximumTop(_ size: Size) -> Int {
    max(lines.count - Geometry.bodyHeight(size), 0)
  }
}

/// One screen of the app, with everything needed to draw it and come back to it.
public enum Screen: Hashable, Sendable {
  case home(MenuState)
  case articles(category: Category, MenuState)
  case reader(ReaderState)
}

/// How to reach the help desk.
public struct Contact: Hashable, Sendable {
  public var email: String
  public var phone: String

  public init(email: String = "helpdesk@netlumait.com.au", phone: String = "1300 521 162") {
    self.email = email
    self.phone = phone
  }
}

/// The whole state of the kiosk.
public struct AppState: Hashable, Sendable {
  public var catalog: Catalog
  public var size: Size
  public var glyphs: Glyphs
  /// Whether `q` and Ctrl-C leave the program from every screen.
  public var isDevelopment: Bool
  public var screen: Screen
  /// The screens behind the current one, for going back.
  public var history: [Screen] = []
  public var isHelpShown = false
  /// The organisation's name, shown in the title bar.
  public var organisation: String
  public var contact: Contact

  public init(
    catalog: Catalog, size: Size, glyphs: Glyphs = .unicode, isDevelopment: Bool = false,
    organisation: String = "IT Help Desk", contact: Contact = Contact()
  ) {
    self.contact = contact
    self.catalog = catalog
    self.size = size
    self.glyphs = glyphs
    self.isDevelopment = isDevelopment
    self.organisation = organisation
    self.screen = .home(MenuState())
  }
}
