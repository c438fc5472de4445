import Testing

@testable import KioskOutbox

@Suite("Ticket references")
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

@Suite struct FleetReferenceTests {
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
