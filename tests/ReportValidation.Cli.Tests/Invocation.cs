namespace ReportValidation.Cli.Tests;

/// <summary>Runs the command line in-process over string writers, as a terminal of a given width would.</summary>
internal sealed record Invocation(int Exit, string Output, string Error)
{
    public static Invocation Run(params string[] args) => RunAt(Terminal.DefaultWidth, errorIsInteractive: false, args);

    public static Invocation RunAt(int width, bool errorIsInteractive, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, new Terminal(output, error, width, errorIsInteractive));
        return new Invocation(exit, output.ToString(), error.ToString());
    }

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>A temporary folder of report files, deleted after the test.</summary>
internal sealed class ReportFolder : IDisposable
{
    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("rv-cli-");

    public string Path => Directory.FullName;

    public string Add(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string AddSeed(string id) => Add($"{id}.txt", File.ReadAllBytes(ReportValidation.Tests.Seeds.PathOf(id)));

    public void Dispose() => Directory.Delete(recursive: true);
}
