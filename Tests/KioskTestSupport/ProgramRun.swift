import Foundation

/// What a program did.
public struct RunResult: CustomStringConvertible, Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String

  public var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// Runs a program to its end, as `CleanSpawn` starts it (stdin from /dev/null, a clean
/// signal state), with its output in files.
public enum ProgramRun {
  /// - Parameter changes: variables to set in the test's environment, or (nil) to remove.
  public static func run(_ path: String, _ arguments: [String], environment changes: [String: String?] = [:]) throws
    -> RunResult
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("program-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("out").path
    let errors = folder.appendingPathComponent("err").path
    var environment = ProcessInfo.processInfo.environment
    for (name, value) in changes { environment[name] = value }
    let pid = try CleanSpawn.start(
      path, [path] + arguments, environment: environment.map { "\($0.key)=\($0.value)" }, output: output,
      errors: errors)
    let status = try CleanSpawn.wait(pid)
    return RunResult(
      status: status, stdout: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
  }
}
