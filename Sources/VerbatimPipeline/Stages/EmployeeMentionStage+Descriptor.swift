import VerbatimAnalysis

extension EmployeeMentionStage {
    static let descriptor = StageDescriptor(
        name: stageName, kind: .employeeMentions, requires: [.normalize, .language], options: [],
        summary: "attributes records without an employee to the roster employee their text names",
        typeName: String(describing: Self.self), usesRoster: true,
        make: { context, _ in
            guard let roster = context.roster else {
                fatalError("employee_mentions without a roster: PipelineConfiguration.checkRosterStage lets none through")
            }
            return EmployeeMentionStage(matcher: roster)
        })
}
