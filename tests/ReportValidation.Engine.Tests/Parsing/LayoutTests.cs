namespace ReportValidation.Tests.Parsing;

/// <summary>The same report in any of the text layouts real reports arrive in reads the same.</summary>
public class LayoutTests
{
    public static TheoryData<string, TextLayout> SeedsAndLayouts()
    {
        var data = new TheoryData<string, TextLayout>();
        foreach (var id in Seeds.Ids)
        {
            foreach (var layout in Enum.GetValues<TextLayout>())
            {
                data.Add(id, layout);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndLayouts))]
    public void A_seed_rerendered_in_another_layout_parses_to_the_same_report(string id, TextLayout layout)
    {
        var original = Seeds.Parse(id);
        var rendered = ReportRenderer.Render(original, layout);
        var reparsed = Seeds.ParseText(rendered);

        Assert.Equal(original.Year, reparsed.Year);
        Assert.Equal(original.TemplateVersion, reparsed.TemplateVersion);
        Assert.Equal(original.Sections.Select(s => s.Ordinal), reparsed.Sections.Select(s => s.Ordinal));
        Assert.Equal(original.Period?.Malformed, reparsed.Period?.Malformed);
        Assert.Equal(TableText.ActiveDisclosure(original.ActiveDisclosure), TableText.ActiveDisclosure(reparsed.ActiveDisclosure));
        Assert.Equal(TableText.Applications(original.Applications), TableText.Applications(reparsed.Applications));
        Assert.Equal(original.Applications.Collapsed, reparsed.Applications.Collapsed);
        Assert.Equal(TableText.ReviewLitigation(original.ReviewLitigation), TableText.ReviewLitigation(reparsed.ReviewLitigation));
    }
}
