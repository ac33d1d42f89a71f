using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using ReportValidation.Contract;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tests.Contract;

public sealed class MessageEncoderTests
{
    private static readonly FileDescriptor[] ContractFiles = [ReportReflection.Descriptor, ValidationReflection.Descriptor, TemplateReflection.Descriptor];

    private static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static TheoryData<string> Seeds => new(ReportValidation.Tests.Seeds.Ids);

    public static TheoryData<string> CorpusFiles => new(Directory.EnumerateFiles(TestData("corpus"), "*.txt", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(TestData("corpus"), path)).Order());

    public static TheoryData<string> PdfFixtures => new(Directory.EnumerateFiles(TestData("pdf")).Select(Path.GetFileName).Order()!);

    public static TheoryData<string> ContractMessages => new(ContractFiles.SelectMany(AllMessages).Select(m => m.FullName));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_result_encodes_to_the_bytes_of_ToByteArray(string seed)
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(seed)));

        Assert.Equal(result.ToByteArray(), MessageEncoder.Encode(result));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void A_corpus_result_encodes_to_the_bytes_of_ToByteArray(string file)
    {
        var result = ReportEngine.Default.Validate(new InputDocument(File.ReadAllBytes(TestData("corpus", file))));

        Assert.Equal(result.ToByteArray(), MessageEncoder.Encode(result));
    }

    [Theory]
    [MemberData(nameof(PdfFixtures))]
    public void A_pdf_fixture_result_encodes_to_the_bytes_of_ToByteArray(string file)
    {
        var bytes = File.ReadAllBytes(TestData("pdf", file));
        var result = ReportEngine.Default.Validate(file.EndsWith(".pdf", StringComparison.Ordinal)
            ? new InputDocument(bytes, ContentSniffer.PdfContentType)
            : new InputDocument(bytes));

        Assert.Equal(result.ToByteArray(), MessageEncoder.Encode(result));
    }

    [Fact]
    public void The_leading_space_is_left_zero_in_front_of_the_encoding()
    {
        var result = ReportEngine.Default.Validate(InputDocument.FromText(ReportValidation.Tests.Seeds.Text("004")));

        var encoded = MessageEncoder.Encode(result, leadingSpace: 21);

        Assert.All(encoded[..21], b => Assert.Equal(0, b));
        Assert.Equal(result.ToByteArray(), encoded[21..]);
    }

    [Theory]
    [MemberData(nameof(ContractMessages))]
    public void Every_contract_message_has_a_compiled_plan_rather_than_falling_back(string fullName)
    {
        var type = ContractFiles.SelectMany(AllMessages).Single(m => m.FullName == fullName).ClrType;

        Assert.Null(MessageEncoder.NotCompiledBecause(type));
    }

    [Fact]
    public void A_map_field_leaves_its_message_to_Google_Protobuf()
    {
        Assert.Contains("map", MessageEncoder.NotCompiledBecause(typeof(Struct)));
    }

    [Theory]
    [MemberData(nameof(ContractMessages))]
    public void Random_contract_messages_encode_to_the_bytes_of_ToByteArray(string fullName)
    {
        var descriptor = ContractFiles.SelectMany(AllMessages).Single(m => m.FullName == fullName);
        var random = new Random(fullName.Length * 7919 + fullName[^1]);

        for (var i = 0; i < 150; i++)
        {
            var message = RandomMessages.Of(descriptor, random, depth: 0);
            Assert.Equal(message.ToByteArray(), EncodeAny(message));
        }
    }

    [Fact]
    public void Random_well_known_messages_with_maps_bytes_floats_and_unsigned_numbers_encode_to_the_bytes_of_ToByteArray()
    {
        FileDescriptor[] files = [StructReflection.Descriptor, WrappersReflection.Descriptor, TypeReflection.Descriptor, ApiReflection.Descriptor,
            AnyReflection.Descriptor, TimestampReflection.Descriptor, DurationReflection.Descriptor, FieldMaskReflection.Descriptor];
        var random = new Random(20261202);

        foreach (var descriptor in files.SelectMany(AllMessages))
        {
            for (var i = 0; i < 100; i++)
            {
                var message = RandomMessages.Of(descriptor, random, depth: 0);
                Assert.Equal(message.ToByteArray(), EncodeAny(message));
            }
        }
    }

    [Fact]
    public void Edge_values_encode_as_Google_Protobuf_writes_them()
    {
        var span = new SourceSpan { Line = -1, Column = int.MinValue, StartOffset = int.MaxValue, X = -0.0, Y = double.NaN, Container = "a\uD83D\uDE00b\uD800c\uDC00\uD800\uD800\uDC00é\uDBFF" };
        var cell = new Cell { Raw = new string('表', 300), State = (CellState)(-5), Integer = 0, Span = span };
        var result = new ValidationResult
        {
            Report = new Report { Applications = new ApplicationsTable { CarriedForward = new ApplicationsRow { Total = cell } }, Year = -2024 },
            Findings = { new Finding(), new Finding { Cells = { new CellRef() }, MessageEn = "\uDC00" + new string('\uD83D', 40) + "\uDE00" } },
            Summary = new Summary(),
        };

        Assert.Equal(result.ToByteArray(), MessageEncoder.Encode(result));
    }

    [Fact]
    public void A_nested_message_with_unknown_fields_encodes_to_the_bytes_of_ToByteArray()
    {
        var span = new SourceSpan { Line = 3 };
        span.MergeFrom([0xC0, 0x3E, 0x05, 0xCA, 0x3E, 0x02, 0x68, 0x69]); // field 1000 = 5, field 1001 = "hi"
        var result = new ValidationResult { Report = new Report { TitleSpan = span, Title = "标题" }, RuleCatalogVersion = "v" };

        Assert.Equal(result.ToByteArray(), MessageEncoder.Encode(result));
        Assert.Equal(result, ValidationResult.Parser.ParseFrom(MessageEncoder.Encode(result)));
    }

    private static IEnumerable<MessageDescriptor> AllMessages(FileDescriptor file) =>
        file.MessageTypes.SelectMany(Nested);

    private static IEnumerable<MessageDescriptor> Nested(MessageDescriptor message) =>
        message.ClrType is null ? [] : [message, .. message.NestedTypes.SelectMany(Nested)];

    private static byte[] EncodeAny(IMessage message) =>
        (byte[])typeof(MessageEncoder).GetMethod(nameof(MessageEncoder.Encode))!.MakeGenericMethod(message.GetType()).Invoke(null, [message, 0])!;
}
