import KioskCore
import Testing

/// The words of a small knowledge base, with how many articles hold each.
private let vocabulary = Vocabulary(
  words: [
    "session": 9, "sessions": 2, "expired": 5, "expires": 2, "expiry": 1, "locked": 6, "lock": 3, "locks": 1,
    "looked": 1, "password": 8, "printer": 7, "print": 3, "printing": 2, "printed": 1, "wifi": 4, "wireless": 2,
    "login": 5, "logins": 1, "sign": 2, "webcam": 1,
  ],
  documentCount: 20
)

private let synonyms = Synonyms([["wifi", "wi-fi", "wireless", "wlan"], ["log in", "login", "sign in"]])

private func plan(_ text: String) -> SearchPlan {
  SearchPlan(text, vocabulary: vocabulary, synonyms: synonyms)
}

private func distance(_ a: String, _ b: String, limit: Int) -> Int? {
  EditDistance.distance(Array(a.utf8), Array(b.utf8), limit: limit)
}

/// Word forms, typos, synonyms and how a search is planned from them.
@Suite("Search planning")
struct SearchPlanTests {}

extension SearchPlanTests {
  @Suite("Porter stemmer")
  struct Stemming {
    @Test(
      "Porter's own examples give his stems",
      arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("caress", "caress"), ("feed", "feed"),
        ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"), ("motoring", "motor"), ("sing", "sing"),
        ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
        ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"), ("filing", "file"),
        ("happy", "happi"), ("sky", "sky"), ("relational", "relat"), ("rational", "ration"),
        ("conditional", "condit"), ("generalization", "gener"), ("electrical", "electr"),
        ("replacement", "replac"), ("adjustment", "adjust"), ("cement", "cement"), ("adoption", "adopt"),
        ("hopeful", "hope"), ("goodness", "good"), ("controll", "control"), ("roll", "roll"),
      ]
    )
    func classicExamples(word: String, stem: String) {
      #expect(Stemmer.stem(word) == stem)
    }

    @Test(
      "The forms of a word share its stem",
      arguments: [
        ("connect", ["connect", "connected", "connecting", "connection", "connections"]),
        ("print", ["print", "printing", "printed", "prints"]),
        ("expir", ["expired", "expires", "expire"]),
      ]
    )
    func formsShareAStem(stem: String, words: [String]) {
      #expect(words.map(Stemmer.stem) == Array(repeating: stem, count: words.count))
    }

    @Test("A word with anything but the letters a-z is left as it is")
    func wordsWithOtherCharactersAreUnchanged() {
      for word in ["Connected", "printers2", "wi-fi", "café", "expirés", "0x80070005", "connecting!"] {
        #expect(Stemmer.stem(word) == word)
      }
    }

    @Test("A word of one or two letters is left as it is")
    func shortWordsAreUnchanged() {
      #expect(Stemmer.stem("as") == "as")
      #expect(Stemmer.stem("is") == "is")
      #expect(Stemmer.stem("s") == "s")
      #expect(Stemmer.stem("") == "")
      #expect(Stemmer.stem("ies") == "i", "three letters are stemmed")
    }
  }

  @Suite("Edit distance")
  struct Distances {
    @Test("A substitution, an insertion, a deletion and a swap of neighbours each cost one")
    func eachEditCostsOne() {
      #expect(distance("cat", "cut", limit: 1) == 1)
      #expect(distance("cat", "cart", limit: 1) == 1)
      #expect(distance("cart", "cat", limit: 1) == 1)
      #expect(distance("lokced", "locked", limit: 1) == 1)
      #expect(distance("ab", "ba", limit: 1) == 1)
      #expect(distance("session", "session", limit: 0) == 0)
      #expect(distance("", "abc", limit: 3) == 3)
      #expect(distance("", "", limit: 0) == 0)
    }

    @Test("Edits add up, and a swap is only of neighbours left as they were (optimal string alignment)")
    func editsAddUp() {
      #expect(distance("kitten", "sitting", limit: 3) == 3)
      #expect(distance("passwrds", "password", limit: 2) == 2)
      // True Damerau-Levenshtein gives 2 ("ca" → "ac" → "abc"); the alignment gives 3.
      #expect(distance("ca", "abc", limit: 3) == 3)
    }

    @Test("A distance above the limit is nil")
    func aboveTheLimitIsNil() {
      #expect(distance("kitten", "sitting", limit: 2) == nil)
      #expect(distance("a", "abcd", limit: 2) == nil, "lengths too far apart")
      #expect(distance("abcdef", "ghijkl", limit: 2) == nil)
      #expect(distance("cat", "cut", limit: 0) == nil)
      #expect(distance("", "abc", limit: 2) == nil)
    }

    @Test("A word may have no typo below four letters, one from four, two from eight")
    func allowedTyposGrowWithLength() {
      #expect([0, 1, 3, 4, 7, 8, 12].map(EditDistance.allowedTypos) == [0, 0, 0, 1, 1, 2, 2])
    }
  }

  @Suite("Vocabulary")
  struct Words {
    @Test("Forms of a word are the words that share its key, itself included")
    func formsShareAKey() {
      #expect(vocabulary.forms(of: "expired") == ["expired", "expires", "expiry"])
      #expect(vocabulary.forms(of: "expire") == ["expired", "expires", "expiry"], "a word not in it finds its forms")
      #expect(vocabulary.forms(of: "print") == ["print", "printed", "printing"], "printer is another word")
      #expect(vocabulary.forms(of: "locked") == ["lock", "locked", "locks"])
      #expect(vocabulary.forms(of: "zebra") == [])
    }

    @Test("A key takes the i that stands for a final y off stems longer than five letters")
    func keys() {
      #expect(Vocabulary.key("expiry") == "expir")
      #expect(Vocabulary.key("expired") == "expir")
      #expect(Vocabulary.key("batteries") == Vocabulary.key("battery"))
      #expect(Vocabulary.key("happy") == "happi")
    }

    @Test("Contains and counts only the words given")
    func containsAndCounts() {
      #expect(vocabulary.contains("session"))
      #expect(!vocabulary.contains("sess"))
      #expect(vocabulary.documents(containing: "password") == 8)
      #expect(vocabulary.documents(containing: "zebra") == 0)
      #expect(vocabulary.documentCount == 20)
      #expect(Vocabulary.empty.isEmpty)
      #expect(!vocabulary.isEmpty)
    }

    @Test("A word starts some word when one of the words begins with it")
    func startsOfWords() {
      #expect(vocabulary.hasWord(startingWith: "sess"))
      #expect(vocabulary.hasWord(startingWith: "print"))
      #expect(vocabulary.hasWord(startingWith: "webcam"))
      #expect(vocabulary.hasWord(startingWith: "a") == false)
      #expect(!vocabulary.hasWord(startingWith: "sessz"))
      #expect(!vocabulary.hasWord(startingWith: "zz"), "after the last word")
      #expect(!Vocabulary.empty.hasWord(startingWith: "a"))
    }

    @Test("Typos are corrected to the words within the typos their length allows")
    func corrections() {
      #expect(vocabulary.corrections(of: "sesion") == ["session"])
      #expect(vocabulary.corrections(of: "lokced") == ["locked"])
      #expect(vocabulary.corrections(of: "pasword") == ["password"])
      #expect(vocabulary.corrections(of: "wifj") == ["wifi"])
      #expect(vocabulary.corrections(of: "session").contains("session") == false, "a word is not its own typo")
      #expect(vocabulary.corrections(of: "zebra") == [])
    }

    @Test("A word of three letters or fewer gets no corrections")
    func shortWordsGetNoCorrections() {
      let words = Vocabulary(words: ["vpn": 3, "vpns": 1], documentCount: 3)
      #expect(words.corrections(of: "vpm") == [])
      #expect(words.corrections(of: "vp") == [])
      #expect(words.corrections(of: "vpnx") == ["vpn", "vpns"], "four letters may have one")
    }

    @Test("Corrections come closest first, then the most used, then in alphabetical order")
    func correctionsOrder() {
      let passwords = Vocabulary(words: ["password": 9, "passwords": 1], documentCount: 9)
      #expect(passwords.corrections(of: "passwrds") == ["passwords", "password"])
      let popular = Vocabulary(words: ["printer": 1, "punter": 5], documentCount: 5)
      #expect(popular.corrections(of: "prnter") == ["punter", "printer"])
      let even = Vocabulary(words: ["printer": 2, "punter": 2], documentCount: 2)
      #expect(even.corrections(of: "prnter") == ["printer", "punter"])
    }

    @Test("A start that begins no word is corrected to starts of words within its typos")
    func prefixCorrections() {
      let starts = vocabulary.prefixCorrections(of: "sesi")
      #expect(!starts.isEmpty)
      for start in starts {
        #expect("session".hasPrefix(start))
        #expect(distance("sesi", start, limit: 1) != nil)
      }
      // A start that another one begins with adds nothing.
      #expect(!starts.contains { start in starts.contains { $0 != start && start.hasPrefix($0) } })
      #expect(starts == ["sess"], "never shorter than what was typed: \"ses\" would find \"sesame\"")
      #expect(vocabulary.prefixCorrections(of: "ses") == [], "three letters may have no typo")
      #expect(vocabulary.prefixCorrections(of: "qxzv") == [])
    }
  }

  @Suite("Synonyms")
  struct Phrases {
    @Test("Phrases are folded into words, and a group of one phrase is dropped")
    func groupsAreFolded() {
      #expect(Synonyms([["Wi-Fi", "WLAN"], ["alone"]]).groups == [[["wi", "fi"], ["wlan"]]])
      #expect(Synonyms.none.groups.isEmpty)
    }

    @Test("The longest phrase at a word wins, and its group is given")
    func longestPhraseWins() {
      let groups = Synonyms([["log", "journal"], ["log in", "sign in"]])
      let phrase = groups.match(["cannot", "log", "in"], at: 1)
      #expect(phrase?.length == 2)
      #expect(phrase?.group == 1)
      let word = groups.match(["log", "file"], at: 0)
      #expect(word?.length == 1)
      #expect(word?.group == 0)
      #expect(groups.match(["cannot", "log", "in"], at: 0) == nil)
      #expect(groups.match(["sign"], at: 0) == nil, "a phrase cut short does not match")
    }
  }

  @Suite("Search plan")
  struct Planning {
    @Test("Filler words are never ranked unless the words are only filler")
    func fillerIsNotRanked() {
      let search = plan("the printer please ")
      #expect(search.groups.map(\.typed) == ["the", "printer", "please"])
      #expect(search.groups.map(\.isFiller) == [true, false, true])
      #expect(search.rankedGroups.map(\.typed) == ["printer"])
      #expect(plan("how do i ").rankedGroups.map(\.typed) == ["how", "do", "i"])
      #expect(SearchPlan.fillerWords.contains("please"))
      #expect(!SearchPlan.fillerWords.contains("printer"))
    }

    @Test("A filler word in no article gets no corrections; another word does")
    func fillerIsNotCorrected() {
      let words = Vocabulary(words: ["four": 1], documentCount: 1)
      let filler = SearchPlan("your ", vocabulary: words, synonyms: .none)
      #expect(filler.groups.first?.alternatives == [])
      let typo = SearchPlan("jour ", vocabulary: words, synonyms: .none)
      #expect(typo.groups.first?.alternatives.map(\.words) == [["four"]])
    }

    @Test("The last word matches as the start of a word while it is typed, and not after a space")
    func lastWordIsAPrefixWhileTyping() {
      let typing = plan("print")
      #expect(typing.groups.count == 1)
      #expect(typing.groups.first?.alternatives.first?.isPrefix == true)
      #expect(typing.groups.first?.alternatives.first?.source == .prefix)
      #expect(typing.groups.first?.alternatives.first?.text == "print…")
      let typed = plan("print ")
      #expect(typed.groups.first?.alternatives.map(\.isPrefix) == [false, false, false])
      #expect(typed.groups.first?.alternatives.map(\.source) == [.typed, .form, .form])
      #expect(typed.groups.first?.alternatives.map(\.text) == ["print", "printed", "printing"])
      #expect(plan("print sess").groups.first?.alternatives.first?.isPrefix == false, "only the last word")
    }

    @Test("A word in no article that starts some matches as a start even after a space")
    func startOfWordsAfterASpace() {
      let search = plan("sess expired ")
      #expect(search.groups.first?.alternatives.map(\.text) == ["sess…"])
      #expect(search.groups.first?.isCorrected == false)
    }

    @Test("A word in the vocabulary is searched for with its forms, and not corrected")
    func aKnownWordIsTyped() {
      let search = plan("locked ")
      let group = search.groups.first
      #expect(group?.alternatives.map(\.words) == [["locked"], ["lock"], ["locks"]])
      #expect(group?.alternatives.map(\.source) == [.typed, .form, .form])
      #expect(group?.isCorrected == false)
      #expect(search.searchedFor == nil, "nothing changed")
    }

    @Test("A misspelt word is searched for as its corrections with their forms, and said so")
    func misspeltWordsAreCorrected() {
      let search = plan("sesion expird ")
      #expect(search.groups.map(\.typed) == ["sesion", "expird"])
      #expect(search.groups.map(\.isCorrected) == [true, true])
      #expect(search.groups.first?.alternatives.map(\.words) == [["session"], ["sessions"]])
      #expect(search.groups.last?.alternatives.map(\.words) == [["expired"], ["expires"], ["expiry"]])
      #expect(search.searchedFor == "session expired")
      #expect(plan("lokced ").groups.first?.alternatives.map(\.text) == ["locked", "lock", "locks"])
    }

    @Test("A word being typed that starts no word is corrected to starts of words")
    func startsAreCorrectedWhileTyping() throws {
      let group = try #require(plan("sesi").groups.first)
      #expect(group.isCorrected)
      #expect(!group.alternatives.isEmpty)
      for alternative in group.alternatives {
        #expect(alternative.isPrefix)
        #expect(alternative.words.count == 1)
        #expect("session".hasPrefix(alternative.words.joined()))
      }
      #expect(plan("sesi ").groups.first?.alternatives == [], "after a space, whole words only")
    }

    @Test("A synonym phrase is one group with the group's other phrases that some article uses")
    func synonymPhrasesAreOneGroup() {
      let wifi = plan("wi-fi ")
      #expect(wifi.groups.map(\.typed) == ["wi fi"])
      #expect(wifi.groups.first?.alternatives.map(\.words) == [["wi", "fi"], ["wifi"], ["wireless"]], "no wlan")
      #expect(wifi.groups.first?.alternatives.map(\.source) == [.typed, .synonym, .synonym])
      #expect(wifi.searchedFor == "wi fi, or wifi, wireless")

      let login = plan("cannot log in ")
      #expect(login.groups.map(\.typed) == ["cannot", "log in"])
      #expect(login.rankedGroups.map(\.typed) == ["log in"])
      // "sign in" is left out: no article has "in".
      #expect(login.groups.last?.alternatives.map(\.text) == ["log in", "login", "logins"])
      #expect(login.searchedFor?.hasPrefix("cannot log in, or login") == true)
    }

    @Test("A one-word synonym still being typed may also be the start of a longer word")
    func synonymBeingTyped() {
      let typing = plan("wifi")
      #expect(typing.groups.first?.alternatives.map(\.text) == ["wifi", "wireless", "wifi…"])
      #expect(plan("wifi ").groups.first?.alternatives.map(\.text) == ["wifi", "wireless"])
      #expect(plan("wlan ").searchedFor == "wlan, or wifi, wireless")
    }

    @Test("A word typed twice is searched once")
    func repeatedWordsOnce() {
      #expect(plan("printer Printer ").groups.map(\.typed) == ["printer"])
      #expect(plan("").isEmpty)
      #expect(plan(" -- ").groups.isEmpty)
    }

    @Test("The highlight holds every alternative's words")
    func highlightHoldsTheAlternatives() {
      let search = plan("pasword wlan ")
      #expect(search.highlight.foldedWords == ["password", "wlan", "wifi", "wireless"])
      #expect(search.highlight.matches(in: "Password for the WiFi") == [0..<8, 17..<21])
      #expect(plan("the printer ").highlight.foldedWords == ["printer"])
    }

    @Test("Each alternative lights up on its own, beside a longer one it starts")
    func highlightKeepsShorterAlternatives() {
      #expect(SearchQuery(words: ["session", "sessions"]).matches(in: "Your session has expired") == [5..<12])
      #expect(SearchQuery(words: ["session", "sessions"]).matches(in: "Two sessions") == [4..<12])
      #expect(SearchQuery(words: ["wifi", "wi", "fi"]).matches(in: "Connect to Wi-Fi") == [11..<13, 14..<16])
      // Typed words still drop a start that another typed word completes.
      #expect(SearchQuery("sess session").foldedWords == ["session"])
    }
  }

  @Suite("Search gaps")
  struct Gaps {
    @Test("An e-mail address is replaced")
    func emailAddresses() {
      #expect(SearchGap.scrub("reset password for bob.smith@example.com please") == "reset password for [email] please")
    }

    @Test("Numbers of six digits or more, even across words, are replaced; shorter ones stay")
    func longNumbers() {
      #expect(SearchGap.scrub("call me on 0412 345 678") == "call me on [number]")
      #expect(SearchGap.scrub("call +44 (0)20 7946 0958 today") == "call [number] today")
      #expect(SearchGap.scrub("staff 123456") == "staff [number]")
      #expect(SearchGap.scrub("error 12345") == "error 12345")
      #expect(SearchGap.scrub("room 12 desk 3456") == "room 12 desk 3456", "a word between keeps them apart")
    }

    @Test("Numbers next to punctuation or a short label are replaced too")
    func numbersWithPunctuation() {
      #expect(SearchGap.scrub("my number is 0412345678, call me") == "my number is [number] call me")
      #expect(SearchGap.scrub("call 0412 345 678, thanks") == "call [number] thanks")
      #expect(SearchGap.scrub("staff id:1234567") == "staff [number]")
      #expect(SearchGap.scrub("AADSTS700016 error") == "aadsts700016 error", "an error code stays")
    }

    @Test("Names with a second capital are names")
    func namesWithCapitalsInside() {
      #expect(SearchGap.scrub("printer for Mary O'Brien") == "printer for [name]")
      #expect(SearchGap.scrub("desk for Ann McDonald") == "desk for [name]")
      #expect(SearchGap.scrub("VPN drops") == "vpn drops", "a word in capitals is not a name")
    }

    @Test("Capitalised words after the first are one name")
    func names() {
      #expect(SearchGap.scrub("printer for Sarah Jones") == "printer for [name]")
      #expect(SearchGap.scrub("John Smith cannot print") == "[name] cannot print")
      #expect(SearchGap.scrub("laptop for Sarah and Tom") == "laptop for [name] and [name]")
    }

    @Test("A first word alone is kept, in lower case, as are words in capitals")
    func firstWordKept() {
      #expect(SearchGap.scrub("Outlook won't open") == "outlook won't open")
      #expect(SearchGap.scrub("my VPN drops") == "my vpn drops")
    }

    @Test("Error codes stay")
    func errorCodes() {
      #expect(SearchGap.scrub("0x80070005 when updating") == "0x80070005 when updating")
      #expect(SearchGap.scrub("error 0X80070005") == "error 0x80070005")
      #expect(SearchGap.scrub("403 forbidden") == "403 forbidden")
    }

    @Test("Long text is cut to eighty characters")
    func longTextIsCut() {
      let text = String(repeating: "word ", count: 30)
      let scrubbed = SearchGap.scrub(text)
      #expect(scrubbed.count == 80)
      #expect(text.hasPrefix(scrubbed))
      #expect(SearchGap.scrub("  spaced   out  ") == "spaced out")
    }

    @Test("A gap keeps the scrubbed words and the outcome")
    func gapKeepsScrubbedWords() {
      let gap = SearchGap("Printer for Sarah", outcome: .ticket)
      #expect(gap.words == "printer for [name]")
      #expect(gap.outcome == .ticket)
      #expect(SearchGap.Outcome.nothingFound.rawValue == "nothing_found")
    }
  }

  @Suite("Topics and choices when nothing is found")
  struct Offers {
    let categories = [
      Category(name: "Printing", description: "Printers, scanners and copiers"),
      Category(name: "Accounts", description: "Passwords, locked accounts and sign-in"),
      Category(name: "Network", description: "Wi-Fi, VPN and cables"),
    ]

    @Test("A word within a typo of a category's name finds it")
    func typoFindsACategory() {
      #expect(SearchTopics.closest(to: "netwrok problem", in: categories) == ["Network"])
      #expect(SearchTopics.closest(to: "vpn", in: categories) == ["Network"])
    }

    @Test("The categories sharing most words come first, up to the limit")
    func mostSharedFirst() {
      #expect(SearchTopics.closest(to: "printer locked password", in: categories) == ["Accounts", "Printing"])
      #expect(SearchTopics.closest(to: "printer locked password", in: categories, limit: 1) == ["Accounts"])
      #expect(SearchTopics.closest(to: "password printer", in: categories) == ["Printing", "Accounts"], "ties in menu order")
    }

    @Test("Filler, short words or no shared word offer no topic")
    func nothingShared() {
      #expect(SearchTopics.closest(to: "and the", in: categories) == [])
      #expect(SearchTopics.closest(to: "wi fi", in: categories) == [], "words under three letters")
      #expect(SearchTopics.closest(to: "banana", in: categories) == [])
      #expect(SearchTopics.closest(to: "printer", in: []) == [])
    }

    @Test("The choices are the hits when there are some")
    func hitsAreTheChoices() {
      var search = SearchState("printer")
      #expect(search.choices == [], "no results yet")
      let hit = SearchHit(articleID: "printer-offline", snippet: "Printer offline")
      var results = SearchResults(query: "printer", hits: [hit], total: 1)
      results.popular = ["locked"]
      results.topics = ["Printing"]
      search.results = results
      #expect(search.choices == [.article(hit)])
    }

    @Test("With no hits, the choices are the most-read articles, then the topics")
    func popularThenTopics() {
      var search = SearchState("netwrok")
      var results = SearchResults(query: "netwrok", hits: [], total: 0)
      results.popular = ["locked", "session-expired"]
      results.topics = ["Network"]
      search.results = results
      #expect(
        search.choices == [
          .article(SearchHit(articleID: "locked", snippet: "")),
          .article(SearchHit(articleID: "session-expired", snippet: "")), .topic("Network"),
        ])
    }
  }
}
