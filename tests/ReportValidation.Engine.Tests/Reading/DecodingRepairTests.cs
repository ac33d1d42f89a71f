using System.Text;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading;

/// <summary>Issue 12: a UTF-8 report broken in a few bytes stays UTF-8; NULs are dropped; each repair is a finding that says where.</summary>
public class DecodingRepairTests
{
    private static readonly string Seed = ReportValidation.Tests.Seeds.Text("004");

    [Fact]
    public void A_utf8_report_with_a_stray_byte_stays_utf8_with_one_replacement_named_by_line()
    {
        var bytes = Encoding.UTF8.GetBytes(Seed).ToList();
        var at = Encoding.UTF8.GetByteCount(Seed[..Seed.IndexOf("二、", StringComparison.Ordinal)]);
        bytes.Insert(at, 0xFF);
        var result = ReportEngine.Default.Validate(new InputDocument(bytes.ToArray()));
        Assert.Contains("总体情况", result.Report.Sections[0].Heading, StringComparison.Ordinal);
        var finding = Assert.Single(result.Findings, f => f.RuleId == "document.text_repaired");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(Seed[..Seed.IndexOf("二、", StringComparison.Ordinal)].Count(c => c == '\n') + 1, finding.Location.Line);
    }

    [Fact]
    public void A_utf8_report_whose_last_character_is_cut_stays_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Seed + "止");
        var decoded = TextDecoding.DecodeText(bytes.AsSpan(0, bytes.Length - 1));
        Assert.Equal("UTF-8", decoded.EncodingName);
        Assert.Equal(1, decoded.Replaced);
        Assert.StartsWith(Seed, decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gbk_report_is_still_read_as_gb18030()
    {
        var decoded = TextDecoding.DecodeText(TextDecoding.Gb18030.GetBytes(Seed));
        Assert.Equal("GB18030", decoded.EncodingName);
        Assert.Equal(0, decoded.Replaced);
        Assert.Equal(Seed, decoded.Text);
    }

    [Fact]
    public void A_single_nul_is_dropped_with_an_info_finding_instead_of_refusing_the_report()
    {
        var bytes = Encoding.UTF8.GetBytes(Seed).ToList();
        bytes.Insert(40, 0);
        var result = ReportEngine.Default.Validate(new InputDocument(bytes.ToArray()));
        var finding = Assert.Single(result.Findings, f => f.RuleId == "document.text_repaired");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(ReportEngine.Default.Validate(InputDocument.FromText(Seed)).Report.Year, result.Report.Year);
    }

    [Fact]
    public void Many_nuls_are_still_refused_as_binary()
    {
        var bytes = Encoding.UTF8.GetBytes(Seed[..100]).Concat(new byte[4096]).Concat(Encoding.UTF8.GetBytes(Seed[100..])).ToArray();
        var error = Assert.Throws<DocumentReadException>(() => ReportEngine.Default.Validate(new InputDocument(bytes)));
        Assert.Equal(DocumentErrorKind.Binary, error.Kind);
    }

    [Fact]
    public void A_clean_text_has_no_repair_notes()
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(Seed));
        Assert.Empty(result.Report.ReadingNotes);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "document.text_repaired");
    }
}
