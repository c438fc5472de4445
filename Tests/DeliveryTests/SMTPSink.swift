import Foundation
import KioskTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Why a delivery test cannot run here; nil when msmtp and a Python with aiosmtpd are
/// installed (`scripts/setup` installs both).
enum MailTools {
  /// msmtp's path, if it is installed.
  static let msmtp: String? = executable("msmtp")
  /// A Python 3 that can import aiosmtpd: the one on PATH first (where `pip install`
  /// puts it), then Debian's (python3-aiosmtpd).
  static let python: String? = {
    let candidates = searchPath.map { "\($0)/python3" } + ["/usr/bin/python3"]
    return candidates.first { path in
      guard FileManager.default.isExecutableFile(atPath: path) else { return false }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: path)
      process.arguments = ["-c", "import aiosmtpd"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { return false }
      process.waitUntilExit()
      return process.terminationStatus == 0
    }
  }()
  static var isAvailable: Bool { msmtp != nil && python != nil }

  static var searchPath: [String] {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
  }

  static func executable(_ name: String) -> String? {
    (searchPath + ["/usr/bin", "/usr/local/bin"]).map { "\($0)/\(name)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

/// A real SMTP server on 127.0.0.1 for one test: `scripts/smtp-sink.py` (aiosmtpd), which
/// stores every message it accepts as the DATA bytes it received. Call `stop()` in a defer.
final class SMTPSink {
  let folder: URL
  let port: Int
  private let pid: pid_t
  private var isStopped = false

  var maildir: URL { folder.appendingPathComponent("mail") }
  private var modeFile: URL { folder.appendingPathComponent("mode") }

  /// Starts a server, on `port` if given (else a free one), answering as `mode` says
  /// (`accept`, `mail 421 …`, `rcpt 550 …`, `data 451 …`).
  init(mode: String = "accept", port requested: Int? = nil) throws {
    guard let python = MailTools.python else { throw DeliveryTestFailure("aiosmtpd is not installed") }
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let portFile = folder.appendingPathComponent("port")
    let script = packageRoot.appendingPathComponent("scripts/smtp-sink.py").path
    var arguments = [
      python, script, "--maildir", folder.appendingPathComponent("mail").path, "--port-file", portFile.path,
      "--mode", mode, "--mode-file", folder.appendingPathComponent("mode").path, "--lifetime", "120",
    ]
    if let requested { arguments += ["--port", "\(requested)"] }
    pid = try Spawn.start(arguments, log: folder.appendingPathComponent("server.log").path)
    let deadline = Date().addingTimeInterval(15)
    var port: Int?
    while port == nil && Date() < deadline {
      port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap {
        Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      if port == nil { Thread.sleep(forTimeInterval: 0.02) }
    }
    guard let port else {
      let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
      Spawn.stop(pid)
      throw DeliveryTestFailure("the SMTP server did not start: \(log)")
    }
    self.port = port
  }

  deinit { stop() }

  /// Changes how the server answers from the next command on.
  func setMode(_ mode: String) throws {
    try mode.write(to: modeFile, atomically: true, encoding: .utf8)
  }

  /// The messages received so far, in order, as the bytes of their DATA.
  func messages() throws -> [[UInt8]] {
    try files("eml").map { [UInt8](try Data(contentsOf: $0)) }
  }

  /// The envelopes received so far, in order: sender and recipients.
  func envelopes() throws -> [(from: String, to: [String])] {
    try files("json").map { file in
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
      return (object?["mail_from"] as? String ?? "", object?["rcpt_tos"] as? [String] ?? [])
    }
  }

  private func files(_ suffix: String) throws -> [URL] {
    guard FileManager.default.fileExists(atPath: maildir.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: maildir.path)
      .filter { $0.hasSuffix(".\(suffix)") }.sorted()
      .map { maildir.appendingPathComponent($0) }
  }

  /// Stops the server and removes its folder.
  func stop() {
    guard !isStopped else { return }
    isStopped = true
    Spawn.stop(pid)
    try? FileManager.default.removeItem(at: folder)
  }
}

/// A port on 127.0.0.1 where nothing listens (it was free a moment ago).
func unusedPort() throws -> Int {
  let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard descriptor >= 0 else { throw DeliveryTestFailure("socket: \(errno)") }
  defer { close(descriptor) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
      bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
    }
  }
  guard bound else { throw DeliveryTestFailure("bind: \(errno)") }
  return Int(UInt16(bigEndian: address.sin_port))
}

/// Starting and stopping a background program (`CleanSpawn` gives it a clean signal state,
/// so the SIGTERM that stops it arrives).
enum Spawn {
  static func start(_ arguments: [String], log: String) throws -> pid_t {
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    return try CleanSpawn.start(arguments[0], arguments, environment: environment, output: log, errors: log)
  }

  /// SIGTERM, up to 3 s for it to end, then SIGKILL; always reaped.
  static func stop(_ pid: pid_t) {
    kill(pid, SIGTERM)
    var status: Int32 = 0
    for _ in 0..<300 {
      if waitpid(pid, &status, WNOHANG) != 0 { return }
      Thread.sleep(forTimeInterval: 0.01)
    }
    kill(pid, SIGKILL)
    _ = waitpid(pid, &status, 0)
  }
}

struct DeliveryTestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
