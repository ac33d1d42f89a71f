using ReportValidation.Reading;
using ReportValidation.Parsing;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests;

/// <summary>The five seed reports as published (tests/TestData/seeds).</summary>
public static class Seeds
{
    public static readonly string[] Ids = ["000", "001", "002", "003", "004"];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "seeds");

    public static string PathOf(string id) =>
        System.IO.Directory.EnumerateFiles(Directory, id + "_*.txt").Single();

    public static string Text(string id) => File.ReadAllText(PathOf(id));

    public static Report Parse(string id) => ReportParser.Parse(PlainTextReader.Read(Text(id)));

    public static Report ParseText(string text) => ReportParser.Parse(PlainTextReader.Read(text));

    public static string CorpusPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "corpus", name);
}
