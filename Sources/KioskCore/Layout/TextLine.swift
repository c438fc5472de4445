/// A run of text with one style, within a line.
public struct Run: Hashable, Sendable {
  public var text: String
  public var style: Style
  /// The article a link's text leads to, by id; nil for other text.
  public var link: String?

  public init(_ text: String, _ style: Style = .body, link: String? = nil) {
    self.text = text
    self.style = style
    self.link = link
  }
}

/// A link to another article on a line: where its text is, and its number in the article.
public struct LineLink: Hashable, Sendable {
  /// Character offsets within the line's text.
  public var range: Range<Int>
  /// The article's id.
  public var target: String
  /// 1 for the article's first link, and so on; a link wrapped over two lines has one.
  public var number: Int

  public init(range: Range<Int>, target: String, number: Int) {
    self.range = range
    self.target = target
    self.number = number
  }
}

/// One laid-out line of text, no wider than the width it was laid out for.
public struct TextLine: Hashable, Sendable {
  public var runs: [Run]
  /// How many characters of the document's text come before this line. It does not depend
  /// on the width, so a reader keeps its place when the window is resized.
  public var anchor: Int
  /// The links to other articles on the line (set by layout).
  public var links: [LineLink] = []

  public init(_ runs: [Run] = [], anchor: Int = 0) {
    self.runs = runs
    self.anchor = anchor
  }

  public var text: String { runs.map(\.text).joined() }
  public var width: Int { runs.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}

/// Word wrapping by display width.
public enum Wrap {
  /// Whether text is all printable ASCII (and line feeds, when asked): one character and
  /// one column a byte.
  public static func isPrintableASCII(_ text: String, orLineFeed: Bool = false) -> Bool {
    text.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || (orLineFeed && $0 == 0x0A) }
  }

  /// The display width of text whose every scalar stands alone: Latin-1 and the general
  /// punctuation (“quotes”, dashes, …), none of which joins its neighbours into a cluster
  /// or takes two columns, so that the width is the sum of the scalars' widths. Nil for
  /// any other text, which is measured a character at a time.
  static func simpleWidth(_ text: some StringProtocol) -> Int? {
    var width = 0
    for scalar in text.unicodeScalars {
      let value = scalar.value
      // A carriage return and a line feed make one character together.
      guard value != 0x0D, value < 0x300 || (0x2000..<0x20D0).contains(value) else { return nil }
      width += DisplayWidth.of(scalar)
    }
    return width
  }

  /// Lays styled text into lines of at most `width` columns. Breaks at spaces; a word
  /// longer than a line is broken between characters. `firstPrefix` starts the first line
  /// and `prefix` every other (a bullet and its hanging indent).
  public static func lines(
    _ runs: [Run], width: Int, firstPrefix: [Run] = [], prefix: [Run] = []
  ) -> [[Run]] {
    wrap(runs, width: width, firstPrefix: firstPrefix, prefix: prefix).map(\.runs)
  }

  /// Like `lines`, with the number of characters of `runs`' words (not counting white
  /// space, so that the count does not depend on where lines break) that each line holds.
  static func wrap(
    _ runs: [Run], width: Int, firstPrefix: [Run], prefix: [Run]
  ) -> [(runs: [Run], length: Int)] {
    var result: [(runs: [Run], length: Int)] = []
    var length = 0
    var line: [Run] = firstPrefix
    var used = firstPrefix.reduce(0) { $0 + DisplayWidth.of($1.text) }
    let indent = prefix.reduce(0) { $0 + DisplayWidth.of($1.text) }
    var lineHasText = false
    var pendingSpace: Style? = nil

    func newLine() {
      result.append((line, length))
      length = 0
      line = prefix
      used = indent
      lineHasText = false
      pendingSpace = nil
    }

    func append(_ text: String, _ style: Style, link: String? = nil) {
      if let last = line.last, last.style == style, last.link == link {
        line[line.count - 1].text += text
      } else {
        line.append(Run(text, style, link: link))
      }
    }

    for (word, style, spaceBefore, link) in words(runs) {
      if let spaceBefore, lineHasText { pendingSpace = spaceBefore }
      guard !word.isEmpty else { continue }
      // Printable ASCII, most words, takes a column a character; other text whose scalars
      // stand alone takes the sum of their widths, none of them two.
      let isASCII = isPrintableASCII(word)
      let simple = isASCII ? word.utf8.count : simpleWidth(word)
      let wordWidth = simple ?? DisplayWidth.of(word)
      let spaceWidth = pendingSpace == nil ? 0 : 1
      // Text in scripts written without spaces (日本語) may break between any characters.
      let breaksAnywhere = simple == nil && word.contains { DisplayWidth.of($0) == 2 }
      if lineHasText && used + spaceWidth + wordWidth > width
        && (!breaksAnywhere || used + spaceWidth + 2 > width)
      {
        newLine()
      }
      if let space = pendingSpace {
        // The space inside a link belongs to it; the one before it does not.
        let isInsideLink = link != nil && line.last?.link == link
        append(" ", space, link: isInsideLink ? link : nil)
        used += 1
        pendingSpace = nil
      }
      if used + wordWidth <= width {
        append(word, style, link: link)
        used += wordWidth
        length += isASCII ? wordWidth : simple != nil ? word.unicodeScalars.count : word.count
        lineHasText = true
        continue
      }
      // A word longer than the room left: break it between characters.
      var piece = ""
      for character in word {
        let characterWidth = DisplayWidth.of(character)
        if used + characterWidth > width && (lineHasText || !piece.isEmpty) {
          append(piece, style, link: link)
          piece = ""
          newLine()
        }
        piece.append(character)
        used += characterWidth
        length += 1
        lineHasText = true
      }
      append(piece, style, link: link)
    }
    if lineHasText || result.isEmpty { result.append((line, length)) }
    return result
  }

  /// Splits runs into words, each with its style, the style of the white space before it
  /// (nil when there was none) and its link. A word may continue across runs ("**bold**text"); its
  /// parts come as separate entries, the second with no space before it.
  static func words(_ runs: [Run]) -> [(String, Style, Style?, String?)] {
    var words: [(String, Style, Style?, String?)] = []
    var space: Style? = nil
    for run in runs {
      if isPrintableASCII(run.text, orLineFeed: true) || simpleWidth(run.text) != nil {
        // A space or a line feed is a character of its own here: split on the bytes.
        let utf8 = run.text.utf8
        var start = utf8.startIndex
        for index in utf8.indices where utf8[index] == 0x20 || utf8[index] == 0x0A {
          if start != index {
            words.append((String(run.text[start..<index]), run.style, space, run.link))
            space = nil
          }
          space = space ?? run.style
          start = utf8.index(after: index)
        }
        if start != utf8.endIndex {
          words.append((String(run.text[start...]), run.style, space, run.link))
          space = nil
        }
        continue
      }
      var current = ""
      for character in run.text {
        if character == " " || character == "\n" {
          if !current.isEmpty {
            words.append((current, run.style, space, run.link))
            current = ""
            space = nil
          }
          space = space ?? run.style
        } else {
          current.append(character)
        }
      }
      if !current.isEmpty {
        words.append((current, run.style, space, run.link))
        space = nil
      }
    }
    return words
  }
}
