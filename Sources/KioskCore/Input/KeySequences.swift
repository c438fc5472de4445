/// The byte sequences terminals send for the keys the kiosk knows.
///
/// `common` holds what xterm and the terminals that copy it, VT100 and VT220, rxvt and the
/// Linux console send, in both cursor-key modes; the terminal's own description
/// (terminfo, read by the terminal backend) adds its sequences with `table(adding:)`, so a
/// terminal whose keys differ from all of these still works.
public enum KeySequences {
  /// The common sequences and their keys.
  ///
  /// Arrows, Home, End, Delete and the page keys with a modifier (`ESC [ 1 ; 5 A` is
  /// Ctrl-↑) are the same keys. F1 to F12 with Shift are F13 to F24, as terminfo numbers
  /// them; with other modifiers they are not keys the kiosk knows.
  public static let common: [[UInt8]: Key] = makeCommon()

  /// terminfo's names for the keys, whose strings `table(adding:)` takes.
  public static let capabilities: [(name: String, key: Key)] =
    [
      ("kcuu1", .up), ("kcud1", .down), ("kcub1", .left), ("kcuf1", .right), ("kpp", .pageUp),
      ("knp", .pageDown), ("khome", .home), ("kend", .end), ("kll", .end), ("kent", .enter),
      ("kbs", .backspace), ("kdch1", .delete), ("kcbt", .backTab),
    ] + (1...24).map { ("kf\($0)", Key.function($0)) }

  /// The longest sequence taken from a terminal description.
  static let maximumLength = 16

  /// `common` and the terminal description's sequences, which win where the two differ.
  ///
  /// A sequence is taken only when it starts with ESC and something follows it: single
  /// bytes (Backspace as `^H` or `^?`) are keys by themselves, and a sequence that starts a
  /// mouse report or marks a paste (`ESC [ M`, `ESC [ <`, `ESC [ 200 ~`, `ESC [ 201 ~`) or
  /// another ESC is never a key.
  public static func table(adding terminal: [[UInt8]: Key]) -> [[UInt8]: Key] {
    var table = common
    for (sequence, key) in terminal where isUsable(sequence) {
      table[sequence] = key
    }
    return table
  }

  private static func isUsable(_ sequence: [UInt8]) -> Bool {
    guard sequence.count >= 2, sequence.count <= maximumLength, sequence[0] == 0x1B, sequence[1] != 0x1B else {
      return false
    }
    let reserved: [[UInt8]] = [csi("M"), csi("<"), csi("200~"), csi("201~")]
    return !reserved.contains { sequence.starts(with: $0) }
  }

  private static func csi(_ text: String) -> [UInt8] { [0x1B, 0x5B] + Array(text.utf8) }
  private static func ss3(_ text: String) -> [UInt8] { [0x1B, 0x4F] + Array(text.utf8) }

  private static func makeCommon() -> [[UInt8]: Key] {
    var table: [[UInt8]: Key] = [:]
    // xterm's modifier parameter: 2 Shift, 3 Alt, 5 Ctrl and their sums plus one, up to 16.
    let modifiers = 2...16

    // Cursor keys, Home and End: CSI in normal mode, SS3 in application mode (`ESC [ ? 1 h`).
    let letters: [(String, Key)] = [("A", .up), ("B", .down), ("C", .right), ("D", .left), ("H", .home), ("F", .end)]
    for (letter, key) in letters {
      table[csi(letter)] = key
      table[ss3(letter)] = key
      for modifier in modifiers { table[csi("1;\(modifier)\(letter)")] = key }
    }
    // rxvt: Shift-arrows as `ESC [ a`…, Ctrl-arrows as `ESC O a`….
    for (letter, key) in [("a", Key.up), ("b", .down), ("c", .right), ("d", .left)] {
      table[csi(letter)] = key
      table[ss3(letter)] = key
    }
    table[csi("Z")] = .backTab
    // Enter on the keypad in application mode.
    table[ss3("M")] = .enter

    // VT220 editing keys, `ESC [ n ~`; 7 and 8 are rxvt's Home and End. rxvt marks Ctrl,
    // Shift and both with `^`, `$` and `@` in place of `~`.
    let editing: [(Int, Key)] = [
      (1, .home), (3, .delete), (4, .end), (5, .pageUp), (6, .pageDown), (7, .home), (8, .end),
    ]
    for (number, key) in editing {
      table[csi("\(number)~")] = key
      for modifier in modifiers { table[csi("\(number);\(modifier)~")] = key }
      for mark in ["^", "$", "@"] { table[csi("\(number)\(mark)")] = key }
    }

    // F1 to F4 as VT100's PF1 to PF4 (xterm), F1 to F12 as VT220's numbers (F1 to F5 also
    // as the Linux console's `ESC [ [ A`…), F13 to F24 as xterm's Shift-F1 to Shift-F12,
    // and VT220's F13 to F20.
    for (index, letter) in ["P", "Q", "R", "S"].enumerated() {
      table[ss3(letter)] = .function(index + 1)
      table[csi("1;2\(letter)")] = .function(index + 13)
    }
    for (index, number) in [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24].enumerated() {
      table[csi("\(number)~")] = .function(index + 1)
      table[csi("\(number);2~")] = .function(index + 13)
    }
    for (index, letter) in ["A", "B", "C", "D", "E"].enumerated() {
      table[csi("[\(letter)")] = .function(index + 1)
    }
    for (index, number) in [25, 26, 28, 29, 31, 32, 33, 34].enumerated() {
      table[csi("\(number)~")] = .function(index + 13)
    }
    return table
  }
}
