import Foundation
import KioskContent
import KioskCore
import KioskOutbox
import KioskQR
import KioskSecurity
import Logging

/// The kiosk's effects, carried out for real: tickets, views and votes into the SQLite
/// outbox, delivery on a thread of its own, searches on another, the content folder read
/// again, the PIN checked against its hash.
final class KioskEffects: EffectHandler {
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
  /// Rung when work on another thread has finished.
  private let bell = Bell()
  /// Searches away from the keys.
  private let searcher: SearchWorker
  /// The whole texts of long articles, read away from the keys once their heads show.
  private let completed = Mailbox<Event>()
  /// Admin actions and tickets (by reference only).
  private let logger: Logger

  init(
    stateDirectory: URL, library: ContentLibrary, identity: KioskIdentity, pinHash: String?,
    delivery: DeliverySetup, isDevelopment: Bool, logger: Logger
  ) {
    self.logger = logger
    self.delivery = delivery
    self.isDevelopment = isDevelopment
    self.stateDirectory = stateDirectory
    self.library = library
    self.identity = identity
    self.pinHash = pinHash
    searcher = SearchWorker(bell: bell, search: library.search, prepare: library.prepareSearch)
  }

  /// After the first frame: records the start for the metrics, opens the database and
  /// checks the content folder for files changed since the index was made; the search
  /// starts reading what it needs, and the problems of `synonyms.yaml` are logged.
  func start() -> [Event] {
    StartTime.record(in: stateDirectory, logger: logger)
    openOutbox()
    var events: [Event] = []
    if let (catalog, problems, isIndexNew) = library.refreshedCatalog() {
      if isIndexNew {
        // The start showed Home from the files' front matter; the index now holds them.
        logger.info("content index made", metadata: ["articles": "\(catalog.articleCount)"])
      } else {
        logger.info("content changed since the index was made", metadata: ["articles": "\(catalog.articleCount)"])
      }
      Self.log(problems, logger)
      events.append(.catalogRefreshed(catalog))
    }
    searcher.warm()
    // synonyms.yaml is read here only to report its problems: once Home is on the screen.
    Self.log(library.synonymsProblems(), logger)
    return events
  }

  var wake: Int32? { bell.descriptor }

  /// The whole texts read since the last call, then the searches finished (with the
  /// articles they name); those that found nothing with the most-read articles to offer
  /// instead.
  func finished() -> [Event] {
    bell.drain()
    return completed.take() + searcher.take().map { .searchResults(withSuggestions($0)) }
  }

  func stop() {
    deliverer?.stop()
    searcher.stop()
  }

  func perform(_ effect: Effect) -> [Event] {
    switch effect {
    case .quit, .startTimer, .wipeScreen:
      // The run loop's own.
      return []
    case .recordVote(let articleID, let helpful):
      try? outbox?.recordVote(articleID: articleID, helpful: helpful, at: Date())
      return []
    case .recordView(let articleID):
      try? outbox?.recordView(articleID: articleID, at: Date())
      return []
    case .submitTicket(let content):
      guard let outbox = openedOutbox() else {
        return [.ticketFailed(reason: unsaved("the outbox could not be opened"))]
      }
      do {
        let submitted = try outbox.submit(content, identity: identity)
        deliverer?.wake()
        return [.ticketSaved(reference: submitted.reference)]
      } catch {
        logger.error("a ticket could not be saved", metadata: ["error": "\(error)"])
        return [.ticketFailed(reason: unsaved(String(describing: error)))]
      }
    case .checkPin(let pin):
      let isCorrect = pinHash.map { AdminPin.verify(pin, against: $0) } ?? false
      if isCorrect {
        logger.notice("admin: PIN accepted")
      } else {
        logger.warning("admin: wrong PIN")
      }
      return [.pinChecked(isCorrect: isCorrect)]
    case .loadOutboxSummary:
      return [.outboxSummary(summary())]
    case .deliverNow:
      guard openedOutbox() != nil, let deliverer else { return [.adminMessage("The outbox could not be opened.")] }
      // A round on the delivery thread; a slow relay keeps it going there, not here.
      let report = deliverer.deliverNow(waitingAtMost: DeliverySetup.adminWait)
      let message = report.map(DeliverySetup.describe) ?? "Delivery goes on in the background."
      logger.notice("admin: deliver now", metadata: ["result": "\(message)"])
      return [.adminMessage(message), .outboxSummary(summary())]
    case .reloadContent:
      do {
        let (catalog, problems) = try library.reload()
        logger.notice(
          "admin: reload content", metadata: ["articles": "\(catalog.articleCount)", "problems": "\(problems.count)"])
        Self.log(problems, logger)
        return [
          .contentReloaded(catalog),
          .adminMessage(
            "Content reloaded: \(catalog.categories.count) categories, \(catalog.articleCount) articles, "
              + "\(problems.count) problem\(problems.count == 1 ? "" : "s")."),
        ]
      } catch {
        logger.error("admin: reload content failed", metadata: ["error": "\(error)"])
        return [.adminMessage("The content could not be read: \(error)")]
      }
    case .loadCategory(let name):
      return [.categoryLoaded(category: name, library.articles.articles(in: name))]
    case .loadArticle(let id):
      guard let load = library.articles.load(id, quickly: true) else { return [.articleUnavailable(id: id)] }
      if load.article.body?.isComplete == false { readWhole(load) }
      return [.articleLoaded(load)]
    case .search(let text):
      searcher.ask(text)
      return []
    case .recordSearchGap(let gap):
      try? outbox?.recordSearchGap(gap, at: Date())
      return []
    case .makeCode(let text):
      return [.codeMade(text: text, code: QRCodes.encode(text))]
    case .recordReason(let articleID, let reason):
      try? outbox?.recordReason(articleID: articleID, reason: reason, at: Date())
      return []
    case .recordOutcome(let outcome):
      try? outbox?.recordOutcome(outcome, at: Date())
      return []
    case .loadTickets:
      return [.answer(.ticketsLoaded(openedOutbox().map { Self.tickets(in: $0, at: Date()) } ?? []))]
    }
  }

  /// The outbox's tickets for the operator's list, newest first. Only the reference, the
  /// time, the status and a failed ticket's error: never the message, so nothing personal.
  /// A queued ticket that a deliverer holds the lease of is being sent.
  static func tickets(in outbox: Outbox, at now: Date) -> [OutboxTicket] {
    ((try? outbox.all()) ?? []).reversed().map { entry in
      OutboxTicket(
        reference: entry.reference, createdAt: entry.createdAt,
        status: entry.isBeingSent(at: now) ? "sending" : entry.status.rawValue,
        lastError: entry.status == .failed ? entry.lastError : nil)
    }
  }

  /// Reads the whole text of an article whose head is shown, on a thread of its own; it
  /// arrives as a second `articleLoaded`.
  private func readWhole(_ load: ArticleLoad) {
    let (articles, bell, completed) = (library.articles, bell, completed)
    let thread = Thread {
      var whole = load
      whole.article.body = articles.body(of: load.article)
      completed.post(.articleLoaded(whole))
      bell.ring()
    }
    thread.name = "article"
    thread.start()
  }

  /// The outbox, opened now if it could not be at the start (a full disk since freed, say).
  private func openedOutbox() -> Outbox? {
    if outbox == nil { openOutbox() }
    return outbox
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

  /// Results that found nothing, with the most-read articles to offer instead.
  private func withSuggestions(_ results: SearchResults) -> SearchResults {
    guard results.hits.isEmpty, let outbox else { return results }
    var results = results
    results.popular = (try? outbox.mostViewed(limit: KioskEffects.suggestedArticles)) ?? []
    results.articles += library.articles.articles(ids: results.popular)
    return results
  }

  /// How many of the most-read articles a search that found nothing offers.
  static let suggestedArticles = 3

  /// Each content problem as a warning: the file is skipped, the kiosk goes on.
  static func log(_ problems: [ContentProblem], _ logger: Logger) {
    for problem in problems { logger.warning("content: \(problem)") }
  }

  /// The outbox's counts for the admin screen.
  private func summary() -> OutboxSummary {
    let entries = (try? openedOutbox()?.all()) ?? []
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
}
