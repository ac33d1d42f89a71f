namespace ReportValidation.Cli.Output;

/// <summary>
/// "validated 12/400" on one stderr line, rewritten in place, while a folder is validated; only when
/// stderr is a terminal, so logs and pipes never see it. Cleared before any other stderr message.
/// </summary>
internal sealed class Progress(TextWriter error, int width, bool enabled)
{
    private int shown;

    public void Report(int done, int total, string file)
    {
        if (!enabled)
        {
            return;
        }
        var text = $"已验证 validated {done}/{total}: {Path.GetFileName(file)}";
        if (DisplayWidth.Of(text) >= width)
        {
            text = $"已验证 validated {done}/{total}";
        }
        Clear();
        error.Write(text);
        error.Flush();
        shown = DisplayWidth.Of(text);
    }

    public void Clear()
    {
        if (shown > 0)
        {
            error.Write('\r' + new string(' ', shown) + '\r');
            shown = 0;
        }
    }
}
