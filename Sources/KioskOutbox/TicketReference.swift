/// Short ticket references that can be read aloud and checked: `NLM-7KQ3X-M9C2A-79`.
///
/// The middle part is ten characters drawn at random from the system's cryptographically
/// secure generator, in two groups of five, written with an alphabet that has no look-alike
/// characters (no 0/O, no 1/I/L). The last part is two check digits (ISO 7064 MOD 97-10
/// over the characters' values) that catch any single wrong character and any swap of two
/// neighbours, so a reference read over the phone can be checked before anyone searches
/// for it.
///
/// Nothing in a reference comes from the outbox's state, so restoring the database from a
/// backup, a new state folder (a reinstall with `--purge`, a replacement machine) and the
/// kiosks of a fleet never replay an earlier sequence. There are 31¹⁰ ≈ 8.2 × 10¹⁴
/// references: two given tickets share one with a chance of 1.2 × 10⁻¹⁵, and among
/// n tickets of a whole fleet the chance of any repeat is about n² / (2 × 31¹⁰) — 6 × 10⁻⁶
/// for 100,000 tickets, 6 × 10⁻⁴ for a million, 6 % for ten million (100 kiosks with
/// 100,000 tickets each). The outbox also draws again when a reference is already in its
/// database (`Outbox.submit`), so one kiosk never repeats a reference it still holds.
///
/// References issued before this scheme (`NLM-B5VP-93`: the outbox row's sequence number,
/// scrambled with the kiosk id, see `make(sequence:kioskID:)`) stay valid. They have one
/// group, new ones two, so an old reference can never be issued again as a new one.
public enum TicketReference {
  /// What every reference starts with.
  static let prefix = "NLM"
  /// 31 characters that cannot be mistaken for each other when read or heard.
  static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
  /// The scramble's multiplier; coprime with 31, so with every power of 31.
  static let multiplier = 702_277
  /// The scramble's offset.
  static let offset = 271_828
  /// The number of characters for the first 31⁴ tickets (old references).
  static let minimumLength = 4
  /// The longest payload an old reference can have: 31¹² is the last power below `Int.max`.
  static let maximumLength = 13
  /// The random characters of a new reference.
  static let randomLength = 10
  /// New references show their random characters in groups of this many.
  static let groupLength = 5
  /// How many new references there are: 31¹⁰.
  static let randomCount = UInt64(power(randomLength))

  // MARK: - New references

  /// Returns a new reference drawn from the system's cryptographically secure generator.
  public static func make() -> String {
    var generator = SystemRandomNumberGenerator()
    return make(using: &generator)
  }

  /// Returns a new reference drawn from `generator`: each of the 31¹⁰ references equally
  /// likely when the generator is uniform. Tests pass a seeded generator; the kiosk uses
  /// `make()`.
  public static func make<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
    make(value: UInt64.random(in: 0..<randomCount, using: &generator))
  }

  /// The new reference whose ten characters are `value` (below 31¹⁰) in base 31.
  static func make(value: UInt64) -> String {
    let digits = digits(of: Int(value % randomCount), length: randomLength)
    let groups = stride(from: 0, to: randomLength, by: groupLength).map { start in
      String(digits[start..<min(start + groupLength, randomLength)].map { alphabet[$0] })
    }
    let check = checkDigits(digits)
    return "\(prefix)-\(groups.joined(separator: "-"))-\(check < 10 ? "0" : "")\(check)"
  }

  // MARK: - Old references

  /// Returns the old-style reference of the ticket with this database sequence number
  /// (1, 2, 3…), shifted by the kiosk's id. No longer issued: a database restored from a
  /// backup, or a new state folder, starts the sequence again and so repeats references.
  /// Kept to describe and test the references already issued, which stay valid.
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

  // MARK: - Checking

  /// Whether `text` is a well-formed reference whose check digits match, ignoring case:
  /// a new one (`NLM-7KQ3X-M9C2A-79`, two groups of five) or an old one (`NLM-B5VP-93`,
  /// one group of 4 to 13).
  public static func isValid(_ text: String) -> Bool {
    let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts[0] == prefix, let checkPart = parts.last, checkPart.count == 2,
      checkPart.allSatisfy({ $0.isASCII && $0.isNumber }), let check = Int(checkPart)
    else { return false }
    let groups = parts.dropFirst().dropLast()
    if groups.count == 1 {
      guard (minimumLength...maximumLength).contains(groups[groups.startIndex].count) else { return false }
    } else {
      guard groups.count == randomLength / groupLength, groups.allSatisfy({ $0.count == groupLength })
      else { return false }
    }
    var digits: [Int] = []
    for character in groups.joined() {
      guard let digit = alphabet.firstIndex(of: character) else { return false }
      digits.append(digit)
    }
    return check == checkDigits(digits)
  }

  // MARK: - Helpers

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

extension TicketReference {
  /// Every reference drawn for a new ticket was already in the outbox: the random
  /// generator is broken (with a working one, a second draw is needed about once in 10¹⁰
  /// tickets).
  public struct DrawFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// How many references were drawn.
    public var draws: Int

    public var description: String {
      "No new ticket reference after \(draws) draws: every one was taken; the random generator is not working."
    }
  }
}
