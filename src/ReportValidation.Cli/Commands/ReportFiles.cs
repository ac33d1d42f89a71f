namespace ReportValidation.Cli.Commands;

/// <summary>The files named on the command line, folders expanded.</summary>
internal sealed record ReportFiles(IReadOnlyList<string> Files, bool FolderGiven)
{
    private static readonly EnumerationOptions FolderWalk = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>
    /// Files as given; a folder's files with its subfolders' (an auditor's folder is often by year or
    /// department), hidden ones skipped, in path order. Null, with the path, when one does not exist.
    /// </summary>
    public static (ReportFiles? Files, string? MissingPath) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var folderGiven = false;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                folderGiven = true;
                files.AddRange(Directory.EnumerateFiles(path, "*", FolderWalk).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                return (null, path);
            }
        }
        return (new ReportFiles(files, folderGiven), null);
    }
}
