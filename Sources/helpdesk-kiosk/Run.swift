import ArgumentParser
import Foundation
import KioskConfiguration
import KioskContent
import KioskCore
import KioskLogging
import KioskOutbox
import KioskRender
import KioskTerminal
import Logging

/// `helpdesk-kiosk run`: the kiosk itself.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run the kiosk on this terminal (the default command).")

  @OptionGroup var content: ContentOptions
  @OptionGroup var state: StateOptions

  @Flag(name: .long, help: "Development mode: q quits from any screen and Ctrl-C ends the program.")
  var dev = false

  @Flag(
    name: .long,
    help: "Plain mode for screen readers: no lines or frames, ASCII bullets, the cursor always shown.")
  var plain = false

  @Option(
    name: .customLong("idle-timeout"),
    help: ArgumentHelp(
      "Seconds without a key before the kiosk asks whether anyone is still there, then ends the session (0: never).",
      valueName: "seconds"))
  var idleTimeout: Int?

  @Option(
    name: .customLong("idle-countdown"),
    help: ArgumentHelp("Seconds the \"Are you still there?\" countdown lasts (default 30).", valueName: "seconds"))
  var idleCountdown: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The configuration file (default: \(ConfigurationOptions.defaultPath) when it exists).", valueName: "file"))
  var config: String?

  func validate() throws {
    if let idleTimeout, idleTimeout < 0 { throw ValidationError("--idle-timeout must be 0 or more seconds") }
    if let idleCountdown, idleCountdown < 1 { throw ValidationError("--idle-countdown must be 1 or more seconds") }
  }

  func run() throws {
    // The configuration first: a bad file stops the kiosk before it takes the terminal.
    var settings: Configuration
    do {
      settings = try ConfigurationOptions.load(config)
    } catch let error as ConfigurationError {
      ProgramLog(stateDirectory: state.directory(), level: .info).fail(error.description)
      throw ExitCode(ExitStatus.configuration)
    }
    if let idleTimeout { settings.idleTimeout = idleTimeout }
    if let idleCountdown { settings.idleCountdown = idleCountdown }
    let stateDirectory = state.directory(configured: settings.stateDirectory)
    // The log, before anything worth logging; never on the terminal the kiosk draws on.
    let log = ProgramLog(stateDirectory: stateDirectory, level: settings.logLevel)
    if let problem = log.open(), isatty(STDERR_FILENO) == 0 {
      complain("\(problem); the kiosk runs without a log")
    }
    let logger = log.logger
    let delivery: DeliverySetup
    do {
      delivery = try DeliverySetup(settings, stateDirectory: stateDirectory)
    } catch {
      log.fail(error.description)
      throw ExitCode(ExitStatus.configuration)
    }
    let folder = try content.folder()
    let library: ContentLibrary
    do {
      library = try ContentLibrary(folder: folder, stateDirectory: stateDirectory)
    } catch let error as ContentFolderError {
      log.fail(error.description)
      throw ExitCode(ExitStatus.noInput)
    }
    let cached = library.cachedCatalog()

    let terminal: Terminal
    do {
      terminal = try Terminal(theme: settings.theme)
    } catch let error as TerminalError {
      log.fail(error.description)
      throw ExitCode(ExitStatus.unavailable)
    }
    let identity = settings.identity
    let glyphs = plain || settings.isPlain ? Glyphs.plain : terminal.glyphs
    // What the kiosk keeps for the whole run, made once.
    let kiosk = KioskSettings(
      glyphs: glyphs, isDevelopment: dev, organisation: settings.organisation, identity: identity,
      idleTimeout: settings.idleTimeout, idleWarning: settings.idleCountdown, adminKey: settings.adminKey,
      hasAdminPin: settings.adminPinHash != nil, articleURLTemplate: settings.articleURL,
      ticketsAreSent: delivery.transport.sendsMessages)
    func startingState(_ catalog: Catalog) -> AppState {
      AppState(catalog: catalog, size: terminal.size, settings: kiosk, now: Date())
    }
    let catalog: Catalog
    // A small folder with no index yet shows Home from the files' front matter; the
    // problems of the files are logged as the index is made, after the first frame.
    if let (loaded, problems) = cached ?? library.quickCatalog().map({ ($0, []) }) {
      catalog = loaded
      KioskEffects.log(problems, logger)
    } else {
      // No index yet: read the whole folder, saying so on the screen while it lasts.
      let waiting = startingState(Catalog(categories: [], articles: []))
      terminal.draw(renderPreparing(waiting, done: 0, total: 0))
      var stoppedBy: Int32? = nil
      do {
        let (loaded, problems) = try library.reload(isStarting: true) { done, total in
          terminal.draw(renderPreparing(waiting, done: done, total: total))
          // A signal to end (SIGTERM from systemd, say) is heard while the articles are read;
          // interrupt and quit end only a development session, as in the run loop.
          if let signal = terminal.pendingSignal(), dev || (signal != SIGINT && signal != SIGQUIT) {
            stoppedBy = signal
          }
          return stoppedBy == nil
        }
        catalog = loaded
        KioskEffects.log(problems, logger)
      } catch is RefreshStopped {
        terminal.restore()
        let signal = stoppedBy ?? SIGTERM
        logger.notice(
          "kiosk ended by a signal while reading the articles",
          metadata: ["signal": "\(KioskLoop.name(ofSignal: signal))", "status": "\(128 + signal)"])
        throw ExitCode(128 + signal)
      } catch let error as ContentFolderError {
        terminal.restore()
        log.fail(error.description)
        throw ExitCode(ExitStatus.noInput)
      }
    }
    logger.info(
      "kiosk started",
      metadata: [
        "version": "\(ProgramVersion.current)", "content": "\(folder.path)",
        "articles": "\(catalog.articleCount)",
        "config": "\(ConfigurationOptions.path(config) ?? "none (defaults)")",
        "transport": "\(DeliverySetup.name(settings.transport))", "kiosk_id": "\(settings.identity.id)",
        "mode": "\(dev ? "development" : "kiosk")",
      ])
    if !dev && !delivery.transport.sendsMessages {
      logger.warning(
        "tickets are not being sent: the spool transport writes them to the spool folder, where they wait until something collects it (set transport: sendmail to send them)",
        metadata: ["spool": "\(stateDirectory.appendingPathComponent("spool").path)"])
    }
    let effects = KioskEffects(
      stateDirectory: stateDirectory, library: library, identity: identity, pinHash: settings.adminPinHash,
      delivery: delivery, isDevelopment: dev, logger: logger)
    let loop = KioskLoop(terminal: terminal, effects: effects, clock: SystemClock(), logger: logger)
    let status = loop.run(startingState(catalog))
    terminal.restore()
    if status != 0 { throw ExitCode(status) }
  }
}

/// Where the configuration comes from.
enum ConfigurationOptions {
  static let defaultPath = "/etc/helpdesk-kiosk/config.yaml"

  /// The named file (which must exist), else the default file when there is one, else
  /// the built-in defaults.
  static func load(_ path: String?) throws -> Configuration {
    guard let file = self.path(path) else { return Configuration() }
    return try Configuration.load(from: URL(fileURLWithPath: file))
  }

  /// The file `load` reads: the named one, else the default one when it exists.
  static func path(_ path: String?) -> String? {
    if let path { return path }
    return FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil
  }
}

/// The `--state-dir` option: where the outbox database and the spool live.
struct StateOptions: ParsableArguments {
  @Option(
    name: .customLong("state-dir"),
    help: ArgumentHelp(
      "The folder for the outbox database and the spool "
        + "(default: the configuration's state_dir, else $XDG_STATE_HOME/helpdesk-kiosk).",
      valueName: "dir"))
  var stateDirectory: String?

  /// The folder given by the flag, else the configuration's, else the XDG default.
  func directory(configured: String? = nil) -> URL {
    if let stateDirectory { return URL(fileURLWithPath: stateDirectory) }
    if let configured { return URL(fileURLWithPath: configured) }
    let environment = ProcessInfo.processInfo.environment
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return URL(fileURLWithPath: state).appendingPathComponent("helpdesk-kiosk")
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return URL(fileURLWithPath: home).appendingPathComponent(".local/state/helpdesk-kiosk")
  }
}

extension Run {
  /// The kiosk's own command line, read without the parser's command tree: `run` or
  /// nothing (it is the default command), then each of Run's options at most once, as
  /// `--name value` or `--name=value`, with a value that does not start with `-`, and
  /// numbers within their limits. Nil for anything else (help, another command, a
  /// repeated option, a mistake), which the whole parser then reads, so its answer,
  /// message and exit status stay the only ones.
  ///
  /// The tree builds a parser for every command, by reflection and run-time lookups of
  /// conformances: 28 million instructions before the first frame (callgrind), which the
  /// kiosk does not need; the first frame came 3 ms later with them (`scripts/bench-start.py`:
  /// 11.0 against 8.1 ms). The service starts the kiosk as `run --config FILE --state-dir DIR`.
  ///
  /// Every option of `Run` must be set here, or reading it fails: a new option needs a
  /// line here too (`RunCommandLineTests` compares the two lists).
  static func commandLine(_ arguments: [String]) -> Run? {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var index = arguments.first == Run.configuration.commandName ? 1 : 0
    while index < arguments.endIndex {
      let argument = arguments[index]
      index += 1
      if argument == "--dev" || argument == "--plain" {
        guard flags.insert(argument).inserted else { return nil }
        continue
      }
      let name: String
      let value: String
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      } else {
        guard index < arguments.endIndex else { return nil }
        name = argument
        value = arguments[index]
        index += 1
      }
      guard Self.valueOptions.contains(name), !value.isEmpty, !value.hasPrefix("-"), values[name] == nil else {
        return nil
      }
      values[name] = value
    }
    var idleTimeout: Int? = nil
    var idleCountdown: Int? = nil
    if let text = values["--idle-timeout"] {
      guard let seconds = Int(text) else { return nil }
      idleTimeout = seconds
    }
    if let text = values["--idle-countdown"] {
      guard let seconds = Int(text) else { return nil }
      idleCountdown = seconds
    }
    var content = ContentOptions()
    content.content = values["--content"]
    var state = StateOptions()
    state.stateDirectory = values["--state-dir"]
    var run = Run()
    run.content = content
    run.state = state
    run.dev = flags.contains("--dev")
    run.plain = flags.contains("--plain")
    run.idleTimeout = idleTimeout
    run.idleCountdown = idleCountdown
    run.config = values["--config"]
    // The command's own checks, so that they stay in one place.
    guard (try? run.validate()) != nil else { return nil }
    return run
  }

  /// The options of `run` that take a value.
  private static let valueOptions: Set<String> = [
    "--content", "--state-dir", "--config", "--idle-timeout", "--idle-countdown",
  ]
}
