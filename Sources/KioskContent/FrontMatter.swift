import KioskCore
import Yams

/// The YAML block at the top of an article, between two `---` lines.
struct FrontMatter {
  /// Keys an article may set.
  static let knownKeys: Set<String> = ["title", "category", "updated", "summary", "read_time", "messages", "related", "url"]
  /// The longest error message an article may list.
  static let maximumMessageLength = 200

  var title: String
  var category: String
  var categoryLine: Int
  var updated: Day
  var summary: String
  var readMinutes: Int?
  /// The error messages the article covers, as people see them on screen.
  var messages: [String]
  /// The ids of articles to offer after this one, with the line each is on.
  var related: [(id: String, line: Int)]
  /// The article on the organisation's web help centre.
  var url: String?
  /// The Markdown after the block, and the file line it starts on.
  var body: Substring
  var bodyLine: Int

  /// Splits and checks the front matter of a file's text. Throws the first problem found
  /// in the block's shape or YAML; returns every problem with its keys in `problems`.
  static func parse(_ text: String, file: String, problems: inout [ContentProblem]) throws -> FrontMatter {
    func problem(_ line: Int, _ message: String) -> ContentProblem {
      ContentProblem(file: file, line: line, message: message)
    }
    // Only the lines up to the closing fence are looked at: the body can be long.
    var lines = Lines(text)
    guard let first = lines.next(), isFence(text[first]) else {
      throw problem(1, "missing front matter: the file must start with a line '---'")
    }
    var close = 1
    var closing: Range<String.Index>? = nil
    while let line = lines.next() {
      if isFence(text[line]) {
        closing = line
        break
      }
      close += 1
    }
    guard let closing else {
      throw problem(1, "front matter is not closed: add a line '---' after its last key")
    }
    // The lines between the fences, without the line end before the closing one.
    let yaml = close == 1 ? "" : String(text[first.upperBound..<closing.lowerBound].dropFirst().dropLast())
    let root: Node?
    do {
      // Values are read as text and checked here, so no implicit typing: the basic resolver
      // also spares the start-up the default one's regular expressions. The encoding is
      // named, so that it is not looked up in the environment for every article.
      root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
    } catch let error as YamlError {
      let (line, message) = describe(error)
      throw problem(line + 1, "front matter is not valid YAML: \(message)")
    }
    guard let mapping = root?.mapping else {
      throw problem(2, "front matter must be 'key: value' lines (title, category, updated, summary)")
    }

    var values: [String: (text: String, line: Int)] = [:]
    var messages: [String] = []
    var related: [(id: String, line: Int)] = []
    for (key, value) in mapping {
      let line = (key.mark?.line ?? 1) + 1
      guard let name = key.string else {
        problems.append(problem(line, "front matter keys must be plain words"))
        continue
      }
      guard knownKeys.contains(name) else {
        problems.append(problem(line, "unknown front matter key '\(name)' (known: \(knownKeys.sorted().joined(separator: ", ")))"))
        continue
      }
      if name == "messages" {
        messages = parseList(
          value, key: name, example: "Your session has expired", maximumLength: maximumMessageLength, line: line,
          problem: { problems.append(problem($0, $1)) }
        ).map(\.text)
        continue
      }
      if name == "related" {
        related = parseList(
          value, key: name, example: "reset-your-password", maximumLength: maximumMessageLength, line: line,
          problem: { problems.append(problem($0, $1)) }
        ).map { (String($0.text.hasSuffix(".md") ? $0.text.dropLast(3) : Substring($0.text)), $0.line) }
        continue
      }
      guard let scalar = value.scalar else {
        problems.append(problem(line, "'\(name)' must be a single value, not a list or a map"))
        continue
      }
      values[name] = (scalar.string, line)
    }

    var missing: [String] = []
    func required(_ name: String) -> (text: String, line: Int) {
      guard let value = values[name], !value.text.trimmingCharacters(in: " ").isEmpty else {
        missing.append(name)
        return ("", 1)
      }
      return value
    }
    let title = required("title")
    let category = required("category")
    let updatedText = required("updated")
    let summary = required("summary")
    if !missing.isEmpty {
      throw problem(1, "front matter is missing \(missing.map { "'\($0)'" }.joined(separator: ", "))")
    }
    guard let updated = Day(iso: updatedText.text) else {
      throw problem(updatedText.line, "'updated' must be a date written YYYY-MM-DD, not '\(updatedText.text)'")
    }
    var url: String? = nil
    if let address = values["url"] {
      // A bad address is left out; the article still loads.
      if WebAddress.isWebAddress(address.text) {
        url = address.text
      } else {
        problems.append(
          problem(address.line, "'url' must be an http or https address, not '\(TerminalText.sanitize(address.text))'"))
      }
    }
    var readMinutes: Int? = nil
    if let readTime = values["read_time"] {
      guard let minutes = Int(readTime.text), (1...600).contains(minutes) else {
        throw problem(readTime.line, "'read_time' must be a whole number of minutes, not '\(readTime.text)'")
      }
      readMinutes = minutes
    }
    let body = closing.upperBound < text.endIndex ? text[text.utf8.index(after: closing.upperBound)...] : ""
    return FrontMatter(
      title: title.text, category: category.text, categoryLine: category.line, updated: updated,
      summary: summary.text, readMinutes: readMinutes, messages: messages, related: related, url: url, body: body,
      bodyLine: close + 2)
  }

  /// A key's list of one-line texts (`messages:`, `related:`), each with its line; a bad
  /// entry is reported and left out.
  private static func parseList(
    _ value: Node, key: String, example: String, maximumLength: Int, line: Int, problem: (Int, String) -> Void
  ) -> [(text: String, line: Int)] {
    guard let sequence = value.sequence else {
      problem(line, "'\(key)' must be a list, one '- ' line each")
      return []
    }
    var items: [(text: String, line: Int)] = []
    for item in sequence {
      let itemLine = (item.mark?.line ?? line - 1) + 1
      guard let text = item.scalar?.string.trimmingCharacters(in: " "), !text.isEmpty else {
        problem(itemLine, "each of '\(key)' must be a text, such as '- \(example)'")
        continue
      }
      guard text.count <= maximumLength else {
        problem(itemLine, "an entry of '\(key)' is longer than \(maximumLength) characters")
        continue
      }
      let clean = TerminalText.sanitize(String(text))
      if items.contains(where: { $0.text == clean }) {
        problem(itemLine, "'\(clean)' is listed twice in '\(key)'")
        continue
      }
      items.append((clean, itemLine))
    }
    return items
  }

  /// The line (within the YAML) and a one-line message for a Yams error.
  static func describe(_ error: YamlError) -> (Int, String) {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // The context ("while scanning a quoted scalar") points at where the trouble starts.
      guard let context else { return (mark.line, problem) }
      return (context.mark.line, "\(problem) \(context.text)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return (context.mark.line, "duplicate key \(duplicates.joined(separator: ", "))")
    default:
      return (1, String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable")
    }
  }

  /// Whether a line is `---`, give or take spaces and carriage returns around it. Asked of
  /// every line up to the closing fence, so it looks at bytes: a space or carriage return
  /// with a combining mark on it is no fence either way.
  private static func isFence(_ line: Substring) -> Bool {
    var bytes = line.utf8[...]
    while let first = bytes.first, first == 0x20 || first == 0x0D { bytes = bytes.dropFirst() }
    while let last = bytes.last, last == 0x20 || last == 0x0D { bytes = bytes.dropLast() }
    return bytes.elementsEqual("---".utf8)
  }

  /// The lines of a text one after another, split where `split(separator: "\n")` would
  /// split it (at each line feed that is a character of its own, so not inside CR LF).
  private struct Lines {
    let text: String
    var start: String.Index
    var isDone = false

    init(_ text: String) {
      self.text = text
      start = text.startIndex
    }

    /// The next line, without its line feed.
    mutating func next() -> Range<String.Index>? {
      guard !isDone else { return nil }
      let utf8 = text.utf8
      var search = start
      while let feed = utf8[search...].firstIndex(of: 0x0A) {
        // A line feed after a carriage return is part of one character with it.
        if feed > utf8.startIndex && utf8[utf8.index(before: feed)] == 0x0D {
          search = utf8.index(after: feed)
          continue
        }
        let line = start..<feed
        start = utf8.index(after: feed)
        return line
      }
      isDone = true
      return start..<text.endIndex
    }
  }
}

extension StringProtocol {
  /// Without the characters of `characters` at either end (whole characters: a space with
  /// a combining mark on it stays). `characters` is a few, looked through in turn: a set
  /// of them, made at each call, cost more than the trimming.
  func trimmingCharacters(in characters: String) -> Substring {
    var slice = Substring(self)
    while let first = slice.first, characters.contains(first) { slice.removeFirst() }
    while let last = slice.last, characters.contains(last) { slice.removeLast() }
    return slice
  }
}
