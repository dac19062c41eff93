import VerbatimCore
import VerbatimPrivacy

extension RunReport {
    /// The report with personal data masked in every text it quotes: the
    /// verbatims' text, evidence and employee mention, and the files' error
    /// messages. Every writer renders from this copy (`pii: mask`), so none
    /// can forget it. Identifiers (record ids, file names, employees,
    /// channels, dates) are kept, so a row can still be traced to its source.
    public func masked(by masker: PersonalDataMasker) -> RunReport {
        var r = self
        let rewrite = { (v: VerbatimSample) in v.masked(by: masker) }
        r.aggregate.topVerbatims.rewriteSamples(rewrite)
        for k in r.aggregate.topByEmployee.keys { r.aggregate.topByEmployee[k]!.rewriteSamples(rewrite) }
        for k in r.aggregate.topByTheme.keys { r.aggregate.topByTheme[k]!.rewriteSamples(rewrite) }
        r.files = files.map { f in
            var f = f
            f.fileError = f.fileError.map(masker.mask)
            return f
        }
        r.filesNotRead = filesNotRead.map { FileNotRead(name: $0.name, reason: masker.mask($0.reason)) }
        return r
    }
}

extension VerbatimSample {
    /// The sample with its free text masked. A text cut at `maxTextLength`
    /// also loses a number cut in two at its end (`… 0532 123 4…`), which no
    /// rule could recognise any more.
    func masked(by masker: PersonalDataMasker) -> VerbatimSample {
        var v = self
        var text = masker.mask(self.text)
        // Only a text that was cut (its last character is the `…` added, after `maxTextLength` characters).
        // `text[..<index(before: endIndex)]`, not `dropLast()`: the generic one counts every character first.
        if text.utf8.last == 0xA6, text.hasSuffix("…"), text[..<text.index(before: text.endIndex)].last?.isNumber == true,
           self.text.count == Self.maxTextLength + 1 {
            var body = text[..<text.index(before: text.endIndex)]
            while let c = body.last, c.isNumber || c == " " || c == "-" || c == "." || c == "(" || c == ")" || c == "+" || c == "/" { body.removeLast() }
            if body.count < text.count - 1 { text = String(body) + " …" }
        }
        v.text = text
        v.evidence = masker.mask(evidence)
        v.employeeMention = employeeMention.map(masker.mask)
        return v
    }
}
