import CCrypt
import Glibc

/// The operator's PIN, kept only as a salted slow hash (yescrypt, through the system's
/// libcrypt, as for login passwords).
public enum AdminPin {
  /// What a PIN must look like: 4 to 12 digits.
  public static func isAcceptable(_ pin: String) -> Bool {
    (4...12).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// A new hash of `pin` with a fresh random salt; nil if the system cannot make one.
  public static func hash(_ pin: String) -> String? {
    guard let salt = crypt_gensalt_ra("$y$", 0, nil, 0) else { return nil }
    defer { free(salt) }
    guard let hashed = crypt(pin, phrase: salt), hashed.hasPrefix("$y$") else { return nil }
    return hashed
  }

  /// Whether `pin` matches `hash`, compared in constant time.
  public static func verify(_ pin: String, against hash: String) -> Bool {
    guard hash.hasPrefix("$"), let computed = crypt(pin, phrase: hash) else { return false }
    let left = Array(computed.utf8)
    let right = Array(hash.utf8)
    guard left.count == right.count else { return false }
    return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }

  /// `crypt_ra`, which allocates its own work area: nil for an invalid setting.
  private static func crypt(_ pin: String, phrase setting: UnsafePointer<CChar>) -> String? {
    var data: UnsafeMutableRawPointer? = nil
    var size: Int32 = 0
    defer { free(data) }
    guard let result = crypt_ra(pin, setting, &data, &size) else { return nil }
    let text = String(cString: result)
    // libcrypt marks failure with a string starting with '*'.
    return text.hasPrefix("*") ? nil : text
  }

  private static func crypt(_ pin: String, phrase setting: String) -> String? {
    setting.withCString { crypt(pin, phrase: $0) }
  }
}
