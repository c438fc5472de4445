import Foundation

/// A ticket as readable text. The review screen shows these lines and the e-mail's body is
/// made of them, so the person sees exactly what the help desk will read.
public enum TicketSummary {
  /// What the summary shows for a field left empty.
  public static let notGiven = "(not given)"

  /// The ticket's lines, not wrapped. With a reference (once the ticket is saved) they
  /// start with it; the review shows them without. User text is cleaned: one-line fields
  /// lose line breaks and controls; the description keeps its own lines.
  public static func lines(
    _ ticket: TicketContent, identity: KioskIdentity, date: Date, reference: String? = nil
  ) -> [String] {
    var lines: [String] = []
    if let reference {
      lines += ["Help desk ticket \(reference)", "", "Reference: \(reference)"]
    }
    let contact = singleLine(ticket.contact)
    lines += [
      "Kiosk: \(orNotGiven(singleLine(identity.id)))",
      "Location: \(orNotGiven(singleLine(identity.location)))",
      "Time: \(rfc5322Date(date))",
      "",
      "Name: \(orNotGiven(singleLine(ticket.name)))",
      "\(contactLabel(contact)): \(orNotGiven(contact))",
      "",
      "What happened:",
    ]
    let description = paragraph(ticket.description)
    lines += description.isEmpty ? [notGiven] : description
    let total = ticket.stepsTried.count + ticket.stepsNotTried.count
    lines += [
      "",
      "Article: \(orNotGiven(singleLine(ticket.articleTitle)))",
      "Article id: \(orNotGiven(singleLine(ticket.articleID)))",
      "Was the article helpful: \(helpfulText(ticket.helpful))",
    ]
    if let reason = ticket.reason { lines.append("What went wrong: \(reason.label)") }
    lines += [
      "",
      "Steps tried (\(ticket.stepsTried.count) of \(total)):",
    ]
    lines += list(ticket.stepsTried)
    lines.append("Steps not tried:")
    lines += list(ticket.stepsNotTried)
    lines += [
      "",
      "-- ",
      "Sent by the help desk kiosk. Help desk phone line: \(orNotGiven(singleLine(identity.contact.phone)))",
    ]
    return lines
  }

  /// `text` on one line: terminal escapes and controls removed, line breaks and runs of
  /// spaces made one space, and no space at either end.
  public static func singleLine(_ text: String) -> String {
    withoutControls(TerminalText.sanitize(text)).split(separator: " ").joined(separator: " ")
  }

  /// `text` as lines: escapes and controls removed, CR LF, lone CR and lone LF each one
  /// line break; blank lines at the start and the end dropped, the rest kept as it is.
  public static func paragraph(_ text: String) -> [String] {
    let clean = TerminalText.sanitize(text, keepingNewlines: true)
    var lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map {
      withoutControls(String($0))
    }
    while let first = lines.first, first.allSatisfy({ $0 == " " }) { lines.removeFirst() }
    while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
    return lines
  }

  /// `text` without C0 controls, DEL and C1 controls: the last word on them, whatever the
  /// sanitizer does in future.
  public static func withoutControls(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    return String(scalars)
  }

  /// An RFC 5322 date in UTC: "Sun, 29 Nov 2026 14:03:00 +0000".
  public static func rfc5322Date(_ date: Date) -> String {
    let time = UTCTime(wholeSecondOf: date)
    let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "\(weekdays[time.weekday]), \(UTCTime.twoDigits(time.day.day)) \(months[time.day.month - 1]) \(time.day.year) "
      + "\(time.clock) +0000"
  }

  static func orNotGiven(_ text: String) -> String { text.isEmpty ? notGiven : text }

  static func contactLabel(_ contact: String) -> String {
    if ContactValidation.isEmail(contact) { return "E-mail" }
    if ContactValidation.isPhone(contact) { return "Phone" }
    return "Contact"
  }

  static func helpfulText(_ helpful: Bool?) -> String {
    switch helpful {
    case true?: "Yes"
    case false?: "No"
    case nil: "Not answered"
    }
  }

  /// Steps as "- step" lines, or "(none)".
  static func list(_ items: [String]) -> [String] {
    let lines = items.map(singleLine).filter { !$0.isEmpty }.map { "- " + $0 }
    return lines.isEmpty ? ["(none)"] : lines
  }
}
