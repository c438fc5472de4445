/// Where things go on the screen. `update` and the renderer share these numbers, so that
/// scrolling, paging and mouse clicks agree with what is drawn.
public enum Geometry {
  /// The smallest window the kiosk draws its screens in; below it, it asks to be enlarged.
  public static let minimumSize = Size(columns: 40, rows: 12)
  /// Title bar, the screen's heading and subtitle, and a blank row.
  public static let headerHeight = 4
  /// Rule and key hints.
  public static let footerHeight = 2
  /// The widest an article's text gets, for comfortable reading.
  public static let maximumTextWidth = 96
  /// Columns left blank at each side of the text.
  public static let margin = 2

  public static func isTooSmall(_ size: Size) -> Bool {
    size.columns < minimumSize.columns || size.rows < minimumSize.rows
  }

  /// Rows between header and footer.
  public static func bodyHeight(_ size: Size) -> Int {
    max(size.rows - headerHeight - footerHeight, 1)
  }

  /// The width an article is laid out for.
  public static func textWidth(_ size: Size) -> Int {
    min(max(size.columns - 2 * margin, 1), maximumTextWidth)
  }

  /// The width of the text inside a form field's brackets or box.
  public static func fieldWidth(_ size: Size) -> Int {
    max(textWidth(size) - 2, 8)
  }

  /// Rows one menu entry takes: its lines and a blank row after them.
  public static func itemHeight(_ context: MenuKind) -> Int {
    switch context {
    case .categories: 3
    case .articles: 4
    case .results: 3
    case .contents: 2
    }
  }

  /// How many menu entries fit in the body at once.
  public static func visibleItems(_ kind: MenuKind, _ size: Size) -> Int {
    max(bodyHeight(size) / itemHeight(kind), 1)
  }
}

/// The menus: categories on Home, articles of a category, search results, an article's
/// contents.
public enum MenuKind: Hashable, Sendable {
  case categories
  case articles
  case results
  case contents
}
