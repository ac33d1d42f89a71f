using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ReportValidation.Cli.Output;
using ReportValidation.Tests;

namespace ReportValidation.Cli.Tests;

/// <summary>The human output reads at 80 columns: wrapped with indentation, words whole, Chinese two columns wide.</summary>
public partial class HumanOutputTests
{
    [Fact]
    public void Every_line_of_the_seeds_output_fits_in_80_columns_counting_chinese_double()
    {
        using var folder = SeedsInShortPaths();

        var lines = Invocation.Run("validate", folder.Path).OutputLines;

        Assert.True(lines.Length > 50);
        Assert.All(lines.Where(line => !line.StartsWith("== /", StringComparison.Ordinal)),
            line => Assert.True(Columns(line) <= 80, $"{Columns(line)} columns: {line}"));
    }

    [Fact]
    public void No_english_word_of_a_message_is_broken_across_lines()
    {
        var run = Invocation.Run("validate", "--json", Seeds.Directory);
        var messages = run.OutputLines.SelectMany(line => FindingMessages().Matches(line).Select(m => m.Groups[1].Value));
        var words = Invocation.Run("validate", Seeds.Directory).OutputLines
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();

        foreach (var message in messages)
        {
            foreach (var word in message.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(c => c < 0x2E80)))
            {
                Assert.Contains(word, words);
            }
        }
    }

    [Fact]
    public void A_wrapped_message_goes_on_under_its_first_line()
    {
        var lines = Invocation.Run("validate", Seeds.PathOf("000")).OutputLines;

        var severityLine = Array.FindIndex(lines, l => l.StartsWith("   error   structure.row_incomplete", StringComparison.Ordinal));
        Assert.True(severityLine >= 0);
        Assert.All(lines[(severityLine + 1)..(severityLine + 4)], line => Assert.StartsWith("           ", line));
    }

    [Fact]
    public void A_wider_terminal_gets_longer_lines_up_to_its_width()
    {
        using var folder = SeedsInShortPaths();

        var lines = Invocation.RunAt(132, errorIsInteractive: false, "validate", folder.Path).OutputLines;

        Assert.Contains(lines, line => Columns(line) > 80);
        Assert.All(lines, line => Assert.True(Columns(line) <= 132, line));
    }

    [Fact]
    public void Chinese_text_breaks_between_characters_at_the_column_where_it_fills_the_line()
    {
        var text = string.Concat(Enumerable.Repeat("政府信息公开", 10));

        var lines = LineWrapper.Wrap(text, 20, "", "").ToList();

        Assert.Equal(6, lines.Count);
        Assert.All(lines, line => Assert.Equal(10, line.Length));
    }

    [Fact]
    public void A_line_never_starts_with_closing_punctuation()
    {
        var lines = LineWrapper.Wrap("一二三四五六七八九，十一二三。", 18, "", "").ToList();

        Assert.Equal(["一二三四五六七八", "九，十一二三。"], lines);
    }

    [Fact]
    public void Latin_words_and_numbers_stay_whole_and_a_word_wider_than_the_line_is_kept_whole()
    {
        var lines = LineWrapper.Wrap("see applications.carried_forward_exceeds_received in 12,345 rows", 20, "  ", "    ").ToList();

        Assert.Equal(["  see", "    applications.carried_forward_exceeds_received", "    in 12,345 rows"], lines);
    }

    [Fact]
    public void Terms_glued_with_a_no_break_space_stay_on_one_line_and_print_with_a_plain_space()
    {
        var lines = LineWrapper.Wrap("一二三四五 模板\u00A0template\u00A02021", 20, "", "").ToList();

        Assert.Equal(["一二三四五", "模板 template 2021"], lines);
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("政府", 4)]
    [InlineData("（表三）", 8)]
    [InlineData("𠀀", 2)]
    [InlineData("e\u0301", 1)]
    public void Display_width_counts_chinese_and_full_width_forms_double(string text, int columns)
    {
        Assert.Equal(columns, DisplayWidth.Of(text));
    }

    [Fact]
    public void The_folder_summary_counts_passes_failures_and_unreadable_files()
    {
        var output = Invocation.Run("validate", Seeds.Directory).Output;

        Assert.Contains("汇总 summary: 5 份报告 reports", output);
        Assert.Contains("2 通过 pass, 3 不通过 fail, 0 无法读取 unreadable", output);
    }

    [Fact]
    public void Progress_goes_to_stderr_for_a_folder_when_stderr_is_a_terminal()
    {
        var run = Invocation.RunAt(80, errorIsInteractive: true, "validate", Seeds.Directory);

        Assert.Contains("validated 5/5", run.Error);
        Assert.EndsWith("\r", run.Error);
        Assert.DoesNotContain("validated", run.Output);
    }

    [Fact]
    public void Progress_is_cleared_before_a_report_is_printed_to_the_same_terminal()
    {
        var screen = new StringWriter();

        CommandLine.Run(["validate", Seeds.Directory], new Terminal(screen, screen, 80, ErrorIsInteractive: true));

        var text = screen.ToString();
        var blocks = Regex.Matches(text, "== ").Select(match => match.Index).ToList();
        Assert.Equal(6, blocks.Count);
        Assert.All(blocks, index => Assert.True(index == 0 || text[index - 1] is '\n' or '\r', text[Math.Max(0, index - 40)..index]));
        Assert.Contains("validated 3/5", text);
    }

    [Fact]
    public void No_progress_is_written_when_stderr_is_redirected_or_for_single_files()
    {
        Assert.Equal("", Invocation.RunAt(80, errorIsInteractive: false, "validate", Seeds.Directory).Error);
        Assert.Equal("", Invocation.RunAt(80, errorIsInteractive: true, "validate", Seeds.PathOf("001"), Seeds.PathOf("002")).Error);
    }

    /// <summary>Display columns as a terminal counts them (East Asian Wide and Fullwidth take two).</summary>
    private static int Columns(string line) => line.EnumerateRunes().Sum(rune =>
        rune.Value is >= 0x2E80 and <= 0xA4CF or >= 0xFF00 and <= 0xFF60 or >= 0xFE30 and <= 0xFE4F ? 2
        : Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark ? 0 : 1);

    private static ReportFolder SeedsInShortPaths()
    {
        var folder = new ReportFolder();
        foreach (var id in Seeds.Ids)
        {
            folder.AddSeed(id);
        }
        return folder;
    }

    [GeneratedRegex("\"message(?:Zh|En)\":\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex FindingMessages();
}
