import Foundation
import KioskCore
import KioskOutbox
import Logging
import Yams

/// A problem in the configuration file: the kiosk does not start with half a configuration.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public var description: String { "\(file):\(line): \(TerminalText.sanitize(message))" }

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }
}

/// The kiosk's settings: who and where it is, how to reach the help desk, the idle timers,
/// the operator's PIN, and how tickets are delivered. Every key is optional; what is missing
/// keeps its default. `Resources/config.example.yaml` documents every key.
public struct Configuration: Equatable, Sendable {
  public var identity = KioskIdentity()
  public var organisation = "IT Help Desk"
  public var idleTimeout = 120
  public var idleCountdown = 30
  public var adminKey = Key.function(12)
  /// The yescrypt hash set by `helpdesk-kiosk admin set-pin`.
  public var adminPinHash: String?
  /// How tickets leave the kiosk.
  public var transport = TransportSetting.spool
  /// When failed deliveries are tried again, and when the outbox gives up.
  public var retry = RetryPolicy.standard
  /// How long delivered tickets keep their personal data (30 days).
  public var retention: TimeInterval = 30 * 86_400
  /// The folder of the outbox database and the spool, when the file names one.
  public var stateDirectory: String?
  /// The least important events that are logged.
  public var logLevel = Logger.Level.info
  /// The colours: standard, high contrast or monochrome (`NO_COLOR` forces monochrome).
  public var theme = Theme.standard
  /// Plain mode for screen readers: no lines or frames, ASCII, the cursor always shown.
  public var isPlain = false
  /// Every article's address on the organisation's web help centre, with `{id}` for the
  /// article's id; an article's own `url:` comes first.
  public var articleURL: String?

  /// The levels `log_level` takes, most verbose first.
  public static let logLevels: [Logger.Level] = [.debug, .info, .notice, .warning, .error]

  public init() {}

  /// The keys a file may set, with what each takes.
  public static let keys: [(String, String)] = [
    ("kiosk_id", "a short name for this terminal, unique among the organisation's kiosks"),
    ("location", "where the terminal stands, in words the help desk understands"),
    ("organisation", "the name in the title bar"),
    ("helpdesk_email", "where tickets go"),
    ("helpdesk_phone", "the phone line shown to people"),
    ("sender", "the From address of ticket e-mails"),
    ("idle_timeout", "seconds without a key before the countdown (0: never)"),
    ("idle_countdown", "seconds of the \"Are you still there?\" countdown"),
    ("admin_key", "the key that opens the PIN prompt: F1 to F12"),
    ("admin_pin_hash", "set by 'helpdesk-kiosk admin set-pin'"),
    ("transport", "spool (files in <state-dir>/spool) or sendmail"),
    ("sendmail", "the mail program: program, arguments, time_limit"),
    ("retry", "the back-off of failed deliveries: first_delay, maximum_delay, give_up_after"),
    ("retention", "how long delivered tickets keep their personal data, e.g. 30d"),
    ("state_dir", "the folder of the outbox database and the spool"),
    ("log_level", "the least important events logged: debug, info, notice, warning or error"),
    ("theme", "the colours: standard, high-contrast or monochrome"),
    ("plain", "true for screen readers: no lines or frames, the cursor always shown"),
    ("article_url", "the web address of every article, with {id} for its id, e.g. https://help.example.com/{id}"),
  ]

  /// Reads a configuration file. Throws the first problem, naming its key and line.
  public static func load(from url: URL) throws -> Configuration {
    let name = url.path
    func problem(_ line: Int, _ message: String) -> ConfigurationError {
      ConfigurationError(file: name, line: line, message: message)
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw problem(0, "cannot be read")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw problem(1, "is not UTF-8 text") }
    let root: Node?
    do {
      // Values are read as text and checked here, so no implicit typing: the basic resolver
      // also spares the start-up the default one's regular expressions.
      root = try Yams.compose(yaml: text, .basic, .default, .utf8)
    } catch let error as YamlError {
      if case .duplicatedKeysInMapping(let duplicates, _) = error {
        let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
        throw problem(line(of: error), "\(names) is given twice: keep one")
      }
      throw problem(line(of: error), "is not valid YAML")
    }
    var configuration = Configuration()
    guard let root else { return configuration }
    guard let mapping = root.mapping else {
      throw problem(root.mark?.line ?? 1, "must be 'key: value' lines")
    }
    let known = Set(keys.map(\.0))
    var delivery = DeliverySettingsReader(problem: problem)
    var hasSender = false
    for (key, value) in mapping {
      let line = key.mark?.line ?? 1
      guard let name = key.string, known.contains(name) else {
        throw problem(line, "unknown key '\(key.string ?? "?")' (known: \(keys.map(\.0).joined(separator: ", ")))")
      }
      if name == "retention" { try checkRetention(value, line: line, problem: problem) }
      if DeliverySettingsReader.keys.contains(name) {
        try delivery.read(name, key: key, value: value)
        continue
      }
      guard let scalar = value.scalar?.string else {
        throw problem(line, "'\(name)' must be a single value")
      }
      let text = scalar.trimmingSpaces
      func wholeSeconds(_ range: ClosedRange<Int>) throws -> Int {
        guard let seconds = Self.wholeSeconds(in: text), range.contains(seconds) else {
          throw problem(
            line,
            "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)' "
              + "(seconds, or a time with a unit: 90s, 2m, 1h)")
        }
        return seconds
      }
      func words() throws -> String {
        let clean = TerminalText.sanitize(text)
        guard !clean.isEmpty else { throw problem(line, "'\(name)' is empty") }
        return clean
      }
      func address() throws -> String {
        guard ContactValidation.isEmail(text) else {
          throw problem(line, "'\(name)' must be an e-mail address, not '\(text)'")
        }
        return text
      }
      switch name {
      case "kiosk_id": configuration.identity.id = try words()
      case "location": configuration.identity.location = try words()
      case "organisation": configuration.organisation = try words()
      case "helpdesk_email": configuration.identity.contact.email = try address()
      case "helpdesk_phone":
        guard ContactValidation.isPhone(text) else {
          throw problem(line, "'helpdesk_phone' must be a phone number, not '\(text)'")
        }
        configuration.identity.contact.phone = text
      case "sender":
        configuration.identity.senderAddress = try address()
        hasSender = true
      case "idle_timeout": configuration.idleTimeout = try wholeSeconds(0...86_400)
      case "idle_countdown": configuration.idleCountdown = try wholeSeconds(1...600)
      case "admin_key":
        guard text.hasPrefix("F"), let number = Int(text.dropFirst()), (1...12).contains(number) else {
          throw problem(line, "'admin_key' must be one of F1 to F12, not '\(text)'")
        }
        configuration.adminKey = .function(number)
      case "log_level":
        guard let level = Logger.Level(rawValue: text.lowercased()), logLevels.contains(level) else {
          throw problem(
            line, "'log_level' must be one of \(logLevels.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        configuration.logLevel = level
      case "theme":
        guard let theme = Theme(rawValue: text) else {
          let names = Theme.allCases.map(\.rawValue).joined(separator: ", ")
          throw problem(line, "'theme' must be one of \(names), not '\(text)'")
        }
        configuration.theme = theme
      case "plain":
        guard text == "true" || text == "false" else {
          throw problem(line, "'plain' must be true or false, not '\(text)'")
        }
        configuration.isPlain = text == "true"
      case "article_url":
        guard text.contains("{id}"), WebAddress.isWebAddress(text.replacingOccurrences(of: "{id}", with: "id")) else {
          throw problem(line, "'article_url' must be an http or https address with {id} in it, not '\(text)'")
        }
        configuration.articleURL = text
      default:
        guard text.hasPrefix("$y$") || text.hasPrefix("$6$") || text.hasPrefix("$2") else {
          throw problem(line, "'admin_pin_hash' is not a hash made by 'helpdesk-kiosk admin set-pin'")
        }
        configuration.adminPinHash = text
      }
    }
    try delivery.apply(to: &configuration, hasSender: hasSender)
    return configuration
  }

  /// The days `retention` may be, as the documentation gives them.
  public static let retentionDays = 0...3_650

  /// Whole seconds in a time (`120`, `90s`, `2m`, `1.5h`, `1d`), as every time in the file
  /// is written; nil when it is no time or not a whole number of seconds.
  static func wholeSeconds(in text: String) -> Int? {
    guard let seconds = DeliverySettingsReader.seconds(in: text) else { return nil }
    let whole = seconds.rounded()
    return abs(seconds - whole) < 0.000_001 ? Int(whole) : nil
  }

  /// A `retention` beyond `retentionDays` is refused in days, the unit it is documented in;
  /// the delivery settings read the rest of it.
  private static func checkRetention(
    _ value: Node, line: Int, problem: (Int, String) -> ConfigurationError
  ) throws {
    guard let text = value.scalar?.string.trimmingSpaces,
      let seconds = DeliverySettingsReader.seconds(in: text)
    else { return }
    let days = seconds / 86_400
    guard days <= TimeInterval(retentionDays.upperBound) else {
      throw problem(
        line,
        "'retention' must be from \(retentionDays.lowerBound) to \(retentionDays.upperBound) days, "
          + "such as 30d, not '\(text)'")
    }
  }

  /// The line a key stands on in a configuration file (`["sendmail", "program"]` for one
  /// inside a map), for messages about its value; nil when the file does not set it.
  public static func line(of path: [String], in url: URL) -> Int? {
    guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8),
      var node = try? Yams.compose(yaml: text, .basic, .default, .utf8)
    else { return nil }
    var line: Int?
    for name in path {
      guard let mapping = node.mapping, let (key, value) = mapping.first(where: { $0.key.string == name }) else {
        return nil
      }
      line = key.mark?.line
      node = value
    }
    return line
  }

  private static func line(of error: YamlError) -> Int {
    switch error {
    case .scanner(let context, _, let mark, _), .parser(let context, _, let mark, _),
      .composer(let context, _, let mark, _):
      return context?.mark.line ?? mark.line
    case .duplicatedKeysInMapping(_, let context):
      return context.mark.line
    default:
      return 1
    }
  }
}
