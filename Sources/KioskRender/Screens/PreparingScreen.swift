import KioskCore

/// Shown while the kiosk reads a content folder it has no index of yet: the first start,
/// or after the index was deleted. A large knowledge base takes a while.
public func renderPreparing(_ state: AppState, done: Int, total: Int) -> CellGrid {
  var grid = CellGrid(size: state.size)
  if Geometry.isTooSmall(state.size) {
    EnlargeScreen.draw(state, into: &grid)
    return grid
  }
  Frame.titleBar(state, into: &grid)
  let counted = total > 0 ? " \(done) of \(total) read." : ""
  let message = "Getting the articles ready.\(counted) This is needed only when the articles are new."
  let width = grid.size.columns - 2 * Geometry.margin
  for (offset, line) in Wrap.lines([Run(message, Style(.body, .strong))], width: width).enumerated() {
    grid.write(line, row: Geometry.headerHeight + offset, column: Geometry.margin)
  }
  grid.cursor = (Geometry.headerHeight, Geometry.margin)
  return grid
}
