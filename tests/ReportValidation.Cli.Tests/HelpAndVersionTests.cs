using System.Reflection;

namespace ReportValidation.Cli.Tests;

/// <summary>--help and --version answer on every command, on stdout, with exit code 0.</summary>
public class HelpAndVersionTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("validate", "--help")]
    [InlineData("rules", "--help")]
    [InlineData("help")]
    [InlineData("help", "validate")]
    public void Help_is_printed_on_stdout_with_exit_code_0(params string[] args)
    {
        var run = Invocation.Run(args);

        Assert.Equal(ExitCode.Pass, run.Exit);
        Assert.Contains("Usage:", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void The_help_of_validate_lists_its_options_and_the_allowed_values()
    {
        var output = Invocation.Run("validate", "--help").Output;

        foreach (var expected in new[] { "--format", "csv", "json", "human", "--profile", "submission", "--previous", "--json" })
        {
            Assert.Contains(expected, output);
        }
    }

    [Fact]
    public void The_top_level_help_documents_the_exit_codes()
    {
        var output = Invocation.Run("--help").Output;

        Assert.Contains("0 every report passes", output);
        Assert.Contains("3 a file could not be read", output);
    }

    [Fact]
    public void Help_is_wrapped_to_the_terminal_width()
    {
        var lines = Invocation.RunAt(60, errorIsInteractive: false, "validate", "--help").OutputLines;

        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 60, line));
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("validate", "--version")]
    [InlineData("rules", "--version")]
    public void Version_prints_the_assembly_version_with_exit_code_0(params string[] args)
    {
        var expected = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var run = Invocation.Run(args);

        Assert.Equal(ExitCode.Pass, run.Exit);
        Assert.Equal(expected, run.Output.Trim());
    }

    [Fact]
    public void An_unknown_profile_is_bad_usage_naming_the_allowed_values()
    {
        var run = Invocation.Run("validate", "--profile", "strict", ReportValidation.Tests.Seeds.PathOf("001"));

        Assert.Equal(ExitCode.Usage, run.Exit);
        Assert.Contains("strict", run.Error);
        Assert.Contains("submission", run.Error);
        Assert.Contains("usage", run.Error);
    }

    [Fact]
    public void An_unknown_command_is_bad_usage()
    {
        var run = Invocation.Run("check", ReportValidation.Tests.Seeds.PathOf("001"));

        Assert.Equal(ExitCode.Usage, run.Exit);
        Assert.Contains("usage", run.Error);
    }
}
