/// Terminal column widths, as the C library's `wcwidth` reports them in a UTF-8 locale.
///
/// The table is generated (see `scripts/gen-width-table.py`), so measuring is pure and
/// gives the same answer in tests as on the terminal.
public enum DisplayWidth {
  /// Columns taken by one Unicode scalar: 0, 1 or 2.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return value < 0x20 || (0x7F..<0xA0).contains(value) ? 0 : 1 }
    if contains(doubleWidthRanges, value) { return 2 }
    if contains(zeroWidthRanges, value) { return 0 }
    return 1
  }

  /// Columns taken by one grapheme cluster: the width of its first scalar that takes any.
  public static func of(_ character: Character) -> Int {
    for scalar in character.unicodeScalars {
      let width = of(scalar)
      if width > 0 { return width }
    }
    return 0
  }

  /// Columns taken by a whole string.
  public static func of(_ string: String) -> Int {
    of(string[...])
  }

  /// Columns taken by part of a string. (Not one function for both: a generic one, called
  /// from the other modules, went through the protocol for each character.)
  public static func of(_ string: Substring) -> Int {
    string.reduce(0) { $0 + of($1) }
  }

  /// Whether the terminal can print this scalar at all (false for unassigned code points).
  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    !contains(unprintableRanges, scalar.value)
  }

  private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      if value < ranges[middle].lowerBound {
        high = middle - 1
      } else if value > ranges[middle].upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }
}
