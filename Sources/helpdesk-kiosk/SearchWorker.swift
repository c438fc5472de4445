import Foundation
import Glibc
import KioskCore

/// Searches on a thread of its own, so that typing never waits for one. The newest words
/// replace any still waiting (a search for a word half typed is not worth finishing
/// first), and each finished search makes `descriptor` readable for the run loop's poll.
final class SearchWorker: @unchecked Sendable {
  /// Readable while finished results wait to be taken: a pipe's reading end.
  let descriptor: Int32
  private let ringer: Int32
  private let search: @Sendable (String) -> SearchResults
  private let prepare: @Sendable () -> Void
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var waiting: String?
  private var isPreparing = false
  private var finished: [SearchResults] = []
  private var isStopped = false

  init(search: @escaping @Sendable (String) -> SearchResults, prepare: @escaping @Sendable () -> Void) {
    self.search = search
    self.prepare = prepare
    var ends: [Int32] = [-1, -1]
    if pipe(&ends) == 0 {
      for end in ends {
        _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      }
    }
    (descriptor, ringer) = (ends[0], ends[1])
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
    var bytes = [UInt8](repeating: 0, count: 64)
    while read(descriptor, &bytes, bytes.count) > 0 {}
    condition.lock()
    defer { condition.unlock() }
    let results = finished
    finished = []
    return results
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
        close(ringer)
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
      let results = search(text)
      condition.lock()
      finished.append(results)
      condition.unlock()
      var one: UInt8 = 1
      _ = write(ringer, &one, 1)
    }
  }
}
