/// A screen that keeps its state, its keys and what they do in a file of its own. The app
/// reaches it only through this: its binding table, the actions of that table, the answers
/// from the outside world and a new window size. Back, the help and the keys every screen
/// shares stay the app's. Such a screen is shown as `Screen.own`, and `KioskRender` draws
/// it through `DrawnScreen`, so adding one does not add a case to every switch over the
/// screens.
public protocol OwnScreen: Hashable, Sendable {
  /// The screen's keys, with the shared ones spelled for the kiosk's glyphs.
  func bindings(_ keys: SharedKeys) -> BindingTable
  /// What an action of its table does; `state` is the rest of the kiosk, to read.
  mutating func perform(_ action: Action, in state: AppState) -> [Effect]
  /// An answer from the outside world; the screen ignores those that are not for it.
  mutating func receive(_ answer: ScreenAnswer, in state: AppState) -> [Effect]
  /// The window has a new size.
  mutating func resize(to size: Size)
  /// Whether it is one of the operator's screens, where the admin key does nothing.
  var isOperatorScreen: Bool { get }
}

extension OwnScreen {
  public var isOperatorScreen: Bool { false }
}

/// Any `OwnScreen`, as `Screen.own` holds it.
public struct AnyOwnScreen: Hashable, Sendable {
  public private(set) var base: any OwnScreen

  public init(_ base: some OwnScreen) {
    self.base = base
  }

  public static func == (left: AnyOwnScreen, right: AnyOwnScreen) -> Bool {
    AnyHashable(left.base) == AnyHashable(right.base)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(AnyHashable(base))
  }

  func bindings(_ keys: SharedKeys) -> BindingTable { base.bindings(keys) }

  mutating func perform(_ action: Action, in state: AppState) -> [Effect] {
    base.perform(action, in: state)
  }

  mutating func receive(_ answer: ScreenAnswer, in state: AppState) -> [Effect] {
    base.receive(answer, in: state)
  }

  mutating func resize(to size: Size) {
    base.resize(to: size)
  }
}

extension AppState {
  /// An action on an own screen: Back, the help and quitting are the app's, the rest the
  /// screen's. Nil on the other screens.
  mutating func performOnOwnScreen(_ action: Action) -> [Effect]? {
    guard case .own(var own) = screen, action != .back, action != .help, action != .quit else { return nil }
    let effects = own.perform(action, in: self)
    screen = .own(own)
    return effects
  }

  /// An answer for the own screen shown; nothing when another screen is shown.
  mutating func deliver(_ answer: ScreenAnswer) -> [Effect] {
    guard case .own(var own) = screen else { return [] }
    let effects = own.receive(answer, in: self)
    screen = .own(own)
    return effects
  }
}
