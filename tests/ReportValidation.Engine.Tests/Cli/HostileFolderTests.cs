using System.Text.Json;
using ReportValidation.Testing;

namespace ReportValidation.Tests.Cli;

/// <summary>
/// An auditor's folder holding every hostile document beside a real report, validated by the CLI as
/// its own process: one bad file used to abort the whole run (exit 134, nothing printed for the others).
/// </summary>
public class HostileFolderTests
{
    [Fact]
    public void A_folder_of_hostile_files_reports_every_file_and_the_seed_and_exits_without_crashing()
    {
        var folder = Directory.CreateTempSubdirectory("rv-hostile-folder-");
        try
        {
            foreach (var document in HostileDocuments.All)
            {
                File.WriteAllBytes(Path.Combine(folder.FullName, document.Name + Path.GetExtension(document.FileName)), document.Content);
            }
            File.Copy(Seeds.PathOf("004"), Path.Combine(folder.FullName, "zz-seed-004.txt"));

            var run = CliProcess.Run(TimeSpan.FromMinutes(2), "validate", "--json", folder.FullName);

            Assert.Equal(2, run.ExitCode); // some inputs were unreadable; not 134 (abort) or an unhandled exception's exit
            var results = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .ToDictionary(result => Path.GetFileName(result.GetProperty("file").GetString()!));
            Assert.Equal(2024, results["zz-seed-004.txt"].GetProperty("report").GetProperty("year").GetInt32());
            var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var document in HostileDocuments.All)
            {
                var name = document.Name + Path.GetExtension(document.FileName);
                if (document.ExpectedCode is null)
                {
                    Assert.True(results.ContainsKey(name), $"{name} has no result");
                    continue;
                }
                var error = Assert.Single(errors, line => line.Contains(name, StringComparison.Ordinal));
                Assert.Contains(document.Limit ?? "", error, StringComparison.Ordinal);
            }
            Assert.Equal(HostileDocuments.All.Count + 1, results.Count + errors.Length);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
