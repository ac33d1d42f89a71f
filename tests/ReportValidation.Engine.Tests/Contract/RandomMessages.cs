using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ReportValidation.Tests.Contract;

/// <summary>
/// Messages of any type filled at random from its descriptor, leaning on the values encoders get wrong:
/// negative int32 and enums (ten-byte varints), unknown enum values, -0.0, NaN and infinities, empty and
/// long strings, surrogate pairs and lone surrogates, oneof members set to their default, empty nested
/// messages, and now and then unknown fields.
/// </summary>
internal static class RandomMessages
{
    private const int MaxDepth = 5;

    private static readonly string[] Strings =
    [
        "", "a", "report", "政府信息公开工作年度报告", "\uD83D\uDE00", "\uD800", "\uDC00", "a\uD800b", "\uDC00\uD800", "表\uDBFF",
        new string('x', 127), new string('y', 128), new string('公', 50), new string('开', 6000),
    ];

    private static readonly double[] Doubles = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1.5, -398.3675, double.MaxValue];

    private static readonly long[] Longs = [0, 1, -1, 127, 128, 16383, 16384, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 1L << 35];

    // Field 1000 as a varint and field 1001 as a string: numbers no contract message uses.
    private static readonly byte[] UnknownFields = [0xC0, 0x3E, 0x05, 0xCA, 0x3E, 0x02, 0x68, 0x69];

    public static IMessage Of(MessageDescriptor descriptor, Random random, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            if (random.Next(3) == 0 || (field.FieldType == FieldType.Message && depth >= MaxDepth))
            {
                continue;
            }
            Fill(message, field, random, depth);
        }
        if (random.Next(25) == 0)
        {
            message.MergeFrom(UnknownFields);
        }
        return message;
    }

    private static void Fill(IMessage message, FieldDescriptor field, Random random, int depth)
    {
        var count = random.Next(4);
        if (field.IsMap)
        {
            var map = (IDictionary)field.Accessor.GetValue(message);
            for (var i = 0; i < count; i++)
            {
                map[Value(field.MessageType.FindFieldByNumber(1), random, depth)] = Value(field.MessageType.FindFieldByNumber(2), random, depth);
            }
        }
        else if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            for (var i = 0; i < count; i++)
            {
                list.Add(Value(field, random, depth));
            }
        }
        else
        {
            field.Accessor.SetValue(message, Value(field, random, depth));
        }
    }

    private static object Value(FieldDescriptor field, Random random, int depth) => field.FieldType switch
    {
        FieldType.Message => Of(field.MessageType, random, depth + 1),
        FieldType.String => Pick(Strings, random) + (random.Next(4) == 0 ? Pick(Strings, random) : ""),
        FieldType.Bytes => ByteString.CopyFrom(Enumerable.Range(0, Pick([0, 1, 200], random)).Select(_ => (byte)random.Next(256)).ToArray()),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Double => Pick(Doubles, random),
        FieldType.Float => (float)Pick(Doubles, random),
        FieldType.Int32 => (int)Pick(Longs, random),
        FieldType.Int64 => Pick(Longs, random),
        FieldType.UInt32 => (uint)Pick(Longs, random),
        FieldType.UInt64 => (ulong)Pick(Longs, random),
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, random.Next(3) == 0
            ? Pick([-1, 99, int.MinValue], random)
            : Pick(field.EnumType.Values.Select(v => v.Number).ToArray(), random)),
        _ => throw new NotSupportedException($"{field.FieldType} in {field.FullName}: add it to the random messages"),
    };

    private static T Pick<T>(T[] values, Random random) => values[random.Next(values.Length)];
}
