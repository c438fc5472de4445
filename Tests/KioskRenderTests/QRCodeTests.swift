import Foundation
import KioskCore
import KioskQR
import Testing

@testable import KioskRender

/// QR codes made by libqrencode and drawn in text, read back as a phone would: the drawn
/// cells made into an image and decoded by `zbarimg` (zbar-tools).
@Suite struct QRCodeTests {
  static let mailto = "mailto:helpdesk@netlumait.com.au?subject=Ticket%20NLM-B5VP-93"
  static let article = "https://help.netlumait.com.au/articles/session-expired"

  /// The two ways a code is drawn.
  enum Drawing: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case unicode, ascii
    var glyphs: Glyphs { self == .unicode ? .unicode : .ascii }
    var testDescription: String { rawValue }
  }

  @Test("A ticket's mailto link encodes to a square of 21 + 4k modules, the smallest that holds it")
  func mailtoSize() throws {
    let code = try #require(QRCodes.encode(Self.mailto))
    #expect(code.size >= 21 && code.size <= 177)
    #expect((code.size - 21) % 4 == 0, "\(code.size) modules a side")
    // 61 bytes: version 3 at level L holds 53, version 4 holds 78.
    #expect(Self.mailto.utf8.count == 61)
    #expect(code.size == 33, "version 4")
    // The finder pattern's corner, top left, top right and bottom left.
    for (row, column) in [(0, 0), (0, code.size - 1), (code.size - 1, 0)] {
      #expect(code.isDark(row: row, column: column))
    }
  }

  @Test("Text that cannot be encoded gives nil: empty, a NUL, or too long for any version")
  func unencodable() {
    #expect(QRCodes.encode("") == nil)
    #expect(QRCodes.encode("a\u{0}b") == nil)
    #expect(QRCodes.encode(String(repeating: "x", count: 3_000)) == nil)
    #expect(QRCodes.encode(String(repeating: "x", count: 2_000)) != nil)
  }

  @Test("Encoding is case-sensitive and repeatable")
  func caseSensitive() throws {
    let lower = try #require(QRCodes.encode("https://example.com/abc"))
    let upper = try #require(QRCodes.encode("https://example.com/ABC"))
    #expect(lower != upper)
    #expect(QRCodes.encode("https://example.com/abc") == lower)
  }

  @Test(
    "The drawn code, made into an image, decodes with zbarimg to exactly the text",
    arguments: [mailto, article], Drawing.allCases)
  func decodesWithZbar(text: String, drawing: Drawing) throws {
    let zbarimg = try #require(
      Self.zbarimg, "zbarimg is not installed: install zbar-tools (scripts/setup and .ci/run do)")
    let code = try #require(QRCodes.encode(text))
    for theme in [Theme.standard, .highContrast] {
      let modules = try Self.drawnModules(code, drawing: drawing, theme: theme)
      let decoded = try Self.decode(modules, with: zbarimg)
      #expect(decoded == text, "\(drawing) in the \(theme.rawValue) theme")
    }
  }

  @Test("Four light modules on every side, and the code itself module for module", arguments: Drawing.allCases)
  func quietZone(drawing: Drawing) throws {
    for text in [Self.mailto, Self.article, "1"] {
      let code = try #require(QRCodes.encode(text))
      let modules = try Self.drawnModules(code, drawing: drawing, theme: .standard)
      let side = code.size + 8
      #expect(modules.count >= side && modules.count <= side + 1)
      for (y, line) in modules.enumerated() {
        #expect(line.count == side)
        for (x, isDark) in line.enumerated() {
          let inside = (4..<code.size + 4).contains(y) && (4..<code.size + 4).contains(x)
          if inside {
            #expect(isDark == code.isDark(row: y - 4, column: x - 4), "module \(y - 4), \(x - 4)")
          } else {
            #expect(!isDark, "quiet zone at \(y), \(x)")
          }
        }
      }
    }
  }

  @Test("The size: a column per module and two modules a row in Unicode, two columns a module in ASCII")
  func size() throws {
    let small = QRModules(size: 21, dark: Array(repeating: true, count: 21 * 21))
    #expect(QRCodeView.size(small, glyphs: .unicode) == (columns: 29, rows: 15))
    #expect(QRCodeView.size(small, glyphs: .ascii) == (columns: 58, rows: 29))
    #expect(QRCodeView.size(small, glyphs: .plain) == (columns: 58, rows: 29))
    let code = try #require(QRCodes.encode(Self.mailto))
    #expect(QRCodeView.size(code, glyphs: .unicode) == (columns: 41, rows: 21))
    #expect(QRCodeView.size(code, glyphs: .ascii) == (columns: 82, rows: 41))
  }

  @Test(
    "The code fills exactly its size, every cell in the QR code's role, and nothing else",
    arguments: Drawing.allCases)
  func drawsInItsRectangle(drawing: Drawing) throws {
    let code = try #require(QRCodes.encode(Self.article))
    let (columns, rows) = QRCodeView.size(code, glyphs: drawing.glyphs)
    var grid = CellGrid(size: Size(columns: columns + 6, rows: rows + 4))
    QRCodeView.draw(code, row: 2, column: 3, glyphs: drawing.glyphs, into: &grid)
    let allowed: Set<Character> = drawing == .unicode ? [" ", "▀", "▄", "█"] : [" ", "#"]
    for row in 0..<grid.size.rows {
      for column in 0..<grid.size.columns {
        let cell = grid[row, column]
        if (2..<rows + 2).contains(row) && (3..<columns + 3).contains(column) {
          #expect(cell.style == Style(.qrCode), "\(row), \(column)")
          #expect(allowed.contains(cell.character), "\(row), \(column): \(cell.character)")
        } else {
          #expect(cell == .blank, "\(row), \(column) is outside the code")
        }
      }
    }
  }

  @Test("Drawn beyond the grid's edge, the code is cut off without a crash")
  func clipped() throws {
    let code = try #require(QRCodes.encode(Self.article))
    var grid = CellGrid(size: Size(columns: 20, rows: 10))
    QRCodeView.draw(code, row: 5, column: 10, glyphs: .unicode, into: &grid)
    #expect(grid[9, 19].style == Style(.qrCode))
    #expect(grid[4, 19] == .blank)
  }

  @Test("Dark modules on a light background in every theme: black on white, reverse video without colours")
  func colours() {
    for theme in [Theme.standard, .highContrast] {
      #expect(theme.look(.qrCode) == Look(.black, on: .white), "\(theme.rawValue)")
    }
    #expect(Theme.monochrome.look(.qrCode) == Look(nil, .reverse))
    #expect(Theme.standard.look(.qrCode) != Theme.standard.look(.highlight))
  }

  // MARK: - Reading the drawing back

  /// The modules the drawn code shows, quiet zone included, read back from its cells as
  /// the theme colours them: true where a module is black. A half block's ink is its
  /// foreground, the rest its background; in ASCII a "##" pair is a module of ink.
  static func drawnModules(_ code: QRModules, drawing: Drawing, theme: Theme) throws -> [[Bool]] {
    let glyphs = drawing.glyphs
    let (columns, rows) = QRCodeView.size(code, glyphs: glyphs)
    var grid = CellGrid(size: Size(columns: columns + 2, rows: rows + 2))
    QRCodeView.draw(code, row: 1, column: 1, glyphs: glyphs, into: &grid)
    return try modules(in: grid, top: 1, left: 1, columns: columns, rows: rows, drawing: drawing, theme: theme)
  }

  /// The modules of the code a whole screen shows: the cells in the code's role.
  static func screenModules(_ grid: CellGrid, drawing: Drawing, theme: Theme) throws -> [[Bool]] {
    var cells: [(row: Int, column: Int)] = []
    for row in 0..<grid.size.rows {
      for column in 0..<grid.size.columns where grid[row, column].style.role == .qrCode { cells.append((row, column)) }
    }
    let top = try #require(cells.map(\.row).min(), "no code on the screen")
    let left = try #require(cells.map(\.column).min())
    let rows = (cells.map(\.row).max() ?? top) - top + 1
    let columns = (cells.map(\.column).max() ?? left) - left + 1
    return try modules(in: grid, top: top, left: left, columns: columns, rows: rows, drawing: drawing, theme: theme)
  }

  /// The modules drawn in a rectangle of a grid (its first row and column, 1-based, at `top`, `left`).
  static func modules(
    in grid: CellGrid, top: Int, left: Int, columns: Int, rows: Int, drawing: Drawing, theme: Theme
  ) throws -> [[Bool]] {

    func isBlack(_ cell: Cell, ink: Bool) throws -> Bool {
      let look = theme.look(cell.style)
      let colour = try #require(ink ? look.foreground : look.background, "\(theme.rawValue) gives no colour")
      #expect(colour == .black || colour == .white, "\(colour)")
      return colour == .black
    }

    var modules: [[Bool]] = []
    for row in top..<(top + rows) {
      switch drawing {
      case .unicode:
        var upper: [Bool] = []
        var lower: [Bool] = []
        for column in left..<(left + columns) {
          let cell = grid[row, column]
          let ink: (Bool, Bool)
          switch cell.character {
          case " ": ink = (false, false)
          case "▀": ink = (true, false)
          case "▄": ink = (false, true)
          case "█": ink = (true, true)
          default:
            Issue.record("\(row), \(column): \(cell.character) is not a half block")
            ink = (false, false)
          }
          upper.append(try isBlack(cell, ink: ink.0))
          lower.append(try isBlack(cell, ink: ink.1))
        }
        modules += [upper, lower]
      case .ascii:
        var line: [Bool] = []
        for column in stride(from: left, to: left + columns, by: 2) {
          let pair = String([grid[row, column].character, grid[row, column + 1].character])
          #expect(pair == "##" || pair == "  ", "\(row), \(column): \(pair)")
          line.append(try isBlack(grid[row, column], ink: pair == "##"))
        }
        modules.append(line)
      }
    }
    return modules
  }

  /// Decodes modules with zbarimg, from a greyscale image of 4 × 4 pixels a module.
  static func decode(_ modules: [[Bool]], with zbarimg: String) throws -> String {
    let scale = 4
    let height = modules.count * scale
    let width = (modules.first?.count ?? 0) * scale
    var image = Data("P5\n\(width) \(height)\n255\n".utf8)
    for line in modules {
      let pixels = line.flatMap { Array(repeating: UInt8($0 ? 0 : 255), count: scale) }
      for _ in 0..<scale { image.append(contentsOf: pixels) }
    }
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("KioskRenderTests-qr-\(UUID().uuidString).pgm")
    try image.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: zbarimg)
    process.arguments = ["--raw", "-q", file.path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Both are a line or two: neither pipe fills while the other is read.
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "zbarimg exited with \(process.terminationStatus): \(problems)")
    return text.hasSuffix("\n") ? String(text.dropLast()) : text
  }

  /// zbarimg on PATH, or Debian's.
  static var zbarimg: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
    return folders.map { "\($0)/zbarimg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}
