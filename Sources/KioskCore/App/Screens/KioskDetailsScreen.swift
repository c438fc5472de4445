/// The operator's "This kiosk": what the kiosk was started with (who and where it is,
/// where tickets go, the content, the timers, the admin key and the display), read at the
/// console without a shell. Change any of it in the configuration file and restart.
public struct KioskDetailsState: OwnScreen {
  /// One line of the screen: what, and its value.
  public struct Row: Hashable, Sendable {
    public var label: String
    public var value: String
  }

  /// The first row in view.
  public var top = 0
  /// The rows, made from the state when the screen opens: the settings never change.
  public let rows: [Row]

  public init(_ state: AppState) {
    rows = Self.rows(state)
  }

  /// What the kiosk was started with, row by row.
  private static func rows(_ state: AppState) -> [Row] {
    let settings = state.settings
    let identity = settings.identity
    let dot = " \(settings.glyphs.middleDot) "
    let categories = state.catalog.categories.count
    let idle =
      settings.idleTimeout > 0
      ? "after \(settings.idleTimeout) seconds without a key, asks whether anyone is there for "
        + "\(settings.idleWarning) seconds"
      : "never asks (idle_timeout is 0)"
    let key = if case .function(let number) = settings.adminKey { "F\(number)" } else { "\(settings.adminKey)" }
    let display = [
      settings.isPlain ? "plain, for screen readers" : settings.glyphs.isUnicode ? "Unicode" : "ASCII",
      settings.isDevelopment ? "development mode (q and Ctrl-C quit)" : nil,
    ].compactMap { $0 }.joined(separator: dot)
    return [
      Row(label: "Kiosk", value: identity.id),
      Row(label: "Location", value: identity.location),
      Row(label: "Organisation", value: settings.organisation),
      Row(label: "Help desk", value: identity.contact.email + dot + identity.contact.phone),
      Row(label: "Tickets from", value: identity.senderAddress),
      Row(
        label: "Tickets",
        value: settings.ticketsAreSent
          ? "sent on by the mail transport" : "saved in the spool folder, not sent from this kiosk"),
      Row(
        label: "Articles",
        value: "\(state.catalog.articleCount) in \(categories) categor\(categories == 1 ? "y" : "ies")"),
      Row(label: "Web addresses", value: settings.articleURLTemplate ?? "none (no QR codes to take away)"),
      Row(label: "Idle", value: idle),
      Row(label: "Admin key", value: settings.hasAdminPin ? key : "\(key), but no PIN is set"),
      Row(label: "Display", value: display),
    ]
  }

  public var isOperatorScreen: Bool { true }

  public func bindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: Hint(keys.arrows, "Scroll"), help: Hint(keys.upDown + "  k j", "Scroll one row")),
      keys.edges(help: Hint("Home End  g G", "First, last")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back to the admin screen")),
    ] + keys.help + keys.quit)
  }

  public mutating func perform(_ action: Action, in state: AppState) -> [Effect] {
    scroll(to: action.target(from: top, page: 1))
    return []
  }

  public mutating func receive(_ answer: ScreenAnswer, in state: AppState) -> [Effect] { [] }

  /// The rows do not depend on the size: the drawer fits them to it.
  public mutating func resize(to newSize: Size) {}

  private mutating func scroll(to wanted: Int) {
    top = min(max(wanted, 0), max(rows.count - 1, 0))
  }
}

extension AppState {
  /// The admin screen's "This kiosk".
  mutating func openKioskDetails() {
    open(.own(AnyOwnScreen(KioskDetailsState(self))))
  }
}
