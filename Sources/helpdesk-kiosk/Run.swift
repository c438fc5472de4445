import ArgumentParser
import Foundation
import KioskConfiguration
import KioskContent
import KioskCore
import KioskLogging
import KioskOutbox
import KioskQR
import KioskRender
import KioskSecurity
import KioskTerminal
import Logging

/// `helpdesk-kiosk run`: the kiosk itself.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
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
    func startingState(_ catalog: Catalog) -> AppState {
      var state = AppState(
        catalog: catalog, size: terminal.size, glyphs: glyphs, isDevelopment: dev,
        organisation: settings.organisation, identity: identity, idleTimeout: settings.idleTimeout,
        idleWarning: settings.idleCountdown, adminKey: settings.adminKey, hasAdminPin: settings.adminPinHash != nil,
        articleURLTemplate: settings.articleURL, now: Date())
      state.ticketsAreSent = delivery.transport.sendsMessages
      return state
    }
    let catalog: Catalog
    if let (loaded, problems) = cached {
      catalog = loaded
      KioskLoop.log(problems, logger)
    } else {
      // No index yet: read the whole folder, saying so on the screen while it lasts.
      let waiting = startingState(Catalog(categories: [], articles: []))
      terminal.draw(renderPreparing(waiting, done: 0, total: 0))
      var stoppedBy: Int32? = nil
      do {
        let (loaded, problems) = try library.reload { done, total in
          terminal.draw(renderPreparing(waiting, done: done, total: total))
          // A signal to end (SIGTERM from systemd, say) is heard while the articles are read;
          // interrupt and quit end only a development session, as in the run loop.
          if let signal = terminal.pendingSignal(), dev || (signal != SIGINT && signal != SIGQUIT) {
            stoppedBy = signal
          }
          return stoppedBy == nil
        }
        catalog = loaded
        KioskLoop.log(problems, logger)
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
    StartTime.record(in: stateDirectory, logger: logger)
    let loop = KioskLoop(
      terminal: terminal, stateDirectory: stateDirectory, library: library, identity: identity,
      pinHash: settings.adminPinHash, delivery: delivery, isDevelopment: dev, logger: logger)
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

/// Feeds the terminal's events through `update`, carries out the effects, and draws each
/// new state.
final class KioskLoop {
  private let terminal: Terminal
  private let stateDirectory: URL
  private let library: ContentLibrary
  private let identity: KioskIdentity
  /// The operator's PIN hash; nil when none is set.
  private let pinHash: String?
  /// The configured transport, retry policy and retention.
  private let delivery: DeliverySetup
  /// A development run (`--dev`): the spool is expected there, not warned about.
  private let isDevelopment: Bool
  private var outbox: Outbox?
  private var deliverer: BackgroundDeliverer?
  private var timers: [TimerID: Date] = [:]
  /// Searches away from the keys.
  private let searcher: SearchWorker
  /// Events an effect produced beyond its one answer.
  private var pending: [Event] = []
  /// Start-up, admin actions, sessions ended and tickets (by reference only).
  private let logger: Logger

  init(
    terminal: Terminal, stateDirectory: URL, library: ContentLibrary, identity: KioskIdentity, pinHash: String?,
    delivery: DeliverySetup, isDevelopment: Bool, logger: Logger
  ) {
    self.terminal = terminal
    self.logger = logger
    self.delivery = delivery
    self.isDevelopment = isDevelopment
    self.stateDirectory = stateDirectory
    self.library = library
    self.identity = identity
    self.pinHash = pinHash
    searcher = SearchWorker(search: library.search, prepare: library.prepareSearch)
  }

  /// Runs until an effect or a signal ends it; returns the exit status.
  func run(_ initial: AppState) -> Int32 {
    var state = update(initial, .resize(terminal.size)).0
    terminal.draw(render(state))
    // The database opens after the first frame, so that nothing slows the start; so does
    // the check of the content folder for files changed since the index was made.
    openOutbox()
    if let (catalog, problems) = library.refreshedCatalog() {
      logger.info("content changed since the index was made", metadata: ["articles": "\(catalog.articleCount)"])
      Self.log(problems, logger)
      state = update(state, .catalogRefreshed(catalog)).0
      terminal.draw(render(state))
    }
    searcher.warm()
    defer {
      deliverer?.stop()
      searcher.stop()
    }
    while true {
      var events: [Event] = []
      switch terminal.nextInput(timeout: timeoutMilliseconds(), wake: searcher.descriptor) {
      case .event(let event):
        events.append(event)
      case .wake:
        events += searcher.take().map { .searchResults(withSuggestions($0)) }
      case .signal(let signal):
        // Interrupt and quit signals end only a development session.
        if (signal == SIGINT || signal == SIGQUIT) && !state.isDevelopment {
          logger.debug("signal ignored in kiosk mode", metadata: ["signal": "\(Self.name(ofSignal: signal))"])
          continue
        }
        logger.notice(
          "kiosk ended by a signal", metadata: ["signal": "\(Self.name(ofSignal: signal))", "status": "\(128 + signal)"])
        return 128 + signal
      case .timeout:
        break
      }
      events += dueTimers()
      while !events.isEmpty {
        state.now = Date()
        let event = events.removeFirst()
        let (next, effects) = update(state, event)
        state = next
        if event == .timer(.idleTick) && effects.contains(.wipeScreen) {
          logger.info("session ended after the idle time; what the person did is forgotten")
        }
        // Draw before slow work, so that "Saving your ticket…" shows while it is done.
        if effects.contains(where: \.isSlow) { terminal.draw(render(state)) }
        for effect in effects {
          if case .quit(let status) = effect {
            logger.notice(
              state.isDevelopment ? "kiosk quit (development mode)" : "admin: exit kiosk",
              metadata: ["status": "\(status)"])
            return status
          }
          if let result = perform(effect) { events.append(result) }
          events += pending
          pending = []
        }
      }
      terminal.draw(render(state))
    }
  }

  private func openOutbox() {
    do {
      let outbox = try Outbox(stateDirectory: stateDirectory, logger: logger)
      self.outbox = outbox
      deliverer = BackgroundDeliverer(deliverer: delivery.deliverer(for: outbox))
    } catch {
      outbox = nil
      logger.error("the outbox cannot be opened", metadata: ["folder": "\(stateDirectory.path)", "error": "\(error)"])
    }
  }

  /// Carries out one effect; returns the event that reports its result, if any.
  private func perform(_ effect: Effect) -> Event? {
    switch effect {
    case .quit:
      return nil
    case .recordVote(let articleID, let helpful):
      try? outbox?.recordVote(articleID: articleID, helpful: helpful, at: Date())
      return nil
    case .recordView(let articleID):
      try? outbox?.recordView(articleID: articleID, at: Date())
      return nil
    case .submitTicket(let content):
      if outbox == nil { openOutbox() }
      guard let outbox else {
        return .ticketFailed(reason: unsaved("the outbox could not be opened"))
      }
      do {
        let submitted = try outbox.submit(content, identity: identity)
        deliverer?.wake()
        return .ticketSaved(reference: submitted.reference)
      } catch {
        logger.error("a ticket could not be saved", metadata: ["error": "\(error)"])
        return .ticketFailed(reason: unsaved(String(describing: error)))
      }
    case .startTimer(let id, let seconds):
      if id == .pinUnlock {
        logger.warning("admin: PIN prompt locked after too many wrong PINs", metadata: ["seconds": "\(seconds)"])
      }
      timers[id] = Date().addingTimeInterval(TimeInterval(seconds))
      return nil
    case .wipeScreen:
      terminal.wipe()
      return nil
    case .checkPin(let pin):
      let isCorrect = pinHash.map { AdminPin.verify(pin, against: $0) } ?? false
      if isCorrect {
        logger.notice("admin: PIN accepted")
      } else {
        logger.warning("admin: wrong PIN")
      }
      return .pinChecked(isCorrect: isCorrect)
    case .loadOutboxSummary:
      return .outboxSummary(summary())
    case .deliverNow:
      if outbox == nil { openOutbox() }
      guard outbox != nil, let deliverer else { return .adminMessage("The outbox could not be opened.") }
      // A round on the delivery thread; a slow relay keeps it going there, not here.
      let report = deliverer.deliverNow(waitingAtMost: DeliverySetup.adminWait)
      pending.append(.outboxSummary(summary()))
      let message = report.map(DeliverySetup.describe) ?? "Delivery goes on in the background."
      logger.notice("admin: deliver now", metadata: ["result": "\(message)"])
      return .adminMessage(message)
    case .reloadContent:
      do {
        let (catalog, problems) = try library.reload()
        logger.notice(
          "admin: reload content", metadata: ["articles": "\(catalog.articleCount)", "problems": "\(problems.count)"])
        Self.log(problems, logger)
        pending.append(.adminMessage(
          "Content reloaded: \(catalog.categories.count) categories, \(catalog.articleCount) articles, "
            + "\(problems.count) problem\(problems.count == 1 ? "" : "s")."))
        return .contentReloaded(catalog)
      } catch {
        logger.error("admin: reload content failed", metadata: ["error": "\(error)"])
        return .adminMessage("The content could not be read: \(error)")
      }
    case .search(let text):
      searcher.ask(text)
      return nil
    case .recordSearchGap(let gap):
      try? outbox?.recordSearchGap(gap, at: Date())
      return nil
    case .makeCode(let text):
      return .codeMade(text: text, code: QRCodes.encode(text))
    case .recordReason(let articleID, let reason):
      try? outbox?.recordReason(articleID: articleID, reason: reason, at: Date())
      return nil
    case .recordOutcome(let outcome):
      try? outbox?.recordOutcome(outcome, at: Date())
      return nil
    }
  }

  /// Results that found nothing, with the most-read articles to offer instead.
  private func withSuggestions(_ results: SearchResults) -> SearchResults {
    guard results.hits.isEmpty, let outbox else { return results }
    var results = results
    results.popular = (try? outbox.mostViewed(limit: KioskLoop.suggestedArticles)) ?? []
    return results
  }

  /// How many of the most-read articles a search that found nothing offers.
  static let suggestedArticles = 3

  /// Each content problem as a warning: the file is skipped, the kiosk goes on.
  static func log(_ problems: [ContentProblem], _ logger: Logger) {
    for problem in problems { logger.warning("content: \(problem)") }
  }

  /// `SIGTERM` for 15, and so on for the signals that end the kiosk.
  static func name(ofSignal signal: Int32) -> String {
    let names = [SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT"]
    return names[signal] ?? "signal \(signal)"
  }

  /// The outbox's counts for the admin screen.
  private func summary() -> OutboxSummary {
    if outbox == nil { openOutbox() }
    let entries = (try? outbox?.all()) ?? []
    let day = Int(Date().timeIntervalSince1970) / 86_400
    func today(_ status: DeliveryStatus) -> Int {
      entries.count { $0.status == status && $0.deliveredAt.map { Int($0.timeIntervalSince1970) / 86_400 } == day }
    }
    return OutboxSummary(
      queued: entries.count { $0.status == .queued }, failed: entries.count { $0.status == .failed },
      deliveredToday: today(.delivered), spooledToday: today(.spooled),
      isSending: delivery.transport.sendsMessages || isDevelopment)
  }

  /// What the person reads when a ticket could not be saved: a plain sentence; the cause
  /// goes to the log.
  private func unsaved(_ cause: String) -> String {
    logger.error("the person was told the ticket could not be saved", metadata: ["cause": "\(cause)"])
    return TicketContent.notSavedMessage(contact: identity.contact, kioskID: identity.id)
  }

  private func timeoutMilliseconds() -> Int? {
    guard let next = timers.values.min() else { return nil }
    return max(Int(next.timeIntervalSinceNow * 1000), 0)
  }

  private func dueTimers() -> [Event] {
    let now = Date()
    let due = timers.filter { $0.value <= now }.map(\.key)
    due.forEach { timers[$0] = nil }
    return due.map { .timer($0) }
  }
}

extension Effect {
  /// Work that may take long enough for the screen to show it is being done first.
  fileprivate var isSlow: Bool {
    switch self {
    case .submitTicket, .checkPin, .deliverNow, .reloadContent: true
    default: false
    }
  }
}
