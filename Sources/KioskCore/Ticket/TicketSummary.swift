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
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let (days, secondsOfDay) = floorDivision(seconds, 86_400)
    let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let (year, month, day) = civilDate(daysSince1970: days)
    let weekday = weekdays[floorDivision(days, 7).remainder]
    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let time = [secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60]
      .map(twoDigits).joined(separator: ":")
    return "\(weekday), \(twoDigits(day)) \(months[month - 1]) \(year) \(time) +0000"
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

  /// The quotient and a remainder in `0..<divisor`.
  static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
    let remainder = ((value % divisor) + divisor) % divisor
    return ((value - remainder) / divisor, remainder)
  }

  /// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's
  /// `civil_from_days`).
  static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let (era, dayOfEra) = floorDivision(shifted, 146_097)
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
