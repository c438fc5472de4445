import Foundation
import Testing

@testable import KioskConfiguration

/// The keys the parser takes, the keys docs/configuration.md lists and the keys
/// Resources/config.example.yaml shows are the same keys, so that none of the three can
/// drift from the others.
@Suite struct DocumentedKeysTests {
  private static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every key the parser takes: the top-level keys it checks names against, and the keys
  /// inside `sendmail` and `retry` as `sendmail.program`.
  private static var parserKeys: Set<String> {
    Set(Configuration.keys.map(\.0))
      .union(DeliverySettingsReader.sendmailKeys.map { "sendmail.\($0)" })
      .union(DeliverySettingsReader.retryKeys.map { "retry.\($0)" })
  }

  /// One row of the keys table: `| `key` | type | default | meaning |`.
  struct DocumentedKey {
    var name: String
    var type: String
    var defaultValue: String
    var meaning: String
  }

  /// The rows of docs/configuration.md whose first cell is a key in backquotes.
  private static func documentedKeys() throws -> [DocumentedKey] {
    let text = try String(contentsOf: root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: "|", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
      // "| a | b | c | d |" splits into six cells, the first and last empty.
      guard cells.count == 6, let match = cells[1].wholeMatch(of: /`([a-z_]+(?:\.[a-z_]+)?)`/) else { return nil }
      return DocumentedKey(name: String(match.output.1), type: cells[2], defaultValue: cells[3], meaning: cells[4])
    }
  }

  /// Every key the example shows, commented out or not, as `sendmail.program` for one inside
  /// a map.
  private static func exampleKeys() throws -> Set<String> {
    let text = try String(
      contentsOf: root.appendingPathComponent("Resources/config.example.yaml"), encoding: .utf8)
    var keys: Set<String> = []
    var parents: [(indent: Int, name: String)] = []
    for rawLine in text.split(separator: "\n") {
      var line = Substring(rawLine)
      // A commented-out key: "# key: value", "#   key: value" inside a commented map.
      if line.hasPrefix("# ") { line = line.dropFirst(2) } else if line.hasPrefix("#") { line = line.dropFirst() }
      guard let match = line.prefixMatch(of: /( *)([a-z_]+):(?: |$)/) else { continue }
      let indent = match.output.1.count
      parents.removeAll { $0.indent >= indent }
      let name = String(match.output.2)
      keys.insert((parents.map(\.name) + [name]).joined(separator: "."))
      parents.append((indent, name))
    }
    return keys
  }

  /// What the parser says about a file that sets `key` (dotted for one inside a map) to a
  /// value: nil when it loads, else its message.
  private static func parserMessage(setting key: String) -> String? {
    let parts = key.split(separator: ".")
    let text = parts.count == 2 ? "\(parts[0]):\n  \(parts[1]): x\n" : "\(key): x\n"
    return ConfigurationText.failure(text)
  }

  @Test func theDocumentListsEveryKeyWithTypeDefaultAndMeaning() throws {
    let documented = try Self.documentedKeys()
    #expect(documented.count > 20, "docs/configuration.md lists \(documented.count) keys")
    let names = documented.map(\.name)
    #expect(Set(names).count == names.count, "each key once: \(names)")
    for key in documented {
      #expect(!key.type.isEmpty && !key.defaultValue.isEmpty && !key.meaning.isEmpty, "\(key.name)")
    }
    let missing = Self.parserKeys.subtracting(names)
    #expect(missing.isEmpty, "keys the parser takes that docs/configuration.md does not list: \(missing.sorted())")
    let extra = Set(names).subtracting(Self.parserKeys)
    #expect(extra.isEmpty, "keys docs/configuration.md lists that the parser does not take: \(extra.sorted())")
  }

  @Test func theParserTakesEveryDocumentedKey() throws {
    // The check can fail: an unknown key, at the top or inside a map, is reported as one.
    #expect(Self.parserMessage(setting: "colour")?.contains("unknown key 'colour'") == true)
    #expect(Self.parserMessage(setting: "sendmail.timeout")?.contains("unknown key 'sendmail.timeout'") == true)
    let documented = try Self.documentedKeys()
    #expect(!documented.isEmpty)
    for key in documented {
      let message = Self.parserMessage(setting: key.name) ?? "loads"
      #expect(!message.contains("unknown key"), "\(key.name): \(message)")
    }
  }

  @Test func theExampleShowsEveryKey() throws {
    let shown = try Self.exampleKeys()
    #expect(shown.count > 20, "Resources/config.example.yaml shows \(shown.count) keys")
    let missing = Self.parserKeys.subtracting(shown)
    #expect(missing.isEmpty, "keys the parser takes that the example does not show: \(missing.sorted())")
    let unknown = shown.subtracting(Self.parserKeys)
    #expect(unknown.isEmpty, "keys the example shows that the parser does not take: \(unknown.sorted())")
  }

  @Test func theKeysDocumentedAsTimesAreTheKeysThatTakeUnits() throws {
    let times = try Self.documentedKeys().filter { $0.type == "time" }.map(\.name)
    #expect(Set(times) == Set(TimeUnitTests.keys.map(\.name)))
  }
}
