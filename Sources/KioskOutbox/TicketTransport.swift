import Foundation

/// Something that takes a ticket's message on its way to the help desk.
///
/// `deliver` returns once the transport has the message safely. It throws a
/// `TransportFailure` that says whether trying again can help; any other error counts as
/// temporary. Delivering the same message twice must be harmless: after a crash between
/// delivery and bookkeeping, it happens (the help desk then gets the same Message-ID twice).
public protocol TicketTransport: Sendable {
  func deliver(reference: String, message: [UInt8]) throws

  /// The longest one `deliver` call may take, if the transport enforces one. A claim on a
  /// ticket lasts a little longer than this.
  var attemptTimeLimit: TimeInterval? { get }

  /// Whether a message this transport took has left the kiosk (sendmail, a relay), rather
  /// than waiting on it for something else to collect (the spool). A ticket is `delivered`
  /// only through a transport that sends; otherwise it is `spooled`.
  var sendsMessages: Bool { get }

  /// Removes the copies of messages the transport keeps on the kiosk (the spool's files)
  /// that it took before `date`, so that no personal data outlives the retention time.
  ///
  /// - Returns: how many were removed.
  func removeCopies(before date: Date) throws -> Int
}

extension TicketTransport {
  public var attemptTimeLimit: TimeInterval? { nil }

  public var sendsMessages: Bool { true }

  public func removeCopies(before date: Date) throws -> Int { 0 }
}

/// Why a transport could not take a message, and whether another try may succeed.
public struct TransportFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// Whether trying again later can help.
  public enum Kind: String, Hashable, Sendable {
    /// The relay is down or busy, the program timed out or crashed: try again later.
    case temporary
    /// The relay refused the message for good (5xx, no such user, bad data): only the
    /// operator can help.
    case permanent
  }

  public var kind: Kind
  /// What went wrong, on one line, safe to show on a terminal.
  public var reason: String

  public init(_ kind: Kind, _ reason: String) {
    self.kind = kind
    self.reason = reason
  }

  public var isPermanent: Bool { kind == .permanent }

  public var description: String { reason }
}
