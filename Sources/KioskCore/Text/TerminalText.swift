/// Makes untrusted text (article files, what a person types or pastes, a program's reply)
/// safe to draw on a terminal.
///
/// Escape sequences (CSI, OSC, DCS, SOS, PM, APC, in their 7-bit and 8-bit forms, also when
/// unterminated) are removed whole; other C0 and C1 controls are removed; tabs become a
/// space; bidi overrides and isolates and zero-width characters are removed; code points the
/// terminal cannot print become U+FFFD; combining marks are capped per character so that
/// no cluster can grow without bound.
public enum TerminalText {
  /// How many combining marks one character may carry.
  public static let maximumMarksPerCharacter = 3

  /// Returns `text` with everything removed that could move the cursor, change the
  /// terminal's state or reorder what is shown.
  ///
  /// - Parameter keepingNewlines: keep line feeds (a CR LF or lone CR becomes one line
  ///   feed); otherwise every line break becomes a space.
  public static func sanitize(_ text: String, keepingNewlines: Bool = false) -> String {
    sanitized(text, keepingNewlines: keepingNewlines)
  }

  /// As `sanitize(_:keepingNewlines:)`, for part of a string.
  public static func sanitize(_ text: Substring, keepingNewlines: Bool = false) -> String {
    sanitized(text, keepingNewlines: keepingNewlines)
  }

  /// The work of `sanitize`, made for `String` and `Substring` here: called generically
  /// from other modules, it went through the protocol for each byte, 14,000 instructions
  /// for a front matter's keyword.
  private static func sanitized(_ text: some StringProtocol, keepingNewlines: Bool) -> String {
    // Printable ASCII (most of any article) has nothing to take out; nor has text whose
    // other characters are all printable and take room (quotes, dashes, accented letters).
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) || isShownAsIs(text.unicodeScalars) { return String(text) }
    var output = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    var marks = 0

    func next() -> Unicode.Scalar? {
      if let scalar = pending {
        pending = nil
        return scalar
      }
      return scalars.next()
    }

    /// Skips a control string up to its terminator (BEL, ESC \ or 8-bit ST).
    func skipString(bellEnds: Bool) {
      while let scalar = next() {
        switch scalar.value {
        case 0x07 where bellEnds, 0x9C: return
        case 0x1B:
          if let after = next(), after != "\\" { pending = after }
          return
        default: continue
        }
      }
    }

    /// Skips the rest of a control sequence: parameters and intermediates, then one final byte.
    func skipSequence() {
      while let scalar = next() {
        if (0x40...0x7E).contains(scalar.value) { return }
        if !(0x20...0x3F).contains(scalar.value) {
          pending = scalar
          return
        }
      }
    }

    /// Skips the rest of an escape sequence with intermediates (`ESC ( 0`): more
    /// intermediates, then one final character.
    func skipEscape() {
      while let scalar = next() {
        if (0x30...0x7E).contains(scalar.value) { return }
        if !(0x20...0x2F).contains(scalar.value) {
          pending = scalar
          return
        }
      }
    }

    while let scalar = next() {
      let value = scalar.value
      switch value {
      case 0x1B:
        guard let introducer = next() else { break }
        switch introducer {
        case "[": skipSequence()
        case "]": skipString(bellEnds: true)
        case "P", "X", "^", "_": skipString(bellEnds: false)
        default:
          if (0x20...0x2F).contains(introducer.value) {
            skipEscape()
          } else if !(0x30...0x7E).contains(introducer.value) {
            pending = introducer
          }
        }
      case 0x9B: skipSequence()
      case 0x9D: skipString(bellEnds: true)
      case 0x90, 0x98, 0x9E, 0x9F: skipString(bellEnds: false)
      case 0x09:
        output.append(" ")
        marks = 0
      case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
        if value == 0x0D, let after = next(), after != "\n" { pending = after }
        output.append(keepingNewlines ? "\n" : " ")
        marks = 0
      case 0x00..<0x20, 0x7F..<0xA0:
        continue
      case _ where isInvisible(value):
        continue
      default:
        if !DisplayWidth.isPrintable(scalar) {
          output.append("\u{FFFD}")
          marks = 0
        } else if DisplayWidth.of(scalar) == 0 {
          guard marks < maximumMarksPerCharacter, let last = output.last, last != "\n" else {
            continue
          }
          marks += 1
          output.append(scalar)
        } else {
          marks = 0
          output.append(scalar)
        }
      }
    }
    return String(output)
  }

  /// Whether `sanitize` would keep every scalar as it is: each one printable ASCII, or
  /// printable and of some width, and none of the invisible ones it takes out.
  private static func isShownAsIs(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
    scalars.allSatisfy { scalar in
      switch scalar.value {
      case 0x20..<0x7F: true
      case 0x00..<0xA0, 0x2028, 0x2029: false
      default: !isInvisible(scalar.value) && DisplayWidth.isPrintable(scalar) && DisplayWidth.of(scalar) > 0
      }
    }
  }

  /// The invisible characters `sanitize` takes out: format and bidi controls, zero-width
  /// spaces and joiners, the byte-order mark, interlinear annotations.
  private static func isInvisible(_ value: UInt32) -> Bool {
    switch value {
    case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB: true
    default: false
    }
  }
}
