import Foundation
import KioskCore

/// Builds the e-mail for a ticket: a fixed set of RFC 5322 header fields and a plain-text
/// UTF-8 body for the help desk, with CRLF line ends. Pure: the same input always gives the
/// same bytes.
///
/// User text never shapes the header: every control character is removed before text is
/// placed in a field, non-ASCII text (and ASCII text that looks like an encoded-word) becomes
/// RFC 2047 encoded-words of the cleaned text, and long fields are folded only at the
/// spaces this builder puts there. In the body, line breaks in the description become CRLF,
/// lines longer than 998 octets are broken, and lines starting with "." are kept as they
/// are (dot-stuffing is the transport's job).
struct MessageBuilder {
  /// The display name in `From`.
  static let senderName = "Help Desk Kiosk"
  /// The line end of the message.
  static let lineEnd = "\r\n"
  /// Folding aims at lines of at most this many characters (RFC 5322 2.1.1).
  static let preferredLineLength = 78
  /// No line may exceed this many octets, not counting the CRLF.
  static let maximumLineLength = 998
  /// Text with a word longer than this is sent as encoded-words, which can be folded.
  static let longestPlainWord = 900
  /// The most UTF-8 bytes in one encoded-word: 33 bytes are 44 base64 characters, so a
  /// word has at most 56 characters (RFC 2047 allows 75) and fits after the longest field
  /// name this builder uses ("X-Kiosk-Location: ") within 78 characters.
  static let encodedWordBytes = 33
  /// What the body shows for a field left empty.
  static let notGiven = "(not given)"

  var ticket: TicketContent
  var identity: KioskIdentity
  var reference: String
  var messageID: String
  var date: Date

  /// The whole message, as stored and delivered.
  var bytes: [UInt8] { Array(text.utf8) }

  /// The whole message: header fields, an empty line and the body, with CRLF line ends.
  var text: String {
    header.map { $0 + Self.lineEnd }.joined() + Self.lineEnd + body
  }

  /// The header fields in order, each folded (with CRLF SP inside) but without its final CRLF.
  var header: [String] {
    let sender = Self.address(identity.senderAddress)
    let recipient = Self.address(identity.contact.email)
    let title = Self.singleLine(ticket.articleTitle)
    var fields: [String] = []
    fields.append(Self.field("From", Self.phrase(Self.senderName) + ["<\(sender)>"]))
    fields.append(Self.field("To", [recipient]))
    if let replyTo = Self.replyTo(name: ticket.name, contact: ticket.contact) {
      fields.append(Self.field("Reply-To", replyTo))
    }
    fields.append(
      Self.field(
        "Subject",
        ["[\(Self.token(reference))]", "Still", "need", "help:"] + Self.unstructured(title)))
    fields.append(Self.field("Date", TicketSummary.rfc5322Date(date).split(separator: " ").map(String.init)))
    fields.append(Self.field("Message-ID", [Self.token(messageID)]))
    fields.append(Self.field("MIME-Version", ["1.0"]))
    fields.append(Self.field("Content-Type", ["text/plain;", "charset=utf-8"]))
    fields.append(Self.field("Content-Transfer-Encoding", ["8bit"]))
    fields.append(Self.field("X-Kiosk-Id", Self.unstructured(Self.singleLine(identity.id))))
    fields.append(
      Self.field("X-Kiosk-Location", Self.unstructured(Self.singleLine(identity.location))))
    fields.append(Self.field("X-Ticket-Reference", [Self.token(reference)]))
    return fields
  }

  /// The body: the ticket's summary for the help desk (the lines the review showed, with
  /// the reference), every line at most 998 octets and ending in CRLF.
  var body: String {
    TicketSummary.lines(ticket, identity: identity, date: date, reference: Self.token(reference))
      .flatMap(Self.breakLine).map { $0 + Self.lineEnd }.joined()
  }

  // MARK: - Message-ID

  /// A Message-ID for a ticket: `<REFERENCE.NONCE@kiosk-id.helpdesk-kiosk>`, with the kiosk
  /// id reduced to the characters a domain label may hold.
  static func messageID(reference: String, nonce: String, kioskID: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    var label = String(kioskID.lowercased().map { allowed.contains($0) ? $0 : "-" }.prefix(63))
    while label.hasPrefix("-") { label.removeFirst() }
    while label.hasSuffix("-") { label.removeLast() }
    if label.isEmpty { label = "kiosk" }
    return "<\(token(reference)).\(token(nonce))@\(label).helpdesk-kiosk>"
  }

  // MARK: - Cleaning user text

  /// `text` on one line, cleaned of controls (see `TicketSummary.singleLine`).
  static func singleLine(_ text: String) -> String {
    TicketSummary.singleLine(text)
  }

  /// Text that goes into a field as one word, such as a reference or Message-ID: printable
  /// ASCII without spaces only.
  static func token(_ text: String) -> String {
    String(
      String.UnicodeScalarView(text.unicodeScalars.filter { (0x21...0x7E).contains($0.value) }))
  }

  /// An address from the configuration: printable ASCII, none of the characters that could
  /// end the address early, at most 254 characters.
  static func address(_ text: String) -> String {
    let clean = token(text).filter { !"<>()[],;:\"\\".contains($0) }
    return clean.isEmpty ? "invalid@invalid" : String(clean.prefix(254))
  }

  // MARK: - Header fields

  /// The `Reply-To` words: the person's name as a phrase and their e-mail address, when the
  /// contact they gave is an e-mail address.
  static func replyTo(name: String, contact: String) -> [String]? {
    let address = singleLine(contact)
    guard ContactValidation.isEmail(address) else { return nil }
    let name = singleLine(name)
    return name.isEmpty ? [address] : phrase(name) + ["<\(address)>"]
  }

  /// A display name as words: plain atoms when it is ASCII letters, digits and `atext`
  /// only; a quoted-string when it is ASCII with specials; encoded-words otherwise, and
  /// whenever it contains `=?` (so that nothing can be decoded from it but itself).
  static func phrase(_ text: String) -> [String] {
    guard isPlain(text) else { return encodedWords(text) }
    let words = text.split(separator: " ").map(String.init)
    if words.allSatisfy({ $0.allSatisfy(isAtomText) }) { return words }
    let escaped = text.split(separator: " ").map { word in
      word.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : String($0) }.joined()
    }
    var quoted = escaped
    quoted[0] = "\"" + quoted[0]
    quoted[quoted.count - 1] += "\""
    return quoted
  }

  /// Unstructured text (a subject, a location) as words: the words themselves when the text
  /// is plain ASCII, encoded-words otherwise.
  static func unstructured(_ text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    return isPlain(text) ? text.split(separator: " ").map(String.init) : encodedWords(text)
  }

  /// Whether `text` can go into a header as it is: printable ASCII and spaces, nothing an
  /// RFC 2047 decoder would decode, and no word too long to fold.
  static func isPlain(_ text: String) -> Bool {
    !text.isEmpty && text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
      && !text.contains("=?")
      && text.split(separator: " ").allSatisfy { $0.utf8.count <= longestPlainWord }
  }

  /// RFC 5322 `atext`: what a display name may hold without quotes.
  static func isAtomText(_ character: Character) -> Bool {
    character.isASCII
      && (character.isLetter || character.isNumber || "!#$%&'*+-/=?^_`{|}~".contains(character))
  }

  /// `text` as RFC 2047 `B` encoded-words in UTF-8, each at most 75 characters, split only
  /// between characters. Decoding them and joining the results gives `text` back.
  static func encodedWords(_ text: String) -> [String] {
    var chunks: [[UInt8]] = []
    var current: [UInt8] = []
    func add(_ bytes: [UInt8]) {
      if current.count + bytes.count > encodedWordBytes, !current.isEmpty {
        chunks.append(current)
        current = []
      }
      current += bytes
    }
    for character in text {
      let bytes = Array(String(character).utf8)
      if bytes.count <= encodedWordBytes {
        add(bytes)
      } else {
        // A cluster too long for one word is split between its scalars.
        for scalar in character.unicodeScalars { add(Array(String(scalar).utf8)) }
      }
    }
    if !current.isEmpty { chunks.append(current) }
    return chunks.map { "=?utf-8?B?" + Data($0).base64EncodedString() + "?=" }
  }

  /// A header field from its name and words: the words are separated by single spaces, and
  /// the field is folded before a word (CRLF SP) when the line would pass 78 characters.
  static func field(_ name: String, _ words: [String]) -> String {
    var text = name + ":"
    var lineLength = text.utf8.count
    for (index, word) in words.enumerated() {
      let length = word.utf8.count
      if index > 0, lineLength + 1 + length > preferredLineLength {
        text += lineEnd + " " + word
        lineLength = 1 + length
      } else {
        text += " " + word
        lineLength += 1 + length
      }
    }
    return text
  }

  // MARK: - Body

  /// `line` as lines of at most 998 octets: broken after the last space that keeps the
  /// first part short enough, otherwise between characters (between scalars only when one
  /// character alone is too long). Joining the parts gives `line` back.
  static func breakLine(_ line: String) -> [String] {
    var parts: [String] = []
    var rest = Substring(line)
    while rest.utf8.count > maximumLineLength {
      var end = rest.startIndex
      var length = 0
      var lastSpace: String.Index? = nil
      for index in rest.indices {
        let size = rest[index].utf8.count
        guard length + size <= maximumLineLength else { break }
        length += size
        end = rest.index(after: index)
        if rest[index] == " " { lastSpace = end }
      }
      if let lastSpace, lastSpace > rest.startIndex {
        end = lastSpace
      } else if end == rest.startIndex {
        // One character longer than a line: split it between scalars.
        var scalars = rest.unicodeScalars[...]
        var head = String.UnicodeScalarView()
        length = 0
        while let scalar = scalars.first, length + String(scalar).utf8.count <= maximumLineLength {
          length += String(scalar).utf8.count
          head.append(scalar)
          scalars.removeFirst()
        }
        parts.append(String(head))
        rest = Substring(String(String.UnicodeScalarView(scalars)))
        continue
      }
      parts.append(String(rest[..<end]))
      rest = rest[end...]
    }
    parts.append(String(rest))
    return parts
  }
}
