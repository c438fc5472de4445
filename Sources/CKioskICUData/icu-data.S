// ICU's data for a static link on Linux: an empty package, in place of the toolchain's
// 34 MB one.
//
// A program linked with the static Swift runtime takes in Foundation's copy of ICU, and
// with it ICU's whole data package (locales, time zones, collation, converters), because
// ICU refers to the package by this symbol. The kiosk makes no call that reads it: it
// formats its times from the civil calendar and the C library (UTCTime, OperatorText),
// compares text with the standard library, and binds its times to SQLite as text
// (StoredDate). This object defines the symbol first, so the linker leaves the
// toolchain's package out and the installed program is 34 MB smaller.
//
// A call that did need ICU's data would find nothing. Some stop the program (a
// DateFormatter, an ISO8601DateFormatter); others quietly give something else: an empty
// text from Date.formatted(), nil from TimeZone(identifier:), GMT for TimeZone.current
// whatever TZ says, a wrong order from a localised comparison. Debug builds, which the
// tests run, link ICU dynamically with its data and show neither. So the kiosk's sources
// call none of them (Tests/InstallerTests/ICUDataTests.swift says where one comes in), and
// scripts/test runs the program-level suites on the release program too.
//
// The symbol's name carries ICU's major version (76 in Swift 6.3's Foundation). With
// another version this object goes unused and the toolchain's package is linked as before:
// nothing breaks, the program is only larger (docs/benchmarks.md lists its size).
//
// The layout is ICU's common data format ("CmnD", ucmndata.h): a header, then a table of
// contents with no entries.

#if defined(__linux__) && defined(__ELF__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  .section .rodata.icudt76_dat,"a",@progbits
  .globl icudt76_dat
  .type icudt76_dat, @object
  .balign 16
icudt76_dat:
  // MappedData: the header's size, and the magic numbers.
  .short 32
  .byte 0xda, 0x27
  // UDataInfo: its size, a reserved word, little-endian, ASCII, 2-byte UChar, a reserved byte.
  .short 20, 0
  .byte 0, 0, 2, 0
  .ascii "CmnD"        // the data format
  .byte 1, 0, 0, 0     // its version
  .byte 3, 0, 0, 0     // the data's version (the toolchain's package says 3)
  .balign 32, 0        // the header ends at 32 bytes
  // The table of contents: no items.
  .long 0
  .size icudt76_dat, . - icudt76_dat

  .section .note.GNU-stack,"",@progbits
#endif
