import Foundation

/// An article's lines for the reader. A long article is laid out as far as it is looked
/// at (its first screen when it opens, further as the reader scrolls), and the rest on a
/// thread of its own in the background; asking for a line not laid out yet lays out up to
/// it there and then. Counting the lines (End, the scroll position) needs them all.
///
/// Lines are values once laid out: a collection of them reads the same whichever thread
/// laid them out, and two collections are equal when their lines are.
public struct ReaderLines: RandomAccessCollection, Hashable, Sendable {
  private let layout: LazyLayout

  /// Lines laid out already.
  public init(_ lines: [TextLine]) {
    layout = LazyLayout(lines)
  }

  /// A document laid out as far as it is looked at, the rest in the background; `tail`
  /// gives the lines after the document's own (their anchor and the first link number
  /// are given), laid out last. Link numbers go on from one line to the next throughout.
  public init(
    laying document: Document, width: Int, glyphs: Glyphs, exists: @escaping @Sendable (String) -> Bool,
    tail: @escaping @Sendable (_ anchor: Int, _ firstLink: Int) -> [TextLine]
  ) {
    let count = document.blocks.count
    // The end on its own, for End before the layout is done. Not in plain mode, whose
    // links carry their numbers in their text.
    let end: (@Sendable (Int) -> [TextLine])? =
      glyphs.drawsLines
      ? { @Sendable lines in Self.end(of: document, lines: lines, width: width, glyphs: glyphs, exists: exists, tail: tail) }
      : nil
    // A very long text is laid out in two halves at once, one on each core, the second
    // joined to the first when the first is done. Not in plain mode either.
    guard count > 2 * Self.longBlocks, glyphs.drawsLines else {
      layout = LazyLayout(
        DocumentLayout.Stepper(document, width: width, glyphs: glyphs, exists: exists), tail: tail, end: end)
      layout.finishInBackground()
      return
    }
    let half = count / 2
    let rest = Eventually {
      Self.layOutApart(document, blocks: half..<count, width: width, glyphs: glyphs, exists: exists)
    }
    layout = LazyLayout(
      DocumentLayout.Stepper(document, width: width, glyphs: glyphs, exists: exists, blocks: 0..<half), rest: rest,
      tail: tail, end: end)
    layout.finishInBackground()
  }

  /// Some of a document's blocks laid out on their own, anchors counting from 0.
  static func layOutApart(
    _ document: Document, blocks: Range<Int>, width: Int, glyphs: Glyphs, exists: @escaping @Sendable (String) -> Bool
  ) -> LaidOut {
    var stepper = DocumentLayout.Stepper(document, width: width, glyphs: glyphs, exists: exists, blocks: blocks)
    // After the first block, a line before them, which they are separated from; not kept.
    let isAfterOthers = blocks.lowerBound > 0
    var lines = isAfterOthers ? [TextLine([Run("…")], anchor: 0)] : []
    while !stepper.isDone { stepper.step(into: &lines) }
    return LaidOut(lines: Array(lines.dropFirst(isAfterOthers ? 1 : 0)), anchor: stepper.anchor)
  }

  /// The last `lines` lines of a document with its tail, laid out from its last blocks
  /// alone: from further back each time until there are more than enough. They read as
  /// the same lines of the whole layout; their anchors and link numbers count from where
  /// they start, which the view of the end does not show.
  static func end(
    of document: Document, lines count: Int, width: Int, glyphs: Glyphs, exists: @escaping @Sendable (String) -> Bool,
    tail: @Sendable (_ anchor: Int, _ firstLink: Int) -> [TextLine]
  ) -> [TextLine] {
    let blocks = document.blocks.count
    var back = 8
    while true {
      let first = Swift.max(blocks - back, 0)
      var lines = layOutApart(document, blocks: first..<blocks, width: width, glyphs: glyphs, exists: exists).lines
      var numbering = DocumentLayout.LinkNumbering()
      numbering.number(&lines, from: 0)
      let text = lines.count
      lines += tail(lines.last?.anchor ?? 0, numbering.number + 1)
      numbering.number(&lines, from: text)
      // A line or two more than asked: the first lines of a part laid out alone may differ
      // from the whole's where they meet what comes before them.
      if lines.count > count + 2 || first == 0 { return Array(lines.suffix(count)) }
      back *= 4
    }
  }

  /// Lines laid out apart from those before them: their anchors count from 0.
  struct LaidOut: Sendable {
    var lines: [TextLine]
    /// The anchor after the last line.
    var anchor: Int
  }

  /// Whether a document is long enough to be laid out lazily: shorter ones take less
  /// than a frame to lay out whole.
  public static func isLong(_ document: Document) -> Bool {
    document.blocks.count > longBlocks
  }

  /// Blocks past which a document is laid out lazily.
  public static let longBlocks = 400

  public var startIndex: Int { 0 }
  /// Lays out every line.
  public var endIndex: Int { layout.all.count }
  public subscript(position: Int) -> TextLine {
    guard let line = layout.line(position) else { preconditionFailure("line \(position) is past the last") }
    return line
  }

  /// Every line, laid out.
  public var all: [TextLine] { layout.all }

  /// Whether every line is laid out.
  public var isComplete: Bool { layout.isComplete }

  /// Whether there are at least `count` lines, laying out no further than that.
  public func hasAtLeast(_ count: Int) -> Bool {
    count <= 0 || layout.line(count - 1) != nil
  }

  /// Up to `count` lines from `start`, laying out no further than those.
  public func window(from start: Int, count: Int) -> [TextLine] {
    layout.window(start..<(start + Swift.max(count, 0)))
  }

  /// The last `count` lines (all of them when there are fewer), without waiting for the
  /// layout: while it is not done, the end is laid out on its own (`end(of:lines:…)`).
  public func last(_ count: Int) -> [TextLine] {
    layout.last(Swift.max(count, 0))
  }

  public func makeIterator() -> Iterator {
    Iterator(layout: layout)
  }

  /// The lines in order, each laid out when it is reached.
  public struct Iterator: IteratorProtocol {
    fileprivate let layout: LazyLayout
    private var index = 0

    fileprivate init(layout: LazyLayout) {
      self.layout = layout
    }

    public mutating func next() -> TextLine? {
      guard let line = layout.line(index) else { return nil }
      index += 1
      return line
    }
  }

  public static func == (lhs: ReaderLines, rhs: ReaderLines) -> Bool {
    lhs.layout === rhs.layout || lhs.all == rhs.all
  }

  public func hash(into hasher: inout Hasher) {
    // Equal collections may come from different layouts: the lines are all they share,
    // and hashing them would lay out every one.
    hasher.combine(0)
  }
}

/// The lines of a `ReaderLines`, as far as they are laid out, with what lays out the rest.
///
/// Whichever thread needs more lines takes the work (the layout's place in the document)
/// and lays out a few blocks with it, outside the lock; the lock is held only to take the
/// work, to add what it made and to read lines. A thread that needs lines while another
/// has the work waits for it to come back, which is a few blocks away.
private final class LazyLayout: @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`:
  private var lines: [TextLine]
  /// Nil while a thread lays out with it, and once every line is laid out.
  private var work: Work?
  private var isDone: Bool
  /// Lays out the last lines on their own; nil where it cannot (plain mode, lines given).
  private let end: (@Sendable (Int) -> [TextLine])?
  /// The last view of the end laid out on its own, for the number of lines it has.
  private var endView: (count: Int, lines: [TextLine])?

  /// Where the layout is in the document.
  private struct Work {
    var stepper: DocumentLayout.Stepper
    var numbering = DocumentLayout.LinkNumbering()
    /// The rest of the document after the stepper's blocks, laid out on another thread;
    /// nil once joined, or when the stepper has every block.
    var rest: Eventually<ReaderLines.LaidOut>?
    let tail: @Sendable (Int, Int) -> [TextLine]
  }

  init(_ lines: [TextLine]) {
    self.lines = lines
    work = nil
    isDone = true
    end = nil
  }

  init(
    _ stepper: DocumentLayout.Stepper, rest: Eventually<ReaderLines.LaidOut>? = nil,
    tail: @escaping @Sendable (Int, Int) -> [TextLine], end: (@Sendable (Int) -> [TextLine])?
  ) {
    lines = []
    work = Work(stepper: stepper, rest: rest, tail: tail)
    isDone = false
    self.end = end
  }

  func last(_ count: Int) -> [TextLine] {
    condition.lock()
    if isDone || end == nil {
      layOut(through: .max)
      defer { condition.unlock() }
      return Array(lines.suffix(count))
    }
    if let endView, endView.count == count {
      condition.unlock()
      return endView.lines
    }
    condition.unlock()
    guard let end else { return [] }
    let made = end(count)
    condition.lock()
    endView = (count, made)
    condition.unlock()
    return made
  }

  var isComplete: Bool {
    condition.lock()
    defer { condition.unlock() }
    return isDone
  }

  var all: [TextLine] {
    condition.lock()
    defer { condition.unlock() }
    layOut(through: .max)
    return lines
  }

  func line(_ index: Int) -> TextLine? {
    guard index >= 0 else { return nil }
    condition.lock()
    defer { condition.unlock() }
    layOut(through: index)
    return index < lines.count ? lines[index] : nil
  }

  /// A copy of some lines: a slice would share the array that layout goes on adding to,
  /// and make the next line added copy them all.
  func window(_ range: Range<Int>) -> [TextLine] {
    condition.lock()
    defer { condition.unlock() }
    if range.upperBound > range.lowerBound { layOut(through: range.upperBound - 1) }
    return Array(lines[min(range.lowerBound, lines.count)..<min(range.upperBound, lines.count)])
  }

  /// Lays out until there are more than `index` lines, or all of them. Called and
  /// returning with the lock held; it is let go while blocks are laid out.
  private func layOut(through index: Int) {
    while lines.count <= index && !isDone {
      guard var work else {
        condition.wait()
        continue
      }
      self.work = nil
      // The layout looks back at the line before the next block.
      var made = lines.last.map { [$0] } ?? []
      let start = made.count
      condition.unlock()
      var finished = false
      for _ in 0..<LazyLayout.blocksPerTurn {
        if work.stepper.isDone, let rest = work.rest {
          // The second half, laid out meanwhile: its anchors go on from the first's, and
          // it keeps no blank line after one.
          var joined = rest.value.lines
          if made.last?.runs.allSatisfy({ $0.text.allSatisfy { $0 == " " } }) == true, joined.first?.runs.isEmpty == true {
            joined.removeFirst()
          }
          let offset = work.stepper.anchor
          made += joined.map { line in
            var line = line
            line.anchor += offset
            return line
          }
          work.rest = nil
          break
        }
        if work.stepper.isDone {
          made += work.tail(made.last?.anchor ?? 0, work.numbering.number + 1)
          finished = true
          break
        }
        work.stepper.step(into: &made)
      }
      work.numbering.number(&made, from: start)
      condition.lock()
      lines += made[start...]
      if finished {
        isDone = true
      } else {
        self.work = work
      }
      condition.broadcast()
    }
  }

  /// Lays out the rest on another thread, so that by the time the reader scrolls or
  /// counts the lines they are there.
  func finishInBackground() {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      condition.lock()
      layOut(through: .max)
      condition.unlock()
    }
  }

  /// Blocks laid out at each turn: well under a millisecond's work.
  static let blocksPerTurn = 32
}

/// A value worked out on another thread from the start, for work that can go on beside
/// the caller's (the related articles, beside the layout); `value` waits for it.
final class Eventually<Value: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`:
  private var result: Value?

  init(_ work: @escaping @Sendable () -> Value) {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      let value = work()
      condition.lock()
      result = value
      condition.broadcast()
      condition.unlock()
    }
  }

  var value: Value {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let result { return result }
      condition.wait()
    }
  }
}
