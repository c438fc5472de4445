import Foundation
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskRender

/// A screen and the snapshot it is compared with, `__Snapshots__/NAME-COLUMNSxROWS.txt`: a
/// state, drawn at its size, written down as text (or as text with its looks), and compared
/// with the stored file.
///
/// The snapshot suites list their screens as values of this type, and `SnapshotTests` is
/// the one test that draws and compares them, every one of `ScreenSnapshot.all`. Nothing
/// else can compare a snapshot, so that list is exactly the snapshots the tests use, and a
/// stored file it does not name is one no test looks at.
struct ScreenSnapshot: Sendable, CustomTestStringConvertible {
  /// How a frame is written down.
  enum Form: Sendable {
    /// The text, one line per row without trailing spaces.
    case text
    /// The text (folded to ASCII, as a terminal without UTF-8 shows it, if asked), then
    /// the cursor and the looks of the cells in `theme`: see `StyledText`.
    case styled(Theme, foldingToASCII: Bool = false)
  }

  /// The name without the size, e.g. `reader-top`.
  let name: String
  /// The size the state is drawn at; it is part of the file name.
  let size: Size
  let form: Form
  /// Draws a state; the screen itself, unless something else is asked for.
  let drawing: @Sendable (AppState) -> CellGrid
  /// The state, made when it is compared.
  let state: @Sendable () throws -> AppState

  init(
    _ name: String, _ size: Size, _ form: Form = .text,
    drawing: @escaping @Sendable (AppState) -> CellGrid = { render($0) },
    state: @escaping @Sendable () throws -> AppState
  ) {
    self.name = name
    self.size = size
    self.form = form
    self.drawing = drawing
    self.state = state
  }

  /// The stored file's name without `.txt`: `NAME-COLUMNSxROWS`.
  var fileName: String { "\(name)-\(size.columns)x\(size.rows)" }

  var testDescription: String { fileName }

  /// The folder of the stored snapshots.
  static let folder = packageRoot.appendingPathComponent("Tests/KioskRenderTests/__Snapshots__")

  /// The frame written down in its form.
  func text() throws -> String {
    let grid = drawing(try state())
    #expect(grid.size == size, "\(fileName) is drawn at \(grid.size)")
    switch form {
    case .text:
      return grid.text
    case .styled(let theme, let foldingToASCII):
      return StyledText.of(grid, theme: theme, text: grid.text(foldingToASCII: foldingToASCII))
    }
  }

  /// Compares the frame with the stored snapshot.
  ///
  /// A missing snapshot, or any snapshot when `RECORD_SNAPSHOTS` is set, is written from the
  /// frame and the test fails, so that nothing passes without having been looked at.
  fileprivate func check() throws {
    let actual = try text()
    let file = Self.folder.appendingPathComponent("\(fileName).txt")
    let isRecording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty } ?? false
    guard !isRecording, let stored = try? String(contentsOf: file, encoding: .utf8) else {
      try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
      try (actual + "\n").write(to: file, atomically: true, encoding: .utf8)
      Issue.record("Recorded snapshot \(fileName); check it and run the tests again")
      return
    }
    let expected = stored.hasSuffix("\n") ? String(stored.dropLast()) : stored
    if expected != actual {
      Issue.record("Snapshot \(fileName) differs (- expected, + actual):\n\(lineDiff(expected, actual))")
    }
  }
}

extension ScreenSnapshot {
  /// Every snapshot the tests compare.
  static var all: [ScreenSnapshot] {
    ScreenSnapshots.snapshots + TicketScreenSnapshotTests.snapshots + SearchSnapshotTests.snapshots
      + LinkSnapshotTests.snapshots + TakeAwayScreenTests.snapshots + SceneSnapshotTests.snapshots
      + TicketsScreenSnapshotTests.snapshots
  }
}

/// Every screen of `ScreenSnapshot.all` against its stored snapshot, and every stored
/// snapshot against that list.
@Suite struct SnapshotTests {
  @Test(arguments: ScreenSnapshot.all)
  func matchesTheStoredSnapshot(_ snapshot: ScreenSnapshot) throws {
    try snapshot.check()
  }

  /// Each file is compared once: two screens with one name would make one of them unseen.
  @Test func everyNameIsUsedOnce() {
    let names = ScreenSnapshot.all.map(\.fileName)
    #expect(names.count > 150, "the list of snapshots holds \(names.count)")
    let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    #expect(repeated.isEmpty, "named more than once: \(repeated)")
  }

  /// A stored snapshot that no screen of the list names is one no test compares.
  @Test func everyStoredSnapshotIsCompared() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: ScreenSnapshot.folder.path)
    let others = files.filter { !$0.hasSuffix(".txt") }
    #expect(others.isEmpty, "the folder holds files that are not snapshots: \(others)")
    let stored = files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }
    #expect(stored.count > 150, "the folder holds \(stored.count) snapshots")
    let compared = Set(ScreenSnapshot.all.map(\.fileName))
    let unused = Set(stored).subtracting(compared).sorted()
    #expect(unused.isEmpty, "stored snapshots no test compares: \(unused.map { "\($0).txt" })")
  }
}
