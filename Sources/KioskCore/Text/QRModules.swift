/// A QR code as its modules: a square of `size` × `size`, each dark or light, row by row
/// from the top left. Only the symbol itself: the quiet zone around it is the drawer's.
public struct QRModules: Hashable, Sendable {
  /// Modules per side: 21 + 4 × (version − 1).
  public let size: Int
  private let dark: [Bool]

  /// `dark` holds `size` × `size` modules, row by row.
  public init(size: Int, dark: [Bool]) {
    precondition(size >= 0 && dark.count == size * size, "\(dark.count) modules for a side of \(size)")
    self.size = size
    self.dark = dark
  }

  /// Whether the module is dark; outside the symbol (the quiet zone) every module is light.
  public func isDark(row: Int, column: Int) -> Bool {
    guard row >= 0, row < size, column >= 0, column < size else { return false }
    return dark[row * size + column]
  }
}
