import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a program run by `ChildProcess` ended, and what it printed.
struct ChildResult: Hashable, Sendable {
  enum Termination: Hashable, Sendable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it (a crash, or someone killed it).
    case signalled(Int32)
    /// It ran past the time limit and was killed, with its process group.
    case timedOut
    /// It could not be started; the `errno` of the attempt.
    case notStarted(Int32)
  }

  var termination: Termination
  /// Its standard output and standard error, interleaved, at most `ChildProcess.outputLimit`
  /// bytes.
  var output: [UInt8]
}

/// Runs a program with its input from memory, its output captured and a time limit, in
/// the cleanest state a child can have:
///
/// - standard input is an in-memory file holding `input` (no pipe to write, so no
///   SIGPIPE and no deadlock however the program reads); standard output and standard
///   error go to one pipe, read as it fills;
/// - only descriptors 0, 1 and 2 are open in the child: everything else of this process
///   (the outbox's SQLite files, a terminal, sockets) is closed before the program runs;
/// - the environment is exactly `environment`;
/// - the signal mask is empty and the common signals have their default action, whatever
///   this process blocks or ignores (the kiosk blocks SIGTERM and friends for its
///   signalfd; a child that inherited that could not be stopped);
/// - the child leads a process group of its own, so that the terminal's keys never reach
///   it and the time limit can end it together with anything it started.
enum ChildProcess {
  /// The most output kept; the rest is read and dropped, so the program never blocks.
  static let outputLimit = 64 * 1024

  /// Runs `path` with `arguments` (without the program name) until it ends or `timeLimit`
  /// seconds have passed.
  static func run(
    path: String, arguments: [String], environment: [String], input: [UInt8],
    timeLimit: TimeInterval
  ) -> ChildResult {
    let inputDescriptor: Int32
    switch inMemoryFile(input) {
    case .success(let descriptor): inputDescriptor = descriptor
    case .failure(let error): return ChildResult(termination: .notStarted(error.code), output: [])
    }
    defer { close(inputDescriptor) }
    guard let (readEnd, writeEnd) = closeOnExecPipe() else {
      return ChildResult(termination: .notStarted(errno), output: [])
    }
    defer { close(readEnd) }

    let spawned = spawn(
      path: path, arguments: [path] + arguments, environment: environment,
      input: inputDescriptor, output: writeEnd)
    close(writeEnd)
    let pid: pid_t
    switch spawned {
    case .success(let child): pid = child
    case .failure(let error): return ChildResult(termination: .notStarted(error.code), output: [])
    }
    return wait(for: pid, reading: readEnd, timeLimit: timeLimit)
  }

  // MARK: - Starting

  /// Starts the program; returns its pid or the `errno` of the failure (glibc reports a
  /// failed `exec` here too).
  private static func spawn(
    path: String, arguments: [String], environment: [String], input: Int32, output: Int32
  ) -> Result<pid_t, ErrorCode> {
    #if canImport(Darwin)
      var attributes: posix_spawnattr_t? = nil
      var actions: posix_spawn_file_actions_t? = nil
    #else
      var attributes = posix_spawnattr_t()
      var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [
      SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2, SIGCHLD, SIGTSTP,
      SIGTTIN, SIGTTOU, SIGWINCH, SIGCONT,
    ] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP
    #if canImport(Darwin)
      flags |= POSIX_SPAWN_CLOEXEC_DEFAULT
    #endif
    posix_spawnattr_setflags(&attributes, Int16(flags))

    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input, 0)
    posix_spawn_file_actions_adddup2(&actions, output, 1)
    posix_spawn_file_actions_adddup2(&actions, output, 2)
    #if os(Linux)
      closeEverythingAbove2(&actions)
    #endif

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard result == 0 else { return .failure(ErrorCode(result)) }
    return .success(pid)
  }

  #if os(Linux)
    /// Adds "close every descriptor from 3 up" to the child's actions: glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34 and later, looked up because Swift
    /// does not import it), else one close per descriptor open now. Descriptors are also
    /// opened close-on-exec here, and SQLite opens its files so.
    private static func closeEverythingAbove2(_ actions: inout posix_spawn_file_actions_t) {
      typealias CloseFrom = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
      ) -> Int32
      if let symbol = dlsym(
        UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
      {
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        return
      }
      let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
      for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
      }
    }
  #endif

  /// An errno value, as a `Result` failure.
  struct ErrorCode: Error {
    var code: Int32
    init(_ code: Int32) { self.code = code }
  }

  // MARK: - Waiting

  /// Reads the output until the program ends, or kills it at the time limit.
  private static func wait(for pid: pid_t, reading readEnd: Int32, timeLimit: TimeInterval)
    -> ChildResult
  {
    _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int64(max(timeLimit, 0) * 1000)))
    var output: [UInt8] = []
    var isOpen = true
    var status: Int32 = 0
    while true {
      let remaining = clock.now.duration(to: deadline)
      if remaining <= .zero {
        // The whole group: a shell script's `sleep`, a sendmail's helper.
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = reap(pid, &status, options: 0)
        return ChildResult(termination: .timedOut, output: output)
      }
      if isOpen {
        let seconds = Double(remaining.components.seconds)
          + Double(remaining.components.attoseconds) / 1e18
        let milliseconds = Int32(max(1, min(seconds * 1000, 50)))
        var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, milliseconds) > 0 {
          isOpen = readAvailable(readEnd, into: &output)
        }
      } else {
        // The output is closed: the program is ending; look again in a millisecond.
        _ = poll(nil, 0, 1)
      }
      switch reap(pid, &status, options: WNOHANG) {
      case pid:
        // What it wrote last, unless a descendant still holds the pipe open.
        if isOpen { _ = readAvailable(readEnd, into: &output) }
        let signal = status & 0x7F
        let termination: ChildResult.Termination =
          signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        return ChildResult(termination: termination, output: output)
      case -1:
        // Someone else reaped it (not expected); its status is lost.
        return ChildResult(termination: .signalled(0), output: output)
      default:
        continue
      }
    }
  }

  /// `waitpid`, retried after an interruption.
  private static func reap(_ pid: pid_t, _ status: inout Int32, options: Int32) -> pid_t {
    while true {
      let result = waitpid(pid, &status, options)
      if result < 0 && errno == EINTR { continue }
      return result
    }
  }

  /// Reads what the pipe holds now into `output` (up to the limit); false at its end.
  private static func readAvailable(_ descriptor: Int32, into output: inout [UInt8]) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        let room = max(outputLimit - output.count, 0)
        output += buffer.prefix(min(count, room))
        continue
      }
      if count == 0 { return false }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return true
      default: return false
      }
    }
  }

  // MARK: - Descriptors

  /// A file that holds `bytes`, positioned at its start, close-on-exec: an anonymous
  /// memory file (`memfd_create`) on Linux, else a temporary file unlinked at once.
  private static func inMemoryFile(_ bytes: [UInt8]) -> Result<Int32, ErrorCode> {
    var descriptor: Int32 = -1
    #if os(Linux)
      typealias MemoryFileCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
      if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memfd_create") {
        // MFD_CLOEXEC is 1; Swift does not import the constant.
        descriptor = unsafeBitCast(symbol, to: MemoryFileCreate.self)("helpdesk-ticket", 1)
      }
    #endif
    if descriptor < 0 {
      var template = Array((NSTemporaryDirectory() + "/helpdesk-kiosk.XXXXXX").utf8CString)
      descriptor = template.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.map { mkstemp($0) } ?? -1
      }
      guard descriptor >= 0 else { return .failure(ErrorCode(errno)) }
      template.withUnsafeBufferPointer { buffer in
        if let path = buffer.baseAddress { unlink(path) }
      }
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }
    do {
      try PrivateFiles.writeAll(bytes, to: descriptor, path: "(message for the mail program)")
    } catch {
      let code = errno
      close(descriptor)
      return .failure(ErrorCode(code))
    }
    guard lseek(descriptor, 0, SEEK_SET) == 0 else {
      let code = errno
      close(descriptor)
      return .failure(ErrorCode(code))
    }
    return .success(descriptor)
  }

  /// A pipe whose two ends are close-on-exec (`pipe2` where there is one, so that no other
  /// thread's child can inherit it).
  private static func closeOnExecPipe() -> (read: Int32, write: Int32)? {
    var descriptors: [Int32] = [-1, -1]
    #if os(Linux)
      typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
      if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") {
        let result = descriptors.withUnsafeMutableBufferPointer { buffer in
          buffer.baseAddress.map { unsafeBitCast(symbol, to: Pipe2.self)($0, O_CLOEXEC) } ?? -1
        }
        return result == 0 ? (descriptors[0], descriptors[1]) : nil
      }
    #endif
    guard pipe(&descriptors) == 0 else { return nil }
    for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    return (descriptors[0], descriptors[1])
  }
}
