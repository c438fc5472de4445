// The ticket's reference once it is saved; the kiosk returns Home by itself.

extension AppState {
  func confirmationBindings(_ isSettled: Bool, _ keys: SharedKeys) -> BindingTable {
    // Keys wait until the screen is settled, so that a second press of the key that sent
    // the ticket does not close it before it is read.
    guard isSettled else { return BindingTable(keys.quit.map(\.withoutFooter)) }
    return BindingTable(
      keys.quit.map(\.withoutFooter) + [.note(Hint("Any key", "Finish")).showing(Hint("Any key", "Finish"))],
      otherKeys: .finish)
  }

  /// Seconds the confirmation stays up before the kiosk returns Home by itself.
  public static let confirmationSeconds = 30

  /// Seconds the confirmation ignores keys, so that a double press on Send cannot skip it.
  public static let confirmationSettleSeconds = 2

  /// The ticket is saved: its reference shows, the person's data is forgotten, and the
  /// screen's two timers start. The timers return Home and let keys through.
  mutating func applyConfirmation(_ event: Event) -> [Effect] {
    switch event {
    case .ticketSaved(let reference):
      guard case .review = screen else { return [] }
      // Words searched for that still ended in a ticket, for the authors: counted apart,
      // with nothing that ties them to the ticket.
      let gaps = session.search.map { [Effect.recordSearchGap(SearchGap($0, outcome: .ticket))] } ?? []
      // The ticket is safe in the outbox: forget the person's data now.
      session = Session()
      history = []
      screen = .confirmation(reference: reference, isSettled: false)
      return gaps + [
        .startTimer(.confirmationSettled, seconds: AppState.confirmationSettleSeconds),
        .startTimer(.confirmation, seconds: AppState.confirmationSeconds),
      ] + makeCode(WebAddress.followUp(settings.contact.email, reference: reference))
    case .timer(.confirmation):
      guard case .confirmation = screen else { return [] }
      return endSession() + [.wipeScreen]
    case .timer(.confirmationSettled):
      if case .confirmation(let reference, _) = screen {
        screen = .confirmation(reference: reference, isSettled: true)
      }
      return []
    default:
      return []
    }
  }
}
