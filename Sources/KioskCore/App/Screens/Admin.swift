// The operator's screen: the outbox's state and what can be done about it.

/// The state of the outbox, as the admin screen shows it.
public struct OutboxSummary: Hashable, Sendable {
  public var queued: Int
  public var failed: Int
  public var deliveredToday: Int
  /// Tickets written to the spool folder today: they have not left the kiosk.
  public var spooledToday: Int
  /// Whether the kiosk's transport sends tickets on; false for the spool.
  public var isSending: Bool

  public init(queued: Int, failed: Int, deliveredToday: Int, spooledToday: Int = 0, isSending: Bool = true) {
    self.queued = queued
    self.failed = failed
    self.deliveredToday = deliveredToday
    self.spooledToday = spooledToday
    self.isSending = isSending
  }
}

/// The operator's screen: the outbox and what can be done about it.
public struct AdminState: Hashable, Sendable {
  public var selection = 0
  public var summary: OutboxSummary?
  /// The outcome of the last action ("3 tickets delivered", "Content reloaded").
  public var message: String?

  public init() {}
}

/// The admin screen's actions.
public enum AdminChoice: CaseIterable, Sendable {
  case deliverNow, tickets, reloadContent, exitKiosk, details, back

  public var title: String {
    switch self {
    case .deliverNow: "Deliver now"
    case .tickets: "Tickets"
    case .reloadContent: "Reload content"
    case .exitKiosk: "Exit kiosk"
    case .details: "This kiosk"
    case .back: "Back"
    }
  }
}

extension AppState {
  func adminBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Move the selection")),
      keys.activate(footer: Hint("Enter", "Go"), help: Hint("Enter", "Choose")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back")),
      keys.pages(), keys.edges(), keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  var isAdminScreen: Bool {
    switch screen {
    case .adminPin, .admin: true
    case .own(let own): own.base.isOperatorScreen
    default: false
    }
  }

  mutating func chooseOnAdmin(_ admin: AdminState) -> [Effect] {
    var admin = admin
    guard let choice = AdminChoice.allCases[ifPresent: admin.selection] else { return [] }
    switch choice {
    case .deliverNow:
      admin.message = "Delivering…"
      screen = .admin(admin)
      return [.deliverNow]
    case .tickets:
      return openTickets()
    case .reloadContent:
      admin.message = "Reading the content folder…"
      screen = .admin(admin)
      return [.reloadContent]
    case .exitKiosk:
      return [.quit(status: 0)]
    case .details:
      openKioskDetails()
      return []
    case .back:
      goBack()
      return []
    }
  }

  mutating func applyAdmin(_ event: Event) -> [Effect] {
    switch event {
    case .timer(.pinUnlock):
      isPinLocked = false
      pinFailures = 0
      if case .adminPin(var pin) = screen {
        pin.message = nil
        screen = .adminPin(pin)
      }
      return []
    case .pinChecked(let isCorrect):
      guard case .adminPin(var pin) = screen else { return [] }
      pin.isChecking = false
      pin.digits = ""
      if isCorrect {
        pinFailures = 0
        replace(with: .admin(AdminState()))
        return [.loadOutboxSummary]
      }
      pinFailures += 1
      if pinFailures >= AppState.pinAttempts {
        isPinLocked = true
        pin.message = "Too many wrong PINs. Try again in a minute."
        screen = .adminPin(pin)
        return [.startTimer(.pinUnlock, seconds: AppState.pinLockSeconds)]
      }
      let left = AppState.pinAttempts - pinFailures
      pin.message = "Wrong PIN. \(left) \(left == 1 ? "try" : "tries") left."
      screen = .adminPin(pin)
      return []
    case .outboxSummary(let summary):
      guard case .admin(var admin) = screen else { return [] }
      admin.summary = summary
      screen = .admin(admin)
      return []
    case .adminMessage(let message):
      guard case .admin(var admin) = screen else { return [] }
      admin.message = TerminalText.sanitize(message)
      screen = .admin(admin)
      return []
    case .contentReloaded(let reloaded):
      // Screens behind the admin screen may show articles that are gone: Back leads Home.
      catalog = reloaded
      session = Session()
      history = [.home(MenuState())]
      return []
    default:
      return []
    }
  }

  mutating func moveOnAdmin(_ action: Action, _ admin: AdminState) {
    var admin = admin
    admin.selection = action.button(from: admin.selection, count: AdminChoice.allCases.count)
    screen = .admin(admin)
  }
}
