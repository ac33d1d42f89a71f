return ReportValidation.Cli.CommandLine.Run(args, ReportValidation.Cli.Terminal.FromConsole());
