import Foundation
import KioskTestSupport
import Testing

/// The release program is linked without ICU's data (Sources/CKioskICUData). Some of
/// Foundation's calls that read it stop the program there; others quietly give something
/// else (an empty text, GMT for the local zone, a wrong order). Debug builds, which the
/// tests run, link ICU with its data and show neither; so the kiosk's sources call none of
/// them, and this test says where one has come in.
@Suite("No ICU data")
struct ICUDataTests {
  /// Foundation's names whose use reads ICU's data: formatters, zones, calendars, locales,
  /// and comparisons, case mappings and transforms that take a locale.
  static let names = [
    "DateFormatter", "ISO8601DateFormatter", "NumberFormatter", "DateComponentsFormatter", "DateIntervalFormatter",
    "RelativeDateTimeFormatter", "ByteCountFormatter", "MeasurementFormatter", "ListFormatter",
    "PersonNameComponentsFormatter", "TimeZone", "Calendar", "Locale", ".formatted(", "dateEncodingStrategy = .iso8601",
    "dateDecodingStrategy = .iso8601", "localizedCompare", "localizedCaseInsensitive", "localizedStandard",
    "localizedUppercase", "localizedLowercase", "localizedCapitalized", "uppercased(with", "lowercased(with",
    "capitalized(with", "applyingTransform", "folding(options",
  ]

  @Test("The kiosk's sources call none of Foundation's APIs that read ICU's data")
  func noneCalled() throws {
    let sources = packageRoot.appendingPathComponent("Sources")
    let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") }
    #expect(files.count > 50)
    var found: [String] = []
    for file in files {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        // What a comment says is not a call.
        let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        for name in Self.names where code.contains(name) {
          found.append("Sources/\(file):\(number + 1): \(name)")
        }
      }
    }
    #expect(found == [], "a call that needs ICU's data, which the release program does not carry")
  }
}
