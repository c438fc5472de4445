import Foundation

/// A calendar day, as an article's `updated` field gives it.
public struct Day: Hashable, Sendable, Comparable {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`; nil when it is not a real day.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1, day <= Day.days(inMonth: month, of: year)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The day of a date, in UTC.
  public init(_ date: Date) {
    let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    self = Day.epoch.adding(days: days)
  }

  /// The day's first moment, in UTC.
  public var midnight: Date {
    Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400)
  }

  /// `2026-01-07`.
  public var isoText: String {
    String(format: "%04d-%02d-%02d", year, month, day)
  }

  /// How many days from this day to `later` (negative when it is earlier).
  public func days(until later: Day) -> Int {
    later.dayNumber - dayNumber
  }

  private static let epoch = Day(year: 1970, month: 1, day: 1)

  /// Days since 1970-01-01 (the civil calendar, proleptic Gregorian).
  private var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The day this many days later (earlier when negative).
  public func adding(days: Int) -> Day {
    let z = dayNumber + days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return Day(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }

  /// "7 January 2026".
  public var longText: String {
    "\(day) \(Day.monthNames[month - 1]) \(year)"
  }

  public static func < (lhs: Day, rhs: Day) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  private static let monthNames = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ]

  private static func days(inMonth month: Int, of year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

/// One knowledge-base article: what the menus show of it, and its text once it is read.
public struct Article: Hashable, Sendable, Identifiable {
  /// The file name without `.md`; stable across edits of the title.
  public var id: String
  public var title: String
  public var category: String
  public var updated: Day
  public var summary: String
  public var readMinutes: Int
  /// The error messages the article covers, word for word as people see them.
  public var messages: [String]
  /// The ids of the articles its author chose to offer after it.
  public var related: [String]
  /// The same article on the organisation's web help centre.
  public var url: String?
  /// The article's text; nil in a category's list, until the article is opened and read
  /// (`Effect.loadArticle`).
  public var body: ArticleBody?

  public init(
    id: String, title: String, category: String, updated: Day, summary: String,
    readMinutes: Int, messages: [String] = [], related: [String] = [], url: String? = nil, body: ArticleBody?
  ) {
    self.id = id
    self.title = title
    self.category = category
    self.updated = updated
    self.summary = summary
    self.readMinutes = readMinutes
    self.messages = messages
    self.related = related
    self.url = url
    self.body = body
  }

  /// An article whose text is already parsed.
  public init(
    id: String, title: String, category: String, updated: Day, summary: String,
    readMinutes: Int, messages: [String] = [], related: [String] = [], url: String? = nil, document: Document
  ) {
    self.init(
      id: id, title: title, category: category, updated: updated, summary: summary,
      readMinutes: readMinutes, messages: messages, related: related, url: url, body: ArticleBody(document))
  }

  /// The parsed text; empty while it is unread. The reader, the steps and a ticket only
  /// ever hold articles that have been read.
  public var document: Document { body?.document ?? Document(blocks: []) }

  /// Whether the text has been read.
  public var isRead: Bool { body != nil }

  /// The article as a list shows it: without its text.
  public var listed: Article {
    var article = self
    article.body = nil
    return article
  }
}

/// A category of the Home menu.
public struct Category: Hashable, Sendable {
  public var name: String
  public var description: String

  public init(name: String, description: String) {
    self.name = name
    self.description = description
  }
}

/// An article read for the reader, with what the reader needs around it: the articles of
/// its category (for "Related articles") and those its links and `related:` name.
public struct ArticleLoad: Hashable, Sendable {
  /// The article, its text read.
  public var article: Article
  /// Its category's articles, by title.
  public var category: [Article]
  /// The articles its links and `related:` lead to that exist.
  public var linked: [Article]

  public init(article: Article, category: [Article], linked: [Article]) {
    self.article = article
    self.category = category
    self.linked = linked
  }
}

/// The knowledge base as the kiosk knows it, values only: categories in menu order, how
/// many articles each holds, the lists of the categories read so far, and the articles
/// known by id. A large knowledge base lists a category when it is first opened
/// (`Effect.loadCategory`); a knowledge base read whole lists them all from the start.
public struct Catalog: Hashable, Sendable {
  /// Categories that hold at least one article, in the order of the categories file.
  public private(set) var categories: [Category]
  private var counts: [String: Int]
  /// The categories read so far: their articles by title, without their text unless the
  /// whole knowledge base was read at once.
  private var lists: [String: [Article]] = [:]
  /// The articles of `lists` by id, for `article(id:)`: asked per hit and per link.
  private var listedByID: [String: Article] = [:]
  /// Articles known by id beyond those lists: search results, links' targets.
  private var known: [String: Article] = [:]

  /// Articles known beyond the lists are forgotten past this many, so that a kiosk that
  /// runs for months does not hoard them.
  static let knownLimit = 1000

  /// Every article already listed: keeps the categories that have articles; articles are
  /// listed by title within one.
  public init(categories: [Category], articles: [Article]) {
    let grouped = Dictionary(grouping: articles, by: \.category).mapValues {
      $0.sorted { ($0.title, $0.id) < ($1.title, $1.id) }
    }
    self.init(categories: categories, counts: grouped.mapValues(\.count))
    for (name, articles) in grouped where count(in: name) > 0 { setList(articles, of: name) }
  }

  /// A catalog of counts only, per category: each category is listed when it is read.
  public init(categories: [Category], counts: [String: Int]) {
    self.categories = categories.filter { (counts[$0.name] ?? 0) > 0 }
    self.counts = counts
  }

  /// How many articles a category holds, without reading them.
  public func count(in category: String) -> Int {
    categories.contains { $0.name == category } ? counts[category] ?? 0 : 0
  }

  /// Whether a category's articles are read, so that its list can be shown.
  public func isListed(_ category: String) -> Bool {
    lists[category] != nil || count(in: category) == 0
  }

  /// A category's articles, by title; none until it is listed.
  public func articles(in category: String) -> [Article] {
    lists[category] ?? []
  }

  /// A known article of a listed category: in a list read, or remembered by id.
  public func article(id: String) -> Article? {
    known[id] ?? listedByID[id]
  }

  /// How many articles the menus show.
  public var articleCount: Int { categories.reduce(0) { $0 + (counts[$1.name] ?? 0) } }

  /// Keeps a category's articles, read for its list; a category the menus do not show is
  /// ignored.
  public mutating func list(_ articles: [Article], in category: String) {
    guard count(in: category) > 0 else { return }
    setList(articles.filter { $0.category == category }, of: category)
  }

  /// A category's list, and its articles by id in place of the list's before.
  private mutating func setList(_ articles: [Article], of category: String) {
    for article in lists[category] ?? [] where listedByID[article.id]?.category == category {
      listedByID[article.id] = nil
    }
    lists[category] = articles
    for article in articles where listedByID[article.id] == nil { listedByID[article.id] = article }
  }

  /// Keeps articles by id (without their text), those of categories the menus show.
  public mutating func remember(_ articles: [Article]) {
    let shown = articles.filter { count(in: $0.category) > 0 }
    if known.count + shown.count > Self.knownLimit { known.removeAll() }
    for article in shown { known[article.id] = article.listed }
  }

  /// Keeps what a read article brings: its category's list and the articles it leads to.
  public mutating func absorb(_ load: ArticleLoad) {
    if !isListed(load.article.category) { list(load.category, in: load.article.category) }
    remember(load.linked)
  }
}
