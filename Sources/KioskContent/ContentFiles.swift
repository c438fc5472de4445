import Foundation
import KioskCore

/// The article files of a content folder, as the kiosk and `check` both list them: the
/// `.md` files below it (hidden ones skipped), each with its size and modification time.
///
/// A content folder is a checkout an author controls, so the listing is careful: it never
/// leaves the folder (a link whose target is outside it is refused), never loops (a link
/// to a folder is not followed, and a folder met twice is skipped), never goes deeper than
/// `maximumDepth`, and refuses a file larger than `ContentLoader.maximumFileSize` by the
/// size of what it points to. Each refused entry is a problem `file: message`.
public enum ContentFiles {
  /// Folders nested deeper than this are not listed.
  static let maximumDepth = 32
  /// No more files than this are listed.
  static let maximumFiles = 200_000

  /// The listing: article files by path relative to the folder, and what was refused.
  public struct Listing {
    public var files: [String: ContentIndex.Stamp] = [:]
    public var refused: [ContentProblem] = []
  }

  public static func list(_ folder: URL) -> Listing {
    var listing = Listing()
    let root = folder.resolvingSymlinksInPath().path
    var visited: Set<[UInt64]> = []
    func refuse(_ path: String, _ message: String) {
      listing.refused.append(ContentProblem(file: path, line: 0, message: message))
    }
    func walk(_ directory: String, prefix: String, depth: Int) {
      var info = stat()
      guard lstat(directory, &info) == 0, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
        return
      }
      guard depth <= maximumDepth else {
        refuse(String(prefix.dropLast()), "folders nested deeper than \(maximumDepth) are not read")
        return
      }
      guard let handle = opendir(directory) else {
        if !prefix.isEmpty { refuse(String(prefix.dropLast()), "the folder cannot be read") }
        return
      }
      defer { closedir(handle) }
      var names: [String] = []
      while let entry = readdir(handle) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
        if !name.hasPrefix(".") { names.append(name) }
      }
      for name in names.sorted() {
        let path = directory + "/" + name
        let relative = prefix + name
        var own = stat()
        guard lstat(path, &own) == 0 else { continue }
        switch own.st_mode & S_IFMT {
        case S_IFDIR:
          walk(path, prefix: relative + "/", depth: depth + 1)
        case S_IFLNK:
          guard name.hasSuffix(".md") else {
            var target = stat()
            if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR {
              refuse(relative, "a link to a folder is not followed")
            }
            continue
          }
          // A link to an article file: only inside the folder, and by the size of its target.
          let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
          guard resolved == root || resolved.hasPrefix(root + "/") else {
            refuse(relative, "the link leads outside the content folder; it is not read")
            continue
          }
          var target = stat()
          guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG else {
            refuse(relative, "the link leads to no file")
            continue
          }
          add(relative, target)
        case S_IFREG where name.hasSuffix(".md"):
          add(relative, own)
        default:
          continue
        }
      }
    }
    func add(_ relative: String, _ info: stat) {
      guard Int(info.st_size) <= ContentLoader.maximumFileSize else {
        refuse(relative, "the file is larger than \(ContentLoader.maximumFileSize >> 20) MiB; it is not read")
        return
      }
      guard listing.files.count < maximumFiles else {
        if listing.files.count == maximumFiles { refuse(relative, "more than \(maximumFiles) articles: the rest are not read") }
        return
      }
      let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      listing.files[relative] = ContentIndex.Stamp(size: Int64(info.st_size), mtime: mtime)
    }
    walk(folder.path, prefix: "", depth: 0)
    return listing
  }
}
