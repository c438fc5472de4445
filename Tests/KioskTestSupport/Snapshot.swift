import Foundation
import Testing

/// Compares text with a snapshot stored beside the test, in `__Snapshots__/NAME.txt`.
///
/// A missing snapshot, or any snapshot when `RECORD_SNAPSHOTS` is set, is written from
/// `actual` and the test fails, so that nothing passes without having been looked at.
public func assertSnapshot(
  _ actual: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("__Snapshots__")
  let file = folder.appendingPathComponent("\(name).txt")
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty } ?? false
  let expected = try? String(contentsOf: file, encoding: .utf8)
  if recording || expected == nil {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? (actual + "\n").write(to: file, atomically: true, encoding: .utf8)
    Issue.record("Recorded snapshot \(name); check it and run the tests again", sourceLocation: sourceLocation)
    return
  }
  guard let expected else { return }
  let want = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
  if want != actual {
    Issue.record(
      "Snapshot \(name) differs (- expected, + actual):\n\(lineDiff(want, actual))",
      sourceLocation: sourceLocation)
  }
}

/// The lines that differ, marked `-` (expected) and `+` (actual), with their numbers.
public func lineDiff(_ expected: String, _ actual: String) -> String {
  let old = expected.components(separatedBy: "\n")
  let new = actual.components(separatedBy: "\n")
  var out: [String] = []
  for index in 0..<max(old.count, new.count) {
    let a = index < old.count ? old[index] : nil
    let b = index < new.count ? new[index] : nil
    if a != b {
      if let a { out.append(String(format: "%3d - |%@|", index + 1, a)) }
      if let b { out.append(String(format: "%3d + |%@|", index + 1, b)) }
    }
  }
  return out.joined(separator: "\n")
}

/// The package's root folder, found from this file's place in it.
public let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped content folder.
public let shippedContent = packageRoot.appendingPathComponent("Resources/content")
