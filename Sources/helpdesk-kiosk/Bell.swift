import Glibc
import Synchronization

/// A pipe that work on other threads rings when it has finished something, so that the run
/// loop's poll wakes for it.
final class Bell: Sendable {
  /// Readable once rung, until drained: the pipe's reading end.
  let descriptor: Int32
  private let ringer: Int32

  init() {
    var ends: [Int32] = [-1, -1]
    if pipe(&ends) == 0 {
      for end in ends {
        _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      }
    }
    (descriptor, ringer) = (ends[0], ends[1])
  }

  deinit {
    close(descriptor)
    close(ringer)
  }

  func ring() {
    var one: UInt8 = 1
    _ = write(ringer, &one, 1)
  }

  /// Empties the pipe, so that the next poll waits for the next ring.
  func drain() {
    var bytes = [UInt8](repeating: 0, count: 64)
    while read(descriptor, &bytes, bytes.count) > 0 {}
  }
}

/// What work on other threads has finished, waiting for the run loop to take it.
final class Mailbox<Item: Sendable>: Sendable {
  private let items = Mutex<[Item]>([])

  func post(_ item: Item) {
    items.withLock { $0.append(item) }
  }

  /// Everything posted since the last call, oldest first.
  func take() -> [Item] {
    items.withLock { items in
      defer { items = [] }
      return items
    }
  }
}
