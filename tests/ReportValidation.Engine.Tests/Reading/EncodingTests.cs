using System.Text;
using ReportValidation.Reading;

namespace ReportValidation.Tests.Reading;

public class EncodingTests
{
    public static IEnumerable<object[]> SeedNames() => GridTexts.SeedIds();

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void A_gb18030_text_report_without_a_charset_reads_like_its_utf8_version(string seed)
    {
        var text = ReportValidation.Tests.Seeds.Text(seed);
        var utf8 = DocumentReader.Read(InputDocument.FromText(text));
        var gb = DocumentReader.Read(new InputDocument(TextDecoding.Gb18030.GetBytes(text)));
        Assert.Equal(utf8.Text, gb.Text);
        Assert.Equal(GridTexts.CellTexts(utf8), GridTexts.CellTexts(gb));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void A_gb18030_html_page_without_a_charset_reads_like_its_utf8_version(string seed)
    {
        var html = HtmlRendering.Render(SeedLayout.FromText(ReportValidation.Tests.Seeds.Text(seed)), charsetMeta: "");
        var utf8 = DocumentReader.Read(new InputDocument(Encoding.UTF8.GetBytes(html)));
        var gb = DocumentReader.Read(new InputDocument(TextDecoding.Gb18030.GetBytes(html)));
        Assert.Equal(GridTexts.CellTexts(utf8), GridTexts.CellTexts(gb));
    }

    [Fact]
    public void A_gbk_page_that_says_so_in_its_meta_tag_reads_correctly()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>一、总体情况</p></body></html>";
        var document = DocumentReader.Read(new InputDocument(TextDecoding.Gb18030.GetBytes(html), "text/html"));
        Assert.Equal("一、总体情况", document.Text);
    }

    [Fact]
    public void A_utf8_page_whose_meta_tag_claims_gbk_reads_as_utf8()
    {
        var html = "<html><head><meta charset=\"gbk\"></head><body><p>一、总体情况</p></body></html>";
        var document = DocumentReader.Read(new InputDocument(Encoding.UTF8.GetBytes(html), "text/html"));
        Assert.Equal("一、总体情况", document.Text);
    }
}
