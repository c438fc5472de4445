import CQRencode
import KioskCore

/// QR codes made by libqrencode.
public enum QRCodes {
  /// The text's UTF-8 bytes as one 8-bit segment, error correction level L (about 7 % of
  /// the code can be lost: a screen is clean and flat, and the lower level keeps a web
  /// address small enough for an 80 x 24 window), in the smallest version that holds it. Nil when it cannot be
  /// encoded: empty, holding a NUL, or too long for any version.
  public static func encode(_ text: String) -> QRModules? {
    guard !text.isEmpty, !text.utf8.contains(0) else { return nil }
    guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L) else { return nil }
    defer { QRcode_free(code) }
    let size = Int(code.pointee.width)
    guard size > 0, let data = code.pointee.data else { return nil }
    // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
    let dark = (0..<size * size).map { data[$0] & 1 != 0 }
    return QRModules(size: size, dark: dark)
  }
}
