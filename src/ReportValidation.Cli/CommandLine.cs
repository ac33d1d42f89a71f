namespace ReportValidation.Cli;

/// <summary>PLACEHOLDER: `validate [--json] [--previous FILE] FILE...`.</summary>
public static class CommandLine
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        _ = output;
        error.WriteLine("usage: reportvalidation validate [--json] [--previous FILE] FILE...");
        return Task.FromResult(args.Length == 0 ? 2 : 2);
    }
}
