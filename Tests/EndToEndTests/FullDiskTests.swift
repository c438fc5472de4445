import Foundation
import KioskTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A full disk when the person sends a ticket: they read a plain sentence with the help
/// desk's phone number, the log has the database's words, and once there is room again the
/// same ticket is taken, once. The outbox lives on a small tmpfs that the test fills, so
/// the test needs to mount one (root, as CI runs); elsewhere it is skipped.
@Suite("A full disk end to end", .serialized, .timeLimit(.minutes(1)))
struct FullDiskTests {
  /// Whether this process may mount a tmpfs (tried on a throwaway folder).
  static let canMount: Bool = {
    guard geteuid() == 0 else { return false }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mount-probe-\(UUID().uuidString)")
    guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else {
      return false
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path]) == 0 else { return false }
    return run("/bin/umount", [folder.path]) == 0
  }()

  /// A program's exit status, its output dropped.
  @discardableResult
  static func run(_ program: String, _ arguments: [String]) -> Int32 {
    (try? ProgramRun.run(program, arguments).status) ?? -1
  }

  @Test(
    "Send on a full disk: a plain sentence for the person, the details in the log, the ticket taken once there is room",
    .enabled(if: canMount, "needs to mount a tmpfs (root)"))
  func sendOnAFullDisk() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("full-disk-\(UUID().uuidString)")
    let disk = folder.appendingPathComponent("disk")
    let state = folder.appendingPathComponent("state")
    try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    #expect(Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]) == 0)
    defer {
      Self.run("/bin/umount", ["-l", disk.path])
      try? FileManager.default.removeItem(at: folder)
    }
    // The outbox on the small disk; the log stays in the state folder, on a disk with room.
    let database = disk.appendingPathComponent("outbox.sqlite")
    #expect(FileManager.default.createFile(atPath: database.path, contents: nil))
    try FileManager.default.createSymbolicLink(
      at: state.appendingPathComponent("outbox.sqlite"), withDestinationURL: database)

    let kiosk = try TmuxSession(["--dev", "--state-dir", state.path])
    defer { kiosk.close() }
    try await kiosk.openTicketForm()
    try await kiosk.fillTicketForm(name: "Yara Full", contact: "yara@example.com", description: "Nothing saves any more.")

    // Now the disk fills up.
    let filler = disk.appendingPathComponent("filler")
    Self.run("/bin/dd", ["if=/dev/zero", "of=\(filler.path)", "bs=4k"])
    try kiosk.send("Enter")
    let screen = try await kiosk.waitFor("could not be saved")
    #expect(screen.text.contains("Please call 1300 521 162"), "\(screen.text)")
    for word in ["SQLite", "COMMIT", "disk is full", "error 13"] {
      #expect(!screen.text.contains(word), "the person reads database words: \(word)\n\(screen.text)")
    }
    let log = state.appendingPathComponent("kiosk.log")
    var text = ""
    for _ in 0..<250 where !text.contains("a ticket could not be saved") {
      text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      try await Task.sleep(for: .milliseconds(20))
    }
    try #require(text.contains("a ticket could not be saved"), "\(text)")
    #expect(text.contains("database or disk is full"), "\(text)")
    #expect(!text.contains("Yara") && !text.contains("yara@example.com"), "the log holds what the person typed")

    // Room again: the same ticket goes with one more Send, and only once.
    try FileManager.default.removeItem(at: filler)
    try kiosk.send("Enter")
    let saved = try await kiosk.waitFor("Your ticket is saved")
    let reference = try #require(saved.text.firstMatch(of: /NLM-[2-9A-Z]{5}-[2-9A-Z]{5}-[0-9]{2}/).map { String($0.output) })
    let list = try ProgramRun.run(try KioskBinary.locate().path, ["outbox", "list", "--json", "--state-dir", state.path]).stdout
    #expect(list.components(separatedBy: "\"reference\"").count - 1 == 1, "\(list)")
    #expect(list.contains(reference), "\(list)")
  }
}
