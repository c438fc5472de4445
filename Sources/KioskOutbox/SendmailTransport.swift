import Foundation
import KioskCore

/// Pipes each message to a sendmail-compatible program (msmtp, Postfix's `sendmail`),
/// the standard Unix mail interface, which brings SMTP, TLS and authentication.
///
/// The command line is fixed by the configuration: the program, the operator's own
/// arguments (say `-C /etc/helpdesk-kiosk/msmtprc`), then `-f SENDER -i -- RECIPIENT`.
/// `-i` keeps a line holding only "." inside the message; the recipient comes after `--`
/// so that it can never be read as an option; `-t` is never used, so nothing in the message
/// chooses where it goes; and nothing a person typed is ever on the command line. The
/// message goes to the program's standard input; the program runs with a clean environment,
/// no descriptor of this process but 0, 1 and 2, and a time limit per attempt (see
/// `ChildProcess`).
///
/// The program's answer decides what happens to the ticket (sysexits.h and RFC 5321):
///
/// | the program… | outcome |
/// |---|---|
/// | exits 0 | delivered |
/// | exits 75 (EX_TEMPFAIL) | temporary: tried again later |
/// | reports a 4xx SMTP reply (msmtp exits 69 with "server message: 451 …") | temporary |
/// | reports a 5xx SMTP reply | permanent: kept, flagged for the operator |
/// | exits 65 EX_DATAERR, 67 EX_NOUSER or 68 EX_NOHOST without a reply code | permanent |
/// | exits with any other status, crashes, hangs past the limit, cannot be started | temporary |
///
/// Local trouble (a missing configuration file, a wrong option) is temporary on purpose:
/// the tickets wait, with the reason in the outbox, until the operator fixes it, and are
/// given up only at the end of the retry lifetime.
public struct SendmailTransport: TicketTransport {
  /// The `PATH` the program gets (a Postfix `sendmail` runs `postdrop` from it).
  public static let searchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  /// Exit statuses that mean the message can never be delivered as it is.
  static let permanentStatuses: Set<Int32> = [65, 67, 68]
  /// The longest reason kept from a program's output.
  static let maximumReasonLength = 1_000

  /// The program's absolute path.
  public let program: String
  /// The operator's arguments, before `-f SENDER -i -- RECIPIENT`.
  public let arguments: [String]
  /// The envelope sender (`-f`): the kiosk's sender address.
  public let sender: String
  /// The help desk's address: the only recipient.
  public let recipient: String
  /// Seconds one attempt may take before the program is killed.
  public let timeLimit: TimeInterval

  /// Checks the settings: an absolute program path, plain addresses that cannot pass for
  /// options, no option that reads recipients from the message, a positive time limit.
  public init(
    program: String, arguments: [String] = [], sender: String, recipient: String,
    timeLimit: TimeInterval = 60
  ) throws {
    guard program.hasPrefix("/"), !program.contains("\0") else {
      throw SendmailSetupError("the program must be given by its absolute path, not \"\(program)\"")
    }
    for argument in arguments {
      if let problem = Self.problem(withArgument: argument) { throw SendmailSetupError(problem) }
    }
    for (role, address) in [("sender", sender), ("recipient", recipient)] {
      guard ContactValidation.isEmail(address), !address.hasPrefix("-") else {
        throw SendmailSetupError("the \(role) \"\(address)\" is not a plain e-mail address")
      }
    }
    guard timeLimit > 0 else { throw SendmailSetupError("the time limit must be more than 0 s") }
    self.program = program
    self.arguments = arguments
    self.sender = sender
    self.recipient = recipient
    self.timeLimit = timeLimit
  }

  /// Why an operator's argument may not be used, or nil when it may.
  public static func problem(withArgument argument: String) -> String? {
    if argument.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return "an argument holds a control character"
    }
    if argument == "--" {
      return "\"--\" is added by the kiosk before the recipient; leave it out"
    }
    // -t, --read-recipients, and -t in a group of flags (-it): a t reached past flags that
    // take no value ("-C/etc/t" is -C with a value and reads nothing).
    var readsRecipients = argument == "--read-recipients" || argument.hasPrefix("--read-recipients=")
    if argument.hasPrefix("-"), !argument.hasPrefix("--") {
      let flags = argument.dropFirst().prefix { "imnvUGt".contains($0) }
      readsRecipients = readsRecipients || flags.contains("t")
    }
    if readsRecipients {
      return "\(argument) would take the recipients from the message; it is never used"
    }
    return nil
  }

  /// The whole command line, program first.
  public var commandLine: [String] {
    [program] + arguments + ["-f", sender, "-i", "--", recipient]
  }

  public var attemptTimeLimit: TimeInterval? { timeLimit }

  /// The environment the program gets: a fixed `PATH`, the C locale, and `HOME` (msmtp
  /// looks for `~/.msmtprc` there when no `-C` is given). Nothing else of this process's.
  var environment: [String] {
    var environment = ["PATH=\(Self.searchPath)", "LC_ALL=C"]
    if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/"),
      !home.contains("\0")
    {
      environment.append("HOME=\(home)")
    }
    return environment
  }

  /// Hands the message to the program; throws a `TransportFailure` unless it exits 0.
  public func deliver(reference: String, message: [UInt8]) throws {
    let result = ChildProcess.run(
      path: program, arguments: Array(commandLine.dropFirst()), environment: environment,
      input: message, timeLimit: timeLimit)
    if let failure = Self.failure(result, program: program, timeLimit: timeLimit) {
      throw failure
    }
  }

  // MARK: - Reading the program's answer

  /// What a finished run means: nil when the message was delivered.
  static func failure(_ result: ChildResult, program: String, timeLimit: TimeInterval)
    -> TransportFailure?
  {
    let name = URL(fileURLWithPath: program).lastPathComponent
    let output = summary(of: result.output)
    let said = output.isEmpty ? "" : ": \(output)"
    switch result.termination {
    case .exited(0):
      return nil
    case .exited(let status):
      let kind = kind(status: status, output: output)
      return TransportFailure(kind, clipped("\(name) exited with status \(status)\(exitName(status))\(said)"))
    case .signalled(let signal):
      return TransportFailure(.temporary, clipped("\(name) was ended by signal \(signal)\(said)"))
    case .timedOut:
      let seconds = timeLimit.rounded() == timeLimit ? "\(Int(timeLimit))" : "\(timeLimit)"
      return TransportFailure(
        .temporary, clipped("\(name) did not finish within \(seconds) s and was stopped\(said)"))
    case .notStarted(let code):
      return TransportFailure(
        .temporary, clipped("cannot run \(program): \(String(cString: strerror(code)))"))
    }
  }

  /// Whether a failed exit is worth another try: the SMTP reply the program reports wins
  /// (4xx temporary, 5xx permanent), except that EX_TEMPFAIL is always temporary.
  static func kind(status: Int32, output: String) -> TransportFailure.Kind {
    if status == 75 { return .temporary }
    if let code = replyCode(in: output) { return code >= 500 ? .permanent : .temporary }
    return permanentStatuses.contains(status) ? .permanent : .temporary
  }

  /// The last SMTP reply code (4xx or 5xx) in the program's output: from the lines that
  /// say "server message" (msmtp) when there are any, else from any line.
  static func replyCode(in output: String) -> Int? {
    let lines = output.components(separatedBy: " | ")
    let server = lines.filter { $0.lowercased().contains("server message") }
    for line in (server.isEmpty ? lines : server).reversed() {
      if let match = line.firstMatch(of: /(?:^|[^0-9.])([45][0-9][0-9])(?:[ -]|$)/),
        let code = Int(match.output.1)
      {
        return code
      }
    }
    return nil
  }

  /// The program's output on one line, its lines joined with " | ", made safe for a
  /// terminal (no control characters or escape sequences).
  static func summary(of output: [UInt8]) -> String {
    let text = TerminalText.sanitize(String(decoding: output, as: UTF8.self), keepingNewlines: true)
    return text.split(separator: "\n").map(\.trimmingSpaces)
      .filter { !$0.isEmpty }.joined(separator: " | ")
  }

  /// `text` cut to the longest reason kept.
  static func clipped(_ text: String) -> String {
    text.count <= maximumReasonLength ? text : String(text.prefix(maximumReasonLength - 1)) + "…"
  }

  /// " (EX_NAME)" for a sysexits.h status, else "".
  static func exitName(_ status: Int32) -> String {
    let names: [Int32: String] = [
      64: "EX_USAGE", 65: "EX_DATAERR", 66: "EX_NOINPUT", 67: "EX_NOUSER", 68: "EX_NOHOST",
      69: "EX_UNAVAILABLE", 70: "EX_SOFTWARE", 71: "EX_OSERR", 72: "EX_OSFILE",
      73: "EX_CANTCREAT", 74: "EX_IOERR", 75: "EX_TEMPFAIL", 76: "EX_PROTOCOL", 77: "EX_NOPERM",
      78: "EX_CONFIG",
    ]
    return names[status].map { " (\($0))" } ?? ""
  }
}

/// A sendmail setting that cannot be used.
public struct SendmailSetupError: Error, Hashable, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
