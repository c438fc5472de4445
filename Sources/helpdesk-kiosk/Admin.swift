import ArgumentParser
import Foundation
import KioskCore
import KioskSecurity

/// `helpdesk-kiosk admin …`: the operator's own settings.
struct Admin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "admin",
    abstract: "Operator settings of this kiosk.", subcommands: [SetPin.self])
}

/// `helpdesk-kiosk admin set-pin`: stores a new admin PIN, as a salted slow hash, in the
/// configuration file.
struct SetPin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set-pin",
    abstract: "Set the admin PIN (4 to 12 digits); only its salted hash is stored, in the configuration file.",
    discussion: """
      The PIN is asked for twice without echo. Without a terminal, the two lines are read
      from standard input. The file's other lines are kept; it is created (0600) if missing.
      """)

  @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "file"))
  var config = ConfigurationOptions.defaultPath

  func run() throws {
    let first = try readPin(prompt: "New admin PIN: ")
    guard AdminPin.isAcceptable(first) else {
      complain("the PIN must be 4 to 12 digits")
      throw ExitCode(ExitStatus.dataError)
    }
    let second = try readPin(prompt: "The same PIN again: ")
    guard first == second else {
      complain("the two PINs differ; nothing was changed")
      throw ExitCode(ExitStatus.dataError)
    }
    guard let hash = AdminPin.hash(first) else {
      complain("the system could not hash the PIN (libcrypt without yescrypt?)")
      throw ExitCode(ExitStatus.software)
    }
    let url = URL(fileURLWithPath: config)
    do {
      try PinSetting.store(hash, in: url)
    } catch {
      complain("cannot write \(config): \(error.localizedDescription)")
      throw ExitCode(ExitStatus.cannotCreate)
    }
    print("The admin PIN is set in \(config).")
  }

  /// A line from the terminal with echo off, or from standard input without a terminal.
  private func readPin(prompt: String) throws -> String {
    let isTerminal = isatty(STDIN_FILENO) == 1
    var saved = termios()
    if isTerminal {
      FileHandle.standardError.write(Data(prompt.utf8))
      tcgetattr(STDIN_FILENO, &saved)
      var silent = saved
      silent.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    }
    defer {
      if isTerminal {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
      }
    }
    guard let line = Swift.readLine(strippingNewline: true) else {
      complain("no PIN was given")
      throw ExitCode(ExitStatus.dataError)
    }
    return line.trimmingSpaces
  }
}

/// The `admin_pin_hash` line of the configuration file.
enum PinSetting {
  static let key = "admin_pin_hash"

  /// Replaces the file's `admin_pin_hash:` line, or adds one, keeping every other line.
  /// The file is written whole to a temporary file and renamed over the old one. A new
  /// file is 0600. An existing one keeps its owner and group, and its group's read
  /// permission (as installed, root:kiosk 0640, so that the kiosk can still read it),
  /// but never more than 0640; without its group (set by a user who is not in it) it is 0600.
  static func store(_ hash: String, in url: URL) throws {
    let manager = FileManager.default
    let old = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    var lines = old.isEmpty ? [] : old.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    let line = "\(key): '\(hash)'"
    if let index = lines.firstIndex(where: { $0.hasPrefix("\(key):") }) {
      lines[index] = line
    } else {
      lines.append(line)
    }
    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).new")
    guard manager.createFile(
      atPath: temporary.path, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
      attributes: [.posixPermissions: 0o600])
    else {
      throw CocoaError(.fileWriteNoPermission)
    }
    var existing = stat()
    if stat(url.path, &existing) == 0 {
      let keepsGroup = chown(temporary.path, existing.st_uid, existing.st_gid) == 0
        || chown(temporary.path, uid_t.max, existing.st_gid) == 0
      chmod(temporary.path, keepsGroup ? (existing.st_mode & 0o040) | 0o600 : 0o600)
    }
    guard rename(temporary.path, url.path) == 0 else {
      try? manager.removeItem(at: temporary)
      throw CocoaError(.fileWriteUnknown)
    }
  }
}
