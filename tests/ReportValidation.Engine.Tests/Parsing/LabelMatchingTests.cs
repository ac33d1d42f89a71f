using ReportValidation.Parsing;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Parsing;

/// <summary>Row labels are matched by aliases and by position, never by exact string alone.</summary>
public class LabelMatchingTests
{
    [Fact]
    public void A_garbled_label_between_two_known_rows_takes_the_row_missing_between_them()
    {
        var text = Seeds.Text("004").Replace("4.保护第三方合法权益", "4.保护XX合法权益", StringComparison.Ordinal);
        var row = Seeds.ParseText(text).Applications.WithheldThirdPartyRights;
        Assert.True(row.Source.Found);
        Assert.Equal(LabelMatch.Position, row.Source.LabelMatch);
        Assert.Equal("1 0 0 0 0 0 1", TableText.Row(ApplicationsTemplate.Cells(row)));
    }

    [Fact]
    public void An_unrecognised_label_is_not_placed_when_its_position_is_ambiguous()
    {
        // Two rows gone, one unrecognised label: which of the two it is cannot be known.
        var text = Seeds.Text("004")
            .Replace("4.保护第三方合法权益", "4.保护XX合法权益", StringComparison.Ordinal)
            .Replace("5.属于三类内部事务信息 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 | ||\n", "", StringComparison.Ordinal);
        var table = Seeds.ParseText(text).Applications;
        Assert.False(table.WithheldThirdPartyRights.Source.Found);
        Assert.False(table.WithheldInternalAffairs.Source.Found);
    }

    [Fact]
    public void A_legal_person_subtotal_column_is_recognised_by_its_sum_and_left_out()
    {
        var text = Seeds.Text("004").Replace("一、本年新收政府信息公开申请数量 |\n5 |\n1 |", "一、本年新收政府信息公开申请数量 |\n5 |\n1 |\n1 |", StringComparison.Ordinal);
        var row = Seeds.ParseText(text).Applications.Received;
        Assert.Equal("5 1 0 0 0 0 6", TableText.Row(ApplicationsTemplate.Cells(row)));
    }

    [Fact]
    public void Full_width_and_half_width_brackets_and_inner_spaces_match_the_same_row()
    {
        var text = Seeds.Text("001")
            .Replace("（一）予以公开", "(一) 予以 公开", StringComparison.Ordinal)
            .Replace("2.没有现成信息需要另行制作", "２．没有现成信息 需要另行制作", StringComparison.Ordinal);
        var table = Seeds.ParseText(text).Applications;
        Assert.Equal(LabelMatch.Official, table.Disclosed.Source.LabelMatch);
        Assert.Equal(LabelMatch.Official, table.UnavailableNeedsCreation.Source.LabelMatch);
    }

    [Fact]
    public void Kangxi_radical_look_alikes_and_full_width_digits_fold_to_ordinary_characters()
    {
        Assert.Equal("工作", LabelText.Normalize("\u2F2F作"));
        Assert.Equal("2.没有现成信息需要另行制作", LabelText.Normalize("２．没有现成信息 需要另行制作"));
        Assert.Equal("本年新收政府信息公开申请数量", LabelText.Normalize("本年新收政府信息公開申請數量"));
    }

    [Fact]
    public void Dates_written_with_full_width_digits_are_read()
    {
        var report = Seeds.ParseText("某局２０２２年政府信息公开工作年度报告\n统计期限自２０２２年１月１日至２０２２年１２月３１日止。\n");
        Assert.Equal(2022, report.Year);
        Assert.Equal(new Date { Year = 2022, Month = 12, Day = 31 }, report.Period.End);
    }

    [Fact]
    public void A_group_label_split_across_blank_lines_does_not_disturb_the_rows_under_it()
    {
        var table = Seeds.Parse("003").Applications;
        Assert.True(table.WithheldStateSecret.Source.Found);
        Assert.Equal(7, table.WithheldStateSecret.Source.ValuesFound);
    }

    [Fact]
    public void The_local_complaint_label_is_an_alias_of_the_official_row()
    {
        var row = Seeds.Parse("000").Applications.NotProcessedComplaint;
        Assert.Equal(LabelMatch.Alias, row.Source.LabelMatch);
        Assert.Equal("1.信访举报投诉类申请", row.Source.OfficialLabel);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("０", 0)]
    [InlineData("1,234", 1234)]
    [InlineData("+3", 3)]
    [InlineData("-4", -4)]
    [InlineData("－4", -4)]
    [InlineData("减4", -4)]
    [InlineData("12件", 12)]
    [InlineData("减 4", -4)]
    [InlineData("１２ 件", 12)]
    public void Counts_read_in_every_rendering(string raw, long expected)
    {
        var cell = CellValueText.Read(raw);
        Assert.Equal(CellState.Number, cell.State);
        Assert.Equal(expected, cell.Integer);
    }

    [Theory]
    [InlineData("251000元", "251000", "元")]
    [InlineData("398.3675", "398.3675", "")]
    [InlineData("20.3万元", "20.3", "万元")]
    [InlineData("129014 元", "129014", "元")] // a printed PDF: the gap the printer sets between digits and CJK
    public void Money_keeps_its_exact_digits_and_unit(string raw, string digits, string unit)
    {
        var cell = CellValueText.Read(raw);
        Assert.Equal(CellState.Number, cell.State);
        Assert.Equal(digits, cell.ValueCase == Cell.ValueOneofCase.Integer ? cell.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture) : cell.Decimal);
        Assert.Equal(unit, cell.Unit);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("—")]
    [InlineData("-")]
    [InlineData("无")]
    [InlineData("")]
    public void Not_applicable_markers_are_blank_never_zero(string raw)
    {
        var cell = CellValueText.Read(raw);
        Assert.Equal(CellState.Blank, cell.State);
        Assert.Equal(Cell.ValueOneofCase.None, cell.ValueCase);
    }

    [Theory]
    [InlineData("1 2")]
    [InlineData("约5")]
    [InlineData("五")]
    public void Text_where_a_number_belongs_is_kept_as_text(string raw)
    {
        var cell = CellValueText.Read(raw);
        Assert.Equal(CellState.Text, cell.State);
        Assert.Equal(raw, cell.Raw);
    }
}
