/// Web addresses an article can be taken away as.
public enum WebAddress {
  /// Whether `text` is an http or https address with a host, printable ASCII only (a QR
  /// code holds it byte for byte, and a phone must open it as it is).
  public static func isWebAddress(_ text: String) -> Bool {
    let lower = text.lowercased()
    guard let rest = ["https://", "http://"].first(where: lower.hasPrefix).map({ lower.dropFirst($0.count) }),
      let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !host.isEmpty,
      text.count <= 500
    else { return false }
    return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
  }

  /// An article's address: its own, else the template's with `{id}` replaced.
  public static func address(of article: Article, template: String?) -> String? {
    if let url = article.url { return url }
    guard let template else { return nil }
    let id = article.id.unicodeScalars.map { scalar -> String in
      let isSafe = (scalar.value < 0x80) && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))
        || "-_./~".unicodeScalars.contains(scalar))
      return isSafe ? String(scalar) : scalar.utf8.map { String(format: "%%%02X", $0) }.joined()
    }.joined()
    return template.replacingOccurrences(of: "{id}", with: id)
  }

  /// A `mailto:` to the help desk about a ticket: its reference in the subject.
  public static func followUp(_ email: String, reference: String) -> String {
    "mailto:\(email)?subject=Ticket%20\(reference)"
  }
}
