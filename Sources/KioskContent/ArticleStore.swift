import KioskCore

/// Where the kiosk's effects read articles from when the menus and the reader ask
/// (`Effect.loadCategory`, `Effect.loadArticle`): the state itself holds values only.
public protocol ArticleStore: AnyObject, Sendable {
  /// A category's usable articles, by title, without their text.
  func articles(in category: String) -> [Article]
  /// The usable article with this id, without its text; nil when there is none.
  func article(id: String) -> Article?
  /// The article's text, read and parsed (a file that can no longer be read gives a
  /// document that says so).
  func body(of article: Article) -> ArticleBody
  /// The article's text for its first screen: the head of a long one (`isComplete` false,
  /// see `ArticleHead`), the whole of any other.
  func firstPart(of article: Article) -> ArticleBody
}

extension ArticleStore {
  public func firstPart(of article: Article) -> ArticleBody { body(of: article) }

  /// An article read for the reader, with its category's list and the articles it leads
  /// to; nil when there is no such article.
  /// With `quickly`, a long article comes with its head only (`ArticleHead`).
  public func load(_ id: String, quickly: Bool = false) -> ArticleLoad? {
    guard var article = article(id: id) else { return nil }
    let body = quickly ? firstPart(of: article) : body(of: article)
    article.body = body
    let named = Set(body.document.linkTargets + article.related).subtracting([id])
    return ArticleLoad(
      article: article, category: articles(in: article.category),
      linked: named.sorted().compactMap { self.article(id: $0) })
  }

  /// The articles with these ids that exist, without their text, in the order given.
  public func articles(ids: [String]) -> [Article] {
    ids.compactMap { article(id: $0) }
  }
}
