import Foundation

/// Who and where this kiosk is, and where its tickets go. Set by configuration.
public struct KioskIdentity: Hashable, Sendable {
  /// A short name for the terminal, unique among the organisation's kiosks.
  public var id: String
  /// Where the terminal stands, in words a help-desk person understands.
  public var location: String
  /// The sender of ticket e-mails.
  public var senderAddress: String
  /// The help desk's mailbox and phone line.
  public var contact: Contact

  public init(
    id: String = "kiosk-1", location: String = "Location not set",
    senderAddress: String = "helpdesk-kiosk@localhost.localdomain", contact: Contact = Contact()
  ) {
    self.id = id
    self.location = location
    self.senderAddress = senderAddress
    self.contact = contact
  }
}

/// Everything a ticket says, as the person confirmed it on the review screen.
public struct TicketContent: Hashable, Sendable {
  public var name: String
  /// An e-mail address or a phone number.
  public var contact: String
  public var description: String
  public var articleID: String
  public var articleTitle: String
  /// The steps the person ticked, and those they did not, each as "heading: step".
  public var stepsTried: [String]
  public var stepsNotTried: [String]
  /// The answer to "Was this article helpful?", if given.
  public var helpful: Bool?
  /// Why it did not help, if the person said.
  public var reason: NotHelpfulReason?
  public var createdAt: Date

  public init(
    name: String, contact: String, description: String, articleID: String, articleTitle: String,
    stepsTried: [String], stepsNotTried: [String], helpful: Bool?, reason: NotHelpfulReason? = nil, createdAt: Date
  ) {
    self.reason = reason
    self.name = name
    self.contact = contact
    self.description = description
    self.articleID = articleID
    self.articleTitle = articleTitle
    self.stepsTried = stepsTried
    self.stepsNotTried = stepsNotTried
    self.helpful = helpful
    self.createdAt = createdAt
  }

  /// What the person reads when their ticket could not be saved: what to do, and the
  /// kiosk's name for the help desk to find the cause (which only the log holds).
  public static func notSavedMessage(contact: Contact, kioskID: String) -> String {
    "Your ticket could not be saved. Please call \(contact.phone) or e-mail \(contact.email), "
      + "and mention kiosk \(kioskID)."
  }

  /// Whether `contact` is an e-mail address (else it is a phone number).
  public var contactIsEmail: Bool { ContactValidation.isEmail(contact) }
}

/// Checks that "how to reach you" is an e-mail address or a phone number.
public enum ContactValidation {
  /// A plain `local@domain.tld` address: no spaces, quotes, angle brackets or controls.
  public static func isEmail(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, text.count <= 254 else {
      return false
    }
    let allowedLocal = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
    guard parts[0].allSatisfy(allowedLocal.contains), !parts[0].hasPrefix("."), !parts[0].hasSuffix("."),
      !parts[0].contains("..")
    else { return false }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2 else { return false }
    let allowedDomain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
    return labels.allSatisfy { label in
      !label.isEmpty && label.count <= 63 && label.allSatisfy(allowedDomain.contains)
        && !label.hasPrefix("-") && !label.hasSuffix("-")
    } && labels.last?.allSatisfy(\.isLetter) == true
  }

  /// A phone number: 8 to 15 digits, optionally with a leading +, spaces, dashes, dots
  /// and brackets ("1300 521 162", "+61 2 9876 5432", "(02) 9876-5432").
  public static func isPhone(_ text: String) -> Bool {
    let digits = text.filter(\.isASCIIDigit).count
    let allowed = Set("0123456789 -.()")
    let body = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
    return (8...15).contains(digits) && body.allSatisfy(allowed.contains)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
