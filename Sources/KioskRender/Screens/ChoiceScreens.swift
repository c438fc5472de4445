import KioskCore

/// The short screens of a few buttons: "Was this article helpful?", "Glad that helped",
/// "Still need help?".
enum ChoiceScreens {
  static func feedback(_ state: AppState, _ feedback: FeedbackState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("Was this article helpful?", feedback.article.title, state, into: &grid)
    Buttons.column(FeedbackAnswer.allCases.map(\.title), selection: feedback.selection, row: Geometry.headerHeight, state, into: &grid)
    Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
  }

  static func notHelpfulReason(_ state: AppState, _ reason: ReasonState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("What went wrong?", "Optional: your answer helps us improve this article.", state, into: &grid)
    Buttons.column(AppState.reasonButtons, selection: reason.selection, row: Geometry.headerHeight, state, into: &grid)
    Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
  }

  static func thanks(_ state: AppState, _ choice: ChoiceState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("Glad that helped", "Thank you for letting us know.", state, into: &grid)
    Buttons.column(ThanksChoice.allCases.map(\.title), selection: choice.selection, row: Geometry.headerHeight, state, into: &grid)
    Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
  }

  static func stillNeedHelp(_ state: AppState, _ choice: ChoiceState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading(
      "Still need help?", "If you are still having trouble, our support team is here to help.",
      state, into: &grid)
    let left = Geometry.margin
    var row = Geometry.headerHeight
    let width = grid.size.columns - 2 * left
    grid.write("E-mail", row: row, column: left, style: Style(.muted))
    grid.write(truncating: state.settings.contact.email, row: row, column: left + 8, style: Style(.body, .strong),
      limit: width - 8, ellipsis: state.settings.glyphs.ellipsis)
    row += 1
    grid.write("Phone", row: row, column: left, style: Style(.muted))
    grid.write(state.settings.contact.phone, row: row, column: left + 8, style: Style(.body, .strong))
    row += 2
    let rest = Geometry.headerHeight + Geometry.bodyHeight(state.size) - row
    let buttons = state.stuckButtons(choice.article)
    if rest >= buttons.count * 2 + 2 {
      let note = "A ticket sends the help desk your details and the steps you tried."
      for line in Wrap.lines([Run(note, Style(.muted))], width: width).prefix(2) {
        grid.write(line, row: row, column: left)
        row += 1
      }
      row += 1
    }
    Buttons.column(buttons, selection: choice.selection, row: row, state, into: &grid)
    Frame.footer(
      Frame.hints(state), position: "", state, into: &grid)
  }
}
