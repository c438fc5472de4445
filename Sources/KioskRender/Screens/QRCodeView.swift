import KioskCore

/// A QR code drawn in text, with its quiet zone: dark modules on a light background in
/// every theme (the `.qrCode` role), since phones need the contrast.
///
/// With Unicode, each cell holds two modules, one above the other, as a half block:
/// " " both light, "▀" the upper dark, "▄" the lower dark, "█" both dark. In ASCII, each
/// module is a row and two columns: "##" dark, "  " light.
enum QRCodeView {
  /// Light modules on every side of the code, as the standard asks.
  static let quietZone = 4

  /// The cells the code takes, quiet zone included.
  static func size(_ modules: QRModules, glyphs: Glyphs) -> (columns: Int, rows: Int) {
    let side = modules.size + 2 * quietZone
    return glyphs.isUnicode ? (side, (side + 1) / 2) : (side * 2, side)
  }

  /// Draws the code with its top left corner (the quiet zone's) at the cell given; rows
  /// below the grid and columns past its right edge are cut off.
  static func draw(_ modules: QRModules, row: Int, column: Int, glyphs: Glyphs, into grid: inout CellGrid) {
    let (_, rows) = size(modules, glyphs: glyphs)
    let side = modules.size + 2 * quietZone
    let style = Style(.qrCode)
    // Whether a module, counted from the quiet zone's corner, is dark.
    func isDark(_ y: Int, _ x: Int) -> Bool {
      modules.isDark(row: y - quietZone, column: x - quietZone)
    }
    for line in 0..<rows {
      var text = ""
      for x in 0..<side {
        if glyphs.isUnicode {
          switch (isDark(2 * line, x), isDark(2 * line + 1, x)) {
          case (false, false): text += " "
          case (true, false): text += "▀"
          case (false, true): text += "▄"
          case (true, true): text += "█"
          }
        } else {
          text += isDark(line, x) ? "##" : "  "
        }
      }
      grid.write(text, row: row + line, column: column, style: style)
    }
  }
}
