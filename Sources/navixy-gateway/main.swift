import Foundation

exit(GatewayCommand(arguments: Array(CommandLine.arguments.dropFirst())).run())
