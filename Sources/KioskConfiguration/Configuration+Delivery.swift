import Foundation
import KioskOutbox
import Yams

/// Which transport hands tickets on.
public enum TransportSetting: Hashable, Sendable {
  /// `.eml` files in `<state-dir>/spool` (the default: nothing to set up).
  case spool
  /// A sendmail-compatible program.
  case sendmail(SendmailSetting)
}

/// The sendmail-compatible program and the operator's fixed arguments for it.
public struct SendmailSetting: Hashable, Sendable {
  /// One minute per attempt unless the file says otherwise.
  public static let defaultTimeLimit: TimeInterval = 60

  /// The program's absolute path, e.g. `/usr/bin/msmtp` or `/usr/sbin/sendmail`.
  public var program: String
  /// The operator's arguments, e.g. `["-C", "/etc/helpdesk-kiosk/msmtprc"]`.
  public var arguments: [String]
  /// Seconds one attempt may take.
  public var timeLimit: TimeInterval

  public init(program: String, arguments: [String] = [], timeLimit: TimeInterval = defaultTimeLimit) {
    self.program = program
    self.arguments = arguments
    self.timeLimit = timeLimit
  }
}

extension Configuration {
  /// The configured transport, ready to use; the spool writes into `spoolFolder`. The
  /// sendmail transport sends from `identity.senderAddress` to the help desk's e-mail.
  public func makeTransport(spoolFolder: URL) throws -> any TicketTransport {
    switch transport {
    case .spool:
      return SpoolTransport(folder: spoolFolder)
    case .sendmail(let setting):
      return try SendmailTransport(
        program: setting.program, arguments: setting.arguments, sender: identity.senderAddress,
        recipient: identity.contact.email, timeLimit: setting.timeLimit)
    }
  }
}

/// Reads the delivery keys of a configuration file (`transport`, `sendmail`, `retry`,
/// `retention`, `state_dir`), then checks them together once the whole file is read.
///
/// Times are whole seconds (`300`) or a number with a unit: `90s`, `5m`, `2h`, `5d`.
struct DeliverySettingsReader {
  /// The top-level keys read here.
  static let keys: Set<String> = ["transport", "sendmail", "retry", "retention", "state_dir"]
  /// The keys inside `sendmail` and `retry`.
  static let sendmailKeys = ["program", "arguments", "time_limit"]
  static let retryKeys = ["first_delay", "maximum_delay", "give_up_after"]

  /// Makes the error for a line.
  let problem: (Int, String) -> ConfigurationError
  private var transport: (name: String, line: Int)?
  private var sendmailLine: Int?
  private var program: String?
  private var arguments: [String] = []
  private var timeLimit = SendmailSetting.defaultTimeLimit
  private var retry = RetryPolicy.standard
  private var retryLines: [String: Int] = [:]
  private var retention: TimeInterval?
  private var stateDirectory: String?

  init(problem: @escaping (Int, String) -> ConfigurationError) {
    self.problem = problem
  }

  /// Reads one top-level key of `keys`.
  mutating func read(_ name: String, key: Node, value: Node) throws {
    let line = key.mark?.line ?? 1
    switch name {
    case "transport":
      let text = try scalar(value, name, line)
      guard text == "spool" || text == "sendmail" else {
        throw problem(line, "'transport' must be spool or sendmail, not '\(text)'")
      }
      transport = (text, line)
    case "sendmail":
      sendmailLine = line
      for (field, fieldLine, fieldValue) in try entries(value, name, line, known: Self.sendmailKeys) {
        let path = "sendmail.\(field)"
        switch field {
        case "program":
          let text = try scalar(fieldValue, path, fieldLine)
          guard text.hasPrefix("/") else {
            throw problem(fieldLine, "'\(path)' must be an absolute path, such as /usr/bin/msmtp, not '\(text)'")
          }
          program = text
        case "arguments":
          arguments = try words(fieldValue, path, fieldLine)
        default:
          timeLimit = try seconds(fieldValue, path, fieldLine, range: 1...3_600)
        }
      }
    case "retry":
      for (field, fieldLine, fieldValue) in try entries(value, name, line, known: Self.retryKeys) {
        let path = "retry.\(field)"
        let time = try seconds(fieldValue, path, fieldLine, range: 1...(3_650 * 86_400))
        retryLines[field] = fieldLine
        switch field {
        case "first_delay": retry.firstDelay = time
        case "maximum_delay": retry.maximumDelay = time
        default: retry.lifetime = time
        }
      }
    case "retention":
      retention = try seconds(value, name, line, range: 0...(3_650 * 86_400))
    default:  // state_dir
      let text = try scalar(value, name, line)
      guard text.hasPrefix("/") else {
        throw problem(line, "'state_dir' must be an absolute path, not '\(text)'")
      }
      stateDirectory = text
    }
  }

  /// Checks the keys together and sets them. `hasSender`: whether the file names a sender
  /// (a relay must never get the built-in placeholder).
  func apply(to configuration: inout Configuration, hasSender: Bool) throws {
    if let line = retryLines["maximum_delay"] ?? retryLines["first_delay"],
      retry.maximumDelay < retry.firstDelay
    {
      throw problem(line, "'retry.maximum_delay' must not be shorter than 'retry.first_delay'")
    }
    if let line = retryLines["give_up_after"] ?? retryLines["first_delay"],
      retry.lifetime < retry.firstDelay
    {
      throw problem(line, "'retry.give_up_after' must not be shorter than 'retry.first_delay'")
    }
    configuration.retry = retry
    if let retention { configuration.retention = retention }
    if let stateDirectory { configuration.stateDirectory = stateDirectory }
    guard let transport, transport.name == "sendmail" else {
      configuration.transport = .spool
      return
    }
    guard let program else {
      throw problem(
        sendmailLine ?? transport.line,
        "'transport: sendmail' needs 'sendmail.program', the mail program's absolute path (such as /usr/bin/msmtp)")
    }
    guard hasSender else {
      throw problem(
        transport.line, "'transport: sendmail' needs 'sender', the address the kiosk's mail comes from")
    }
    configuration.transport = .sendmail(
      SendmailSetting(program: program, arguments: arguments, timeLimit: timeLimit))
  }

  // MARK: - Values

  /// The keys and values of a nested mapping, each key checked.
  private func entries(_ value: Node, _ path: String, _ line: Int, known: [String]) throws
    -> [(String, Int, Node)]
  {
    guard let mapping = value.mapping else {
      throw problem(line, "'\(path)' must hold keys: \(known.joined(separator: ", "))")
    }
    return try mapping.map { key, value in
      let keyLine = key.mark?.line ?? line
      guard let name = key.string, known.contains(name) else {
        throw problem(
          keyLine,
          "unknown key '\(path).\(key.string ?? "?")' (known in '\(path)': \(known.joined(separator: ", ")))")
      }
      return (name, keyLine, value)
    }
  }

  /// One non-empty line of text.
  private func scalar(_ value: Node, _ path: String, _ line: Int) throws -> String {
    guard let text = value.scalar?.string.trimmingSpaces else {
      throw problem(line, "'\(path)' must be a single value")
    }
    guard !text.isEmpty else { throw problem(line, "'\(path)' is empty") }
    guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
      throw problem(line, "'\(path)' must be one line without control characters")
    }
    return text
  }

  /// A list of program arguments, each one the mail program may be given.
  private func words(_ value: Node, _ path: String, _ line: Int) throws -> [String] {
    guard let sequence = value.sequence else {
      throw problem(line, "'\(path)' must be a list, such as [\"-C\", \"/etc/helpdesk-kiosk/msmtprc\"]")
    }
    return try sequence.map { item in
      let itemLine = item.mark?.line ?? line
      guard let word = item.scalar?.string else {
        throw problem(itemLine, "'\(path)' must hold single words or quoted text")
      }
      if let reason = SendmailTransport.problem(withArgument: word) {
        throw problem(itemLine, "'\(path)': \(reason)")
      }
      return word
    }
  }

  /// A time in seconds within `range`.
  private func seconds(_ value: Node, _ path: String, _ line: Int, range: ClosedRange<TimeInterval>)
    throws -> TimeInterval
  {
    let text = try scalar(value, path, line)
    guard let seconds = Self.seconds(in: text) else {
      throw problem(line, "'\(path)' must be a time such as 300, 90s, 5m, 2h or 5d, not '\(text)'")
    }
    guard range.contains(seconds) else {
      throw problem(
        line, "'\(path)' must be from \(Int(range.lowerBound)) to \(Int(range.upperBound)) seconds, not '\(text)'")
    }
    return seconds
  }

  /// Seconds in `300`, `90s`, `5m`, `2h`, `5d`, `1.5h` or `30 days`; nil when it is no time.
  ///
  /// The form is 1 to 9 digits, optionally a point and 1 to 6 more, spaces, then a unit in
  /// letters of any case. It is read a character at a time: the kiosk reads these from its
  /// configuration before its first frame, where compiling a regular expression for them
  /// cost 7 million instructions.
  static func seconds(in text: String) -> TimeInterval? {
    let units: [String: TimeInterval] = [
      "": 1, "s": 1, "sec": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "minute": 60,
      "minutes": 60, "h": 3_600, "hour": 3_600, "hours": 3_600, "d": 86_400, "day": 86_400,
      "days": 86_400,
    ]
    let characters = Array(text.lowercased().utf8)
    var index = 0
    /// How many characters from `index` pass `test`; `index` moves past them.
    func skip(_ test: (UInt8) -> Bool) -> Int {
      let start = index
      while index < characters.count, test(characters[index]) { index += 1 }
      return index - start
    }
    let isDigit = { (character: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) }
    guard (1...9).contains(skip(isDigit)) else { return nil }
    if index < characters.count, characters[index] == UInt8(ascii: ".") {
      index += 1
      guard (1...6).contains(skip(isDigit)) else { return nil }
    }
    let number = String(decoding: characters[..<index], as: UTF8.self)
    _ = skip { $0 == UInt8(ascii: " ") }
    let unitStart = index
    _ = skip { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    guard index == characters.count, let value = Double(number),
      let unit = units[String(decoding: characters[unitStart...], as: UTF8.self)]
    else { return nil }
    return value * unit
  }
}
