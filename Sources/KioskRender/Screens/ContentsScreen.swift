import KioskCore

/// An article's headings: Enter jumps to one in the reader, Esc goes back to where it was.
enum ContentsScreen {
  static func draw(_ state: AppState, _ contents: ContentsState, into grid: inout CellGrid) {
    Frame.titleBar(state, into: &grid)
    Frame.heading("Contents", contents.title, state, into: &grid)
    let entries = contents.entries.lazy.map { entry in
      MenuList.Entry(title: (entry.isSubheading ? "  " : "") + entry.title, note: "", details: [])
    }
    MenuList.draw(entries, contents.menu, kind: .contents, state, into: &grid)
    let visible = Geometry.visibleItems(.contents, state.size)
    Frame.footer(
      Frame.hints(state),
      position: Frame.range(contents.menu, count: entries.count, visible: visible, state.settings.glyphs),
      state, into: &grid)
  }
}
