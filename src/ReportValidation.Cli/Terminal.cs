namespace ReportValidation.Cli;

/// <summary>
/// Where a command writes, how wide its lines may be, and whether the person watching stderr wants
/// progress. Tests build one over string writers; the program builds one over the console.
/// </summary>
public sealed record Terminal(TextWriter Output, TextWriter Error, int Width = Terminal.DefaultWidth, bool ErrorIsInteractive = false)
{
    /// <summary>The width of redirected output: what a pager, an editor or a printed page shows.</summary>
    public const int DefaultWidth = 80;

    /// <summary>Narrower terminals still get this much, so the columns of a finding stay readable.</summary>
    public const int MinimumWidth = 40;

    public int LineWidth => Math.Max(Width, MinimumWidth);

    public static Terminal FromConsole() =>
        new(Console.Out, Console.Error, ConsoleWidth(), ErrorIsInteractive: !Console.IsErrorRedirected);

    private static int ConsoleWidth()
    {
        if (Console.IsOutputRedirected)
        {
            return DefaultWidth;
        }
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : DefaultWidth;
        }
        catch (IOException)
        {
            return DefaultWidth;
        }
    }
}
