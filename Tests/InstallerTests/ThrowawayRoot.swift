import Foundation
import KioskTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A failure of the test's own machinery (a script that cannot start, a file that cannot be read).
struct InstallerTestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Runs programs for the tests: stdin from /dev/null, output into files, no `DESTDIR`
/// from the test's environment.
enum Runner {
  static func run(_ path: String, _ arguments: [String], environment extra: [String: String] = [:]) throws
    -> RunResult
  {
    try ProgramRun.run(path, arguments, environment: extra.mapValues { Optional($0) }.merging(["DESTDIR": nil]) { old, _ in old })
  }

  /// The built program: `$KIOSK_BINARY`, or `.build/debug/helpdesk-kiosk` in the package.
  static func builtProgram() throws -> String {
    if let path = ProcessInfo.processInfo.environment["KIOSK_BINARY"], !path.isEmpty { return path }
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent(),
      packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("helpdesk-kiosk").path }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw InstallerTestFailure("helpdesk-kiosk is not built: run `swift build --build-tests` or set KIOSK_BINARY")
    }
    return found
  }

  /// `systemd-analyze`, from Debian's systemd package (scripts/setup installs it).
  static func systemdAnalyze() throws -> String {
    guard let found = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first(where: {
      FileManager.default.isExecutableFile(atPath: $0)
    }) else {
      throw InstallerTestFailure("systemd-analyze is missing: run scripts/setup (apt-get install systemd)")
    }
    return found
  }
}

/// A temporary folder that `scripts/install --destdir` lays the kiosk down in, removed at
/// the end. It is 0755, so that another user can reach the files in it.
final class ThrowawayRoot {
  let url: URL
  var path: String { url.path }

  /// The installed program, the configuration and the state folder inside this root.
  var program: String { file("usr/local/bin/helpdesk-kiosk") }
  var config: String { file("etc/helpdesk-kiosk/config.yaml") }
  var state: String { file("var/lib/helpdesk-kiosk") }
  var units: String { file("usr/local/lib/systemd/system") }

  static let unitNames = [
    "helpdesk-kiosk.service", "helpdesk-kiosk-deliver.service", "helpdesk-kiosk-deliver.timer",
    "helpdesk-kiosk-articles.service", "helpdesk-kiosk-articles.timer",
    "helpdesk-kiosk-metrics.service", "helpdesk-kiosk-metrics.timer",
  ]

  init() throws {
    url = URL(fileURLWithPath: "/tmp/kiosk-install-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    chmod(url.path, 0o755)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// `scripts/install --destdir ROOT --binary BUILT-PROGRAM ARGUMENTS…`.
  func install(_ arguments: String..., binary: String? = nil) throws -> RunResult {
    try Runner.run(
      packageRoot.appendingPathComponent("scripts/install").path,
      ["--destdir", path, "--binary", try binary ?? Runner.builtProgram()] + arguments)
  }

  /// `scripts/uninstall --destdir ROOT ARGUMENTS…`.
  func uninstall(_ arguments: String...) throws -> RunResult {
    try Runner.run(packageRoot.appendingPathComponent("scripts/uninstall").path, ["--destdir", path] + arguments)
  }

  /// The absolute path of `relative` inside the root.
  func file(_ relative: String) -> String { url.appendingPathComponent(relative).path }

  func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: file(relative)) }

  func text(_ relative: String) throws -> String { try String(contentsOfFile: file(relative), encoding: .utf8) }

  /// The permission bits of a file or folder, as `0o640`.
  func mode(_ relative: String) throws -> Int {
    var status = stat()
    guard lstat(file(relative), &status) == 0 else { throw InstallerTestFailure("\(relative) is missing") }
    return Int(status.st_mode & 0o7777)
  }

  /// `user:group` of a file or folder.
  func owners(_ relative: String) throws -> String {
    let attributes = try FileManager.default.attributesOfItem(atPath: file(relative))
    let user = attributes[.ownerAccountName] as? String ?? "?"
    let group = attributes[.groupOwnerAccountName] as? String ?? "?"
    return "\(user):\(group)"
  }

  /// Every file (not folder) under `relative`, as paths relative to it.
  func files(under relative: String = "") -> Set<String> {
    Self.files(in: URL(fileURLWithPath: file(relative)))
  }

  static func files(in folder: URL) -> Set<String> {
    let base = folder.standardizedFileURL.path
    var found: Set<String> = []
    let enumerator = FileManager.default.enumerator(atPath: base)
    while let relative = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
        found.insert(relative)
      }
    }
    return found
  }
}

/// A user of the base system (in every Debian passwd) that root-run tests install for, so
/// that owners can be checked without adding a user to the machine.
enum StandInUser {
  static let name = "daemon"

  static var exists: Bool { getpwnam(name) != nil }
}

/// Whether the tests run as root: only root can give files to another user.
let isRoot = getuid() == 0
