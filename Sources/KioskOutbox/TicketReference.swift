/// Short ticket references that can be read aloud and checked: `NLM-7KQ3-42`.
///
/// The middle part is the ticket's sequence number in the kiosk's outbox, scrambled by a
/// bijection so that consecutive tickets do not look consecutive, and written with an
/// alphabet that has no look-alike characters (no 0/O, no 1/I/L). The last part is two check
/// digits (ISO 7064 MOD 97-10 over the characters' values) that catch any single wrong
/// character and any swap of two neighbours, so a reference read over the phone can be
/// checked before anyone searches for it.
///
/// The first 31⁴ = 923,521 sequences get four characters, the next 31⁵ five, and so on; within
/// each length the scramble is a bijection, so references are unique by construction.
public enum TicketReference {
  /// What every reference starts with.
  static let prefix = "NLM"
  /// 31 characters that cannot be mistaken for each other when read or heard.
  static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
  /// The scramble's multiplier; coprime with 31, so with every power of 31.
  static let multiplier = 702_277
  /// The scramble's offset.
  static let offset = 271_828
  /// The number of characters for the first 31⁴ tickets.
  static let minimumLength = 4
  /// The longest payload a reference can have: 31¹² is the last power below `Int.max`.
  static let maximumLength = 13

  /// Returns the reference of the ticket with this database sequence number (1, 2, 3…).
  /// The kiosk's id shifts the scramble, so kiosks of one fleet do not all start with the
  /// same references (unique per kiosk by construction; across kiosks, a clash of two
  /// given tickets has a chance of one in 923,521).
  ///
  /// Sequence numbers below 1 are treated as 1.
  public static func make(sequence: Int, kioskID: String = "") -> String {
    var index = max(sequence, 1) - 1
    var length = minimumLength
    var modulus = power(length)
    while index >= modulus {
      let (next, overflow) = modulus.multipliedReportingOverflow(by: alphabet.count)
      index -= modulus
      length += 1
      // Past 31¹² the remaining sequences (there are fewer than Int.max) use 13 characters.
      modulus = overflow ? Int.max : next
      if overflow { break }
    }
    let scrambled = scramble(index, modulus: modulus, shift: fnv1a(kioskID))
    let digits = digits(of: scrambled, length: length)
    let payload = String(digits.map { alphabet[$0] })
    let check = checkDigits(digits)
    return "\(prefix)-\(payload)-\(check < 10 ? "0" : "")\(check)"
  }

  /// Whether `text` is a well-formed reference whose check digits match, ignoring case.
  public static func isValid(_ text: String) -> Bool {
    let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0] == prefix,
      (minimumLength...maximumLength).contains(parts[1].count), parts[2].count == 2,
      parts[2].allSatisfy({ $0.isASCII && $0.isNumber }), let check = Int(parts[2])
    else { return false }
    var digits: [Int] = []
    for character in parts[1] {
      guard let digit = alphabet.firstIndex(of: character) else { return false }
      digits.append(digit)
    }
    return check == checkDigits(digits)
  }

  /// 31 to the power `exponent`.
  static func power(_ exponent: Int) -> Int {
    (0..<exponent).reduce(1) { result, _ in result * alphabet.count }
  }

  /// `(index * multiplier + offset) mod modulus`, without overflow.
  static func scramble(_ index: Int, modulus: Int, shift: UInt64 = 0) -> Int {
    let product = index.multipliedFullWidth(by: multiplier)
    let remainder = modulus.dividingFullWidth((product.high, product.low)).remainder
    let added = (offset % modulus + Int(shift % UInt64(modulus))) % modulus
    let (sum, overflow) = remainder.addingReportingOverflow(added)
    return overflow || sum >= modulus ? sum &- modulus : sum
  }

  /// FNV-1a of the text's bytes: a stable hash, the same on every machine and run.
  static func fnv1a(_ text: String) -> UInt64 {
    text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
  }

  /// `value` in base 31, most significant digit first, padded to `length` digits.
  static func digits(of value: Int, length: Int) -> [Int] {
    var value = value
    var digits = [Int](repeating: 0, count: length)
    for position in digits.indices.reversed() {
      digits[position] = value % alphabet.count
      value /= alphabet.count
    }
    return digits
  }

  /// ISO 7064 MOD 97-10 check digits (2...98) for base-31 digits.
  static func checkDigits(_ digits: [Int]) -> Int {
    let value = digits.reduce(0) { ($0 * alphabet.count + $1) % 97 }
    return 98 - (value * 100) % 97
  }
}
