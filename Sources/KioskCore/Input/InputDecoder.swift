/// Turns the bytes a terminal sends into events: keys, pasted text and mouse reports.
///
/// Bytes are fed as they are read and may be split anywhere: a sequence, a character or a
/// paste cut between two reads waits for the rest. Every byte is accounted for: a sequence
/// that is not a key the kiosk knows (an unknown key, a reply, an escape sequence typed or
/// pasted) is read whole and dropped, so no part of it becomes a key.
///
/// - Keys: control characters by name (Enter for CR and LF, Tab, Backspace for DEL and
///   BS, Ctrl and a letter), printable characters one Unicode scalar at a time, and the
///   sequences of `KeySequences`.
/// - Alt plus a key (ESC and then the key, a sequence included) is dropped whole; so is
///   ESC ESC, Alt-Escape.
/// - A bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`) is one `paste` event, its line ends
///   made line feeds (CR LF, CR and LF are each one), up to `maximumPaste` scalars.
/// - Mouse reports, SGR (`ESC [ < b ; x ; y M`) and X10 (`ESC [ M b x y`): a press of the
///   first button and wheel steps; releases, motion and other buttons are dropped.
/// - Invalid UTF-8 is dropped from keys and made U+FFFD in a paste.
///
/// An ESC alone cannot be told from the start of a sequence until the terminal has had time
/// to send the rest. While something is unfinished `flushDelay` says how long to wait for
/// more; when that passes with no more bytes, `flush()` ends it: a lone ESC is then the
/// Escape key, a paste is delivered as it stands, and anything else unfinished is dropped.
public struct InputDecoder: Sendable {
  /// Milliseconds an ESC waits for the rest of a sequence before it is the Escape key.
  public static let escapeDelay = 25
  /// Milliseconds a paste waits for its next byte before it is delivered as it stands.
  public static let pasteDelay = 100
  /// The longest paste kept, in Unicode scalars; the rest of a longer one is read and dropped.
  public static let maximumPaste = 16_384
  /// The longest sequence kept; the rest of a longer one is read and dropped.
  static let maximumSequence = 64

  private static let pasteStart: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E]
  private static let pasteEnd: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

  private enum Mode: Sendable {
    case ground
    /// In `sequence`, begun by ESC.
    case sequence
    /// In a control sequence too long to keep, up to its final byte.
    case overlong
    /// In a control string (OSC, DCS, SOS, PM, APC), up to BEL or ST; the byte before.
    case controlString(previous: UInt8)
    case paste
  }

  /// A paste being read.
  private struct Paste: Sendable {
    var text = String.UnicodeScalarView()
    var count = 0
    /// The last byte was a carriage return, so a line feed now ends the same line.
    var isAfterReturn = false
    /// How many bytes of the end marker have come, held back until it is whole or broken.
    var endMatched = 0
    var character = UTF8Assembler()
  }

  private let keys: [[UInt8]: Key]
  /// Every proper prefix of a sequence in `keys`.
  private let prefixes: Set<[UInt8]>
  private var mode = Mode.ground
  private var character = UTF8Assembler()
  private var sequence: [UInt8] = []
  /// An ESC came before the sequence's own ESC: it is Alt plus that key.
  private var isAltPrefixed = false
  /// A key whose sequence is a prefix of another one, waiting to see which it is.
  private var match: (length: Int, key: Key)?
  private var paste = Paste()

  /// A decoder for `KeySequences.common` and the terminal's own key sequences.
  /// - Parameter terminalKeys: sequences from the terminal's description, by key; they win
  ///   where they differ from the common ones.
  public init(terminalKeys: [[UInt8]: Key] = [:]) {
    self.init(table: KeySequences.table(adding: terminalKeys))
  }

  /// A decoder for exactly these key sequences.
  init(table: [[UInt8]: Key]) {
    keys = table
    var prefixes = Set<[UInt8]>()
    for sequence in table.keys where sequence.count > 1 {
      for length in 1..<sequence.count { prefixes.insert(Array(sequence.prefix(length))) }
    }
    self.prefixes = prefixes
  }

  /// The events the bytes complete, in order.
  public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
    var events: [Event] = []
    for byte in bytes { consume(byte, into: &events) }
    return events
  }

  /// Milliseconds to wait for more bytes before calling `flush()`, or nil when nothing is
  /// unfinished.
  public var flushDelay: Int? {
    switch mode {
    case .ground: character.isEmpty ? nil : Self.escapeDelay
    case .paste: Self.pasteDelay
    case .sequence, .overlong, .controlString: Self.escapeDelay
    }
  }

  /// Ends what is unfinished, because no more bytes came within `flushDelay`.
  public mutating func flush() -> [Event] {
    var events: [Event] = []
    switch mode {
    case .ground:
      character = UTF8Assembler()
    case .sequence:
      if let match {
        // The shorter key it was: the bytes after it start again.
        let rest = sequence.dropFirst(match.length)
        finishSequence(.key(match.key), into: &events)
        for byte in rest { consume(byte, into: &events) }
        events += flush()
      } else {
        finishSequence(sequence == [0x1B] ? .key(.escape) : nil, into: &events)
      }
    case .overlong, .controlString:
      mode = .ground
    case .paste:
      paste.endMatched = 0
      finishPaste(into: &events)
    }
    return events
  }

  // MARK: Bytes

  private mutating func consume(_ byte: UInt8, into events: inout [Event]) {
    switch mode {
    case .ground: groundByte(byte, into: &events)
    case .sequence: sequenceByte(byte, into: &events)
    case .overlong:
      switch byte {
      case 0x20...0x3F: break
      case 0x40...0x7E: mode = .ground
      default:
        mode = .ground
        consume(byte, into: &events)
      }
    case .controlString(let previous):
      if byte == 0x07 || (previous == 0x1B && byte == 0x5C) || (previous == 0xC2 && byte == 0x9C) {
        mode = .ground
      } else {
        mode = .controlString(previous: byte)
      }
    case .paste: pasteByte(byte, into: &events)
    }
  }

  private mutating func groundByte(_ byte: UInt8, into events: inout [Event]) {
    if byte == 0x1B && character.isEmpty {
      mode = .sequence
      sequence = [byte]
      isAltPrefixed = false
      match = nil
      return
    }
    switch character.push(byte) {
    case .pending, .invalid:
      break
    case .scalar(let scalar):
      if let key = Self.key(for: scalar) { events.append(.key(key)) }
    case .cutShort:
      // The character before was cut short and is dropped; this byte starts afresh.
      consume(byte, into: &events)
    }
  }

  private mutating func sequenceByte(_ byte: UInt8, into events: inout [Event]) {
    if sequence == [0x1B] && isAltPrefixed && !startsSequence(byte) {
      // ESC ESC and no sequence after it: Alt-Escape, dropped; this byte starts afresh.
      finishSequence(nil, into: &events)
      consume(byte, into: &events)
      return
    }
    if sequence == [0x1B] && byte == 0x1B {
      // ESC ESC: Alt plus the key the second ESC starts.
      isAltPrefixed = true
      return
    }
    guard sequence.count < Self.maximumSequence else {
      finishSequence(nil, into: &events)
      mode = .overlong
      consume(byte, into: &events)
      return
    }
    sequence.append(byte)
    let isPrefix = prefixes.contains(sequence)
    if let key = keys[sequence] {
      if isPrefix {
        match = (sequence.count, key)
      } else {
        finishSequence(.key(key), into: &events)
      }
      return
    }
    if isPrefix { return }
    if let match {
      let rest = sequence.dropFirst(match.length)
      finishSequence(.key(match.key), into: &events)
      for byte in rest { consume(byte, into: &events) }
      return
    }
    switch Self.shape(of: sequence) {
    case .incomplete:
      break
    case .complete:
      if sequence == Self.pasteStart {
        // A paste is text whatever came before it.
        finishSequence(nil, into: &events)
        mode = .paste
        paste = Paste()
      } else {
        finishSequence(Self.mouse(sequence).map { .mouse($0) }, into: &events)
      }
    case .malformed:
      // Cut short by a byte that cannot be part of it: dropped, and the byte starts afresh.
      finishSequence(nil, into: &events)
      consume(byte, into: &events)
    case .controlString:
      finishSequence(nil, into: &events)
      mode = .controlString(previous: byte)
    }
  }

  /// Whether `byte` after an ESC starts a key's sequence rather than being a key itself.
  private func startsSequence(_ byte: UInt8) -> Bool {
    byte == 0x5B || byte == 0x4F || keys[[0x1B, byte]] != nil || prefixes.contains([0x1B, byte])
  }

  /// Back to plain bytes, with the sequence's event unless Alt was held.
  private mutating func finishSequence(_ event: Event?, into events: inout [Event]) {
    if let event, !isAltPrefixed { events.append(event) }
    mode = .ground
    sequence = []
    isAltPrefixed = false
    match = nil
  }

  // MARK: Paste

  private mutating func pasteByte(_ byte: UInt8, into events: inout [Event]) {
    let end = Self.pasteEnd
    if byte == end[paste.endMatched] {
      paste.endMatched += 1
      if paste.endMatched == end.count { finishPaste(into: &events) }
      return
    }
    if paste.endMatched > 0 {
      // What looked like the end marker was text. ESC comes only first in the marker, so
      // this byte can start it again.
      let held = end.prefix(paste.endMatched)
      paste.endMatched = 0
      for text in held { pasteText(text) }
      if byte == end[0] {
        paste.endMatched = 1
        return
      }
    }
    pasteText(byte)
  }

  private mutating func pasteText(_ byte: UInt8) {
    switch paste.character.push(byte) {
    case .pending:
      break
    case .scalar(let scalar):
      pasteScalar(scalar)
    case .invalid:
      pasteScalar("\u{FFFD}")
    case .cutShort:
      pasteScalar("\u{FFFD}")
      pasteText(byte)
    }
  }

  private mutating func pasteScalar(_ scalar: Unicode.Scalar) {
    if scalar == "\n" && paste.isAfterReturn {
      paste.isAfterReturn = false
      return
    }
    paste.isAfterReturn = scalar == "\r"
    guard paste.count < Self.maximumPaste else { return }
    paste.text.append(scalar == "\r" ? "\n" : scalar)
    paste.count += 1
  }

  private mutating func finishPaste(into events: inout [Event]) {
    if !paste.character.isEmpty { pasteScalar("\u{FFFD}") }
    events.append(.paste(String(paste.text)))
    paste = Paste()
    mode = .ground
  }

  // MARK: Reading sequences

  private enum Shape {
    case incomplete, complete, malformed
    /// A control string begins, read up to its terminator.
    case controlString
  }

  /// How far `sequence` (ESC and what followed) has got, by the syntax of escape sequences.
  private static func shape(of sequence: [UInt8]) -> Shape {
    guard let last = sequence.last, sequence.count >= 2 else { return .incomplete }
    switch sequence[1] {
    case 0x5B:  // CSI: parameters and intermediates, then a final byte
      if sequence.count == 2 { return .incomplete }
      // X10 mouse report: three bytes of any value follow `ESC [ M`.
      if sequence[2] == 0x4D { return sequence.count == 6 ? .complete : .incomplete }
      switch last {
      case 0x40...0x7E: return .complete
      case 0x20...0x3F: return .incomplete
      default: return .malformed
      }
    case 0x4F:  // SS3: a final character, perhaps after a modifier
      if sequence.count == 2 { return .incomplete }
      switch last {
      case 0x40...0x7E: return .complete
      case 0x30...0x3F: return .incomplete
      default: return .malformed
      }
    case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC
      return .controlString
    case 0xC2...0xF4:  // Alt plus a character of several bytes
      let length = UTF8Assembler.length(ofCharacterStartingWith: sequence[1])
      if sequence.count > 2 && last & 0xC0 != 0x80 { return .malformed }
      return sequence.count == 1 + length ? .complete : .incomplete
    default:  // Alt plus a key of one byte
      return .complete
    }
  }

  /// The mouse report a finished sequence is, when it is one the kiosk acts on.
  private static func mouse(_ sequence: [UInt8]) -> MouseEvent? {
    guard sequence.count >= 4, sequence[1] == 0x5B else { return nil }
    if sequence[2] == 0x4D, sequence.count == 6 {
      // X10: button, column and row, each plus 32; columns and rows count from 1.
      let button = Int(sequence[3]) - 32
      return mouse(
        button: button, isPress: button & 3 != 3, row: Int(sequence[5]) - 33, column: Int(sequence[4]) - 33)
    }
    guard sequence[2] == 0x3C, let final = sequence.last, final == 0x4D || final == 0x6D else { return nil }
    let fields = sequence.dropFirst(3).dropLast().split(separator: 0x3B, omittingEmptySubsequences: false)
      .map { Int(String(decoding: $0, as: UTF8.self)) }
    guard fields.count == 3, let button = fields[0], let column = fields[1], let row = fields[2] else { return nil }
    return mouse(button: button, isPress: final == 0x4D, row: row - 1, column: column - 1)
  }

  /// A press of the first button or a wheel step; the modifier bits (4, 8, 16) are ignored.
  private static func mouse(button: Int, isPress: Bool, row: Int, column: Int) -> MouseEvent? {
    // 32 is motion, 128 the buttons beyond the wheel.
    guard isPress, row >= 0, column >= 0, button >= 0, button & (32 | 128) == 0 else { return nil }
    let kind: MouseEvent.Kind
    switch (button & 64 != 0, button & 3) {
    case (false, 0): kind = .press
    case (true, 0): kind = .wheelUp
    case (true, 1): kind = .wheelDown
    default: return nil
    }
    return MouseEvent(kind, row: row, column: column)
  }

  /// A character from the keyboard as a key: control characters by name, never raw.
  static func key(for scalar: Unicode.Scalar) -> Key? {
    switch scalar.value {
    case 0x0D, 0x0A: return .enter
    case 0x09: return .tab
    case 0x1B: return .escape
    case 0x7F, 0x08: return .backspace
    case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(scalar.value) + 0x60)))
    case 0x00, 0x1C...0x1F, 0x80...0x9F: return nil
    default:
      let text = TerminalText.sanitize(String(scalar))
      return text.first.map { .character($0) }
    }
  }
}

/// Puts UTF-8 together one byte at a time.
struct UTF8Assembler: Sendable {
  enum Step: Equatable {
    /// More bytes are needed.
    case pending
    case scalar(Unicode.Scalar)
    /// The bytes so far are not UTF-8 (a stray byte, an overlong form, a surrogate).
    case invalid
    /// The character begun was cut short by this byte, which is not part of it.
    case cutShort
  }

  private var value: UInt32 = 0
  private var needed = 0
  private var length = 0

  /// Whether no character is begun.
  var isEmpty: Bool { needed == 0 }

  /// The bytes of a character whose first byte is `byte`; 1 for a byte that starts none.
  static func length(ofCharacterStartingWith byte: UInt8) -> Int {
    switch byte {
    case 0xC2...0xDF: 2
    case 0xE0...0xEF: 3
    case 0xF0...0xF4: 4
    default: 1
    }
  }

  mutating func push(_ byte: UInt8) -> Step {
    guard needed == 0 else {
      guard byte & 0xC0 == 0x80 else {
        needed = 0
        return .cutShort
      }
      value = value << 6 | UInt32(byte & 0x3F)
      needed -= 1
      if needed > 0 { return .pending }
      let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
      guard value >= smallest, let scalar = Unicode.Scalar(value) else { return .invalid }
      return .scalar(scalar)
    }
    if byte < 0x80 { return .scalar(Unicode.Scalar(byte)) }
    length = Self.length(ofCharacterStartingWith: byte)
    guard length > 1 else { return .invalid }
    needed = length - 1
    value = UInt32(byte) & (0xFF >> (length + 1))
    return .pending
  }
}
