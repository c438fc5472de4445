/// What the kiosk is told when it starts, from its configuration and command line, and
/// keeps for the whole run: how it draws, who and where it is, its timers, the operator's
/// key. `update` reads these and never changes them; what changes during a run (the
/// screens, the person's session, the window) is the rest of `AppState`.
public struct KioskSettings: Hashable, Sendable {
  /// How lines, frames and arrows are drawn: Unicode, ASCII, or plain for screen readers.
  public var glyphs: Glyphs
  /// Whether `q` and Ctrl-C leave the program from every screen.
  public var isDevelopment: Bool
  /// The organisation's name, shown in the title bar.
  public var organisation: String
  /// Who and where this kiosk is; its contact is the help desk's.
  public var identity: KioskIdentity
  /// Seconds without a key before the kiosk asks whether anyone is still there; 0 never.
  public var idleTimeout: Int
  /// Seconds the "Are you still there?" countdown lasts.
  public var idleWarning: Int
  /// The key that opens the operator's PIN prompt.
  public var adminKey: Key
  /// Whether an admin PIN is configured; without one the admin screen cannot be opened.
  public var hasAdminPin: Bool
  /// Every article's web address, with `{id}` for its id (configuration `article_url`).
  public var articleURLTemplate: String?
  /// Whether tickets leave the kiosk (a transport that sends), rather than waiting in the
  /// spool folder for something to collect them: the confirmation says which.
  public var ticketsAreSent: Bool

  public init(
    glyphs: Glyphs = .unicode, isDevelopment: Bool = false, organisation: String = "IT Help Desk",
    identity: KioskIdentity = KioskIdentity(), idleTimeout: Int = 120, idleWarning: Int = 30,
    adminKey: Key = .function(12), hasAdminPin: Bool = false, articleURLTemplate: String? = nil,
    ticketsAreSent: Bool = true
  ) {
    self.glyphs = glyphs
    self.isDevelopment = isDevelopment
    self.organisation = organisation
    self.identity = identity
    self.idleTimeout = max(idleTimeout, 0)
    self.idleWarning = max(idleWarning, 1)
    self.adminKey = adminKey
    self.hasAdminPin = hasAdminPin
    self.articleURLTemplate = articleURLTemplate
    self.ticketsAreSent = ticketsAreSent
  }

  /// How to reach the help desk.
  public var contact: Contact { identity.contact }
  /// Plain mode, for screen readers (`--plain`): no lines or frames, the cursor always shown.
  public var isPlain: Bool { !glyphs.drawsLines }
}
