import ArgumentParser
import Foundation
import VerbatimPipeline


/// Loads a pipeline and its data, turning configuration errors into exit code 78.
func loadPipeline(_ path: String, report: (String) -> Void = printError) throws -> (PipelineConfiguration, LoadedResources) {
    do {
        let config = try PipelineConfiguration.load(path: DataHome.pipeline(path))
        let resources = try LoadedResources.load(config)
        return (config, resources)
    } catch {
        report("verbatim: \(error)")
        throw ExitCodes.configurationError
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
