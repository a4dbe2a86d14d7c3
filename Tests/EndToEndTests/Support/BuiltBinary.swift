import Foundation

/// Finds the executables that `swift build` put in the build folder, such as `navixy-sim`.
///
/// The folder is `NAVIXY_BIN_DIR` when that is set. Otherwise it is the folder of the running
/// test binary: on Linux `swift test` runs `<build>/debug/<package>PackageTests.xctest`, an
/// executable next to the package's products, and on macOS the `.xctest` bundle sits there.
/// The package's own `.build/debug` is the last resort.
enum BuiltBinary {
    /// The environment variable that names the folder explicitly.
    static let directoryVariable = "NAVIXY_BIN_DIR"

    /// Returns the executable `name`, or throws an error listing every folder that was searched.
    static func url(named name: String) throws -> URL {
        let folders = candidateFolders()
        for folder in folders {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        let searched = folders.map(\.path).joined(separator: ", ")
        throw EndToEndError(
            "no executable \(name) in \(searched); run swift build --build-tests first, or set "
                + "\(directoryVariable) to the folder holding it")
    }

    /// Lists the folders to search, most specific first.
    static func candidateFolders() -> [URL] {
        if let folder = ProcessInfo.processInfo.environment[directoryVariable], !folder.isEmpty {
            return [URL(fileURLWithPath: folder, isDirectory: true)]
        }
        var folders: [URL] = []
        if let executable = CommandLine.arguments.first, !executable.isEmpty {
            folders.append(folderOf(URL(fileURLWithPath: executable)))
        }
        if let executable = Bundle.main.executableURL {
            folders.append(folderOf(executable))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        folders.append(packageBuildFolder())
        var seen = Set<String>()
        return folders.filter { seen.insert($0.path).inserted }
    }

    /// Returns the folder containing `file`, after resolving symbolic links such as `.build/debug`.
    private static func folderOf(_ file: URL) -> URL {
        file.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
    }

    /// Returns `<package>/.build/debug`, found from this source file's path.
    private static func packageBuildFolder(sourceFile: String = #filePath) -> URL {
        URL(fileURLWithPath: sourceFile)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // EndToEndTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent(".build/debug", isDirectory: true)
            .resolvingSymlinksInPath()
    }
}
