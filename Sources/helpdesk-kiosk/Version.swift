/// This program's version, as the log's start-up line gives it.
enum ProgramVersion {
  static let current = "0.1.0"
}
