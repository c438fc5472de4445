import Foundation
import Logging
import Testing

@testable import KioskLogging

@Suite struct LogTextTests {
  /// 2026-05-01T09:12:03.412Z
  static let moment = Date(timeIntervalSince1970: 1_777_626_723.412)

  @Test func aFileLineHasTheUTCTimeLevelLabelMessageAndSortedMetadata() {
    let log = RecordedLog()
    var logger = Logger(label: "helpdesk-kiosk") {
      KioskLogHandler(label: $0, output: log, clock: { Self.moment })
    }
    logger[metadataKey: "kiosk"] = "library-2"
    logger.notice("ticket queued", metadata: ["reference": "NLM-B5VP-93", "article": "session-expired"])
    #expect(
      log.lines == [
        "2026-05-01T09:12:03.412Z notice helpdesk-kiosk: ticket queued article=session-expired kiosk=library-2 reference=NLM-B5VP-93"
      ])
  }

  @Test func aJournalLineStartsWithTheSyslogPriorityAndHasNoTime() {
    let record = LogRecord(date: Self.moment, level: .warning, label: "helpdesk-kiosk", text: "content: a.md:3: no title")
    #expect(record.journalLine == "<4>warning helpdesk-kiosk: content: a.md:3: no title\n")
  }

  @Test(arguments: [
    (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
  ])
  func levelsMapToSyslogPriorities(level: Logger.Level, priority: Int) {
    #expect(LogText.syslogPriority(level) == priority)
  }

  @Test func timesAreUTCToTheNearestMillisecond() {
    #expect(LogText.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    #expect(LogText.timestamp(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
    #expect(LogText.timestamp(Date(timeIntervalSince1970: 1_767_225_599.9986)) == "2025-12-31T23:59:59.999Z")
    #expect(LogText.timestamp(Date(timeIntervalSince1970: 1_767_225_599.9996)) == "2026-01-01T00:00:00.000Z")
    #expect(LogText.timestamp(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
  }

  @Test func controlCharactersInMessagesAndMetadataAreEscaped() {
    let log = RecordedLog()
    let logger = Logger.kiosk(label: "test\u{1B}[2J", output: log)
    logger.error(
      "line one\nline two\r\u{1B}]0;owned\u{07} \u{202E}reversed\u{2028}",
      metadata: ["reason": "exit 75\n\u{9B}31m", "bad key=": "x"])
    let line = try! #require(log.lines.first)
    #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    #expect(!line.unicodeScalars.contains { [0x202E, 0x2028].contains($0.value) })
    #expect(
      line.hasSuffix(
        #" error test\u{1B}[2J: line one\nline two\r\u{1B}]0;owned\u{7} \u{202E}reversed\u{2028}"#
          + #" bad_key_=x reason="exit 75\n\u{9B}31m""#))
  }

  @Test func valuesWithSpacesQuotesOrNothingAreQuoted() {
    #expect(LogText.line(message: "m", metadata: ["a": "two words"]) == #"m a="two words""#)
    #expect(LogText.line(message: "m", metadata: ["a": ""]) == #"m a="""#)
    #expect(LogText.line(message: "m", metadata: ["a": #"say "hi"\"#]) == #"m a="say \"hi\"\\""#)
    #expect(LogText.line(message: "m", metadata: ["a": "k=v"]) == #"m a="k=v""#)
    #expect(LogText.line(message: "m", metadata: ["a": .stringConvertible(42)]) == "m a=42")
    #expect(LogText.line(message: "m", metadata: ["a": ["x", "y"]]) == "m a=[x,y]")
  }

  @Test func anErrorGoesWithTheEvent() {
    struct Broken: Error, CustomStringConvertible { var description: String { "disk full" } }
    let log = RecordedLog()
    Logger.kiosk(label: "t", output: log).error("cannot save", error: Broken())
    #expect(log.texts == [#"cannot save error="disk full""#])
  }

  @Test func eventsBelowTheLevelAreNotWritten() {
    let log = RecordedLog()
    let logger = Logger.kiosk(label: "t", level: .notice, output: log)
    logger.debug("d")
    logger.info("i")
    logger.notice("n")
    logger.error("e")
    #expect(log.texts == ["n", "e"])
  }
}
