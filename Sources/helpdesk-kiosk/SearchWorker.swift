import Foundation
import Glibc
import KioskCore

/// Searches on a thread of its own, so that typing never waits for one. The newest words
/// replace any still waiting (a search for a word half typed is not worth finishing
/// first), and each finished search rings `bell`.
final class SearchWorker: @unchecked Sendable {
  private let bell: Bell
  private let search: @Sendable (String) -> SearchResults
  private let prepare: @Sendable () -> Void
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var waiting: String?
  private var isPreparing = false
  private var isStopped = false
  /// The searches finished, for `take`.
  private let finished = Mailbox<SearchResults>()

  init(
    bell: Bell, search: @escaping @Sendable (String) -> SearchResults, prepare: @escaping @Sendable () -> Void
  ) {
    self.bell = bell
    self.search = search
    self.prepare = prepare
    let thread = Thread { [self] in run() }
    thread.name = "search"
    thread.start()
  }

  /// Asks for a search of `text`, in place of any not yet started.
  func ask(_ text: String) {
    condition.lock()
    waiting = text
    condition.signal()
    condition.unlock()
  }

  /// Reads what the first search needs now, ahead of it (after the first frame).
  func warm() {
    condition.lock()
    isPreparing = true
    condition.signal()
    condition.unlock()
  }

  /// The searches finished since the last call, oldest first.
  func take() -> [SearchResults] {
    finished.take()
  }

  /// Ends the thread once the search under way (if any) is done.
  func stop() {
    condition.lock()
    isStopped = true
    condition.signal()
    condition.unlock()
  }

  private func run() {
    while true {
      condition.lock()
      while waiting == nil && !isPreparing && !isStopped { condition.wait() }
      if isStopped {
        condition.unlock()
        return
      }
      guard let text = waiting else {
        isPreparing = false
        condition.unlock()
        prepare()
        continue
      }
      waiting = nil
      condition.unlock()
      finished.post(search(text))
      bell.ring()
    }
  }
}
