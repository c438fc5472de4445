import KioskCore

/// The article's steps as a checklist, then "It's fixed" and "I still need help".
enum ChecklistScreen {
  static func draw(_ state: AppState, _ checklist: ChecklistState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    let article = checklist.article
    let ticks = state.session.ticks[article.id] ?? []
    let total = ChecklistLayout.itemCount(article) - ChecklistAction.allCases.count
    let progress = total == 0
      ? "This article has no steps to tick."
      : "\(ticks.count) of \(total) step\(total == 1 ? "" : "s") tried \(state.settings.glyphs.middleDot) "
        + "Space ticks a step"
    Frame.heading("Try the steps: \(article.title)", progress, state, into: &grid)

    let lines = ChecklistLayout.lines(article, width: Geometry.textWidth(state.size))
    let height = Geometry.bodyHeight(state.size)
    let left = Geometry.margin
    for (offset, line) in lines.dropFirst(checklist.top).prefix(height).enumerated() {
      let row = Geometry.headerHeight + offset
      let isSelected = line.item == checklist.selection
      switch line.kind {
      case .heading:
        grid.write(line.text, row: row, column: left, style: Style(.subheading, .strong))
      case .blank:
        break
      case .step(let step, let isFirst):
        let style = isSelected ? Style(.selection) : Style(.body)
        if isSelected {
          grid.paint(row: row, column: left - 1, width: ChecklistLayout.boxWidth + 2 + DisplayWidth.of(line.text), style: style)
        }
        if isFirst {
          let box = ticks.contains(step.id) ? "[x]" : "[ ]"
          grid.write(isSelected ? state.settings.glyphs.pointer : " ", row: row, column: left - 1, style: style)
          grid.write(box, row: row, column: left, style: isSelected ? style : Style(.marker, .strong))
        }
        // The cursor on the selected item's first line shown, where its highlight starts.
        if isSelected && grid.cursor == nil { grid.cursor = (row, left - 1) }
        grid.write(line.text, row: row, column: left + ChecklistLayout.boxWidth, style: style)
      case .action:
        let style = isSelected ? Style(.selection, .strong) : Style(.body, .strong)
        let label = " \(line.text) "
        if isSelected {
          grid.paint(row: row, column: left - 1, width: DisplayWidth.of(label) + 2, style: style)
          grid.cursor = (row, left - 1)
        }
        grid.write(isSelected ? state.settings.glyphs.pointer : " ", row: row, column: left - 1, style: style)
        grid.write(label, row: row, column: left, style: style)
      }
    }
    Frame.footer(
      Frame.hints(state),
      position: Frame.scrollPosition(top: checklist.top, count: lines.count, height: height),
      state, into: &grid)
  }
}
