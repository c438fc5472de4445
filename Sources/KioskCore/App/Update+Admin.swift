/// The operator's PIN prompt and admin screen.
extension AppState {
  /// The admin screen's actions, in order.
  public static let adminChoices = ["Deliver now", "Reload content", "Exit kiosk", "Back"]
  /// Wrong PINs in a row before the prompt locks.
  public static let pinAttempts = 3
  /// Seconds the prompt stays locked.
  public static let pinLockSeconds = 60
  /// The longest PIN the prompt takes.
  public static let pinLength = 12

  var isAdminScreen: Bool {
    switch screen {
    case .adminPin, .admin: true
    default: false
    }
  }

  /// Digits, Backspace, Enter and Esc on the PIN prompt.
  mutating func pressOnPin(_ key: Key, _ action: Action?, _ pin: PinState) -> [Effect] {
    var pin = pin
    guard !pin.isChecking else { return [] }
    switch key {
    case .character(let character) where character.isASCII && character.isNumber:
      guard !isPinLocked, hasAdminPin, pin.digits.count < AppState.pinLength else { return [] }
      pin.digits.append(character)
      pin.message = nil
    case .backspace:
      if !pin.digits.isEmpty { pin.digits.removeLast() }
    case .enter:
      guard !isPinLocked, hasAdminPin, !pin.digits.isEmpty else { return [] }
      pin.isChecking = true
      screen = .adminPin(pin)
      return [.checkPin(pin.digits)]
    default:
      if action == .back { goBack() }
      if action == .help { isHelpShown = true }
      return []
    }
    screen = .adminPin(pin)
    return []
  }

  mutating func chooseOnAdmin(_ admin: AdminState) -> [Effect] {
    var admin = admin
    switch admin.selection {
    case 0:
      admin.message = "Delivering…"
      screen = .admin(admin)
      return [.deliverNow]
    case 1:
      admin.message = "Reading the content folder…"
      screen = .admin(admin)
      return [.reloadContent]
    case 2:
      return [.quit(status: 0)]
    default:
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
}
