/// An editable text: the characters, the cursor between them and a length limit.
/// Everything typed or pasted is sanitised on the way in.
public struct TextField: Hashable, Sendable {
  public private(set) var characters: [Character] = []
  /// The cursor, from 0 (before the first character) to `characters.count`.
  public private(set) var cursor = 0
  public let limit: Int
  /// Whether Enter starts a new line (else it leaves the field).
  public let isMultiline: Bool

  public init(_ text: String = "", limit: Int, isMultiline: Bool = false) {
    self.limit = limit
    self.isMultiline = isMultiline
    insert(text)
  }

  public var text: String { String(characters) }

  /// The text without white space at either end.
  public var trimmed: String {
    var slice = characters[...]
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }

  /// Inserts text at the cursor, cleaned of controls and escape sequences, up to the limit.
  public mutating func insert(_ text: String) {
    let clean = TerminalText.sanitize(text, keepingNewlines: isMultiline)
    for character in clean where characters.count < limit {
      characters.insert(character, at: cursor)
      cursor += 1
    }
  }

  public mutating func deleteBackward() {
    guard cursor > 0 else { return }
    cursor -= 1
    characters.remove(at: cursor)
  }

  public mutating func deleteForward() {
    guard cursor < characters.count else { return }
    characters.remove(at: cursor)
  }

  public mutating func moveLeft() { cursor = max(cursor - 1, 0) }
  public mutating func moveRight() { cursor = min(cursor + 1, characters.count) }

  /// Moves the cursor to a position, kept within the text.
  public mutating func move(to position: Int) {
    cursor = min(max(position, 0), characters.count)
  }

  /// The text wrapped to `width` columns, as lines of character ranges. Breaks after a
  /// space where it can and between characters where it must; a line feed ends a line.
  /// There is always at least one line, and a cursor at the very end has a place.
  public func lines(width: Int) -> [Range<Int>] {
    let width = max(width, 2)
    var lines: [Range<Int>] = []
    var start = 0
    var used = 0
    var lastSpace: Int? = nil
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "\n" {
        lines.append(start..<index)
        start = index + 1
        used = 0
        lastSpace = nil
        index += 1
        continue
      }
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > width {
        let end = lastSpace.map { $0 + 1 } ?? index
        lines.append(start..<end)
        start = end
        used = characters[start..<index].reduce(0) { $0 + DisplayWidth.of($1) }
        lastSpace = nil
        continue
      }
      if character == " " { lastSpace = index }
      used += characterWidth
      index += 1
    }
    lines.append(start..<characters.count)
    return lines
  }

  /// The line and column (in display columns) of the cursor in `lines(width:)`.
  public func cursorPlace(width: Int) -> (line: Int, column: Int) {
    let lines = lines(width: width)
    for (number, range) in lines.enumerated().reversed() where range.lowerBound <= cursor {
      let column = characters[range.lowerBound..<min(cursor, range.upperBound)].reduce(0) { $0 + DisplayWidth.of($1) }
      return (number, column)
    }
    return (0, 0)
  }

  /// Moves the cursor one wrapped line up or down, keeping its column; false at the edge.
  public mutating func moveLine(by offset: Int, width: Int) -> Bool {
    let lines = lines(width: width)
    let place = cursorPlace(width: width)
    let target = place.line + offset
    guard lines.indices.contains(target) else { return false }
    let range = lines[target]
    var column = 0
    var position = range.lowerBound
    while position < range.upperBound, characters[position] != "\n" {
      let next = column + DisplayWidth.of(characters[position])
      if next > place.column { break }
      column = next
      position += 1
    }
    cursor = position
    return true
  }

  /// Moves to the start or the end of the cursor's wrapped line.
  public mutating func moveToLineEdge(end: Bool, width: Int) {
    let lines = lines(width: width)
    let number = cursorPlace(width: width).line
    let range = lines[number]
    guard end else {
      cursor = range.lowerBound
      return
    }
    // A line that wrapped (rather than ended in a line feed) ends before the next one starts.
    let wrapped = number + 1 < lines.count && lines[number + 1].lowerBound == range.upperBound
    cursor = wrapped && range.upperBound > range.lowerBound ? range.upperBound - 1 : range.upperBound
  }
}
