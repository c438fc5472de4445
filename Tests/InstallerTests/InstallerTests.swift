import Foundation
import KioskTestSupport
import Testing

/// `scripts/install` and `scripts/uninstall` run into a throwaway root (`--destdir`) with
/// the built program (`--binary`): the files they lay down, their modes (and owners, as
/// root), what a second run keeps, and what uninstalling leaves.
@Suite("Installer", .timeLimit(.minutes(2)))
struct InstallerTests {
  private let shippedContent = packageRoot.appendingPathComponent("Resources/content")
  private let example = packageRoot.appendingPathComponent("Resources/config.example.yaml")

  /// Every file the installer lays down, with its mode.
  private var expectedFiles: [String: Int] {
    var files = [
      "usr/local/bin/helpdesk-kiosk": 0o755,
      "usr/lib/debug/usr/local/bin/helpdesk-kiosk.debug": 0o644,
      "usr/local/share/helpdesk-kiosk/config.example.yaml": 0o644,
      "usr/local/share/helpdesk-kiosk/README.md": 0o644,
      "usr/local/share/man/man1/helpdesk-kiosk.1": 0o644,
      "etc/helpdesk-kiosk/config.yaml": 0o640,
    ]
    for name in ThrowawayRoot.unitNames { files["usr/local/lib/systemd/system/\(name)"] = 0o644 }
    for name in ThrowawayRoot.files(in: shippedContent) {
      files["usr/local/share/helpdesk-kiosk/content/\(name)"] = 0o644
    }
    for name in ThrowawayRoot.files(in: packageRoot.appendingPathComponent("docs")) {
      files["usr/local/share/helpdesk-kiosk/docs/\(name)"] = 0o644
    }
    return files
  }

  @Test("install lays down the program, content, configuration, state folder and units, with their modes")
  func layout() throws {
    let root = try ThrowawayRoot()
    let result = try root.install()
    #expect(result.status == 0, "\(result)")

    #expect(root.files() == Set(expectedFiles.keys), "nothing more, nothing less (no temporary file left)")
    for (file, mode) in expectedFiles.sorted(by: { $0.key < $1.key }) {
      #expect(try root.mode(file) == mode, "\(file)")
    }
    for folder in [
      "usr/local/bin", "usr/local/share/helpdesk-kiosk", "usr/local/share/helpdesk-kiosk/content",
      "etc/helpdesk-kiosk", "usr/local/lib/systemd/system",
    ] {
      #expect(try root.mode(folder) == 0o755, "\(folder)")
    }
    #expect(try root.mode("var/lib/helpdesk-kiosk") == 0o700)
    #expect(root.files(under: "var/lib/helpdesk-kiosk").isEmpty)

    // The program without its symbols, which are in the debug file it names; the content
    // byte for byte.
    let size = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
    #expect(size(root.program) < size(try Runner.builtProgram()))
    let debugFile = root.file("usr/lib/debug/usr/local/bin/helpdesk-kiosk.debug")
    #expect(size(debugFile) > 0)
    // (The section's text is read as headers only: its checksum bytes are not UTF-8.)
    let link = try Runner.run("/usr/bin/readelf", ["--section-headers", root.program])
    #expect(link.stdout.contains(".gnu_debuglink"), "\(link)")
    #expect(!link.stdout.contains(".symtab"), "the installed program has no symbol table")
    let symbols = try Runner.run("/usr/bin/readelf", ["--section-headers", debugFile])
    #expect(symbols.stdout.contains(".symtab"), "the debug file keeps the symbols")
    for name in ThrowawayRoot.files(in: shippedContent) {
      #expect(
        FileManager.default.contentsEqual(
          atPath: root.file("usr/local/share/helpdesk-kiosk/content/\(name)"),
          andPath: shippedContent.appendingPathComponent(name).path), "\(name)")
    }
    #expect(try root.text("usr/local/share/helpdesk-kiosk/config.example.yaml") == String(contentsOf: example, encoding: .utf8))
  }

  @Test("the configuration is the example with the installed state folder set, and the kiosk accepts it")
  func configuration() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let installed = try root.text("etc/helpdesk-kiosk/config.yaml").components(separatedBy: "\n")
    let original = try String(contentsOf: example, encoding: .utf8).components(separatedBy: "\n")
    #expect(installed.count == original.count)
    let changed = zip(original, installed).filter { $0 != $1 }
    #expect(changed.count == 1)
    #expect(changed.first?.0.hasPrefix("# state_dir: /var/lib/helpdesk-kiosk ") == true)
    #expect(changed.first?.1.hasPrefix("state_dir: /var/lib/helpdesk-kiosk ") == true)

    // `stats` reads the configuration (exit 78 if it has a problem) and finds no outbox.
    let stats = try Runner.run(root.program, ["stats", "--config", root.config, "--state-dir", root.file("none")])
    #expect(stats.status == 0, "\(stats)")
  }

  @Test("the installed program finds the installed content, wherever the root is")
  func installedProgramFindsItsContent() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let articles = ThrowawayRoot.files(in: shippedContent).filter { $0.hasSuffix(".md") }.count
    let clean = try Runner.run(root.program, ["check"])
    #expect(clean.status == 0, "\(clean)")
    #expect(clean.stderr == "\(articles) articles loaded, 0 problems\n")

    // A broken article put only into the installed content is reported: the program
    // reads that folder, not the checkout it was built in.
    let broken = root.file("usr/local/share/helpdesk-kiosk/content/broken.md")
    try "no front matter\n".write(toFile: broken, atomically: true, encoding: .utf8)
    let problem = try Runner.run(root.program, ["check"])
    #expect(problem.status == 1)
    #expect(problem.stdout.hasPrefix("broken.md:1: missing front matter"), "\(problem)")
  }

  @Test("an operator's configuration is never overwritten")
  func keepsConfiguration() throws {
    let root = try ThrowawayRoot()
    let mine = "kiosk_id: library-2\nlocation: Library, level 2\n"
    try FileManager.default.createDirectory(atPath: root.file("etc/helpdesk-kiosk"), withIntermediateDirectories: true)
    try mine.write(toFile: root.config, atomically: true, encoding: .utf8)
    chmod(root.config, 0o600)
    let result = try root.install()
    #expect(result.status == 0, "\(result)")
    #expect(try root.text("etc/helpdesk-kiosk/config.yaml") == mine)
    #expect(try root.mode("etc/helpdesk-kiosk/config.yaml") == 0o600)
    #expect(result.stdout.contains("kept \(root.config) as it is"), "\(result)")
  }

  @Test("a configuration the kiosk cannot use is kept, named, and fails the install with 78")
  func reportsBadConfiguration() throws {
    let root = try ThrowawayRoot()
    try FileManager.default.createDirectory(atPath: root.file("etc/helpdesk-kiosk"), withIntermediateDirectories: true)
    try "kiosk_id: library-2\nidle_timeout: soon\n".write(toFile: root.config, atomically: true, encoding: .utf8)
    let result = try root.install()
    #expect(result.status == 78, "\(result)")
    #expect(result.stderr.contains("\(root.config):2: 'idle_timeout' must be a whole number"), "\(result)")
    #expect(root.exists("usr/local/bin/helpdesk-kiosk"))
  }

  @Test("a sendmail program that is not there fails the install with 78, naming its line")
  func reportsMissingMailProgram() throws {
    let root = try ThrowawayRoot()
    try FileManager.default.createDirectory(atPath: root.file("etc/helpdesk-kiosk"), withIntermediateDirectories: true)
    try "transport: sendmail\nsender: kiosk@example.org\nsendmail:\n  program: /usr/bin/no-such-msmtp\n".write(
      toFile: root.config, atomically: true, encoding: .utf8)
    let result = try root.install()
    #expect(result.status == 78, "\(result)")
    #expect(result.stderr.contains("\(root.config):4: sendmail.program: /usr/bin/no-such-msmtp is not an executable file"), "\(result)")
  }

  @Test("installing again upgrades the program and content, and keeps the configuration and the state")
  func installTwice() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let edited = try root.text("etc/helpdesk-kiosk/config.yaml") + "# edited by the operator\n"
    try edited.write(toFile: root.config, atomically: true, encoding: .utf8)
    try "queued".write(toFile: root.file("var/lib/helpdesk-kiosk/outbox.sqlite"), atomically: true, encoding: .utf8)
    try "gone upstream".write(
      toFile: root.file("usr/local/share/helpdesk-kiosk/content/old-article.md"), atomically: true, encoding: .utf8)
    // A newer build: the same program with a byte more, which still runs.
    let newer = root.file("newer-helpdesk-kiosk")
    var bytes = try Data(contentsOf: URL(fileURLWithPath: try Runner.builtProgram()))
    bytes.append(0)
    try bytes.write(to: URL(fileURLWithPath: newer))
    chmod(newer, 0o755)

    let inode = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int) ?? 0 }
    let before = inode(root.program)
    let again = try root.install(binary: newer)
    #expect(again.status == 0, "\(again)")
    // The program was put in place anew (stripped, a byte past its sections is gone again).
    #expect(inode(root.program) != before)
    #expect(again.stdout.contains("installed \(root.program)"), "\(again)")
    #expect(!root.exists("usr/local/share/helpdesk-kiosk/content/old-article.md"))
    #expect(try root.text("etc/helpdesk-kiosk/config.yaml") == edited)
    #expect(try root.text("var/lib/helpdesk-kiosk/outbox.sqlite") == "queued")
    #expect(try root.mode("var/lib/helpdesk-kiosk") == 0o700)
    #expect(
      root.files().subtracting(["newer-helpdesk-kiosk", "var/lib/helpdesk-kiosk/outbox.sqlite"])
        == Set(expectedFiles.keys))
  }

  @Test("uninstall removes what install laid down and keeps the configuration and state; --purge removes them")
  func uninstall() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    try "queued".write(toFile: root.file("var/lib/helpdesk-kiosk/outbox.sqlite"), atomically: true, encoding: .utf8)
    let result = try root.uninstall()
    #expect(result.status == 0, "\(result)")
    #expect(root.files() == ["etc/helpdesk-kiosk/config.yaml", "var/lib/helpdesk-kiosk/outbox.sqlite"])
    #expect(!root.exists("usr/local/share/helpdesk-kiosk"))
    #expect(result.stdout.contains("kept \(root.file("var/lib/helpdesk-kiosk")) (the outbox)"), "\(result)")

    let purge = try root.uninstall("--purge")
    #expect(purge.status == 0, "\(purge)")
    #expect(root.files().isEmpty)
    #expect(!root.exists("etc/helpdesk-kiosk") && !root.exists("var/lib/helpdesk-kiosk"))
  }

  @Test("a bad argument, a missing program or a bad user name: the installer says so and lays nothing down")
  func refusals() throws {
    let unknown = try Runner.run(packageRoot.appendingPathComponent("scripts/install").path, ["--frobnicate"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.hasPrefix("install: unknown argument '--frobnicate'\nUsage: scripts/install"))
    let missing = try ThrowawayRoot()
    let noProgram = try missing.install(binary: missing.file("no-such-program"))
    #expect(noProgram.status == 66)
    #expect(missing.files().isEmpty)
    let user = try missing.install("--user", "Bad User")
    #expect(user.status == 64)
    #expect(user.stderr == "install: 'Bad User' is not a user name\n")
  }

  @Test("relative --destdir and --binary are taken from the folder it is run in")
  func relativePaths() throws {
    let root = try ThrowawayRoot()
    try FileManager.default.copyItem(atPath: try Runner.builtProgram(), toPath: root.file("built"))
    let result = try Runner.run(
      "/bin/sh", ["-c", "cd \"$1\" && \"$0\" --destdir into --binary built", packageRoot.appendingPathComponent("scripts/install").path, root.path])
    #expect(result.status == 0, "\(result)")
    #expect(root.exists("into/usr/local/bin/helpdesk-kiosk"))
    #expect(root.exists("into/usr/lib/debug/usr/local/bin/helpdesk-kiosk.debug"), "the binary given was the one stripped")
  }

  @Test(
    "as root: the program and its files are root's, the configuration root:GROUP 0640, the state the kiosk user's",
    .enabled(if: isRoot, "only root can give files to another user"),
    .enabled(if: StandInUser.exists, "needs the base system's user '\(StandInUser.name)' to install for"))
  func owners() throws {
    let root = try ThrowawayRoot()
    let user = StandInUser.name
    let result = try root.install("--user", user)
    #expect(result.status == 0, "\(result)")
    for file in expectedFiles.keys.sorted() where file != "etc/helpdesk-kiosk/config.yaml" {
      #expect(try root.owners(file) == "root:root", "\(file)")
    }
    #expect(try root.owners("etc/helpdesk-kiosk") == "root:root")
    #expect(try root.owners("etc/helpdesk-kiosk/config.yaml") == "root:\(user)")
    #expect(try root.owners("var/lib/helpdesk-kiosk") == "\(user):\(user)")
    for name in ["helpdesk-kiosk.service", "helpdesk-kiosk-deliver.service"] {
      let unit = try root.text("usr/local/lib/systemd/system/\(name)")
      #expect(unit.contains("\nUser=\(user)\n") && !unit.contains("User=kiosk"), "\(name)")
    }

    // A file root left in the state folder is handed to the kiosk user by the next install.
    try "x".write(toFile: root.file("var/lib/helpdesk-kiosk/outbox.sqlite-wal"), atomically: true, encoding: .utf8)
    #expect(try root.install("--user", user).status == 0)
    #expect(try root.owners("var/lib/helpdesk-kiosk/outbox.sqlite-wal") == "\(user):\(user)")

    // The kiosk user can read the configuration, and still can once root has set a PIN.
    #expect(try asUser(user, root.program, "stats", "--config", root.config, "--state-dir", root.file("none")).status == 0)
    let pin = try Runner.run(
      "/bin/sh", ["-c", "printf '2468\\n2468\\n' | \"$0\" admin set-pin --config \"$1\"", root.program, root.config])
    #expect(pin.status == 0, "\(pin)")
    #expect(try root.text("etc/helpdesk-kiosk/config.yaml").contains("\nadmin_pin_hash: '$y$"))
    #expect(try root.owners("etc/helpdesk-kiosk/config.yaml") == "root:\(user)")
    #expect(try root.mode("etc/helpdesk-kiosk/config.yaml") == 0o640)
    let read = try asUser(user, root.program, "stats", "--config", root.config, "--state-dir", root.file("none"))
    #expect(read.status == 0, "\(read)")
  }

  /// Runs a program as another user (root only).
  private func asUser(_ user: String, _ program: String, _ arguments: String...) throws -> RunResult {
    try Runner.run("/usr/sbin/runuser", ["-u", user, "--", program] + arguments)
  }
}
