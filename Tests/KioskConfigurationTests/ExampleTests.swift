import Foundation
import Testing

@testable import KioskConfiguration

@Suite struct ExampleConfigurationTests {
  /// The documented example is a valid file, and says what the defaults are.
  @Test func theShippedExampleLoadsAsTheDefaults() throws {
    let example = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Resources/config.example.yaml")
    #expect(try Configuration.load(from: example) == Configuration())
  }
}
