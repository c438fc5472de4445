import Foundation
import KioskCore
import Yams

/// The content folder's `synonyms.yaml`: groups of words and phrases that mean the same
/// to the person searching, one group a line:
///
///     - [wifi, wi-fi, wireless, wlan]
///     - [log in, login, sign in, logon]
///
/// The file is optional; without it, search finds words and their forms only.
public enum SynonymsFile {
  public static let name = "synonyms.yaml"
  /// The most words a phrase may have: longer ones are sentences, not synonyms.
  static let maximumWords = 5

  /// The groups of the folder's file, and every problem with it as `file:line: message`.
  /// A bad group is left out; the others still count.
  public static func load(from folder: URL) -> (Synonyms, [ContentProblem]) {
    let url = folder.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else { return (.none, []) }
    var problems: [ContentProblem] = []
    func problem(_ line: Int, _ message: String) {
      problems.append(ContentProblem(file: name, line: line, message: message))
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: try ContentLoader.readText(url, name: name), .basic, .default, .utf8)
    } catch let error as ContentProblem {
      return (.none, [error])
    } catch let error as YamlError {
      let (line, message) = FrontMatter.describe(error)
      problem(line, "not valid YAML: \(message)")
      return (.none, problems)
    } catch {
      problem(1, "cannot be read: \(error.localizedDescription)")
      return (.none, problems)
    }
    guard let root else { return (.none, []) }
    guard let entries = root.sequence else {
      problem(root.mark?.line ?? 1, "must be a list of groups, one '- [word, other word]' line each")
      return (.none, problems)
    }
    var groups: [[String]] = []
    var seen: [[String]: Int] = [:]
    for entry in entries {
      let line = entry.mark?.line ?? 1
      guard let items = entry.sequence else {
        problem(line, "a group must be a list of words or phrases, such as [wifi, wi-fi, wireless]")
        continue
      }
      var group: [String] = []
      for item in items {
        let itemLine = item.mark?.line ?? line
        guard let text = item.scalar?.string else {
          problem(itemLine, "each word or phrase of a group must be text, not a list or a map")
          continue
        }
        let words = SearchQuery.words(text)
        if words.isEmpty {
          problem(itemLine, "'\(TerminalText.sanitize(text))' has no letters or digits")
        } else if words.count > maximumWords {
          problem(itemLine, "'\(TerminalText.sanitize(text))' is longer than \(maximumWords) words")
        } else if let first = seen[words] {
          problem(itemLine, "'\(TerminalText.sanitize(text))' is already in the group on line \(first)")
        } else {
          seen[words] = line
          group.append(text)
        }
      }
      if group.count == 1 {
        problem(line, "a group needs at least two words or phrases")
      } else if group.count > 1 {
        groups.append(group)
      }
    }
    return (Synonyms(groups), problems)
  }
}
