import Foundation
import Logging
import Testing

@testable import KioskLogging

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct LogFileTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-log-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  private func record(_ text: String) -> LogRecord {
    LogRecord(date: Date(timeIntervalSince1970: 0), level: .info, label: "k", text: text)
  }

  private func contents(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  private func mode(_ url: URL) -> mode_t {
    var information = stat()
    stat(url.path, &information)
    return information.st_mode & 0o777
  }

  @Test func linesAreAppendedToAPrivateFileInANewPrivateFolder() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("state/kiosk.log")
    let file = LogFile(url: url)
    try file.open()
    file.write(record("one"))
    file.write(record("two"))
    #expect(contents(url) == "1970-01-01T00:00:00.000Z info k: one\n1970-01-01T00:00:00.000Z info k: two\n")
    #expect(mode(url) == 0o600)
    #expect(mode(url.deletingLastPathComponent()) == 0o700)
    // A second writer (the operator's command) appends to the same file.
    LogFile(url: url).write(record("three"))
    #expect(contents(url).hasSuffix("k: two\n1970-01-01T00:00:00.000Z info k: three\n"))
  }

  @Test func anExistingFileReadableByOthersIsMadePrivate() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("kiosk.log")
    try "old\n".write(to: url, atomically: false, encoding: .utf8)
    chmod(url.path, 0o644)
    LogFile(url: url).write(record("new"))
    #expect(mode(url) == 0o600)
    #expect(contents(url).hasPrefix("old\n"))
  }

  @Test func theDescriptorIsNotInheritedByChildren() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("kiosk.log")
    let file = LogFile(url: url)
    try file.open()
    let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { Int32($0) }
    let ours = try #require(
      descriptors.first { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == url.path })
    #expect(fcntl(ours, F_GETFD) & FD_CLOEXEC != 0)
    #expect(fcntl(ours, F_GETFL) & O_APPEND != 0)
  }

  @Test func aFullFileIsRenamedAndANewOneBegun() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("kiosk.log")
    let line = record(String(repeating: "x", count: 60)).fileLine
    #expect(line.utf8.count == 94 && record("third").fileLine.utf8.count == 39)
    let file = LogFile(url: url, maximumSize: 200)
    for _ in 0..<2 { file.write(record(String(repeating: "x", count: 60))) }
    #expect(contents(url) == line + line)
    file.write(record("third"))
    #expect(contents(file.previousURL) == line + line)
    #expect(contents(url) == record("third").fileLine)
    #expect(mode(url) == 0o600)
    // The next rotation replaces the previous file.
    for _ in 0..<3 { file.write(record(String(repeating: "x", count: 60))) }
    #expect(contents(file.previousURL) == record("third").fileLine + line)
    #expect(contents(url) == line + line)
  }

  @Test func aWriterFollowsARotationMadeByAnother() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("kiosk.log")
    let kiosk = LogFile(url: url, maximumSize: 120)
    let operatorCommand = LogFile(url: url, maximumSize: 120)
    kiosk.write(record("kiosk one"))
    operatorCommand.write(record("operator one"))
    kiosk.write(record("kiosk two"))  // past 120 bytes: the kiosk rotates
    operatorCommand.write(record("operator two"))  // lands in the new file, not the old
    #expect(contents(url) == record("kiosk two").fileLine + record("operator two").fileLine)
    #expect(contents(url.appendingPathExtension("1")) == record("kiosk one").fileLine + record("operator one").fileLine)
  }

  @Test func aRemovedFileIsBegunAgain() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("kiosk.log")
    let file = LogFile(url: url)
    file.write(record("before"))
    try FileManager.default.removeItem(at: url)
    file.write(record("after"))
    #expect(contents(url) == record("after").fileLine)
    #expect(mode(url) == 0o600)
  }

  @Test func aFileThatCannotBeOpenedSaysWhyAndDropsLines() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    // The state "folder" is a file: nothing can be created in it.
    let blocker = folder.appendingPathComponent("state")
    try "not a folder".write(to: blocker, atomically: false, encoding: .utf8)
    let file = LogFile(url: blocker.appendingPathComponent("kiosk.log"))
    #expect(throws: LogFileError.self) { try file.open() }
    do {
      try file.open()
    } catch {
      #expect(error.description.contains(blocker.path))
    }
    file.write(record("dropped"))
    #expect(contents(blocker) == "not a folder")
  }

  @Test func aSymbolicLinkOrAFolderIsNeverWrittenThrough() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("elsewhere")
    try "precious\n".write(to: target, atomically: false, encoding: .utf8)
    let link = folder.appendingPathComponent("kiosk.log")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    let file = LogFile(url: link)
    #expect(throws: LogFileError.self) { try file.open() }
    file.write(record("x"))
    #expect(contents(target) == "precious\n")

    let directory = folder.appendingPathComponent("dir.log")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    #expect(throws: LogFileError.self) { try LogFile(url: directory).open() }
  }

  @Test func aLoggerWritesThroughTheFile() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("kiosk.log")
    let logger = Logger.kiosk(label: "helpdesk-kiosk", output: LogFile(url: url))
    logger.info("kiosk started", metadata: ["articles": "12"])
    let line = contents(url)
    #expect(line.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info helpdesk-kiosk: kiosk started articles=12\n/) != nil)
  }
}
