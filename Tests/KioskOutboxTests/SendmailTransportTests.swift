import Foundation
import KioskCore
import Testing

@testable import KioskOutbox

#if canImport(Glibc)
  import Glibc
#endif

/// The sendmail transport with small shell scripts standing in for msmtp: what the program
/// gets (command line, input, environment, descriptors, signals) and what its answers mean.
@Suite("Sendmail transport")
struct SendmailTransportTests {
  /// A folder with a script `mail` that runs `body` under /bin/sh.
  struct FakeProgram {
    let folder: URL
    var path: String { folder.appendingPathComponent("mail").path }

    init(_ body: String) throws {
      folder = try Samples.temporaryFolder()
      let script = "#!/bin/sh\nhere=\"$(dirname \"$0\")\"\n\(body)\n"
      try script.write(toFile: folder.appendingPathComponent("mail").path, atomically: true, encoding: .utf8)
      chmod(path, 0o755)
    }

    func transport(timeLimit: TimeInterval = 10, arguments: [String] = ["-C", "/etc/kiosk msmtprc"]) throws
      -> SendmailTransport
    {
      try SendmailTransport(
        program: path, arguments: arguments, sender: "kiosk@netlumait.com.au",
        recipient: "helpdesk@netlumait.com.au", timeLimit: timeLimit)
    }

    func read(_ name: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
  }

  /// The failure `deliver` throws, or nil when it returns.
  func failure(_ transport: SendmailTransport, _ message: [UInt8] = Array("Hi\r\n".utf8)) -> TransportFailure? {
    do {
      try transport.deliver(reference: "NLM-2345-67", message: message)
      return nil
    } catch let failure as TransportFailure {
      return failure
    } catch {
      return TransportFailure(.permanent, "unexpected \(error)")
    }
  }

  @Test("The program gets fixed arguments, the message on stdin, a clean environment and nothing else open")
  func whatTheProgramGets() throws {
    let program = try FakeProgram(
      """
      for argument in "$@"; do printf '%s\\n' "$argument"; done > "$here/argv"
      cat > "$here/stdin"
      env | sort > "$here/env"
      for fd in /proc/$$/fd/*; do readlink "$fd"; done > "$here/fds"
      # Read by the shell itself: a child (grep) would catch the shell masking signals
      # around its fork, not the mask the program was started with.
      while read -r line; do
        case "$line" in SigBlk:*|SigIgn:*) printf '%s\\n' "$line" ;; esac
      done < /proc/$$/status > "$here/signals"
      cut -d' ' -f5 /proc/$$/stat > "$here/group"
      echo $$ > "$here/pid"
      """)
    defer { program.remove() }
    // Open files that a careless spawn would pass on: the outbox, and a descriptor opened
    // without close-on-exec.
    let outbox = try Outbox(stateDirectory: program.folder.appendingPathComponent("state"))
    _ = try outbox.submit(Samples.ticket(), identity: Samples.identity)
    let canary = program.folder.appendingPathComponent("canary").path
    let leaky = open(canary, O_RDWR | O_CREAT, 0o600)
    defer { close(leaky) }

    let message = Samples.message(Samples.ticket(description: "line\n.\nname --x -t\nend"))
    #expect(failure(try program.transport(), message) == nil)

    #expect(
      try program.read("argv")
        == "-C\n/etc/kiosk msmtprc\n-f\nkiosk@netlumait.com.au\n-i\n--\nhelpdesk@netlumait.com.au\n")
    #expect(Array(try program.read("stdin").utf8) == message)
    let environment = try program.read("env").split(separator: "\n").map(String.init)
      .filter { !$0.hasPrefix("PWD=") && !$0.hasPrefix("OLDPWD=") && !$0.hasPrefix("SHLVL=") && !$0.hasPrefix("_=") }
    let home = ProcessInfo.processInfo.environment["HOME"].map { ["HOME=\($0)"] } ?? []
    #expect(environment == (home + ["LC_ALL=C", "PATH=\(SendmailTransport.searchPath)"]).sorted())
    let descriptors = try program.read("fds")
    // The listing names the file it is written to: it was read whole.
    #expect(descriptors.split(separator: "\n").contains { $0.hasSuffix("/fds") }, "\(descriptors)")
    #expect(!descriptors.contains("canary"))
    #expect(!descriptors.contains("outbox.sqlite"))
    #expect(!descriptors.contains("socket:"))
    #expect(try program.read("signals").contains("SigBlk:\t0000000000000000"))
    #expect(try program.read("group").trimmingCharacters(in: .whitespacesAndNewlines)
      == program.read("pid").trimmingCharacters(in: .whitespacesAndNewlines))
  }

  @Test("Exit 75 and a 4xx reply are temporary; a 5xx reply, EX_NOUSER and EX_DATAERR are permanent")
  func exitStatuses() throws {
    let cases: [(String, TransportFailure.Kind?, String)] = [
      ("exit 0", nil, ""),
      ("echo 'msmtp: cannot connect to 127.0.0.1, port 2525: Connection refused' >&2; exit 75", .temporary,
       "mail exited with status 75 (EX_TEMPFAIL): msmtp: cannot connect to 127.0.0.1, port 2525: Connection refused"),
      ("echo 'msmtp: server message: 451 4.3.0 Try later' >&2; exit 69", .temporary,
       "mail exited with status 69 (EX_UNAVAILABLE): msmtp: server message: 451 4.3.0 Try later"),
      ("echo 'msmtp: server message: 421 4.3.2 Shutting down' >&2; exit 69", .temporary, "421 4.3.2"),
      ("echo 'msmtp: server message: 550 5.1.1 No such user' >&2; exit 65", .permanent, "550 5.1.1 No such user"),
      ("echo 'msmtp: server message: 554 5.6.0 Rejected' >&2; exit 69", .permanent, "554 5.6.0"),
      ("exit 67", .permanent, "status 67 (EX_NOUSER)"),
      ("exit 65", .permanent, "status 65 (EX_DATAERR)"),
      ("echo 'msmtp: /etc/kiosk msmtprc: No such file or directory' >&2; exit 78", .temporary, "EX_CONFIG"),
      ("kill -SEGV $$", .temporary, "mail was ended by signal 11"),
    ]
    for (body, kind, reason) in cases {
      let program = try FakeProgram(body)
      defer { program.remove() }
      let result = failure(try program.transport())
      #expect(result?.kind == kind, "\(body)")
      #expect(result?.reason.contains(reason) ?? reason.isEmpty, "\(body): \(result?.reason ?? "delivered")")
    }
  }

  @Test("A program that hangs is stopped at the time limit with what it started; the failure is temporary")
  func timeLimit() throws {
    let program = try FakeProgram(
      """
      echo 'connecting…'
      sleep 30 &
      echo $! > "$here/child"
      wait
      """)
    defer { program.remove() }
    let clock = ContinuousClock()
    let start = clock.now
    let result = failure(try program.transport(timeLimit: 0.5))
    #expect(start.duration(to: clock.now) < .seconds(5))
    #expect(result?.kind == .temporary)
    #expect(result?.reason == "mail did not finish within 0.5 s and was stopped: connecting…")
    // The `sleep` it left behind went with it (the whole process group is killed).
    let child = try #require(pid_t(try program.read("child").trimmingCharacters(in: .whitespacesAndNewlines)))
    var isGone = false
    for _ in 0..<100 where !isGone {
      isGone = DeliveryLease.startTime(child) == nil
      if !isGone { Thread.sleep(forTimeInterval: 0.01) }
    }
    #expect(isGone)
  }

  @Test("A program that cannot start is a temporary failure; its output is cleaned and bounded")
  func oddPrograms() throws {
    let missing = try SendmailTransport(
      program: "/nonexistent/msmtp", sender: "kiosk@netlumait.com.au", recipient: "helpdesk@netlumait.com.au")
    let result = failure(missing)
    #expect(result?.kind == .temporary)
    #expect(result?.reason == "cannot run /nonexistent/msmtp: No such file or directory")

    let noisy = try FakeProgram(
      """
      printf 'msmtp: server message: 550 \\033]0;owned\\007bad\\033[2Jthing\\r\\n'
      head -c 200000 /dev/zero | tr '\\0' 'x'
      exit 69
      """)
    defer { noisy.remove() }
    let loud = failure(try noisy.transport())
    #expect(loud?.kind == .permanent)
    #expect(loud?.reason.hasPrefix("mail exited with status 69 (EX_UNAVAILABLE): msmtp: server message: 550 badthing | xxx") == true)
    #expect(loud?.reason.count == SendmailTransport.maximumReasonLength)
    #expect(loud?.reason.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } == true)
  }

  @Test("Settings that could let a message choose its recipients are refused")
  func refusedSettings() {
    func refuses(program: String = "/usr/bin/msmtp", arguments: [String] = [], sender: String = "k@example.org",
                 recipient: String = "h@example.org") -> Bool {
      (try? SendmailTransport(program: program, arguments: arguments, sender: sender, recipient: recipient)) == nil
    }
    #expect(!refuses())
    #expect(!refuses(arguments: ["-C", "/etc/t", "--tls=on", "-Ct"]))
    #expect(refuses(program: "msmtp"))
    for arguments in [["-t"], ["-it"], ["-ti"], ["--read-recipients"], ["--"], ["-C", "a\nb"]] {
      #expect(refuses(arguments: arguments), "\(arguments)")
    }
    #expect(refuses(recipient: "-oQ/tmp@example.org"))
    #expect(refuses(recipient: "Help Desk <h@example.org>"))
    #expect(refuses(sender: "nobody"))
  }

  @Test("The reply code is read from msmtp's 'server message' line, else from any line")
  func replyCodes() {
    #expect(SendmailTransport.replyCode(in: "msmtp: cannot connect to 127.0.0.1, port 45689: refused") == nil)
    #expect(SendmailTransport.replyCode(in: "a | msmtp: server message: 451 4.3.0 later | c") == 451)
    #expect(SendmailTransport.replyCode(in: "550-5.1.1 first | 550 5.1.1 second") == 550)
    #expect(SendmailTransport.replyCode(in: "x 250 ok | msmtp: server message: 421 bye") == 421)
  }
}
