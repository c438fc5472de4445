import Foundation

@testable import KioskConfiguration

/// Configuration files written from text, for the tests.
enum ConfigurationText {
  /// The configuration a file with this text gives.
  static func load(_ text: String) throws -> Configuration {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try Configuration.load(from: url)
  }

  /// "LINE: MESSAGE" of the error the text gives, or nil when it loads.
  static func failure(_ text: String) -> String? {
    do {
      _ = try load(text)
      return nil
    } catch let error as ConfigurationError {
      return "\(error.line): \(error.message)"
    } catch {
      return "\(error)"
    }
  }
}
