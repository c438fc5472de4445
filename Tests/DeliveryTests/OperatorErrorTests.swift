import Foundation
import KioskTestSupport
import Testing

/// Faults an operator meets, each said on one line with its exit status (sysexits.h).
@Suite("Operator errors")
struct OperatorErrorTests {
  @Test("A program with no shipped content beside it says so on one line and exits 66")
  func noShippedContent() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lone-\(UUID().uuidString)")
    let bin = folder.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let program = bin.appendingPathComponent("helpdesk-kiosk")
    try FileManager.default.copyItem(at: try KioskProcess.binary(), to: program)
    for arguments in [["check"], ["stats", "--state-dir", folder.path], ["metrics", "--state-dir", folder.path]] {
      let result = try ProgramRun.run(program.path, arguments)
      let expected = "helpdesk-kiosk: the shipped content was not found beside the program; name a folder with --content DIR\n"
      if arguments == ["stats", "--state-dir", folder.path] {
        // stats needs no content: it reads the outbox only.
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
      } else {
        #expect(result.status == 66, "\(arguments): \(result.stderr)")
        #expect(result.stderr == expected, "\(arguments)")
      }
    }
  }

  @Test("stats and metrics on an outbox that cannot be opened: one line, exit 74")
  func outboxCannotBeOpened() throws {
    let kiosk = try KioskScenario()
    // Where the database should be, a folder: SQLite cannot open it.
    try FileManager.default.createDirectory(
      at: kiosk.state.appendingPathComponent("outbox.sqlite"), withIntermediateDirectories: true)
    for command in ["stats", "metrics"] {
      let result = try kiosk.run(command)
      #expect(result.status == 74, "\(command): \(result)")
      let lines = result.stderr.split(separator: "\n")
      #expect(lines.count == 1, "\(command): \(result.stderr)")
      #expect(lines.first?.hasPrefix("helpdesk-kiosk: cannot open the outbox in ") == true, "\(command): \(result.stderr)")
      #expect(!result.stderr.contains("ExitCode"), "\(command)")
    }
  }
}
