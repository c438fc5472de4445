// swift-tools-version: 6.0
import PackageDescription

/// This folder, for the linker's flags, which it reads from wherever it runs.
let packageFolder = String(#filePath.dropLast("/Package.swift".count))

let package = Package(
  name: "helpdesk-kiosk",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "helpdesk-kiosk", targets: ["helpdesk-kiosk"]),
    // For the in-process benchmarks (Benchmarks/Package.swift), which use these by path.
    .library(name: "KioskCore", targets: ["KioskCore"]),
    .library(name: "KioskRender", targets: ["KioskRender"]),
    .library(name: "KioskContent", targets: ["KioskContent"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // C libraries from Debian: libncursesw5-dev, libcmark-gfm-dev, libcmark-gfm-extensions-dev,
    // libqrencode-dev.
    .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
    .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),
    .systemLibrary(name: "CCrypt", path: "Sources/CCrypt"),
    .systemLibrary(name: "CQRencode", path: "Sources/CQRencode"),
    // An empty ICU data package, so that a static link leaves out the toolchain's 34 MB one
    // (the kiosk reads none of it: see the file).
    .target(name: "CKioskICUData"),

    // Pure logic: text, documents, state and update. No terminal, no files.
    .target(name: "KioskCore"),
    // QR codes through libqrencode: text to modules (drawn by KioskRender's QRCodeView).
    .target(name: "KioskQR", dependencies: ["CQRencode", "KioskCore"]),
    // Pure rendering: state and size to a grid of styled cells.
    .target(name: "KioskRender", dependencies: ["KioskCore"]),
    // Every screen reached as a person would, on a fixed clock: `render` and the snapshots.
    .target(name: "KioskScenes", dependencies: ["KioskCore", "KioskRender", "KioskQR"]),
    // Knowledge-base files: front matter, Markdown, categories, checks, the search index.
    .target(
      name: "KioskContent",
      dependencies: [
        "KioskCore", "CCmarkGFM", .product(name: "Yams", package: "Yams"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    // Tickets: the SQLite outbox, RFC 5322 messages, delivery to the spool.
    .target(
      name: "KioskOutbox",
      dependencies: [
        "KioskCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The configuration file.
    .target(
      name: "KioskConfiguration",
      dependencies: [
        "KioskCore", "KioskOutbox", .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The log: one line per event, to the journal under systemd, else to a file in the state folder.
    .target(name: "KioskLogging", dependencies: [.product(name: "Logging", package: "swift-log")]),
    // The operator's PIN: a salted slow hash through the system's libcrypt.
    .target(name: "KioskSecurity", dependencies: ["CCrypt"]),
    // The one place that talks to ncurses.
    .target(name: "KioskTerminal", dependencies: ["KioskCore", "KioskRender", "CNcursesw"]),
    // The command line and the run loop.
    .executableTarget(
      name: "helpdesk-kiosk",
      dependencies: [
        "KioskCore", "KioskRender", "KioskContent", "KioskConfiguration", "KioskOutbox", "KioskSecurity",
        "KioskTerminal", "KioskLogging", "KioskScenes", "KioskQR",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .target(name: "CKioskICUData", condition: .when(platforms: [.linux])),
      ],
      exclude: ["start-up.order"],
      linkerSettings: [
        // A release build on Linux links with lld (the toolchain's), which packs the
        // relative relocations (DT_RELR: the loader reads 10 KB of them, not 2 MB) and lays
        // out the functions the kiosk runs up to and at Home together, so that the pages
        // mapped in around them hold code that runs: 7 MiB less memory at Home
        // (docs/benchmarks.md). scripts/order-symbols makes the list again. Packed
        // relocations need glibc 2.36 or later (Debian 12's) where the program runs.
        // Its symbols are not exported: nothing looks them up at run time, and the table
        // of 11,000 names was 0.9 MB of the installed program.
        .unsafeFlags(
          [
            "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
            "-Xlinker", "--symbol-ordering-file=\(packageFolder)/Sources/helpdesk-kiosk/start-up.order",
            "-Xlinker", "--no-warn-symbol-ordering",
          ],
          .when(platforms: [.linux], configuration: .release))
      ]
    ),

    // Tests
    .target(name: "KioskTestSupport", dependencies: ["KioskCore"], path: "Tests/KioskTestSupport"),
    .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskTestSupport"]),
    .testTarget(
      name: "KioskContentTests", dependencies: ["KioskContent", "KioskTestSupport"], exclude: ["Resources"]),
    .testTarget(name: "KioskOutboxTests", dependencies: ["KioskOutbox", "KioskLogging", "KioskTestSupport"]),
    .testTarget(name: "KioskLoggingTests", dependencies: ["KioskLogging"]),
    .testTarget(name: "KioskSecurityTests", dependencies: ["KioskSecurity"]),
    .testTarget(name: "KioskConfigurationTests", dependencies: ["KioskConfiguration", "KioskOutbox"]),
    .testTarget(
      name: "KioskRenderTests",
      dependencies: ["KioskRender", "KioskScenes", "KioskContent", "KioskQR", "KioskTestSupport"],
      exclude: ["__Snapshots__"]
    ),
    // The run loop, without a terminal: scripted keys in, frames and effects out, on a test clock.
    .testTarget(
      name: "KioskLoopTests",
      dependencies: [
        "helpdesk-kiosk", "KioskContent", "KioskCore", "KioskRender", "KioskScenes", "KioskTerminal", "KioskTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(name: "EndToEndTests", dependencies: ["helpdesk-kiosk", "KioskTestSupport"]),
    // Real mail delivery (msmtp to a loopback SMTP server) and the operator's commands, run
    // as the built program.
    .testTarget(
      name: "DeliveryTests", dependencies: ["helpdesk-kiosk", "KioskOutbox", "KioskCore", "KioskTestSupport"]),
    // scripts/install and scripts/uninstall into a throwaway root, with the built program;
    // the systemd units checked by systemd-analyze.
    .testTarget(name: "InstallerTests", dependencies: ["helpdesk-kiosk", "KioskTestSupport"]),
  ]
)
