using ReportValidation.Parsing;

namespace ReportValidation.Tests.Parsing;

/// <summary>The parser's white space is .NET's, told faster for CJK text.</summary>
public class WhiteSpaceTests
{
    [Fact]
    public void Every_character_is_white_space_exactly_when_char_IsWhiteSpace_says_so()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            Assert.True(char.IsWhiteSpace(c) == WhiteSpace.Is(c), $"U+{(int)c:X4}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000总计\u3000")]
    [InlineData("\u00A0\u2003 5 \u205F")]
    [InlineData("\uFEFF总计")]
    [InlineData("本年 新收")]
    public void Trimming_and_testing_a_text_agree_with_MemoryExtensions(string text)
    {
        Assert.Equal(text.AsSpan().Trim().ToString(), WhiteSpace.Trim(text).ToString());
        Assert.Equal(text.AsSpan().IsWhiteSpace(), WhiteSpace.IsAll(text));
    }
}
