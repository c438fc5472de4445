@testable import KioskCore
import KioskTestSupport
import Testing

/// The bytes of a string.
private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// ESC and the bytes of `text`.
private func escape(_ text: String) -> [UInt8] { [0x1B] + Array(text.utf8) }

/// `text` as a bracketed paste.
private func bracketed(_ text: [UInt8]) -> [UInt8] { escape("[200~") + text + escape("[201~") }

/// Decodes chunks fed one after another, then flushes what is left, as after a quiet moment.
private func decode(_ chunks: [[UInt8]], with decoder: InputDecoder = InputDecoder()) -> [Event] {
  var decoder = decoder
  var events = chunks.flatMap { decoder.feed($0) }
  if decoder.flushDelay != nil { events += decoder.flush() }
  #expect(decoder.flushDelay == nil, "nothing is left unfinished after a flush")
  return events
}

private func decode(_ input: [UInt8], with decoder: InputDecoder = InputDecoder()) -> [Event] {
  decode([input], with: decoder)
}

/// Expects `input` to decode to the same events however it is cut: in two at every byte,
/// and one byte at a time.
private func expectSameEverySplit(
  _ input: [UInt8], with decoder: InputDecoder = InputDecoder(), sourceLocation: SourceLocation = #_sourceLocation
) {
  let whole = decode(input, with: decoder)
  for cut in 1..<max(input.count, 1) {
    let split = decode([Array(input[..<cut]), Array(input[cut...])], with: decoder)
    #expect(split == whole, "cut after byte \(cut) of \(input)", sourceLocation: sourceLocation)
  }
  #expect(decode(input.map { [$0] }, with: decoder) == whole, "byte by byte: \(input)", sourceLocation: sourceLocation)
}

@Suite struct InputDecoderKeyTests {
  @Test func everyKeyInTheTable() {
    #expect(KeySequences.common.count > 250)
    for (sequence, key) in KeySequences.common {
      #expect(decode(sequence) == [.key(key)], "\(sequence)")
    }
  }

  @Test func everyKeyInTheTableSplitAtEveryByte() {
    for sequence in KeySequences.common.keys {
      expectSameEverySplit(sequence)
      // Nothing is held back once the key is whole: no wait, no flush.
      var decoder = InputDecoder()
      #expect(decoder.feed(sequence).count == 1)
      #expect(decoder.flushDelay == nil)
    }
  }

  @Test(arguments: [
    ("[A", Key.up), ("OA", .up), ("[1;5A", .up), ("[1;2B", .down), ("OC", .right), ("[D", .left),
    ("[H", .home), ("OH", .home), ("[1~", .home), ("[7~", .home), ("[1;5H", .home),
    ("[F", .end), ("OF", .end), ("[4~", .end), ("[8~", .end), ("[5~", .pageUp), ("[6~", .pageDown),
    ("[5;5~", .pageUp), ("[3~", .delete), ("[3;2~", .delete), ("[Z", .backTab), ("OM", .enter),
    ("OP", .function(1)), ("[11~", .function(1)), ("[[A", .function(1)), ("[[E", .function(5)),
    ("[15~", .function(5)), ("[21~", .function(10)), ("[24~", .function(12)), ("[1;2P", .function(13)),
    ("[24;2~", .function(24)), ("[25~", .function(13)), ("[7^", .home), ("[a", .up), ("Od", .left),
  ])
  func commonSequences(sequence: String, key: Key) {
    #expect(decode(escape(sequence)) == [.key(key)])
  }

  @Test(arguments: [
    ("\r", Key.enter), ("\n", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{08}", .backspace),
    ("\u{01}", .control("a")), ("\u{03}", .control("c")), ("\u{0C}", .control("l")), ("\u{1A}", .control("z")),
    ("a", .character("a")), (" ", .character(" ")), ("~", .character("~")),
  ])
  func controlsAndPrintables(input: String, key: Key) {
    #expect(decode(bytes(input)) == [.key(key)])
  }

  @Test func charactersWithoutAKeyAreDropped() {
    #expect(decode([0x00, 0x1C, 0x1D, 0x1E, 0x1F] + bytes("\u{85}\u{9B}\u{202E}\u{200B}")).isEmpty)
  }

  @Test func multiByteCharactersSplitAcrossReads() {
    let text = "aé日😀€"
    let expected = text.unicodeScalars.map { Event.key(.character(Character($0))) }
    #expect(decode(bytes(text)) == expected)
    expectSameEverySplit(bytes(text))
    var decoder = InputDecoder()
    #expect(decoder.feed([0xF0, 0x9F]).isEmpty)
    #expect(decoder.feed([0x98]).isEmpty)
    #expect(decoder.feed([0x80]) == [.key(.character("😀"))])
  }

  @Test func invalidUTF8IsDroppedNotACrash() {
    let input: [UInt8] =
      [0xFF, 0x80, 0x61]  // a stray byte and a lone continuation byte, then "a"
      + [0xC3, 0x62]  // a character cut short by "b"
      + [0xC0, 0xAF]  // an overlong "/"
      + [0xED, 0xA0, 0x80]  // a surrogate
      + [0xF4, 0x90, 0x80, 0x80]  // beyond U+10FFFF
      + [0xE2, 0x82, 0x1B, 0x5B, 0x41]  // cut short by ESC [ A
      + [0xE2, 0x82]  // cut short by the end
    #expect(decode(input) == [.key(.character("a")), .key(.character("b")), .key(.up)])
    expectSameEverySplit(input)
    var random = SplitMix(state: 7)
    for _ in 0..<200 {
      let noise = (0..<64).map { _ in UInt8.random(in: 0...255, using: &random) }
      _ = decode(noise)
    }
  }
}

@Suite struct InputDecoderEscapeTests {
  @Test func aLoneEscapeWaitsThenIsTheEscapeKey() {
    var decoder = InputDecoder()
    #expect(decoder.flushDelay == nil)
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.flushDelay == InputDecoder.escapeDelay)
    #expect(decoder.flush() == [.key(.escape)])
    #expect(decoder.flushDelay == nil)
    #expect(decoder.flush().isEmpty)
  }

  @Test func anEscapeFollowedByTheRestIsAKey() {
    var decoder = InputDecoder()
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.feed(bytes("[")).isEmpty)
    #expect(decoder.feed(bytes("A")) == [.key(.up)])
    #expect(decoder.flushDelay == nil)
  }

  @Test func escapesFlushedOneByOne() {
    var decoder = InputDecoder()
    var events: [Event] = []
    for _ in 0..<3 {
      events += decoder.feed([0x1B])
      events += decoder.flush()
    }
    #expect(events == Array(repeating: .key(.escape), count: 3))
  }

  @Test func anUnfinishedSequenceIsDroppedOnFlush() {
    for unfinished in [escape("["), escape("[1;"), escape("O"), escape("]0;title"), escape("[<0;5"), escape("[M ")] {
      var decoder = InputDecoder()
      #expect(decoder.feed(unfinished).isEmpty)
      #expect(decoder.flushDelay == InputDecoder.escapeDelay)
      #expect(decoder.flush().isEmpty, "\(unfinished)")
      #expect(decoder.feed(bytes("x")) == [.key(.character("x"))])
    }
  }

  @Test(arguments: [
    "a", "é", "\r", "\u{7F}", "\t", "\u{1B}", "\u{1B}[A", "\u{1B}OP", "\u{1B}[1;5A", "\u{1B}[<0;5;5M",
  ])
  func altPlusAKeyIsDroppedWhole(key: String) {
    #expect(decode([escape(key), bytes("z")]) == [.key(.character("z"))])
    expectSameEverySplit(escape(key) + bytes("z"))
  }

  @Test func escapeEscapeIsDroppedAsAPair() {
    #expect(decode(Array(repeating: 0x1B, count: 40)).isEmpty)
    #expect(decode(Array(repeating: 0x1B, count: 41)) == [.key(.escape)])
    #expect(decode([0x1B, 0x1B] + bytes("q")) == [.key(.character("q"))])
  }

  @Test(arguments: [
    "[2~",  // Insert
    "[1;5P",  // Ctrl-F1
    "[?1;2c",  // a reply to a question the kiosk never asks
    "[38;5;196m",  // a colour, typed or pasted without bracketing
    "[201~",  // a paste's end without its start
    "]0;owned\u{07}",  // a title
    "]52;c;cHduZWQ=\u{1B}\\",  // the clipboard, ended by ST
    "]0;owned\u{C2}\u{9C}",  // ended by the 8-bit ST
    "P+q\u{1B}\\",  // DCS
    "_app\u{07}", "^pm\u{07}", "Xsos\u{07}",
    "Ox",  // SS3 with a key the kiosk does not know
    "O5P",  // SS3 with a modifier
    "[M#!!",  // an X10 release
    "[<0;5;5m",  // an SGR release
  ])
  func unknownSequencesAreReadAndDropped(sequence: String) {
    let input = escape(sequence) + bytes("z")
    #expect(decode(input) == [.key(.character("z"))])
    expectSameEverySplit(input)
  }

  @Test func aSequenceCutShortLetsTheByteThatCutItThrough() {
    #expect(decode(escape("[1\r")) == [.key(.enter)])
    #expect(decode(escape("[1") + escape("[A")) == [.key(.up)])
    #expect(decode(escape("O\u{7F}")) == [.key(.backspace)])
  }

  @Test func anOverlongSequenceIsReadToItsEndAndDropped() {
    let input = escape("[" + String(repeating: "1;", count: 200) + "m") + bytes("z")
    #expect(decode(input) == [.key(.character("z"))])
    #expect(decode(escape("[" + String(repeating: "9", count: 200)) + [0x0D]) == [.key(.enter)])
  }
}

@Suite struct InputDecoderTerminalKeyTests {
  @Test func theTerminalDescriptionAddsItsKeys() {
    // The Linux console's Shift-Tab (kcbt) is ESC Tab, which elsewhere is Alt-Tab.
    let console = InputDecoder(terminalKeys: [[0x1B, 0x09]: .backTab, escape("[[A"): .function(1)])
    #expect(decode(escape("\t"), with: console) == [.key(.backTab)])
    #expect(decode(escape("\t")).isEmpty)
    #expect(decode(escape("\t") + escape("[[A"), with: console) == [.key(.backTab), .key(.function(1))])
    expectSameEverySplit(escape("\t") + escape("[[A"), with: console)
  }

  @Test func theTerminalDescriptionWinsWhereItDiffers() {
    let terminal = InputDecoder(terminalKeys: [escape("[25~"): .function(3)])
    #expect(decode(escape("[25~"), with: terminal) == [.key(.function(3))])
    #expect(decode(escape("[25~")) == [.key(.function(13))])
  }

  @Test func sequencesThatCannotBeKeysAreNotTaken() {
    let terminal = InputDecoder(terminalKeys: [
      [0x7F]: .backspace, [0x08]: .delete, escape("[M"): .function(2), escape("[<"): .function(3),
      escape("[200~"): .function(4), [0x1B, 0x1B]: .function(5), [0x1B]: .function(6),
    ])
    #expect(decode([0x08], with: terminal) == [.key(.backspace)])
    #expect(decode(escape("[M !!"), with: terminal) == [.mouse(MouseEvent(.press, row: 0, column: 0))])
    #expect(decode(bracketed(bytes("x")), with: terminal) == [.paste("x")])
    #expect(decode([0x1B], with: terminal) == [.key(.escape)])
  }

  @Test func aKeyThatStartsALongerOneWaitsToSeeWhichItIs() {
    let table: [[UInt8]: Key] = [escape("x"): .home, escape("xy"): .end]
    #expect(decode(escape("xy"), with: InputDecoder(table: table)) == [.key(.end)])
    #expect(decode(escape("xa"), with: InputDecoder(table: table)) == [.key(.home), .key(.character("a"))])
    #expect(decode(escape("x") + escape("xy"), with: InputDecoder(table: table)) == [.key(.home), .key(.end)])
    var decoder = InputDecoder(table: table)
    #expect(decoder.feed(escape("x")).isEmpty)
    #expect(decoder.flushDelay == InputDecoder.escapeDelay)
    #expect(decoder.flush() == [.key(.home)])
    expectSameEverySplit(escape("xaxy"), with: InputDecoder(table: table))
  }
}

@Suite struct InputDecoderPasteTests {
  @Test func aPasteIsOneTextEvent() {
    let input = bracketed(bytes("Hello, wörld 日本 😀"))
    #expect(decode(input) == [.paste("Hello, wörld 日本 😀")])
    expectSameEverySplit(input)
  }

  @Test(arguments: [
    ("one\r\ntwo\r\nthree", "one\ntwo\nthree"),  // a Windows clipboard
    ("one\rtwo\rthree", "one\ntwo\nthree"),  // a lone CR
    ("one\ntwo\nthree", "one\ntwo\nthree"),
    ("one\r\n\r\ntwo", "one\n\ntwo"),  // an empty line between
    ("one\r\r\ntwo", "one\n\ntwo"),
    ("one\n\rtwo", "one\n\ntwo"),
    ("\r\n", "\n"),
    ("end\r", "end\n"),
  ])
  func eachLineEndIsOneLineBreak(pasted: String, expected: String) {
    let input = bracketed(bytes(pasted))
    #expect(decode(input) == [.paste(expected)])
    expectSameEverySplit(input)
  }

  @Test func aCarriageReturnAndLineFeedSplitAcrossReadsAreOneLineBreak() {
    #expect(decode([escape("[200~one\r"), bytes("\ntwo") + escape("[201~")]) == [.paste("one\ntwo")])
  }

  @Test func aWindowsPasteInTheDescriptionGetsOneLineBreakPerLine() {
    let reader = Fixtures.state().pressing(.enter, .enter)
    let form = reader.pressing(.enter, .tab, .tab, .enter, .character("n"), .escape, .enter, .tab, .tab)
    let events = decode(bracketed(bytes("It fails.\r\nEvery time.\r\n\r\nSince Monday.")))
    let pasted = events.reduce(form) { update($0, $1).0 }
    #expect(pasted.session.draft?.description.text == "It fails.\nEvery time.\n\nSince Monday.")
  }

  @Test func escapeBytesInAPasteAreText() {
    let text = "a\u{1B}[31mb\u{1B}[201c\u{1B}[20\u{1B}\u{1B}[2d\u{1B}"
    let input = bracketed(bytes(text))
    #expect(decode(input) == [.paste(text)])
    expectSameEverySplit(input)
  }

  @Test func theEndMarkerSplitAcrossReads() {
    var decoder = InputDecoder()
    #expect(decoder.feed(escape("[200~text") + escape("[20")).isEmpty)
    #expect(decoder.flushDelay == InputDecoder.pasteDelay)
    #expect(decoder.feed(bytes("1~")) == [.paste("text")])
    #expect(decoder.flushDelay == nil)
    #expect(decoder.feed(bytes("q")) == [.key(.character("q"))])
  }

  @Test func aLongPasteIsCutAtTheMaximumAndTheRestDropped() {
    let long = String(repeating: "x", count: InputDecoder.maximumPaste) + String(repeating: "y", count: 1_000)
    let events = decode(bracketed(bytes(long)) + bytes("q"))
    #expect(events == [.paste(String(repeating: "x", count: InputDecoder.maximumPaste)), .key(.character("q"))])
    // Line ends count once each towards the maximum.
    let lines = String(repeating: "\r\n", count: InputDecoder.maximumPaste + 10)
    #expect(decode(bracketed(bytes(lines))) == [.paste(String(repeating: "\n", count: InputDecoder.maximumPaste))])
  }

  @Test func invalidUTF8InAPasteIsReplaced() {
    let input = bracketed([0x61, 0xFF, 0x62, 0xC3, 0x63, 0xE6, 0x97])
    #expect(decode(input) == [.paste("a\u{FFFD}b\u{FFFD}c\u{FFFD}")])
    expectSameEverySplit(input)
  }

  @Test func aPasteWithoutItsEndIsDeliveredAfterTheWait() {
    var decoder = InputDecoder()
    #expect(decoder.feed(escape("[200~half a past")).isEmpty)
    #expect(decoder.flushDelay == InputDecoder.pasteDelay)
    #expect(decoder.flush() == [.paste("half a past")])
    #expect(decoder.feed(bytes("e")) == [.key(.character("e"))])
  }

  @Test func aPasteAfterAnEscapeIsStillAPaste() {
    #expect(decode([0x1B] + bracketed(bytes("x"))) == [.paste("x")])
  }

  @Test func keysAroundAPaste() {
    let input = escape("[A") + bracketed(bytes("q\u{03}")) + bytes("q")
    #expect(decode(input) == [.key(.up), .paste("q\u{03}"), .key(.character("q"))])
    expectSameEverySplit(input)
  }
}

@Suite struct InputDecoderMouseTests {
  @Test(arguments: [
    ("[<0;5;3M", MouseEvent(.press, row: 2, column: 4)),
    ("[<0;1;1M", MouseEvent(.press, row: 0, column: 0)),
    ("[<16;300;100M", MouseEvent(.press, row: 99, column: 299)),  // with Ctrl
    ("[<64;10;2M", MouseEvent(.wheelUp, row: 1, column: 9)),
    ("[<65;10;2M", MouseEvent(.wheelDown, row: 1, column: 9)),
    ("[<68;10;2M", MouseEvent(.wheelUp, row: 1, column: 9)),  // with Shift
    ("[M !!", MouseEvent(.press, row: 0, column: 0)),
    ("[M *%", MouseEvent(.press, row: 4, column: 9)),
    ("[M`*%", MouseEvent(.wheelUp, row: 4, column: 9)),
    ("[Ma*%", MouseEvent(.wheelDown, row: 4, column: 9)),
  ])
  func reportsTheKioskActsOn(sequence: String, mouse: MouseEvent) {
    #expect(decode(escape(sequence)) == [.mouse(mouse)])
    expectSameEverySplit(escape(sequence))
  }

  @Test(arguments: [
    "[<0;5;3m",  // a release
    "[<1;5;3M", "[<2;5;3M",  // the middle and right buttons
    "[<32;5;3M",  // motion
    "[<66;5;3M",  // the wheel sideways
    "[<128;5;3M",  // a button beyond the wheel
    "[<0;0;0M",  // outside the window
    "[<0;5M", "[<0;;3M", "[<0;5;3;7M",  // malformed
    "[M#!!",  // an X10 release
    "[M!!!",  // the middle button
    "[M  !",  // outside the window
  ])
  func reportsItIgnores(sequence: String) {
    #expect(decode(escape(sequence) + bytes("z")) == [.key(.character("z"))])
  }

  @Test func anX10ReportFarRightHasBytesBeyondASCII() {
    let input = escape("[M ") + [0xFF, 0xC0]
    #expect(decode(input) == [.mouse(MouseEvent(.press, row: 159, column: 222))])
    expectSameEverySplit(input)
  }

  @Test func aBurstOfReports() {
    let burst = String(repeating: "\u{1B}[M !!\u{1B}[M#!!\u{1B}[<0;5;5M\u{1B}[<0;5;5m", count: 50)
    let pair = [Event.mouse(MouseEvent(.press, row: 0, column: 0)), .mouse(MouseEvent(.press, row: 4, column: 4))]
    #expect(decode(bytes(burst)) == Array(Array(repeating: pair, count: 50).joined()))
  }
}

@Suite struct InputDecoderStreamTests {
  /// Keys, pastes, mouse reports, unknown sequences and text, one after another.
  static let stream: [UInt8] =
    bytes("héllo ") + escape("[A") + escape("OB") + escape("[1;5C") + bracketed(bytes("a\r\nb\u{1B}[31m"))
    + escape("[<0;3;4M") + escape("]0;t\u{07}") + [0xE6, 0x97, 0xA5] + escape("[M`!!") + escape("[Z")
    + escape("[2~") + bytes("\r\u{7F}") + escape("[24~") + escape("a") + bytes("end")

  @Test func theSameEventsHoweverTheStreamIsCut() {
    let whole = decode(Self.stream)
    #expect(whole.count == 20)
    expectSameEverySplit(Self.stream)
    var random = SplitMix(state: 2026)
    for _ in 0..<300 {
      var chunks: [[UInt8]] = []
      var rest = Self.stream[...]
      while !rest.isEmpty {
        let size = Int(random.next() % 9) + 1
        chunks.append(Array(rest.prefix(size)))
        rest = rest.dropFirst(size)
      }
      #expect(decode(chunks) == whole)
    }
  }
}
