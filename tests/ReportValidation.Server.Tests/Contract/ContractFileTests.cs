using ReportValidation.Server.Contract;

namespace ReportValidation.Server.Tests.Contract;

/// <summary>
/// The contract files kept in the repository for callers are what the protos generate today. After a proto
/// change, <c>REPORTVALIDATION_UPDATE_CONTRACT=1 dotnet test --filter ContractFileTests</c> rewrites them.
/// </summary>
public sealed class ContractFileTests
{
    [Fact]
    public void The_checked_in_openapi_json_is_what_the_protos_generate() =>
        AssertCurrent(Path.Combine("src", "ReportValidation.Server", "openapi.json"), OpenApiDocument.Text);

    [Fact]
    public void The_checked_in_typescript_declarations_are_what_the_protos_generate() =>
        AssertCurrent(Path.Combine("src", "ReportValidation.Server", "wwwroot", "js", "reportvalidation-types.d.ts"), TypeScriptDeclarations.Text);

    private static void AssertCurrent(string relativePath, string generated)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        if (Environment.GetEnvironmentVariable("REPORTVALIDATION_UPDATE_CONTRACT") == "1")
        {
            File.WriteAllText(path, generated);
        }
        Assert.True(File.Exists(path), $"{relativePath} is missing");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReportValidation.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("ReportValidation.sln not found above the test binaries.");
    }
}
