import Foundation

/// The lines that differ between an expected and an actual text (a stored snapshot and
/// a screen, say), marked `-` (expected) and `+` (actual), with their numbers.
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
