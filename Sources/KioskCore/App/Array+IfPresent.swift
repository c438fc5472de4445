extension Array {
  /// The element at `index`, or nil past the ends: a button under a selection.
  subscript(ifPresent index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
