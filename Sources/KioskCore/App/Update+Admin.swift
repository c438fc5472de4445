/// The operator's PIN prompt and admin screen.
extension AppState {
  /// Wrong PINs in a row before the prompt locks.
  public static let pinAttempts = 3
  /// Seconds the prompt stays locked.
  public static let pinLockSeconds = 60
  /// The longest PIN the prompt takes.
  public static let pinLength = 12

  var isAdminScreen: Bool {
    switch screen {
    case .adminPin, .admin: true
    case .own(let own): own.base.isOperatorScreen
    default: false
    }
  }

  /// Digits and Backspace on the PIN prompt; nil for the binding table's keys.
  mutating func typePin(_ key: Key, _ pin: PinState) -> [Effect]? {
    var pin = pin
    switch key {
    case .character(let character) where character.isASCII && character.isNumber:
      guard !isPinLocked, settings.hasAdminPin, pin.digits.count < AppState.pinLength else { return [] }
      pin.digits.append(character)
      pin.message = nil
    case .backspace:
      if !pin.digits.isEmpty { pin.digits.removeLast() }
    default:
      return nil
    }
    screen = .adminPin(pin)
    return []
  }

  /// Enter on the PIN prompt: the PIN is checked.
  mutating func checkPin(_ pin: PinState) -> [Effect] {
    guard !isPinLocked, settings.hasAdminPin, !pin.digits.isEmpty else { return [] }
    var pin = pin
    pin.isChecking = true
    screen = .adminPin(pin)
    return [.checkPin(pin.digits)]
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
}
