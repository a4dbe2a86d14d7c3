/// The error of a configuration that cannot be used, listing every problem found.
public struct ConfigurationProblems: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order the file was checked. Never empty.
    public var problems: [ConfigurationProblem]

    /// Creates the error from the problems found.
    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    /// One line per problem.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
