import KioskTestSupport
import Testing

@testable import KioskOutbox

/// The references issued before they were random (the outbox row's sequence number,
/// scrambled): no longer made for new tickets, still valid.
@Suite("Old ticket references")
struct TicketReferenceTests {
  @Test("The first 100,000 references are distinct, valid and well-formed")
  func distinctAndValid() {
    var seen = Set<String>()
    let alphabet = Set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    for sequence in 1...100_000 {
      let reference = TicketReference.make(sequence: sequence)
      seen.insert(reference)
      let parts = reference.split(separator: "-")
      guard parts.count == 3, parts[0] == "NLM", parts[1].count == 4,
        parts[1].allSatisfy(alphabet.contains),
        parts[2].count == 2, parts[2].allSatisfy(\.isNumber), TicketReference.isValid(reference)
      else {
        Issue.record("bad reference \(reference) for \(sequence)")
        return
      }
    }
    #expect(seen.count == 100_000)
  }

  @Test("Consecutive tickets do not get similar references")
  func notSequential() {
    let references = (1...20).map { TicketReference.make(sequence: $0) }
    for (first, second) in zip(references, references.dropFirst()) {
      let differing = zip(first.dropFirst(4).prefix(4), second.dropFirst(4).prefix(4)).filter {
        $0 != $1
      }
      #expect(differing.count >= 3, "\(first) then \(second)")
    }
  }

  @Test("The check digits catch a wrong character and a swap of neighbours")
  func checkDigits() {
    let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    for sequence in [1, 2, 77, 4_096, 923_521] {
      let reference = Array(TicketReference.make(sequence: sequence))
      #expect(TicketReference.isValid(String(reference)))
      for position in 4..<8 {
        for character in alphabet where character != reference[position] {
          var changed = reference
          changed[position] = character
          #expect(!TicketReference.isValid(String(changed)), "\(String(changed))")
        }
        if position < 7, reference[position] != reference[position + 1] {
          var swapped = reference
          swapped.swapAt(position, position + 1)
          #expect(!TicketReference.isValid(String(swapped)), "\(String(swapped))")
        }
      }
      for position in 9..<11 {
        for digit in "0123456789" where digit != reference[position] {
          var changed = reference
          changed[position] = digit
          #expect(!TicketReference.isValid(String(changed)), "\(String(changed))")
        }
      }
    }
  }

  @Test("Validation ignores case and rejects what is not a reference")
  func validation() {
    let reference = TicketReference.make(sequence: 12_345)
    #expect(TicketReference.isValid(reference.lowercased()))
    for text in [
      "", "NLM", "NLM--", "ABC-2345-12", "NLM-234-12", "NLM-2345-1", "NLM-0OIL-12",
      "NLM-2345-12-", " \(reference)", "\(reference)\n", "../\(reference)",
    ] {
      #expect(!TicketReference.isValid(text), "\(text)")
    }
  }

  @Test("Past 31^4 tickets, references grow to five characters and stay unique")
  func beyondFourCharacters() {
    let capacity = 923_521
    #expect(TicketReference.make(sequence: capacity).count == 11)
    let around = (capacity - 50...capacity + 50).map { TicketReference.make(sequence: $0) }
    #expect(Set(around).count == around.count)
    #expect(around.allSatisfy(TicketReference.isValid))
    #expect(around.last?.count == 12)
    let huge = TicketReference.make(sequence: Int.max)
    #expect(TicketReference.isValid(huge))
    #expect(TicketReference.make(sequence: 0) == TicketReference.make(sequence: 1))
  }
}

@Suite("Old ticket references in a fleet")
struct FleetReferenceTests {
  @Test func kiosksOfAFleetStartWithDifferentReferences() {
    let firsts = (1...50).map { TicketReference.make(sequence: 1, kioskID: "kiosk-\($0)") }
    #expect(Set(firsts).count == firsts.count)
    #expect(firsts.allSatisfy(TicketReference.isValid))
  }

  @Test func eachKioskStaysUniqueByConstruction() {
    let references = (1...100_000).map { TicketReference.make(sequence: $0, kioskID: "library-2") }
    #expect(Set(references).count == references.count)
  }
}

@Suite("New ticket references")
struct RandomReferenceTests {
  static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

  /// Whether `reference` has the new shape: `NLM-`, two groups of five, two digits.
  static func isNewShape(_ reference: String) -> Bool {
    reference.wholeMatch(of: /NLM-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[0-9]{2}/) != nil
  }

  @Test("A new reference is NLM-, two groups of five characters and two check digits")
  func shape() {
    #expect(TicketReference.make(value: 0) == "NLM-22222-22222-98")
    #expect(TicketReference.make(value: TicketReference.randomCount - 1) == "NLM-ZZZZZ-ZZZZZ-29")
    #expect(TicketReference.randomCount == 819_628_286_980_801)
    var generator = SplitMix(state: 7)
    for _ in 0..<1_000 {
      let reference = TicketReference.make(using: &generator)
      #expect(Self.isNewShape(reference), "\(reference)")
      #expect(TicketReference.isValid(reference), "\(reference)")
    }
    #expect(Self.isNewShape(TicketReference.make()))
  }

  @Test("The same seed gives the same references; the generator is the only input")
  func seeded() {
    var first = SplitMix(state: 42)
    var second = SplitMix(state: 42)
    let a = (0..<100).map { _ in TicketReference.make(using: &first) }
    let b = (0..<100).map { _ in TicketReference.make(using: &second) }
    #expect(a == b)
    #expect(Set(a).count == 100)
  }

  @Test("100,000 references over 100 kiosk ids contain no repeat; the old scheme repeats")
  func fleet() {
    // What every kiosk's outbox draws from: the system's generator. No kiosk id, sequence
    // or clock goes in, so nothing a fleet shares can make two kiosks draw alike. The
    // chance that this test fails is the chance of a repeat among 100,000 references,
    // 100,000² / (2 × 31¹⁰) = 6 × 10⁻⁶.
    var seen = Set<String>(minimumCapacity: 100_000)
    var old = Set<String>(minimumCapacity: 100_000)
    var counts = [[Int]](repeating: [Int](repeating: 0, count: 31), count: 10)
    for kiosk in 1...100 {
      for sequence in 1...1_000 {
        let reference = TicketReference.make()
        seen.insert(reference)
        for (position, character) in reference.filter({ $0 != "-" }).dropFirst(3).prefix(10).enumerated() {
          counts[position][Self.alphabet.firstIndex(of: character) ?? 0] += 1
        }
        old.insert(TicketReference.make(sequence: sequence, kioskID: "kiosk-\(kiosk)"))
      }
    }
    #expect(seen.count == 100_000)
    #expect(seen.allSatisfy(TicketReference.isValid))
    // Every character at every position is about equally likely (3,226 expected; the
    // standard deviation is 56), so no position is stuck or biased.
    for (position, row) in counts.enumerated() {
      #expect(row.allSatisfy { (2_700...3_750).contains($0) }, "position \(position): \(row)")
    }
    // The sequence-based scheme gave 100 kiosks the same 1,000 references, shifted.
    #expect(old.count < 100_000)
  }

  @Test("The check digits catch a wrong character and a swap of neighbours, across the dash too")
  func checkDigits() {
    var generator = SplitMix(state: 2_026)
    let references = [TicketReference.make(value: 0), TicketReference.make(value: TicketReference.randomCount - 1)]
      + (0..<20).map { _ in TicketReference.make(using: &generator) }
    // The positions of the ten characters in `NLM-ABCDE-FGHJK-42`.
    let positions = Array(4..<9) + Array(10..<15)
    for text in references {
      let reference = Array(text)
      #expect(TicketReference.isValid(text))
      for position in positions {
        for character in Self.alphabet where character != reference[position] {
          var changed = reference
          changed[position] = character
          #expect(!TicketReference.isValid(String(changed)), "\(String(changed))")
        }
      }
      // Neighbours in the payload, including the last of one group and the first of the next.
      for (left, right) in zip(positions, positions.dropFirst()) where reference[left] != reference[right] {
        var swapped = reference
        swapped.swapAt(left, right)
        #expect(!TicketReference.isValid(String(swapped)), "\(String(swapped))")
      }
      for position in 16..<18 {
        for digit in "0123456789" where digit != reference[position] {
          var changed = reference
          changed[position] = digit
          #expect(!TicketReference.isValid(String(changed)), "\(String(changed))")
        }
      }
    }
  }

  @Test("Validation accepts old and new references in any case, and nothing else")
  func validation() {
    let new = TicketReference.make(value: 123_456_789_012)
    let old = TicketReference.make(sequence: 12_345, kioskID: "library-2")
    for text in [new, new.lowercased(), old, old.lowercased(), "NLM-7KQ3X-M9C2A-79", "NLM-B5VP-93"] {
      #expect(TicketReference.isValid(text), "\(text)")
    }
    let groups = new.split(separator: "-")
    for text in [
      // The groups split elsewhere, or one missing or doubled. (Joined, they read as an
      // old reference of ten characters, which the old scheme allowed.)
      "NLM-\(groups[1].prefix(4))-\(groups[1].suffix(1))\(groups[2])-\(groups[3])",
      "NLM-\(groups[1])-\(groups[3])", "NLM-\(groups[1])-\(groups[2])-\(groups[2])-\(groups[3])",
      "NLM-\(groups[1])--\(groups[2])-\(groups[3])", "NLM-\(groups[1])-\(groups[2])-\(groups[3])-",
      "NLM-22222-2222O-98", "NLM-22222-22222-9", "NLM-22222-22222-098", "ABC-22222-22222-98",
      " \(new)", "\(new)\n", "../\(new)", "\(new)/x", "NLM-22222-22222-+9",
    ] {
      #expect(!TicketReference.isValid(text), "\(text)")
    }
  }

  @Test("A new reference is never an old one")
  func disjoint() {
    var generator = SplitMix(state: 1)
    for _ in 0..<1_000 {
      let reference = TicketReference.make(using: &generator)
      #expect(reference.split(separator: "-").count == 4)
    }
    for sequence in [1, 2, 923_521, 923_522, 28_629_151, Int.max] {
      #expect(TicketReference.make(sequence: sequence).split(separator: "-").count == 3)
    }
  }
}
