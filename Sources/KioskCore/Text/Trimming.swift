/// Trimming through the standard library. Foundation's `trimmingCharacters(in:)` goes
/// through NSString on Linux, some 80,000 instructions a call: a dozen of them, reading
/// the configuration before the first frame, cost a million.
extension String {
  /// Without the spaces and tabs at either end: Unicode's space separators, U+0009 and the
  /// zero-width space U+200B, the characters of Foundation's `CharacterSet.whitespaces`.
  public var trimmingSpaces: String { self[...].trimmingSpaces }

  /// Without white space at either end, line breaks too: Unicode's White_Space and U+200B,
  /// the characters of Foundation's `CharacterSet.whitespacesAndNewlines`.
  public var trimmingWhitespace: String { self[...].trimmingWhitespace }
}

extension Substring {
  /// As `String.trimmingSpaces`.
  public var trimmingSpaces: String {
    trimming { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
  }

  /// As `String.trimmingWhitespace`.
  public var trimmingWhitespace: String {
    trimming { $0 == "\u{200B}" || $0.properties.isWhitespace }
  }

  /// Without the scalars at either end that `isTrimmed` holds for (a combining mark left
  /// first stays, as Foundation leaves it).
  private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
    let scalars = unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, isTrimmed(scalars[start]) { scalars.formIndex(after: &start) }
    while end > start, isTrimmed(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
    return String(scalars[start..<end])
  }
}
