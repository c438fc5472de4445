import Foundation
import KioskCore

@testable import KioskOutbox

/// Fixed test data: a kiosk, a ticket, a time.
enum Samples {
  /// Sun, 29 Nov 2026 14:03:00 +0000.
  static let date = Date(timeIntervalSince1970: 1_795_960_980)

  static let identity = KioskIdentity(
    id: "library-2", location: "Library, level 2", senderAddress: "kiosk@netlumait.com.au",
    contact: Contact(email: "helpdesk@netlumait.com.au", phone: "1300 521 162"))

  /// The header field names of every ticket, in order; `Reply-To` only with an e-mail.
  static func fieldNames(replyTo: Bool) -> [String] {
    ["From", "To"] + (replyTo ? ["Reply-To"] : [])
      + [
        "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding", "X-Kiosk-Id", "X-Kiosk-Location", "X-Ticket-Reference",
      ]
  }

  static func ticket(
    name: String = "Ann Example", contact: String = "ann@example.com",
    description: String = "The printer says it is offline.\nI restarted it twice.",
    articleID: String = "offline", title: String = "Printer Offline",
    stepsTried: [String] = ["Check: the cable is in"],
    stepsNotTried: [String] = ["Restart: turn it off and on", "Call: ring the help desk"],
    helpful: Bool? = false, createdAt: Date = date
  ) -> TicketContent {
    TicketContent(
      name: name, contact: contact, description: description, articleID: articleID,
      articleTitle: title, stepsTried: stepsTried, stepsNotTried: stepsNotTried, helpful: helpful,
      createdAt: createdAt)
  }

  static let reference = TicketReference.make(sequence: 42)
  static let messageID = "<\(reference).0123456789abcdef@library-2.helpdesk-kiosk>"

  /// The message for a ticket, with the sample reference, Message-ID and date.
  static func message(_ ticket: TicketContent, identity: KioskIdentity = identity) -> [UInt8] {
    MessageBuilder(
      ticket: ticket, identity: identity, reference: reference, messageID: messageID, date: date
    ).bytes
  }

  /// A new, empty folder for one test.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("KioskOutboxTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The permission bits of a file or folder.
  static func mode(_ url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
  }
}
