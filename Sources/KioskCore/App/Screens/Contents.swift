// An article's contents: its headings, to jump to one in the reader.

/// One heading of an article's contents.
public struct ContentsEntry: Hashable, Sendable {
  public var title: String
  /// The reader line the heading starts on.
  public var line: Int
  public var isSubheading: Bool
  var lineCount = 1

  public init(title: String, line: Int, isSubheading: Bool) {
    self.title = title
    self.line = line
    self.isSubheading = isSubheading
  }
}

/// An article's headings, to jump to one.
public struct ContentsState: Hashable, Sendable {
  public var title: String
  public var entries: [ContentsEntry]
  public var menu = MenuState()

  /// Articles with fewer headings than this do not offer their contents.
  public static let minimumHeadings = 3
}

extension AppState {
  func contentsBindings(_ keys: SharedKeys) -> BindingTable {
    BindingTable([
      keys.moves(footer: keys.choose, help: Hint(keys.upDown + "  k j", "Choose a heading")),
      keys.pages(), keys.edges(),
      keys.activate(footer: Hint("Enter", "Go there"), help: Hint("Enter", "Go to it in the article")),
      keys.back(footer: Hint("Esc", "Back"), help: Hint("Esc  Backspace", "Back to the article")),
      keys.tabMoves,
    ] + keys.help + keys.quit)
  }

  /// Enter on a heading of the contents: back to the reader, with the heading at the top.
  mutating func jump(_ contents: ContentsState) {
    guard contents.entries.indices.contains(contents.menu.selection) else { return }
    let line = contents.entries[contents.menu.selection].line
    goBack()
    guard case .reader(var reader) = screen else { return }
    reader.show(top: min(line, reader.maximumTop(size)))
    reader.focusedLink = nil
    screen = .reader(reader)
  }

  mutating func moveInContents(_ action: Action, _ contents: ContentsState) {
    var contents = contents
    contents.menu.move(action, count: contents.entries.count, visible: Geometry.visibleItems(.contents, size))
    screen = .contents(contents)
  }

  mutating func resizeContents(_ contents: ContentsState) {
    var contents = contents
    contents.menu.scrollIntoView(count: contents.entries.count, visible: Geometry.visibleItems(.contents, size))
    screen = .contents(contents)
  }
}
