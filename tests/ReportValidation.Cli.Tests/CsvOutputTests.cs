using System.Text;
using Microsoft.VisualBasic.FileIO;
using ReportValidation.Cli.Output;
using ReportValidation.Tests;
using ReportValidation.V1;

namespace ReportValidation.Cli.Tests;

/// <summary>`validate --format csv` opens in a spreadsheet: RFC 4180, UTF-8 with a byte order mark, a row per finding.</summary>
public class CsvOutputTests
{
    [Fact]
    public void The_csv_starts_with_a_byte_order_mark_and_the_header()
    {
        var output = Invocation.Run("validate", "--format", "csv", Seeds.PathOf("004")).Output;

        Assert.StartsWith("\uFEFFfile,year,template,passes,severity,rule_id,line,table,row,column,message_zh,message_en\r\n", output);
    }

    [Fact]
    public void A_standard_csv_parser_reads_one_row_per_finding_with_the_messages_intact()
    {
        var json = Invocation.Run("validate", "--json", Seeds.Directory).OutputLines
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        var rows = Parse(Invocation.Run("validate", "--format", "csv", Seeds.Directory).Output);

        var findings = json.Sum(result => Math.Max(1, result.GetProperty("findings").GetArrayLength()));
        Assert.Equal(findings, rows.Count - 1);
        var messages = json.SelectMany(result => result.GetProperty("findings").EnumerateArray())
            .Select(f => f.GetProperty("messageEn").GetString()).ToHashSet();
        Assert.Contains(messages, m => m!.Contains(',', StringComparison.Ordinal));
        Assert.All(rows.Skip(1).Where(r => r[5].Length > 0), row => Assert.Contains(row[11], messages));
    }

    [Fact]
    public void Every_row_carries_its_file_and_verdict()
    {
        var rows = Parse(Invocation.Run("validate", "--format", "csv", Seeds.PathOf("001"), Seeds.PathOf("002")).Output);

        Assert.All(rows.Skip(1), row => Assert.Equal(12, row.Length));
        Assert.Contains(rows, row => row[0].EndsWith(Path.GetFileName(Seeds.PathOf("002")), StringComparison.Ordinal)
            && row[3] == "false" && row[5] == "structure.section_missing");
        Assert.Contains(rows, row => row[0].EndsWith(Path.GetFileName(Seeds.PathOf("001")), StringComparison.Ordinal) && row[3] == "true");
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted_and_a_formula_is_defused()
    {
        var result = new ValidationResult { Report = new Report { Year = 2024 }, Summary = new Summary { Passes = false } };
        result.Findings.Add(new Finding
        {
            RuleId = "text.example",
            Severity = Severity.Warning,
            MessageZh = "=HYPERLINK(\"http://example.com\")",
            MessageEn = "a \"quoted\" word, a comma\nand a line break",
        });
        var output = new StringWriter();
        var csv = new CsvReport(output);

        csv.Begin();
        csv.Write("a,b.txt", result);

        Assert.Contains("\"a,b.txt\"", output.ToString());
        var row = Parse(output.ToString())[1];
        Assert.Equal("a,b.txt", row[0]);
        Assert.Equal("'=HYPERLINK(\"http://example.com\")", row[10]);
        Assert.Equal("a \"quoted\" word, a comma\nand a line break", row[11]);
    }

    [Fact]
    public void Json_and_a_different_format_together_are_bad_usage()
    {
        var run = Invocation.Run("validate", "--json", "--format", "csv", Seeds.PathOf("001"));

        Assert.Equal(ExitCode.Usage, run.Exit);
        Assert.Contains("--json and --format disagree", run.Error);
    }

    private static List<string[]> Parse(string csv)
    {
        Assert.StartsWith("\uFEFF", csv);
        using var parser = new TextFieldParser(new StringReader(csv[1..])) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }
        return rows;
    }
}
