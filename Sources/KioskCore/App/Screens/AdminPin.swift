// The operator's PIN, asked after the admin key; three wrong ones lock it for a minute.

/// The operator's PIN prompt.
public struct PinState: Hashable, Sendable {
  /// The digits typed so far; shown only as dots.
  public var digits = ""
  /// Why the last PIN was refused, in words for the operator.
  public var message: String?
  /// True from Enter until the PIN has been checked: keys wait.
  public var isChecking = false

  public init() {}
}

extension AppState {
  func pinBindings(_ pin: PinState, _ keys: SharedKeys) -> BindingTable {
    // Without a PIN set there is nothing to type: only the ways back and to the help.
    let entry = settings.hasAdminPin ? [
      Binding((0...9).map { Key.character(Character(String($0))) } + [.backspace], .edit, help: Hint("0-9", "The PIN")),
      Binding([.enter], .activate, footer: Hint("Enter", "Sign in"), help: Hint("Enter", "Check it")),
    ] : []
    return BindingTable(
      entry + [Binding([.escape], .back, footer: Hint("Esc", "Back"), help: Hint("Esc", "Back"))] + keys.help,
      isWaiting: pin.isChecking)
  }

  /// Wrong PINs in a row before the prompt locks.
  public static let pinAttempts = 3

  /// Seconds the prompt stays locked.
  public static let pinLockSeconds = 60

  /// The longest PIN the prompt takes.
  public static let pinLength = 12

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
}
