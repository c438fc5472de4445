// swift-tools-version: 6.1
// The in-process benchmarks: a package of its own, so that the kiosk's build and tests do
// not depend on the benchmark package. Run them with scripts/bench-inprocess.
import PackageDescription

let package = Package(
  name: "helpdesk-kiosk-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    // The kiosk itself, by path; named so that the folder's name does not matter.
    .package(name: "helpdesk-kiosk", path: ".."),
    // Wall time and allocation counts (the malloc interposer, nothing to install).
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // Search latency per keystroke on a large knowledge base (scripts/bench-search).
    .executableTarget(
      name: "SearchLatency",
      dependencies: [
        .product(name: "KioskCore", package: "helpdesk-kiosk"),
        .product(name: "KioskContent", package: "helpdesk-kiosk"),
      ],
      path: "Benchmarks/SearchLatency"
    ),
    .executableTarget(
      name: "KioskBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "KioskCore", package: "helpdesk-kiosk"),
        .product(name: "KioskRender", package: "helpdesk-kiosk"),
        .product(name: "KioskContent", package: "helpdesk-kiosk"),
      ],
      path: "Benchmarks/KioskBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
