/// What a piece of text is, on screen. The terminal backend picks colours and attributes
/// for each role (one table), so screens never name a colour.
public enum Role: UInt8, Hashable, Sendable, CaseIterable {
  case body
  case title
  case heading
  case subheading
  case muted
  case marker
  case note
  case code
  case selection
  case keyHint
  case key
  case status
  case highlight
  case error
  case frame
  /// A QR code: dark modules on a light background in every theme, for phones to read.
  case qrCode
}

/// The look of one cell: its role plus the inline emphasis of the text in it.
public struct Style: Hashable, Sendable {
  public var role: Role
  public var attributes: TextAttributes

  public init(_ role: Role = .body, _ attributes: TextAttributes = []) {
    self.role = role
    self.attributes = attributes
  }

  public static let body = Style(.body)
}

/// The characters used for bullets, boxes and lines: Unicode on a UTF-8 terminal, ASCII
/// elsewhere, and for screen readers (`--plain`) ASCII with blanks where lines and frames
/// would be. Every glyph but the ellipsis is one column wide in every set.
public struct Glyphs: Hashable, Sendable {
  public var bullet: String
  public var subBullet: String
  public var quoteBar: String
  public var horizontal: String
  public var vertical: String
  public var topLeft: String
  public var topRight: String
  public var bottomLeft: String
  public var bottomRight: String
  public var pointer: String
  public var ellipsis: String
  public var middleDot: String
  public var isUnicode: Bool
  /// False in plain mode: rules, box edges and quote bars are blank, overlays clear the
  /// screen, and the cursor is always shown.
  public var drawsLines = true

  public static let unicode = Glyphs(
    bullet: "•", subBullet: "◦", quoteBar: "│", horizontal: "─", vertical: "│",
    topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", pointer: "›",
    ellipsis: "…", middleDot: "·", isUnicode: true)

  public static let ascii = Glyphs(
    bullet: "*", subBullet: "-", quoteBar: "|", horizontal: "-", vertical: "|",
    topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", pointer: ">",
    ellipsis: "...", middleDot: "-", isUnicode: false)

  /// For screen readers: ASCII, nothing drawn for lines and frames.
  public static let plain = Glyphs(
    bullet: "*", subBullet: "-", quoteBar: " ", horizontal: " ", vertical: " ",
    topLeft: " ", topRight: " ", bottomLeft: " ", bottomRight: " ", pointer: ">",
    ellipsis: "...", middleDot: "-", isUnicode: false, drawsLines: false)
}
