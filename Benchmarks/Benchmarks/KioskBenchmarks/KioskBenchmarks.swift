import Benchmark
import Foundation
import KioskContent
import KioskCore
import KioskRender

/// The kiosk's work measured in-process: wall time and allocations of indexing a
/// knowledge base of 10,000 articles, searching it, opening a 1 MiB article and drawing
/// each screen. Run with scripts/bench-inprocess; Workload describes the data.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds, warmupIterations: 3,
    maxDuration: .seconds(2), maxIterations: 2_000)
  contentIndexBenchmarks()
  searchBenchmarks()
  largeArticleBenchmarks()
  renderBenchmarks()
}

/// Slow work: a few runs, and the memory it takes.
private func slow(iterations: Int, warmup: Int = 1) -> Benchmark.Configuration {
  .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], timeUnits: .milliseconds,
    warmupIterations: warmup, maxDuration: .seconds(600), maxIterations: iterations)
}

// MARK: - The content index

private func contentIndexBenchmarks() {
  // What the kiosk does on its first start, or after its index was deleted: read every
  // article's front matter and text into a new index.
  Benchmark("Index: build for 10,000 articles", configuration: slow(iterations: 3, warmup: 0)) {
    benchmark, folder in
    let file = try! Workload.directory().appendingPathComponent("build-index.sqlite")
    Workload.removeDatabase(file)
    benchmark.startMeasurement()
    let index = try! ContentIndex(folder: folder, file: file)
    let (catalog, problems, _) = try! index.refresh(categories: Workload.categories(folder))
    benchmark.stopMeasurement()
    precondition(catalog.articleCount == 10_000 && problems.isEmpty, "expected 10,000 articles without problems")
    blackHole(catalog)
  } setup: {
    try Workload.content()
  } teardown: {
    Workload.removeDatabase(try Workload.directory().appendingPathComponent("build-index.sqlite"))
  }

  // What the kiosk does before its first frame: open the index in the state directory and
  // take the catalog from it, without looking at the files.
  Benchmark("Index: warm start (cachedCatalog) of 10,000", configuration: slow(iterations: 30)) { _, folder in
    let index = try! ContentIndex(folder: folder, file: try! Workload.directory().appendingPathComponent("index.sqlite"))
    let catalog = try! index.cachedCatalog(categories: Workload.categories(folder))
    precondition(catalog?.0.articleCount == 10_000, "expected the index to hold 10,000 articles")
    blackHole(catalog)
  } setup: {
    _ = try Workload.sharedIndex()
    return try Workload.content()
  }

  // What the kiosk does after its first frame: check every file's size and modification
  // time against the index; here nothing changed.
  Benchmark("Index: refresh, nothing changed", configuration: slow(iterations: 30)) { _, shared in
    let (index, folder) = shared
    let (catalog, _, changed) = try! index.refresh(categories: Workload.categories(folder))
    precondition(!changed && catalog.articleCount == 10_000, "expected nothing to change")
    blackHole(catalog)
  } setup: {
    (try Workload.sharedIndex().0, try Workload.content())
  }
}

// MARK: - Searching

private func searchBenchmarks() {
  // Words as a person types them at the kiosk: a keystroke in "session", one, two and
  // three words, the first one or two letters of a word, and words no article holds.
  let queries: [(label: String, text: String)] = [
    ("keystroke", "sess"), ("1 word", "printer"), ("2 words", "session expired"),
    ("3 words", "outlook password expired"), ("1 letter", "p"), ("2 letters", "pr"), ("no match", "zebra quartz"),
  ]
  for (label, text) in queries {
    Benchmark("Search: \(label) \"\(text)\"") { _, index in
      blackHole(try! index.search(text, limit: SearchState.resultLimit))
    } setup: {
      try Workload.sharedIndex().0
    }
  }

  // One key on the search screen, whole: update asks for the search, the index answers,
  // update takes the results and the screen is drawn.
  Benchmark("Search: keystroke, update + search + render 80x24") {
    (_: Benchmark, setup: (index: ContentIndex, typed: AppState)) in
    let (index, typed) = setup
    let (typing, effects) = update(typed, .key(.character("s")))
    guard case .search(let text)? = effects.first else { preconditionFailure("expected a search for the key") }
    let (shown, _) = update(typing, .searchResults(try! Workload.search(text, in: index)))
    blackHole(render(shown))
  } setup: {
    let (index, catalog) = try Workload.sharedIndex()
    let size = Size(columns: 80, rows: 24)
    var state = update(AppState(catalog: catalog, size: size), .resize(size)).0
    state = "ses".reduce(state) { update($0, .key(.character($1))).0 }
    state = update(state, .searchResults(try Workload.search("ses", in: index))).0
    return (index: index, typed: state)
  }
}

// MARK: - A 1 MiB article

private func largeArticleBenchmarks() {
  // Opening the article: the file read, its front matter and Markdown parsed.
  Benchmark("Article 1 MiB: read + parse", configuration: slow(iterations: 20)) { benchmark, large in
    // An index of its own, so that no text read before is kept.
    let index = try! ContentIndex(folder: large.folder, file: nil)
    _ = try! index.refresh(categories: Workload.categories(large.folder))
    let (_, article) = try! Workload.unparsedArticle(index, folder: large.folder)
    benchmark.startMeasurement()
    blackHole(index.articles.body(of: article))
  } setup: {
    try Workload.largeArticle()
  }

  // Laying the parsed text out for the reader, at the widths of 80 and 200 columns.
  for size in [Size(columns: 80, rows: 24), Size(columns: 200, rows: 60)] {
    let width = Geometry.textWidth(size)
    Benchmark("Article 1 MiB: layout at \(width) columns (\(size.columns)x\(size.rows))", configuration: slow(iterations: 20)) {
      _, document in
      blackHole(DocumentLayout.lines(document, width: width, glyphs: .unicode))
    } setup: {
      let large = try Workload.largeArticle()
      let article = try Workload.unparsedArticle(large.index, folder: large.folder).1
      return large.index.articles.body(of: article).document
    }
  }

  // The reader's layout of the same text: in two halves at once, one on each core.
  Benchmark("Article 1 MiB: reader layout, two halves at once (80x24)", configuration: slow(iterations: 20)) {
    _, document in
    blackHole(ReaderLines(laying: document, width: 76, glyphs: .unicode, exists: { _ in true }) { _, _ in [] }.all)
  } setup: {
    let large = try Workload.largeArticle()
    let article = try Workload.unparsedArticle(large.index, folder: large.folder).1
    return large.index.articles.body(of: article).document
  }

  // What a person waits for: Enter on the article in its list (read, parse, lay out),
  // End, and the screen drawn.
  Benchmark("Article 1 MiB: open + End + render 80x24", configuration: slow(iterations: 20)) { benchmark, large in
    let (catalog, _) = try! Workload.unparsedArticle(large.index, folder: large.folder)
    let size = Size(columns: 80, rows: 24)
    let index = large.index
    let list = Workload.update(update(AppState(catalog: catalog, size: size), .resize(size)).0, .key(.enter), index: index)
    benchmark.startMeasurement()
    let opened = update(Workload.update(list, .key(.enter), index: index), .key(.end)).0
    blackHole(render(opened))
    benchmark.stopMeasurement()
    guard case .reader(let reader) = opened.screen, reader.top == reader.maximumTop(size), reader.top > 0 else {
      preconditionFailure("expected the reader at the end of the article")
    }
  } setup: {
    try Workload.largeArticle()
  }
}

// MARK: - Drawing

private func renderBenchmarks() {
  for size in [Size(columns: 80, rows: 24), Size(columns: 200, rows: 60)] {
    for name in ScreenName.allCases {
      Benchmark("Render \(size.columns)x\(size.rows): \(name.rawValue)") { _, state in
        blackHole(render(state))
      } setup: {
        let (index, catalog) = try Workload.sharedIndex()
        return try Screens.state(name, size: size, catalog: catalog, index: index)
      }
    }
  }
}
