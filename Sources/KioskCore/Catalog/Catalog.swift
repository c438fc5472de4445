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

/// One knowledge-base article.
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
  /// The article's text, parsed when it is first needed.
  public var body: ArticleBody

  public init(
    id: String, title: String, category: String, updated: Day, summary: String,
    readMinutes: Int, messages: [String] = [], related: [String] = [], url: String? = nil, body: ArticleBody
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

  /// The parsed text: read and parsed on first use, then kept.
  public var document: Document { body.document }
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

/// Where a catalog's articles come from: memory, or an index that reads a category's
/// articles when it is first opened.
public protocol ArticleStore: AnyObject, Sendable {
  /// The articles of a category, by title.
  func articles(in category: String) -> [Article]
  /// The article with this id, if it is in a listed category.
  func article(id: String) -> Article?
}

/// The knowledge base the kiosk shows: categories in menu order, how many articles each
/// holds, and the articles themselves, which a large knowledge base reads only when a
/// category is opened.
public struct Catalog: Hashable, Sendable {
  /// Categories that hold at least one article, in the order of the categories file.
  public private(set) var categories: [Category]
  private var counts: [String: Int]
  private let store: any ArticleStore

  /// Keeps the categories that have articles; articles are listed by title within one.
  public init(categories: [Category], articles: [Article]) {
    let grouped = Dictionary(grouping: articles, by: \.category).mapValues {
      $0.sorted { ($0.title, $0.id) < ($1.title, $1.id) }
    }
    let listed = Set(categories.map(\.name))
    self.init(
      categories: categories, counts: grouped.mapValues(\.count),
      store: ArticlesInMemory(grouped.filter { listed.contains($0.key) }))
  }

  /// A catalog whose articles `store` gives when asked; `counts` are per category.
  public init(categories: [Category], counts: [String: Int], store: any ArticleStore) {
    self.categories = categories.filter { (counts[$0.name] ?? 0) > 0 }
    self.counts = counts
    self.store = store
  }

  public func articles(in category: String) -> [Article] {
    count(in: category) > 0 ? store.articles(in: category) : []
  }

  /// How many articles a category holds, without reading them.
  public func count(in category: String) -> Int {
    categories.contains { $0.name == category } ? counts[category] ?? 0 : 0
  }

  public func article(id: String) -> Article? {
    store.article(id: id)
  }

  /// How many articles the menus show.
  public var articleCount: Int { categories.reduce(0) { $0 + (counts[$1.name] ?? 0) } }

  public static func == (lhs: Catalog, rhs: Catalog) -> Bool {
    lhs.categories == rhs.categories && lhs.counts == rhs.counts && lhs.store === rhs.store
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(categories)
    hasher.combine(counts)
  }
}

/// Articles held in memory, grouped by category.
final class ArticlesInMemory: ArticleStore {
  private let byCategory: [String: [Article]]
  private let byID: [String: Article]

  init(_ byCategory: [String: [Article]]) {
    self.byCategory = byCategory
    self.byID = Dictionary(
      byCategory.values.joined().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  func articles(in category: String) -> [Article] { byCategory[category] ?? [] }
  func article(id: String) -> Article? { byID[id] }
}
