using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Template;

public class NationalTemplateTests
{
    [Theory]
    [InlineData(TemplateVersion._2019)]
    [InlineData(TemplateVersion._2021)]
    public void Every_cell_of_the_catalog_is_described_in_both_languages(TemplateVersion version)
    {
        var description = NationalTemplates.Describe();
        foreach (var cell in CellCatalog.For(version).Cells)
        {
            var blocks = description.Tables.Single(t => t.Key == cell.Table).Blocks.Where(b => b.Versions.Contains(version)).ToList();
            // Table 四 is described with its groups as rows: "review.upheld" is row "review", column "upheld".
            var (row, column) = cell.Table == ReviewLitigationTemplate.Table
                ? (cell.Column.Split('.')[0], cell.Column.Split('.')[1])
                : (cell.Row, cell.Column);
            var block = blocks.FirstOrDefault(b => b.Rows.Any(r => r.Key == row) && b.Columns.Any(c => c.Key == column));
            Assert.True(block is not null, $"{cell.Key} is not described");
            var labels = block!.Rows.Where(r => r.Key == row).Concat(block.Columns.Where(c => c.Key == column));
            Assert.All(labels, l => Assert.True(l.Zh.Length > 0 && l.En.Length > 0, $"{cell.Key}: {l}"));
        }
    }

    [Fact]
    public void Each_version_is_detected_by_markers_the_other_has_not()
    {
        var markers2019 = NationalTemplates.VersionMarkers(TemplateVersion._2019);
        var markers2021 = NationalTemplates.VersionMarkers(TemplateVersion._2021);
        Assert.Equal(10, markers2019.Count);
        Assert.Equal(8, markers2021.Count);
        Assert.Empty(markers2019.Intersect(markers2021));
        Assert.Contains("第二十条第（九）项", markers2019);
        Assert.Contains("行政规范性文件", markers2021);
    }

    [Fact]
    public void A_parsed_row_carries_the_official_label_of_the_template()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.PathOf("004")));
        var layout = CellCatalog.For(CellCatalog.EffectiveVersion(report));
        var rows = layout.Rows.Where(r => r.Table != ReviewLitigationTemplate.Table).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var source = row.Source(report);
            Assert.NotNull(source);
            var template = row.Table == ApplicationsTemplate.Table
                ? ApplicationsTemplate.Row(row.Row).LabelZh
                : ActiveDisclosureTemplate.For(layout.Version).Row(row.Row).LabelZh;
            Assert.Equal(template, source!.OfficialLabel);
        }
    }

    [Fact]
    public void Clerk_labels_carry_the_group_ordinal_of_table_3()
    {
        Assert.Equal("（三）1.属于国家秘密", ApplicationsTemplate.Row("withheld.state_secret").ClerkLabelZh);
        Assert.Equal("（二）部分公开", ApplicationsTemplate.Row("partially_disclosed").ClerkLabelZh);
        Assert.Equal("（六）1.申请人无正当理由逾期不补正", ApplicationsTemplate.Row("other.no_correction").ClerkLabelZh);
        Assert.Equal("结转下年度继续办理", ApplicationsTemplate.Row("carried_forward").NameZh);
    }
}
