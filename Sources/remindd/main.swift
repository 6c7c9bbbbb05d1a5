import Foundation

// remindd: a tiny dispatcher over the subcommands. Adding one is one line in `Subcommand.all`.
let arguments = Array(CommandLine.arguments.dropFirst())
exit(Subcommand.dispatch(arguments))
