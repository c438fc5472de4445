import Foundation
import Testing

@testable import KioskLogging

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct JournalTests {
  /// A connected pair of stream sockets, as systemd gives a service for its journal stream.
  private func socketPair() throws -> (Int32, Int32) {
    var descriptors: [Int32] = [-1, -1]
    #if os(Linux)
      let type = Int32(SOCK_STREAM.rawValue)
    #else
      let type = SOCK_STREAM
    #endif
    try #require(socketpair(AF_UNIX, type, 0, &descriptors) == 0)
    return (descriptors[0], descriptors[1])
  }

  private func identity(_ descriptor: Int32) -> String {
    var information = stat()
    fstat(descriptor, &information)
    return "\(information.st_dev):\(information.st_ino)"
  }

  @Test func aStreamMatchingJournalStreamIsTheJournal() throws {
    let (ours, theirs) = try socketPair()
    defer { close(ours); close(theirs) }
    #expect(Journal.isConnected(ours, environment: ["JOURNAL_STREAM": identity(ours)]))
  }

  @Test func aStreamRedirectedSinceIsNot() throws {
    let (ours, theirs) = try socketPair()
    defer { close(ours); close(theirs) }
    // systemd named the other end; this descriptor is something else now.
    #expect(!Journal.isConnected(ours, environment: ["JOURNAL_STREAM": identity(theirs)]))
    #expect(!Journal.isConnected(ours, environment: [:]))
    for garbage in ["", "12", "a:b", "1:2:3", ":", "\(identity(ours)) "] {
      #expect(!Journal.isConnected(ours, environment: ["JOURNAL_STREAM": garbage]), "\(garbage)")
    }
  }

  @Test func aClosedDescriptorIsNot() throws {
    let (ours, theirs) = try socketPair()
    let name = identity(ours)
    close(ours)
    close(theirs)
    #expect(!Journal.isConnected(ours, environment: ["JOURNAL_STREAM": name]))
  }

  @Test func journalLinesArriveWholeWithTheirPriority() throws {
    let (ours, theirs) = try socketPair()
    defer { close(ours); close(theirs) }
    let output = JournalOutput(descriptor: ours)
    output.write(LogRecord(date: Date(), level: .error, label: "k", text: "one"))
    output.write(LogRecord(date: Date(), level: .info, label: "k", text: "two"))
    var buffer = [UInt8](repeating: 0, count: 256)
    var received: [UInt8] = []
    while received.count < "<3>error k: one\n<6>info k: two\n".utf8.count {
      let count = read(theirs, &buffer, buffer.count)
      try #require(count > 0)
      received += buffer[0..<count]
    }
    #expect(String(decoding: received, as: UTF8.self) == "<3>error k: one\n<6>info k: two\n")
  }

  @Test func aJournalThatWentAwayDoesNotEndTheProgram() throws {
    let (ours, theirs) = try socketPair()
    close(theirs)
    defer { close(ours) }
    // Without MSG_NOSIGNAL this write would raise SIGPIPE and end the test runner.
    JournalOutput(descriptor: ours).write(LogRecord(date: Date(), level: .info, label: "k", text: "lost"))
  }
}
