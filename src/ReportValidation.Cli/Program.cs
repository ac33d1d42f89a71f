return await ReportValidation.Cli.CommandLine.RunAsync(args, Console.Out, Console.Error);
