import KioskCore

/// Draws the app's state into a grid of cells. Pure: the same state gives the same grid.
/// The grid's cursor is on the focused item of every screen; in plain mode it is shown.
public func render(_ state: AppState) -> CellGrid {
  var grid = CellGrid(size: state.size)
  draw(state, into: &grid)
  if state.settings.isPlain { grid.showsCursor = true }
  return grid
}

private func draw(_ state: AppState, into grid: inout CellGrid) {
  if Geometry.isTooSmall(state.size) {
    EnlargeScreen.draw(state, into: &grid)
    return
  }
  switch state.screen {
  case .home(let menu):
    HomeScreen.draw(state, menu, into: &grid)
  case .articles(let category, let menu):
    ArticleListScreen.draw(state, category, menu, into: &grid)
  case .reader(let reader):
    ReaderScreen.draw(state, reader, into: &grid)
  case .checklist(let checklist):
    ChecklistScreen.draw(state, checklist, into: &grid)
  case .feedback(let feedback):
    ChoiceScreens.feedback(state, feedback, into: &grid)
  case .thanks(let choice):
    ChoiceScreens.thanks(state, choice, into: &grid)
  case .stillNeedHelp(let choice):
    ChoiceScreens.stillNeedHelp(state, choice, into: &grid)
  case .notHelpfulReason(let reason):
    ChoiceScreens.notHelpfulReason(state, reason, into: &grid)
  case .ticketForm:
    TicketFormScreen.draw(state, into: &grid)
  case .review(let review):
    ReviewScreen.draw(state, review, into: &grid)
  case .confirmation(let reference, let isSettled):
    ConfirmationScreen.draw(state, reference, isSettled: isSettled, into: &grid)
  case .adminPin(let pin):
    AdminScreens.pin(state, pin, into: &grid)
  case .admin(let admin):
    AdminScreens.admin(state, admin, into: &grid)
  case .search(let search):
    SearchScreen.draw(state, search, into: &grid)
  case .contents(let contents):
    ContentsScreen.draw(state, contents, into: &grid)
  case .takeAway(let takeAway):
    TakeAwayScreen.draw(state, takeAway, into: &grid)
  case .own(let own):
    (own.base as? any DrawnScreen)?.draw(state, into: &grid)
  }
  if state.isHelpShown {
    HelpOverlay.draw(state, into: &grid)
  }
  if let seconds = state.idleCountdown {
    IdleOverlay.draw(state, seconds: seconds, into: &grid)
  }
}

/// How an own screen (`OwnScreen`) is drawn: its drawer, in its file in `Screens/`, makes
/// the screen's state conform.
protocol DrawnScreen {
  func draw(_ state: AppState, into grid: inout CellGrid)
}
