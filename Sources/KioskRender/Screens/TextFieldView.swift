import KioskCore

/// How a one-line text field scrolls.
enum TextFieldView {
  /// The first character shown in a one-line field, so that the cursor stays in view.
  static func visibleStart(_ field: TextField, width: Int) -> Int {
    var start = 0
    while start < field.cursor,
      field.characters[start..<field.cursor].reduce(0, { $0 + DisplayWidth.of($1) }) > width
    {
      start += 1
    }
    return start
  }
}
