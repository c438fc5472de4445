import Foundation
import KioskCore

@testable import KioskOutbox

/// A small RFC 5322 reader for the tests: splits a message at the first empty line, unfolds
/// the header fields and decodes RFC 2047 `B` encoded-words, so a test can see a message
/// the way a mail program would.
struct ParsedMessage {
  /// Why the bytes are not a message.
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  /// The header fields in order, with their unfolded values (leading space removed).
  var fields: [(name: String, value: String)]
  /// The body, CRLF line ends and all.
  var body: String
  /// Every line of the message without its CRLF.
  var lines: [[UInt8]]

  init(_ bytes: [UInt8]) throws {
    lines = try Self.lines(bytes)
    guard let split = lines.firstIndex(of: []) else {
      throw Problem(description: "no empty line between header and body")
    }
    fields = []
    for line in lines[..<split] {
      guard let text = String(validating: line, as: UTF8.self) else {
        throw Problem(description: "header line is not UTF-8")
      }
      if text.hasPrefix(" ") || text.hasPrefix("\t") {
        // Unfolding removes the CRLF only; the white space stays.
        guard !fields.isEmpty else { throw Problem(description: "continuation before a field") }
        fields[fields.count - 1].value += text
      } else {
        guard let colon = text.firstIndex(of: ":") else {
          throw Problem(description: "header line without a colon: \(text)")
        }
        var value = String(text[text.index(after: colon)...])
        if value.hasPrefix(" ") { value.removeFirst() }
        fields.append((String(text[..<colon]), value))
      }
    }
    let bodyLines = lines[(split + 1)...]
    guard let body = String(validating: bodyLines.flatMap { $0 + [13, 10] }, as: UTF8.self) else {
      throw Problem(description: "body is not UTF-8")
    }
    self.body = body
  }

  /// The names of the fields, in order.
  var names: [String] { fields.map(\.name) }

  /// The unfolded value of the field with this name, if there is exactly one.
  func value(_ name: String) -> String? {
    let matches = fields.filter { $0.name.lowercased() == name.lowercased() }
    return matches.count == 1 ? matches[0].value : nil
  }

  /// The value with its encoded-words decoded.
  func decoded(_ name: String) -> String? {
    value(name).flatMap(Self.decodeWords)
  }

  /// The body's lines, without their CRLF.
  var bodyLines: [String] {
    var lines = body.components(separatedBy: "\r\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Splits the bytes at CRLF; throws on a bare CR or LF, a line over 998 octets, or a
  /// message that does not end in CRLF.
  static func lines(_ bytes: [UInt8]) throws -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 13 {
        guard index + 1 < bytes.count, bytes[index + 1] == 10 else {
          throw Problem(description: "bare CR at \(index)")
        }
        guard current.count <= 998 else {
          throw Problem(description: "line of \(current.count) octets")
        }
        lines.append(current)
        current = []
        index += 2
        continue
      }
      if byte == 10 { throw Problem(description: "bare LF at \(index)") }
      current.append(byte)
      index += 1
    }
    guard current.isEmpty else { throw Problem(description: "message does not end in CRLF") }
    return lines
  }

  /// Decodes RFC 2047 `B` encoded-words in UTF-8; white space between two encoded-words
  /// is dropped, as RFC 2047 says. Nil when a word does not decode.
  static func decodeWords(_ value: String) -> String? {
    var output = ""
    var previousWasEncoded = false
    let tokens = value.split(separator: " ", omittingEmptySubsequences: false)
    for (index, token) in tokens.enumerated() {
      if let decoded = decodeWord(String(token)) {
        if index > 0 && !previousWasEncoded { output += " " }
        output += decoded
        previousWasEncoded = true
      } else {
        if token.hasPrefix("=?") && token.hasSuffix("?=") { return nil }
        if index > 0 { output += " " }
        output += token
        previousWasEncoded = false
      }
    }
    return output
  }

  static func decodeWord(_ word: String) -> String? {
    let prefix = "=?utf-8?B?"
    guard word.lowercased().hasPrefix(prefix.lowercased()), word.hasSuffix("?="),
      word.count >= prefix.count + 2
    else { return nil }
    let payload = word.dropFirst(prefix.count).dropLast(2)
    guard let data = Data(base64Encoded: String(payload)) else { return nil }
    return String(validating: Array(data), as: UTF8.self)
  }
}
