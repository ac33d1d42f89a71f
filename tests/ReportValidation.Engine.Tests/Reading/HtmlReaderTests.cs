using System.Text;
using ReportValidation.Reading;

namespace ReportValidation.Tests.Reading;

public class HtmlReaderTests
{
    private static SourceDocument Read(string html, ReadingLimits? limits = null) =>
        DocumentReader.Read(new InputDocument(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"), limits);

    private static List<List<string>> Rows(SourceDocument document) =>
        document.Lines.Where(l => l.IsRow).Select(l => l.Cells.Select(c => c.Text).ToList()).ToList();

    private const string Report = """
        <p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>
        <p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p>
        <p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p>
        """;

    [Fact]
    public void Page_chrome_around_the_report_is_left_out()
    {
        var document = Read($"""
            <html><body><nav>首页 主动公开 行政复议</nav><div class="crumb">当前位置：首页</div>
            <div id="content">{Report}</div>
            <footer>版权所有 主办单位</footer><div class="share">分享到：微信</div></body></html>
            """);
        var text = document.Text;
        Assert.StartsWith("一、总体情况", text, StringComparison.Ordinal);
        Assert.DoesNotContain("首页", text, StringComparison.Ordinal);
        Assert.DoesNotContain("版权所有", text, StringComparison.Ordinal);
        Assert.DoesNotContain("分享到", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_above_the_report_body_is_kept_as_the_first_line()
    {
        var document = Read($"""
            <html><body><div class="nav">网站首页</div><h1>某局2021年度政府信息公开工作年度报告</h1>
            <div class="meta">发布时间：2022-01-20</div><div class="article">{Report}</div></body></html>
            """);
        Assert.Equal("某局2021年度政府信息公开工作年度报告", document.Lines[0].Cells[0].Text);
        Assert.Equal("一、总体情况", document.Lines[1].Cells[0].Text);
    }

    [Fact]
    public void A_colspan_cell_is_one_cell_and_rowspan_labels_are_not_repeated()
    {
        var document = Read("""
            <table>
            <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
            <tr><td>行政许可</td><td colspan="3">12</td></tr>
            <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>2</td></tr>
            <tr><td>（二）部分公开</td><td>3</td><td>4</td></tr>
            </table>
            """);
        Assert.Equal(
            [["信息内容", "本年处理决定数量"], ["行政许可", "12"], ["三、本年度办理结果", "（一）予以公开", "1", "2"], ["（二）部分公开", "3", "4"]],
            Rows(document));
    }

    [Fact]
    public void Empty_value_cells_are_kept_as_empty_cells()
    {
        var document = Read("<table><tr><td>规章</td><td>0</td><td></td><td>&nbsp;</td></tr></table>");
        Assert.Equal([["规章", "0", "", ""]], Rows(document));
    }

    [Fact]
    public void Line_breaks_inside_a_label_join_it_back_together()
    {
        var document = Read("<table><tr><td>本年新<br>公开数量</td><td>本年新\r\n制作数量</td><td>Total<br/>count</td></tr></table>");
        Assert.Equal([["本年新公开数量", "本年新制作数量", "Total count"]], Rows(document));
    }

    [Fact]
    public void Word_exported_cells_read_as_their_text()
    {
        var document = Read("""
            <table class=MsoNormalTable><tr>
            <td style='border:solid windowtext 1.0pt;mso-border-alt:solid'><p class=MsoNormal align=center style='text-align:center'><span style='font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'>行政<span lang=EN-US>&nbsp;</span>许可<span lang=EN-US><o:p></o:p></span></span></p></td>
            <td><p class=MsoNormal><![if !supportEmptyParas]>&nbsp;<![endif]><span lang=EN-US style='mso-bidi-font-size:10.5pt'>1</span><span lang=EN-US>2<o:p></o:p></span></p></td>
            </tr></table>
            """);
        Assert.Equal([["行政 许可", "12"]], Rows(document));
    }

    [Fact]
    public void A_layout_table_around_the_report_is_read_as_blocks()
    {
        var document = Read("""
            <table width="100%"><tr><td class="left">栏目导航</td><td>
              <p>二、主动公开政府信息情况</p>
              <table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table>
            </td></tr></table>
            """);
        Assert.Contains(document.Lines, l => !l.IsRow && l.Cells[0].Text == "二、主动公开政府信息情况");
        Assert.Equal([["规章", "1", "2", "3"]], Rows(document));
        Assert.Equal("table[1]/row[1]/cell[2]", document.Lines.Single(l => l.IsRow).Cells[1].Container);
    }

    [Fact]
    public void Hidden_elements_and_scripts_are_not_read()
    {
        var document = Read("<p>一、总体情况</p><p style=\"display: none\">隐藏</p><script>var x = '脚本';</script><p hidden>也隐藏</p>");
        Assert.Equal("一、总体情况", document.Text);
    }

    [Fact]
    public void Paragraph_containers_number_the_paragraphs()
    {
        var document = Read("<p>一、总体情况</p><div>正文<br>第二行</div>");
        Assert.Equal(["paragraph[1]", "paragraph[2]", "paragraph[3]"], document.Lines.Select(l => l.Cells[0].Container));
        Assert.Equal(["一、总体情况", "正文", "第二行"], document.Lines.Select(l => l.Cells[0].Text));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 400)) + "深" + string.Concat(Enumerable.Repeat("</div>", 400));
        var error = Assert.Throws<DocumentReadException>(() => Read(html, new ReadingLimits { MaxHtmlDepth = 100 }));
        Assert.Equal(DocumentErrorKind.LimitExceeded, error.Kind);
    }

    [Fact]
    public void A_million_unclosed_elements_are_refused_before_parsing()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<span>", 1_000_000));
        var error = Assert.Throws<DocumentReadException>(() => Read(html));
        Assert.Equal(DocumentErrorKind.LimitExceeded, error.Kind);
    }

    [Fact]
    public void An_html_page_larger_than_the_document_limit_is_refused()
    {
        var html = "<p>" + new string('字', 5000) + "</p>";
        var error = Assert.Throws<DocumentReadException>(() => Read(html, new ReadingLimits { MaxDocumentBytes = 10_000 }));
        Assert.Equal(DocumentErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void A_truncated_page_reads_what_is_there()
    {
        var document = Read("<html><body><p>一、总体情况</p><table><tr><td>规章</td><td>1</td><td>2");
        Assert.Equal([["规章", "1", "2"]], Rows(document));
    }
}
