import Foundation

// navixy-sim: a local stand-in for Navixy's push-token API. See `SimulatorOptions.help`.

let options: SimulatorOptions
do {
    options = try SimulatorOptions.parse(CommandLine.arguments.dropFirst())
} catch {
    FileHandle.standardError.write(Data("navixy-sim: \(error)\nTry navixy-sim --help.\n".utf8))
    exit(2)
}
if options.showsHelp {
    print(SimulatorOptions.help)
    exit(0)
}

let simulator: Simulator
do {
    simulator = try Simulator(options: options)
} catch {
    FileHandle.standardError.write(Data("navixy-sim: \(error)\n".utf8))
    exit(1)
}
let signals = simulator.stopOnSignals()
simulator.announce()
dispatchMain()
