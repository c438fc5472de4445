import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Starts programs for tests with a clean process state.
///
/// The test runner's threads block signals, and a child started with `Process` inherits
/// that mask: a server started so never sees the SIGTERM that stops it, and a program in a
/// terminal never sees SIGWINCH. So children start with `posix_spawn`, an empty signal mask
/// and default signal actions, stdin from /dev/null, output in files (a pipe would be held
/// open by anything the child forks), and nothing else of the runner's open.
public enum CleanSpawn {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Starts `path` with `arguments` (the first is the program's name) and returns its pid.
  /// Standard output goes to `output`, standard error to `errors` (the same file when they
  /// are the same path).
  public static func start(
    _ path: String, _ arguments: [String], environment: [String], output: String, errors: String
  ) throws -> pid_t {
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
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if errors == output {
      posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    }
    #if os(Linux)
      // Nothing of the test runner's (its pipes to `swift test`) leaks into the child.
      // (glibc 2.34 and later; Swift does not import it, so it is looked up.)
      if let closeFrom = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
      }
    #endif

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    var result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    // A program copied just now is "busy" while a child forked meanwhile, by another test,
    // still holds the copy's descriptor open for writing (until that child calls exec):
    // tried again for up to 2 seconds.
    for _ in 0..<200 where result == ETXTBSY {
      usleep(10_000)
      result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    }
    guard result == 0 else {
      throw Failure(description: "cannot start \(path): \(String(cString: strerror(result)))")
    }
    return pid
  }

  /// Waits for a child to end; its exit status, or 128 plus the signal that ended it.
  public static func wait(_ pid: pid_t) throws -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else {
        throw Failure(description: "waitpid for \(pid) failed: \(String(cString: strerror(errno)))")
      }
    }
    // WIFEXITED / WEXITSTATUS, which Swift does not import.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }
}
