import ArgumentParser
import Foundation
import KioskConfiguration
import KioskContent
import KioskCore
import KioskOutbox
import KioskRender
import KioskSecurity
import KioskTerminal

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
      complain(error.description)
      throw ExitCode(ExitStatus.configuration)
    }
    if let idleTimeout { settings.idleTimeout = idleTimeout }
    if let idleCountdown { settings.idleCountdown = idleCountdown }
    let stateDirectory = state.directory(configured: settings.stateDirectory)
    let delivery: DeliverySetup
    do {
      delivery = try DeliverySetup(settings, stateDirectory: stateDirectory)
    } catch {
      complain(error.description)
      throw ExitCode(ExitStatus.configuration)
    }
    let folder = try content.folder()
    let catalog: Catalog
    do {
      let (loaded, problems) = try ContentLoader.load(from: folder)
      catalog = loaded
      if !problems.isEmpty && isatty(STDERR_FILENO) == 0 {
        problems.forEach { complain("content: \($0)") }
      }
    } catch let error as ContentFolderError {
      complain(error.description)
      throw ExitCode(ExitStatus.noInput)
    }

    let terminal: Terminal
    do {
      terminal = try Terminal(theme: settings.theme)
    } catch let error as TerminalError {
      complain(error.description)
      throw ExitCode(ExitStatus.unavailable)
    }
    let identity = settings.identity
    let pinHash = settings.adminPinHash
    let loop = KioskLoop(
      terminal: terminal, stateDirectory: stateDirectory, contentFolder: folder, identity: identity,
      pinHash: pinHash, delivery: delivery)
    let status = loop.run(
      AppState(
        catalog: catalog, size: terminal.size, glyphs: plain || settings.isPlain ? .plain : terminal.glyphs,
        isDevelopment: dev,
        organisation: settings.organisation, identity: identity, idleTimeout: settings.idleTimeout,
        idleWarning: settings.idleCountdown, adminKey: settings.adminKey, hasAdminPin: pinHash != nil,
        now: Date()))
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
    if let path { return try Configuration.load(from: URL(fileURLWithPath: path)) }
    guard FileManager.default.fileExists(atPath: defaultPath) else { return Configuration() }
    return try Configuration.load(from: URL(fileURLWithPath: defaultPath))
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
  private let contentFolder: URL
  private let identity: KioskIdentity
  /// The operator's PIN hash; nil when none is set.
  private let pinHash: String?
  /// The configured transport, retry policy and retention.
  private let delivery: DeliverySetup
  private var outbox: Outbox?
  private var deliverer: BackgroundDeliverer?
  private var timers: [TimerID: Date] = [:]
  /// Events an effect produced beyond its one answer.
  private var pending: [Event] = []

  init(
    terminal: Terminal, stateDirectory: URL, contentFolder: URL, identity: KioskIdentity, pinHash: String?,
    delivery: DeliverySetup
  ) {
    self.terminal = terminal
    self.delivery = delivery
    self.stateDirectory = stateDirectory
    self.contentFolder = contentFolder
    self.identity = identity
    self.pinHash = pinHash
  }

  /// Runs until an effect or a signal ends it; returns the exit status.
  func run(_ initial: AppState) -> Int32 {
    var state = update(initial, .resize(terminal.size)).0
    terminal.draw(render(state))
    // The database opens after the first frame, so that nothing slows the start.
    openOutbox()
    defer { deliverer?.stop() }
    while true {
      var events: [Event] = []
      switch terminal.nextInput(timeout: timeoutMilliseconds()) {
      case .event(let event):
        events.append(event)
      case .signal(let signal):
        // Interrupt and quit signals end only a development session.
        if (signal == SIGINT || signal == SIGQUIT) && !state.isDevelopment { continue }
        return 128 + signal
      case .timeout:
        break
      }
      events += dueTimers()
      while !events.isEmpty {
        state.now = Date()
        let (next, effects) = update(state, events.removeFirst())
        state = next
        // Draw before the work, so that "Saving your ticket…" shows while it is done.
        if !effects.isEmpty { terminal.draw(render(state)) }
        for effect in effects {
          if case .quit(let status) = effect { return status }
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
      let outbox = try Outbox(stateDirectory: stateDirectory)
      self.outbox = outbox
      deliverer = BackgroundDeliverer(deliverer: delivery.deliverer(for: outbox))
    } catch {
      outbox = nil
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
        return .ticketFailed(reason: unsaved(String(describing: error)))
      }
    case .startTimer(let id, let seconds):
      timers[id] = Date().addingTimeInterval(TimeInterval(seconds))
      return nil
    case .wipeScreen:
      terminal.wipe()
      return nil
    case .checkPin(let pin):
      return .pinChecked(isCorrect: pinHash.map { AdminPin.verify(pin, against: $0) } ?? false)
    case .loadOutboxSummary:
      return .outboxSummary(summary())
    case .deliverNow:
      if outbox == nil { openOutbox() }
      guard outbox != nil, let deliverer else { return .adminMessage("The outbox could not be opened.") }
      // A round on the delivery thread; a slow relay keeps it going there, not here.
      let report = deliverer.deliverNow(waitingAtMost: DeliverySetup.adminWait)
      pending.append(.outboxSummary(summary()))
      return .adminMessage(report.map(DeliverySetup.describe) ?? "Delivery goes on in the background.")
    case .reloadContent:
      do {
        let (catalog, problems) = try ContentLoader.load(from: contentFolder)
        pending.append(.adminMessage(
          "Content reloaded: \(catalog.categories.count) categories, \(problems.count) problem\(problems.count == 1 ? "" : "s")."))
        return .contentReloaded(catalog)
      } catch {
        return .adminMessage("The content could not be read: \(error)")
      }
    }
  }

  /// The outbox's counts for the admin screen.
  private func summary() -> OutboxSummary {
    if outbox == nil { openOutbox() }
    let entries = (try? outbox?.all()) ?? []
    let today = Int(Date().timeIntervalSince1970) / 86_400
    return OutboxSummary(
      queued: entries.count { $0.status == .queued },
      failed: entries.count { $0.status == .failed },
      deliveredToday: entries.count {
        $0.status == .delivered && $0.deliveredAt.map { Int($0.timeIntervalSince1970) / 86_400 } == today
      })
  }

  /// What the person reads when a ticket could not be saved.
  private func unsaved(_ cause: String) -> String {
    "Your ticket could not be saved. Please call \(identity.contact.phone) (\(TerminalText.sanitize(cause)))."
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
