import ArgumentParser
import Foundation
import KioskConfiguration
import KioskContent
import KioskCore
import KioskOutbox

/// `helpdesk-kiosk metrics`: the kiosk's health and counts in Prometheus's text format, for
/// node_exporter's textfile collector, so that a fleet is watched with the Prometheus an
/// operator already runs.
struct MetricsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract: "Write the kiosk's metrics in Prometheus's text format (for node_exporter's textfile collector).",
    discussion: """
      Every series is labelled with the configuration's kiosk_id and location. With --output \
      the file is replaced whole (written beside it, then renamed), as the textfile collector \
      needs; without it the metrics go to standard output.
      """)

  @OptionGroup var options: OperatorOptions
  @OptionGroup var content: ContentOptions

  @Option(name: .long, help: ArgumentHelp("The file to write, e.g. /var/lib/prometheus/node-exporter/helpdesk-kiosk.prom.", valueName: "file"))
  var output: String?

  @Option(name: .long, help: ArgumentHelp("Articles not updated in this many days count as stale (default 365).", valueName: "days"))
  var staleDays = 365

  func run() throws {
    let settings = try options.settings()
    let stateDirectory = options.stateDirectory(settings)
    var metrics = Metrics(labels: ["kiosk_id": settings.identity.id, "location": settings.identity.location])
    let folder = try content.folder()
    metrics.add(
      "helpdesk_kiosk_info", .gauge, "The program's version and the content's revision (its git commit, when it is a checkout).",
      ["version": ProgramVersion.current, "content_revision": Self.revision(of: folder) ?? "unknown"], 1)
    metrics.add(
      "helpdesk_kiosk_start_time_seconds", .gauge, "When the kiosk program last started (Unix time; 0: never).", [:],
      StartTime.read(in: stateDirectory)?.timeIntervalSince1970 ?? 0)
    metrics.add(
      "helpdesk_kiosk_transport_sends", .gauge,
      "1 when the configured transport sends tickets on; 0 for the spool, where they wait to be collected.", [:],
      settings.transport == .spool ? 0 : 1)
    metrics.add(
      "helpdesk_kiosk_metrics_written_timestamp_seconds", .gauge, "When these metrics were written (Unix time).", [:],
      Date().timeIntervalSince1970.rounded())
    do {
      let outbox = try options.existingOutbox(settings)
      let entries = try outbox?.all() ?? []
      for status in DeliveryStatus.allCases {
        metrics.add(
          "helpdesk_kiosk_outbox_tickets", .gauge, "Tickets in the outbox, by delivery status.", ["status": status.rawValue],
          Double(entries.count { $0.status == status }))
      }
      let now = Date()
      let oldest = entries.filter { $0.status == .queued }.map(\.createdAt).min()
      metrics.add(
        "helpdesk_kiosk_oldest_queued_ticket_age_seconds", .gauge, "How long the oldest queued ticket has waited (0: none).",
        [:], oldest.map { max(now.timeIntervalSince($0), 0).rounded() } ?? 0)
      metrics.add(
        "helpdesk_kiosk_last_delivery_timestamp_seconds", .gauge,
        "When a ticket was last sent on by the transport (Unix time; 0: never); spooling does not count.",
        [:], entries.filter { $0.status == .delivered }.compactMap(\.deliveredAt).max()?.timeIntervalSince1970.rounded() ?? 0)
      let statistics = try outbox?.articleStatistics() ?? []
      let outcomes = try outbox?.outcomeCounts() ?? (sessions: 0, fixed: [:])
      let reasons = try outbox?.reasonCounts() ?? [:]
      metrics.add("helpdesk_kiosk_tickets_total", .counter, "Tickets opened.", [:], Double(entries.count))
      for (answer, count) in [("yes", statistics.reduce(0) { $0 + $1.helpful }), ("no", statistics.reduce(0) { $0 + $1.notHelpful })] {
        metrics.add("helpdesk_kiosk_votes_total", .counter, "Answers to \"Was this article helpful?\".", ["answer": answer], Double(count))
      }
      metrics.add("helpdesk_kiosk_fixed_total", .counter, "Problems fixed without a ticket (\"It's fixed\").", [:], Double(outcomes.fixed.values.reduce(0, +)))
      metrics.add("helpdesk_kiosk_sessions_total", .counter, "Visits: from a person's first key until the kiosk is done with them.", [:], Double(outcomes.sessions))
      for reason in NotHelpfulReason.allCases {
        metrics.add(
          "helpdesk_kiosk_not_helpful_reasons_total", .counter, "Why articles did not help, as people said.",
          ["reason": reason.rawValue], Double(reasons.values.reduce(0) { $0 + ($1[reason] ?? 0) }))
      }
      metrics.add(
        "helpdesk_kiosk_damaged_outboxes", .gauge, "Damaged outboxes set aside in the state folder.", [:],
        Double(Outbox.setAsideFiles(in: stateDirectory).count))
    } catch let exit as ExitCode {
      // The outbox could not be opened: said already, on one line.
      throw exit
    } catch {
      complain("cannot read the outbox: \(OperatorText.clean(String(describing: error)))")
      throw ExitCode(OperatorExit.ioError)
    }
    // The content as the kiosk's index holds it (a full read of the folder when there is none).
    let (catalog, articles, problems) = Self.content(folder, stateDirectory: stateDirectory)
    let today = Day(Date())
    metrics.add("helpdesk_kiosk_articles", .gauge, "Articles the menus show.", [:], Double(catalog.articleCount))
    metrics.add("helpdesk_kiosk_content_problems", .gauge, "Problems in the content folder, as check lists them.", [:], Double(problems))
    metrics.add(
      "helpdesk_kiosk_stale_articles", .gauge, "Articles not updated in the given number of days.", ["days": "\(staleDays)"],
      Double(articles.count { $0.updated.days(until: today) > staleDays }))

    let text = metrics.text
    guard let output else {
      print(text, terminator: "")
      return
    }
    do {
      let target = URL(fileURLWithPath: output)
      let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(getpid())")
      try Data(text.utf8).write(to: temporary)
      chmod(temporary.path, 0o644)
      if rename(temporary.path, target.path) != 0 {
        try? FileManager.default.removeItem(at: temporary)
        throw CocoaError(.fileWriteUnknown)
      }
    } catch {
      complain("cannot write \(output): \(OperatorText.clean(error.localizedDescription))")
      throw ExitCode(ExitStatus.cannotCreate)
    }
  }

  /// The catalog, the articles its menus show and the count of its problems.
  static func content(_ folder: URL, stateDirectory: URL) -> (Catalog, [Article], Int) {
    let indexFile = stateDirectory.appendingPathComponent(ContentLibrary.indexFile)
    let categories = ContentLoader.categories(in: folder)
    if FileManager.default.fileExists(atPath: indexFile.path),
      let index = try? ContentIndex(folder: folder, file: indexFile),
      let (catalog, problems) = try? index.cachedCatalog(categories: categories.0)
    {
      let articles = catalog.categories.flatMap { index.articles.articles(in: $0.name) }
      return (catalog, articles, categories.1.count + problems.count)
    }
    guard let (catalog, problems) = try? ContentLoader.load(from: folder) else {
      return (Catalog(categories: [], articles: []), [], 0)
    }
    return (catalog, catalog.categories.flatMap { catalog.articles(in: $0.name) }, problems.count)
  }

  /// The commit a git checkout's HEAD names, short; nil for a folder that is not one.
  static func revision(of folder: URL) -> String? {
    let git = folder.appendingPathComponent(".git")
    guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8).trimmingWhitespace
    else { return nil }
    guard head.hasPrefix("ref: ") else { return String(head.prefix(12)) }
    let ref = String(head.dropFirst(5))
    if let commit = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
      return String(commit.trimmingWhitespace.prefix(12))
    }
    // A packed ref: "<commit> <ref>" lines.
    let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
    return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(12)) }
  }
}

/// Series in Prometheus's text exposition format: each metric's HELP and TYPE once, then
/// its samples, every one with the kiosk's labels.
struct Metrics {
  enum Kind: String { case gauge, counter }

  let labels: [String: String]
  private var order: [String] = []
  private var families: [String: (kind: Kind, help: String, samples: [String])] = [:]

  init(labels: [String: String]) {
    self.labels = labels
  }

  mutating func add(_ name: String, _ kind: Kind, _ help: String, _ extra: [String: String], _ value: Double) {
    if families[name] == nil {
      order.append(name)
      families[name] = (kind, help, [])
    }
    let all = labels.merging(extra) { $1 }.sorted { $0.key < $1.key }
      .map { "\($0.key)=\"\(Self.escape($0.value))\"" }.joined(separator: ",")
    let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    families[name]?.samples.append("\(name){\(all)} \(number)")
  }

  var text: String {
    order.map { name in
      guard let family = families[name] else { return "" }
      let help = family.help.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
      return (["# HELP \(name) \(help)", "# TYPE \(name) \(family.kind.rawValue)"] + family.samples).joined(separator: "\n") + "\n"
    }.joined()
  }

  /// A label value as the format quotes it.
  static func escape(_ value: String) -> String {
    TerminalText.sanitize(value).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n")
  }
}
