import KioskCore

/// A vertical menu of entries a few lines high, with the selected one highlighted.
enum MenuList {
  /// One entry: its first line (with a right-aligned note) and the muted lines below it.
  struct Entry {
    var title: String
    var note: String
    var details: [String]
    /// Words to highlight in the title and details.
    var query: SearchQuery? = nil

    /// Text in a style, with the query's matches highlighted.
    func runs(_ text: String, _ style: Style) -> [Run] {
      query?.highlight([Run(text, style)]) ?? [Run(text, style)]
    }
  }

  /// Draws the entries in view; `entries` may be lazy, so that a long list makes only
  /// the entries it shows.
  static func draw<Entries: RandomAccessCollection<Entry>>(
    _ entries: Entries, _ menu: MenuState, kind: MenuKind, _ state: AppState,
    into grid: inout CellGrid
  ) {
    let height = Geometry.itemHeight(kind)
    let visible = Geometry.visibleItems(kind, state.size)
    let left = Geometry.margin
    let width = grid.size.columns - 2 * left
    for (slot, index) in (menu.top..<min(menu.top + visible, entries.count)).enumerated() {
      let entry = entries[entries.index(entries.startIndex, offsetBy: index)]
      let isSelected = index == menu.selection
      let row = Geometry.headerHeight + slot * height
      let pointer = isSelected ? state.settings.glyphs.pointer : " "
      let titleStyle = isSelected ? Style(.selection, .strong) : Style(.body, .strong)
      let detailStyle = Style(.muted)
      let noteWidth = entry.note.isEmpty ? 0 : DisplayWidth.of(entry.note) + 2
      let titleRoom = width - 1 - (noteWidth <= width / 3 ? noteWidth : 0)
      // Only the selected title is marked (pointer and bar), as dialog does: moving the
      // selection redraws two short runs of cells, not whole rows.
      if isSelected {
        let titleWidth = min(DisplayWidth.of(entry.title), titleRoom)
        grid.paint(row: row, column: left - 1, width: titleWidth + 3, style: titleStyle)
      }
      grid.write(
        truncating: entry.runs(entry.title, titleStyle), row: row, column: left + 1, limit: titleRoom,
        ellipsis: state.settings.glyphs.ellipsis)
      grid.write(pointer, row: row, column: left - 1, style: titleStyle)
      if noteWidth > 0 && noteWidth <= width / 3 {
        grid.write(entry.note, row: row, column: left + width - noteWidth + 2, style: detailStyle)
      }
      for (offset, detail) in entry.details.prefix(max(height - 2, 0)).enumerated() {
        grid.write(
          truncating: entry.runs(detail, detailStyle), row: row + 1 + offset, column: left + 1,
          limit: width - 1, ellipsis: state.settings.glyphs.ellipsis)
      }
      if isSelected { grid.cursor = (row, left - 1) }
    }
  }
}
