import Foundation
import KioskCore
import Testing

@testable import KioskOutbox

/// Hostile and unusual user text, and what must come out of it.
struct HostileCase: Sendable, CustomStringConvertible {
  var description: String
  var name = "Ann Example"
  var contact = "ann@example.com"
  var text = "It broke."
  var title = "Printer Offline"
  var location = "Library, level 2"
  /// The name as a mail program must show it (the sanitized input).
  var expectedName = "Ann Example"
  var expectedTitle = "Printer Offline"
  var expectedLocation = "Library, level 2"
  var hasReplyTo = true

  static let all: [HostileCase] = [
    HostileCase(
      description: "CRLF in the name", name: "Ann\r\nBcc: evil@x.com",
      expectedName: "Ann Bcc: evil@x.com"),
    HostileCase(
      description: "LF in the name", name: "Ann\nBcc: evil@x.com",
      expectedName: "Ann Bcc: evil@x.com"),
    HostileCase(
      description: "CR in the name", name: "Ann\rBcc: evil@x.com",
      expectedName: "Ann Bcc: evil@x.com"),
    HostileCase(
      description: "CRLF and space (a fold) in the name", name: "Ann\r\n Smith",
      expectedName: "Ann Smith"),
    HostileCase(
      description: "NUL and CRLF in the name", name: "Ann\u{0}\r\nTo: x@y.zz",
      expectedName: "Ann To: x@y.zz"),
    HostileCase(
      description: "an encoded newline in the name", name: "=?utf-8?B?QQpCY2M6IGV2aWxAeC5jb20=?=",
      expectedName: "=?utf-8?B?QQpCY2M6IGV2aWxAeC5jb20=?="),
    HostileCase(
      description: "an encoded newline with CRLF around it",
      name: "\r\n=?utf-8?B?QQpCY2M6IGV2aWxAeC5jb20=?=\r\n", title: "=?utf-8?Q?A=0ABcc:_e@x.com?=",
      expectedName: "=?utf-8?B?QQpCY2M6IGV2aWxAeC5jb20=?=",
      expectedTitle: "=?utf-8?Q?A=0ABcc:_e@x.com?="),
    HostileCase(description: "a European name", name: "Zoë Ångström", expectedName: "Zoë Ångström"),
    HostileCase(description: "a Japanese name", name: "山田太郎", expectedName: "山田太郎"),
    HostileCase(
      description: "a non-ASCII name with an escape and controls",
      name: "Zoë\u{1B}[2J\u{7}\r\n\tÅngström",
      expectedName: "Zoë Ångström"),
    HostileCase(
      description: "quotes and a backslash in the name", name: "Ann \"The Fixer\" O\\Brien",
      expectedName: "Ann \"The Fixer\" O\\Brien"),
    HostileCase(
      description: "a long non-ASCII name", name: String(repeating: "Ångström ", count: 30),
      expectedName: Array(repeating: "Ångström", count: 30).joined(separator: " ")),
    HostileCase(
      description: "CRLF in the contact", contact: "ann@example.com\r\nBcc: evil@x.com",
      hasReplyTo: false),
    HostileCase(
      description: "a phone number as contact", contact: "1300 521 162", hasReplyTo: false),
    HostileCase(
      description: "CRLF in the description", text: "hi\r\nBcc: evil@x.com\r\n\r\n.\r\nDATA\r\n"),
    HostileCase(
      description: "CRLF in the title and LF in the location", title: "Printer\r\nBcc: evil@x.com",
      location: "Bibliothèque\nX-Evil: yes\u{0}", expectedTitle: "Printer Bcc: evil@x.com",
      expectedLocation: "Bibliothèque X-Evil: yes"),
    HostileCase(
      description: "a non-ASCII title", title: "プリンターがオフラインです (Drucker läuft nicht)",
      expectedTitle: "プリンターがオフラインです (Drucker läuft nicht)"),
  ]
}

@Suite("Message builder")
struct MessageBuilderTests {
  @Test("Hostile text never adds or splits a header", arguments: HostileCase.all)
  func hostileText(_ sample: HostileCase) throws {
    var identity = Samples.identity
    identity.location = sample.location
    let ticket = Samples.ticket(
      name: sample.name, contact: sample.contact, description: sample.text, title: sample.title)
    let bytes = Samples.message(ticket, identity: identity)
    // The parser rejects bare CR, bare LF and lines over 998 octets.
    let message = try ParsedMessage(bytes)

    #expect(message.names == Samples.fieldNames(replyTo: sample.hasReplyTo))
    let split = try #require(message.lines.firstIndex(of: []))
    for line in message.lines[..<split] {
      #expect(line.count <= 78, "header line of \(line.count) characters")
      #expect(line.allSatisfy { (0x20...0x7E).contains($0) }, "header line not printable ASCII")
    }

    if sample.hasReplyTo {
      let replyTo = try #require(message.value("Reply-To"))
      #expect(replyTo.hasSuffix(" <ann@example.com>"))
      let phrase = String(replyTo.dropLast(" <ann@example.com>".count))
      #expect(Self.displayName(phrase) == sample.expectedName)
    }
    #expect(
      message.decoded("Subject")
        == "[\(Samples.reference)] Still need help: \(sample.expectedTitle)")
    #expect(message.decoded("X-Kiosk-Location") == sample.expectedLocation)
    #expect(message.value("X-Ticket-Reference") == Samples.reference)
    #expect(message.value("Message-ID") == Samples.messageID)
    #expect(message.bodyLines.contains("Name: \(sample.expectedName)"))
  }

  @Test("An ordinary ticket, exactly")
  func exactMessage() throws {
    let text = String(decoding: Samples.message(Samples.ticket()), as: UTF8.self)
    let reference = Samples.reference
    let expected = [
      "From: Help Desk Kiosk <kiosk@netlumait.com.au>",
      "To: helpdesk@netlumait.com.au",
      "Reply-To: Ann Example <ann@example.com>",
      "Subject: [\(reference)] Still need help: Printer Offline",
      "Date: Sun, 29 Nov 2026 14:03:00 +0000",
      "Message-ID: \(Samples.messageID)",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "X-Kiosk-Id: library-2",
      "X-Kiosk-Location: Library, level 2",
      "X-Ticket-Reference: \(reference)",
      "",
      "Help desk ticket \(reference)",
      "",
      "Reference: \(reference)",
      "Kiosk: library-2",
      "Location: Library, level 2",
      "Time: Sun, 29 Nov 2026 14:03:00 +0000",
      "",
      "Name: Ann Example",
      "E-mail: ann@example.com",
      "",
      "What happened:",
      "The printer says it is offline.",
      "I restarted it twice.",
      "",
      "Article: Printer Offline",
      "Article id: offline",
      "Was the article helpful: No",
      "",
      "Steps tried (1 of 3):",
      "- Check: the cable is in",
      "Steps not tried:",
      "- Restart: turn it off and on",
      "- Call: ring the help desk",
      "",
      "-- ",
      "Sent by the help desk kiosk. Help desk phone line: 1300 521 162",
    ].map { $0 + "\r\n" }.joined()
    #expect(text == expected)
  }

  @Test("Non-ASCII and hostile text, exactly")
  func exactHostileMessage() throws {
    let ticket = Samples.ticket(
      name: "Zoë\r\n Ångström\u{0}", contact: "+61 2 9876 5432",
      description: "\n\nfirst\rsecond\n.\n..\n.x\r\n\r\n  indented\u{0}\nlast\u{1B}[31m red\r\n\n",
      title: "Bildschirm bleibt schwarz", stepsTried: [], stepsNotTried: [], helpful: nil)
    let message = try ParsedMessage(Samples.message(ticket))
    let reference = Samples.reference
    #expect(message.names == Samples.fieldNames(replyTo: false))
    #expect(
      message.value("Subject") == "[\(reference)] Still need help: Bildschirm bleibt schwarz")
    #expect(
      message.bodyLines == [
        "Help desk ticket \(reference)",
        "",
        "Reference: \(reference)",
        "Kiosk: library-2",
        "Location: Library, level 2",
        "Time: Sun, 29 Nov 2026 14:03:00 +0000",
        "",
        "Name: Zoë Ångström",
        "Phone: +61 2 9876 5432",
        "",
        "What happened:",
        "first",
        "second",
        ".",
        "..",
        ".x",
        "",
        "  indented",
        "last red",
        "",
        "Article: Bildschirm bleibt schwarz",
        "Article id: offline",
        "Was the article helpful: Not answered",
        "",
        "Steps tried (0 of 0):",
        "(none)",
        "Steps not tried:",
        "(none)",
        "",
        "-- ",
        "Sent by the help desk kiosk. Help desk phone line: 1300 521 162",
      ])
  }

  @Test("A non-ASCII name becomes encoded-words in Reply-To")
  func encodedReplyTo() throws {
    let message = try ParsedMessage(Samples.message(Samples.ticket(name: "山田太郎")))
    let replyTo = try #require(message.value("Reply-To"))
    #expect(replyTo == "=?utf-8?B?5bGx55Sw5aSq6YOO?= <ann@example.com>")
    #expect(ParsedMessage.decodeWords(replyTo) == "山田太郎 <ann@example.com>")
  }

  @Test("An ASCII name with specials becomes a quoted-string")
  func quotedReplyTo() throws {
    let message = try ParsedMessage(Samples.message(Samples.ticket(name: "O'Brien, Ann (IT)")))
    #expect(message.value("Reply-To") == "\"O'Brien, Ann (IT)\" <ann@example.com>")
  }

  @Test("The encoded-word name stays literal text in the header and the body")
  func encodedWordNameIsLiteral() throws {
    let name = "=?utf-8?B?QQpCY2M6IGV2aWxAeC5jb20=?="
    let bytes = Samples.message(Samples.ticket(name: name))
    let message = try ParsedMessage(bytes)
    let replyTo = try #require(message.value("Reply-To"))
    // The name is not passed through as an encoded-word of its own.
    #expect(!replyTo.contains("QQpCY2M6IGV2aWxAeC5jb20"))
    #expect(ParsedMessage.decodeWords(replyTo) == "\(name) <ann@example.com>")
    #expect(message.bodyLines.contains("Name: \(name)"))
    #expect(!message.names.contains("Bcc"))
  }

  @Test("A 5,000-character line is broken into lines of at most 998 octets")
  func longLineWithoutSpaces() throws {
    let line = String(repeating: "x", count: 5_000)
    let message = try ParsedMessage(Samples.message(Samples.ticket(description: line)))
    let lines = try Self.description(message)
    #expect(lines.map(\.utf8.count) == [998, 998, 998, 998, 998, 10])
    #expect(lines.joined() == line)
  }

  @Test("A long line is broken after a space")
  func longLineWithSpaces() throws {
    let line = String(repeating: "word ", count: 1_000) + "end"
    let message = try ParsedMessage(Samples.message(Samples.ticket(description: line)))
    let lines = try Self.description(message)
    #expect(lines.count == 6)
    #expect(lines.dropLast().allSatisfy { $0.hasSuffix(" ") && $0.utf8.count <= 998 })
    #expect(lines.joined() == line)
  }

  @Test("A long non-ASCII line is broken between characters")
  func longLineOfMultibyteCharacters() throws {
    let line = String(repeating: "é", count: 2_500) + String(repeating: "山", count: 700)
    let message = try ParsedMessage(Samples.message(Samples.ticket(description: line)))
    let lines = try Self.description(message)
    #expect(lines.allSatisfy { $0.utf8.count <= 998 })
    #expect(lines.first?.utf8.count == 998)
    #expect(lines.joined() == line)
  }

  @Test("A long title is folded; a word too long to fold is encoded")
  func longTitles() throws {
    let words = Array(repeating: "Printer", count: 60).joined(separator: " ")
    let word = String(repeating: "A", count: 2_000)
    for title in [words, word] {
      let message = try ParsedMessage(Samples.message(Samples.ticket(title: title)))
      let split = try #require(message.lines.firstIndex(of: []))
      #expect(message.lines[..<split].allSatisfy { $0.count <= 78 })
      #expect(message.decoded("Subject") == "[\(Samples.reference)] Still need help: \(title)")
    }
  }

  @Test("Dates in RFC 5322 form, in UTC")
  func dates() {
    #expect(
      TicketSummary.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
    #expect(
      TicketSummary.rfc5322Date(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
    #expect(
      TicketSummary.rfc5322Date(Date(timeIntervalSince1970: 1_709_208_000))
        == "Thu, 29 Feb 2024 12:00:00 +0000")
    #expect(
      TicketSummary.rfc5322Date(Date(timeIntervalSince1970: 951_868_800))
        == "Wed, 01 Mar 2000 00:00:00 +0000")
    #expect(TicketSummary.rfc5322Date(Samples.date) == "Sun, 29 Nov 2026 14:03:00 +0000")
  }

  @Test("The Message-ID's domain comes from the kiosk id, cleaned")
  func messageIDDomain() {
    #expect(
      MessageBuilder.messageID(reference: "NLM-ABCD-12", nonce: "00ff", kioskID: "Library 2/Ü\r\n")
        == "<NLM-ABCD-12.00ff@library-2.helpdesk-kiosk>")
    #expect(
      MessageBuilder.messageID(reference: "NLM-ABCD-12", nonce: "00ff", kioskID: "")
        == "<NLM-ABCD-12.00ff@kiosk.helpdesk-kiosk>")
  }

  // MARK: - Helpers

  /// The description's lines in a parsed ticket body.
  static func description(_ message: ParsedMessage) throws -> [String] {
    let lines = message.bodyLines
    let start = try #require(lines.firstIndex(of: "What happened:")) + 1
    let end = try #require(lines[start...].firstIndex { $0.hasPrefix("Article: ") }) - 1
    return Array(lines[start..<end])
  }

  /// A display name as a mail program shows it: a quoted-string unquoted, encoded-words
  /// decoded, atoms as they are.
  static func displayName(_ phrase: String) -> String? {
    guard phrase.hasPrefix("\"") else { return ParsedMessage.decodeWords(phrase) }
    guard phrase.hasSuffix("\""), phrase.count >= 2 else { return nil }
    var output = ""
    var isEscaped = false
    for character in phrase.dropFirst().dropLast() {
      if isEscaped || character != "\\" {
        output.append(character)
        isEscaped = false
      } else {
        isEscaped = true
      }
    }
    return output
  }
}
