import Foundation

/// Numbers, number words and ordinals.
extension WhenGrammar {
    /// An amount before a unit: `10`, `1.5`, `a`, `an`, `twenty five`, `a couple of`, `a few`, `half (a|an)`,
    /// `two and a half`, `(a) quarter (of an)`, `three quarters of an`, `2 1/2`, `3/4 of an`.
    func amount(at index: Int) -> (Double, Int)? {
        guard let first = word(index) else { return nil }
        var value: Double
        var end: Int
        if let number = readings(index)?.number {
            value = number
            end = index + 1
            if let (decimal, after) = decimalComma(after: index) {
                // `1,5 hours`: the European decimal comma.
                value = number + decimal
                end = after
            } else if let part = fraction(at: end) {
                // `2 1/2 hours`.
                value += part
                end += 1
            }
        } else if let part = fraction(at: index) {
            // `1/2 hour`, `3/4 of an hour`.
            return (part, skip("an", "a", at: skip("of", at: index + 1)))
        } else if first == "quarter" || (first == "a" && word(index + 1) == "quarter") {
            // `quarter of an hour`, `a quarter hour`.
            let afterQuarter = first == "quarter" ? index + 1 : index + 2
            return (0.25, skip("a", "an", at: skip("of", at: afterQuarter)))
        } else if first == "half" || (first == "a" && word(index + 1) == "half") {
            let afterHalf = first == "half" ? index + 1 : index + 2
            return (0.5, skip("a", "an", at: afterHalf))
        } else if let afterCouple = expect("a", "couple", at: index) ?? expect("couple", at: index) {
            return (2, skip("of", at: afterCouple))
        } else if let afterFew = expect("a", "few", at: index) ?? expect("few", at: index) {
            return (3, afterFew)
        } else if let (number, after) = numberWord(at: index) {
            value = Double(number)
            end = after
        } else {
            return nil
        }
        // `three quarters of an hour`.
        if word(end) == "quarters" {
            return (value * 0.25, skip("a", "an", at: skip("of", at: end + 1)))
        }
        if let afterHalf = expect("and", "a", "half", at: end), info(afterHalf).unit != nil {
            value += 0.5
            end = afterHalf
        }
        return (value, end)
    }

    /// The fraction after a whole number written with a comma and no spaces (`1,5`: the tokenizer splits the
    /// comma off), and the index after it.
    private func decimalComma(after index: Int) -> (Double, Int)? {
        guard isComma(index + 1), index + 2 < tokens.count, tokens[index + 1].range.lowerBound == tokens[index].range.upperBound,
              tokens[index + 2].range.lowerBound == tokens[index + 1].range.upperBound,
              let digits = readings(index + 2)?.number, digits == digits.rounded(), length(index + 2) <= 2
        else { return nil }
        return (digits / (length(index + 2) == 1 ? 10 : 100), index + 3)
    }

    /// `1/2`, `1/4`, `3/4`, `½`, `¼`, `¾` as an amount.
    private func fraction(at index: Int) -> Double? {
        switch word(index) {
        case "1/2", "½": 0.5
        case "1/4", "¼": 0.25
        case "3/4", "¾": 0.75
        default: nil
        }
    }

    /// A whole number in digits or words (`3`, `three`, `twenty-one`).
    func integer(at index: Int) -> (Int, Int)? {
        guard word(index) != nil else { return nil }
        if let number = readings(index)?.number, number == number.rounded(), number < 1_000_000 {
            return (Int(number), index + 1)
        }
        return numberWord(at: index)
    }

    /// `one` … `ninety nine`, `twenty-five`.
    func numberWord(at index: Int) -> (Int, Int)? {
        guard word(index) != nil else { return nil }
        if hasHyphen(index) { return hyphenatedNumber(at: index) }
        guard let value = info(index).number else { return nil }
        if value >= 20, value % 10 == 0, let next = word(index + 1), next != "a", next != "an",
           let ones = info(index + 1).number, (1...9).contains(ones) {
            return (value + ones, index + 2)
        }
        return (value, index + 1)
    }

    /// `twenty-five`. Kept out of `numberWord`, which runs for most candidate words: building the text
    /// here would give every call the set-up cost of this rare path.
    @inline(never)
    private func hyphenatedNumber(at index: Int) -> (Int, Int)? {
        guard let text = text(index) else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let tens = Vocabulary.numberWords[String(parts[0])],
              let ones = Vocabulary.numberWords[String(parts[1])],
              tens >= 20, tens % 10 == 0, (1...9).contains(ones), parts[1] != "a", parts[1] != "an"
        else { return nil }
        return (tens + ones, index + 1)
    }

    /// `1st`, `15th`, `first`, `twenty-first`, `thirty first`, `last` (-1), `second to last` (-2).
    func ordinal(at index: Int) -> (Int, Int)? {
        guard let first = word(index) else { return nil }
        if first == "last" { return (-1, index + 1) }
        if first == "penultimate" { return (-2, index + 1) }
        var value: Int
        var end = index + 1
        if let number = readings(index)?.ordinal {
            value = number
        } else if let number = info(index).ordinal {
            value = number
        } else if hasHyphen(index), let text = text(index) {
            let parts = text.split(separator: "-").map(String.init)
            if parts.count == 3, parts[1] == "to", parts[2] == "last", let n = Vocabulary.ordinalWords[parts[0]] {
                return (-n, index + 1)
            }
            guard parts.count == 2, let tens = Vocabulary.numberWords[parts[0]], tens >= 20, tens % 10 == 0,
                  let ones = Vocabulary.ordinalWords[parts[1]], ones <= 9
            else { return nil }
            value = tens + ones
        } else if let tens = info(index).number, tens >= 20, tens % 10 == 0,
                  let ones = info(index + 1).ordinal, ones <= 9 {
            value = tens + ones
            end = index + 2
        } else {
            return nil
        }
        if let afterLast = expect("to", "last", at: end), value >= 2, value <= 5 {
            return (-value, afterLast)
        }
        if value == 2, word(end) == "last" { return (-2, end + 1) }
        return (value, end)
    }
}
