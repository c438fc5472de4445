import Foundation
import KioskConfiguration
import KioskOutbox

/// How this kiosk delivers tickets, from its configuration: the transport, the retry
/// policy and the retention time. Made once at start, so that a transport that cannot work
/// (a sendmail program that is not there) stops the kiosk with one clear line instead of
/// failing every ticket later.
struct DeliverySetup {
  /// How long the admin screen's "Deliver now" waits for its round.
  static let adminWait: TimeInterval = 5

  let transport: any TicketTransport
  let policy: RetryPolicy
  let retention: TimeInterval
  /// The spool folder, cleared of old files whatever the transport is now.
  let spoolFolder: URL

  /// - Throws: `DeliverySetupError` naming the configuration key at fault.
  init(_ settings: Configuration, stateDirectory: URL) throws(DeliverySetupError) {
    if case .sendmail(let sendmail) = settings.transport,
      !FileManager.default.isExecutableFile(atPath: sendmail.program)
    {
      throw DeliverySetupError(
        description: "sendmail.program: \(sendmail.program) is not an executable file (is msmtp or Postfix installed?)")
    }
    do {
      spoolFolder = stateDirectory.appendingPathComponent("spool")
      transport = try settings.makeTransport(spoolFolder: spoolFolder)
    } catch {
      throw DeliverySetupError(description: "sendmail: \(error)")
    }
    policy = settings.retry
    retention = settings.retention
  }

  /// A deliverer of `outbox` with these settings and the real clock.
  func deliverer(for outbox: Outbox) -> Deliverer {
    Deliverer(
      outbox: outbox, transport: transport, policy: policy, retention: retention,
      spool: SpoolTransport(folder: spoolFolder))
  }

  /// The transport in a few words, for the log: `spool` or `sendmail /usr/bin/msmtp`.
  static func name(_ transport: TransportSetting) -> String {
    switch transport {
    case .spool: "spool"
    case .sendmail(let setting): "sendmail \(setting.program)"
    }
  }

  /// A round's counts in words: "2 delivered, 1 to retry later, 0 failed." (with the
  /// spooled ones when there are any).
  static func describe(_ report: DeliveryReport) -> String {
    var text = "\(report.delivered) delivered, "
      + (report.spooled > 0 ? "\(report.spooled) spooled (not sent), " : "")
      + "\(report.deferred) to retry later, \(report.failed) failed"
    if let problem = report.problem { text += " (\(problem))" }
    return text + "."
  }
}

/// Why the configured delivery cannot be used.
struct DeliverySetupError: Error, CustomStringConvertible {
  var description: String
}
