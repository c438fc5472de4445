/// Words people searched for that the knowledge base did not answer, kept for its
/// authors: words that found nothing, and words that led to a ticket. Anything that looks
/// like a name, an e-mail address or a phone number is taken out before it is kept, and
/// nothing ties the words to a person, a session or a ticket.
public struct SearchGap: Hashable, Sendable {
  public enum Outcome: String, Hashable, Sendable, CaseIterable {
    /// No article matched the words.
    case nothingFound = "nothing_found"
    /// An article was found, and a ticket was opened all the same.
    case ticket
  }

  /// The words, cleaned and in lower case.
  public var words: String
  public var outcome: Outcome

  public init(_ text: String, outcome: Outcome) {
    words = SearchGap.scrub(text)
    self.outcome = outcome
  }

  /// The longest text kept.
  static let maximumLength = 80

  /// The words without what may identify someone: e-mail addresses, numbers of six digits
  /// or more, across neighbouring words (phones, staff and card numbers), and capitalised words that are not the
  /// first word (names, as in "printer for Sarah"; a first word is kept unless another
  /// capitalised word follows it, as in "John Smith"). Error codes ("0x80070005", "403")
  /// stay.
  public static func scrub(_ text: String) -> String {
    let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    var kept: [String] = []
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      if token.contains("@") {
        kept.append("[email]")
        index += 1
        continue
      }
      // Digits across neighbouring tokens ("0412 345 678") count together.
      var end = index
      var digits = 0
      while end < tokens.count, isNumberLike(tokens[end]) {
        digits += tokens[end].count(where: \.isNumber)
        end += 1
      }
      if digits >= 6 {
        kept.append("[number]")
        index = end
        continue
      }
      let followedByName = index + 1 < tokens.count && isCapitalised(tokens[index + 1])
      if isCapitalised(token) && (index > 0 || followedByName) {
        if kept.last != "[name]" { kept.append("[name]") }
      } else {
        kept.append(token.lowercased())
      }
      index += 1
    }
    let words = TerminalText.sanitize(kept.joined(separator: " "))
    return words.count <= maximumLength ? words : String(words.prefix(maximumLength))
  }

  /// "Sarah", "O'Brien", "McDonald": a capital first, and small letters (not "VPN").
  private static func isCapitalised(_ token: String) -> Bool {
    let letters = token.filter(\.isLetter)
    guard let first = letters.first, letters.count >= 2, first.isUppercase else { return false }
    return letters.contains(where: \.isLowercase)
  }

  /// Digits with at most a few letters around them ("0412", "678,", "id:1234567"); not a
  /// hexadecimal error code ("0x80070005") or a code of letters and digits ("AADSTS50053").
  private static func isNumberLike(_ token: String) -> Bool {
    guard !token.lowercased().hasPrefix("0x") else { return false }
    return token.contains(where: \.isNumber) && token.count(where: \.isLetter) <= 3
  }
}
