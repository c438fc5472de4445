import Foundation

@testable import KioskOutbox

/// A transport that answers as it is told and records what it was given.
///
/// `@unchecked Sendable`: every mutable property is read and written under `lock`.
final class FakeTransport: TicketTransport, @unchecked Sendable {
  /// What the next deliveries do, in order; when the list is empty, they succeed.
  private var answers: [TransportFailure?]
  private var received: [(reference: String, message: [UInt8])] = []
  private let lock = NSLock()
  /// How long each delivery takes.
  let delay: TimeInterval

  init(_ answers: [TransportFailure?] = [], delay: TimeInterval = 0) {
    self.answers = answers
    self.delay = delay
  }

  func deliver(reference: String, message: [UInt8]) throws {
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    let answer: TransportFailure? = lock.withLock {
      received.append((reference, message))
      return answers.isEmpty ? nil : answers.removeFirst()
    }
    if let answer { throw answer }
  }

  /// The references handed over so far, in order.
  var references: [String] { lock.withLock { received.map(\.reference) } }

  /// The messages handed over so far, in order.
  var messages: [[UInt8]] { lock.withLock { received.map(\.message) } }
}

extension TransportFailure {
  static let relayDown = TransportFailure(.temporary, "msmtp exited with status 75 (EX_TEMPFAIL)")
  static let noSuchUser = TransportFailure(.permanent, "550 5.1.1 No such user")
}
