import Foundation
import Testing

@testable import KioskConfiguration

/// Every time in the configuration file is whole seconds or a number with a unit (`s`, `m`,
/// `h`, `d`), as docs/configuration.md says; a time the kiosk cannot use is refused in the
/// words the documentation uses.
@Suite struct TimeUnitTests {
  /// A time key: how a file sets it (`%@` for the value, with what the key needs beside it)
  /// and the seconds the loaded configuration holds.
  struct TimeKey: Sendable, CustomStringConvertible {
    var name: String
    var file: String
    var seconds: @Sendable (Configuration) -> Int?

    var description: String { name }

    func text(_ value: String) -> String { file.replacingOccurrences(of: "%@", with: value) }
  }

  /// Every key that takes a time.
  static let keys: [TimeKey] = [
    TimeKey(name: "idle_timeout", file: "idle_timeout: %@\n") { $0.idleTimeout },
    TimeKey(name: "idle_countdown", file: "idle_countdown: %@\n") { $0.idleCountdown },
    TimeKey(
      name: "sendmail.time_limit",
      file: "sender: k@example.org\ntransport: sendmail\nsendmail:\n  program: /usr/bin/msmtp\n  time_limit: %@\n"
    ) {
      guard case .sendmail(let setting) = $0.transport else { return nil }
      return Int(setting.timeLimit.rounded())
    },
    TimeKey(name: "retry.first_delay", file: "retry:\n  first_delay: %@\n  maximum_delay: 10d\n  give_up_after: 10d\n") {
      Int($0.retry.firstDelay.rounded())
    },
    TimeKey(name: "retry.maximum_delay", file: "retry:\n  first_delay: 1s\n  maximum_delay: %@\n") {
      Int($0.retry.maximumDelay.rounded())
    },
    TimeKey(name: "retry.give_up_after", file: "retry:\n  first_delay: 1s\n  give_up_after: %@\n") {
      Int($0.retry.lifetime.rounded())
    },
    TimeKey(name: "retention", file: "retention: %@\n") { Int($0.retention.rounded()) },
  ]

  /// For each key, a value in each unit (and none) that is within the key's range, with the
  /// seconds it means.
  static let values: [String: [(String, Int)]] = [
    "idle_timeout": [("0", 0), ("75", 75), ("90s", 90), ("2m", 120), ("1h", 3_600), ("1d", 86_400), ("1.5m", 90)],
    "idle_countdown": [("15", 15), ("45s", 45), ("5m", 300), ("0.1h", 360), ("0.005d", 432)],
    "sendmail.time_limit": [("30", 30), ("90s", 90), ("2m", 120), ("1h", 3_600), ("0.01d", 864)],
    "retry.first_delay": [("300", 300), ("90s", 90), ("2m", 120), ("1h", 3_600), ("5d", 432_000)],
    "retry.maximum_delay": [("4000", 4_000), ("90s", 90), ("2m", 120), ("1h", 3_600), ("5d", 432_000)],
    "retry.give_up_after": [("600", 600), ("90s", 90), ("2m", 120), ("1h", 3_600), ("5d", 432_000)],
    "retention": [("0", 0), ("90s", 90), ("2m", 120), ("1h", 3_600), ("30d", 2_592_000), ("3650d", 315_360_000)],
  ]

  @Test(arguments: keys)
  func everyUnitIsTaken(key: TimeKey) throws {
    let values = try #require(Self.values[key.name])
    for unit in ["s", "m", "h", "d"] {
      #expect(values.contains { $0.0.hasSuffix(unit) }, "\(key.name) is tried with '\(unit)'")
    }
    for (value, seconds) in values {
      let configuration = try ConfigurationText.load(key.text(value))
      #expect(key.seconds(configuration) == seconds, "\(key.name): \(value)")
    }
  }

  @Test func unitsMayBeCapitalOrSpelt() throws {
    #expect(try ConfigurationText.load("idle_timeout: 90S\n").idleTimeout == 90)
    #expect(try ConfigurationText.load("idle_timeout: 2 minutes\n").idleTimeout == 120)
    #expect(try ConfigurationText.load("retention: 14 days\n").retention == 14 * 86_400)
  }

  @Test(arguments: [
    ("idle_timeout: soon\n",
     "1: 'idle_timeout' must be a whole number from 0 to 86400, not 'soon' (seconds, or a time with a unit: 90s, 2m, 1h)"),
    ("idle_timeout: 90x\n",
     "1: 'idle_timeout' must be a whole number from 0 to 86400, not '90x' (seconds, or a time with a unit: 90s, 2m, 1h)"),
    ("idle_timeout: 2d\n",
     "1: 'idle_timeout' must be a whole number from 0 to 86400, not '2d' (seconds, or a time with a unit: 90s, 2m, 1h)"),
    ("idle_timeout: -5\n",
     "1: 'idle_timeout' must be a whole number from 0 to 86400, not '-5' (seconds, or a time with a unit: 90s, 2m, 1h)"),
    ("idle_countdown: 1.5s\n",
     "1: 'idle_countdown' must be a whole number from 1 to 600, not '1.5s' (seconds, or a time with a unit: 90s, 2m, 1h)"),
    ("kiosk_id: a\nidle_countdown: 11m\n",
     "2: 'idle_countdown' must be a whole number from 1 to 600, not '11m' (seconds, or a time with a unit: 90s, 2m, 1h)"),
    ("retention: 3651d\n", "1: 'retention' must be from 0 to 3650 days, such as 30d, not '3651d'"),
    ("kiosk_id: a\nretention: 400000000\n", "2: 'retention' must be from 0 to 3650 days, such as 30d, not '400000000'"),
    ("retention: 11y\n", "1: 'retention' must be a time such as 300, 90s, 5m, 2h or 5d, not '11y'"),
    ("retention:\n  - 30d\n", "1: 'retention' must be a single value"),
  ])
  func aTimeItCannotUseIsNamedInTheDocumentsWords(text: String, expected: String) {
    #expect(ConfigurationText.failure(text) == expected)
  }

  @Test func retentionErrorsSpeakDaysNotSeconds() {
    let message = ConfigurationText.failure("retention: 5000d\n") ?? ""
    #expect(message.contains("3650 days"))
    #expect(!message.contains("seconds"), "\(message)")
  }
}
