/// English articles before the names generated docs mention: "an ``AcceptInquiredSystemEventError``",
/// "a ``DescribeInstancesError``", "an ``ECSService``".
enum Articles {
    /// `name` with "a" or "an" before it, by how the name is read out.
    static func indefinite(_ name: String) -> String {
        (startsWithVowelSound(name) ? "an " : "a ") + name
    }

    /// Whether `name` (a Swift name, possibly in backticks) is read out starting with a vowel
    /// sound. An initialism (two capitals, `ECSService`, `VSwitch`, `URLError`) is read letter by
    /// letter: "an" before A, E, F, H, I, L, M, N, O, R, S and X ("ess", "ef", …). A word is
    /// read as spelled: "an" before a, e, i, o and u, except where they sound like a consonant
    /// ("a Unique…", "a User…", "a Euro…", "a One…"); "an" before a silent h ("an Hour…").
    static func startsWithVowelSound(_ name: String) -> Bool {
        let letters = name.drop { !$0.isLetter }
        guard let first = letters.first else { return false }
        let second = letters.dropFirst().first
        if first.isUppercase, let second, second.isUppercase {
            return "AEFHILMNORSX".contains(first)
        }
        let word = letters.lowercased()
        if ["uni", "use", "usa", "usu", "uti", "ura", "ure", "uro", "eu", "one", "once", "ewe"].contains(where: word.hasPrefix) {
            return false
        }
        if ["hour", "honest", "honor", "honour", "heir"].contains(where: word.hasPrefix) {
            return true
        }
        return "aeiou".contains(word.first!)
    }
}
