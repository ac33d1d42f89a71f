using System.Linq.Expressions;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;

namespace ReportValidation.Contract;

/// <summary>
/// How to measure and write one message type, compiled once from its descriptor: straight-line code per
/// field in field-number order, reading the generated properties directly (no boxing, no reflection per
/// call). A message carrying unknown fields, and any type with a field kind the plans do not cover (maps,
/// groups, zigzag and fixed-width integers, extensions), is left to Google.Protobuf, so every message
/// encodes exactly as <c>ToByteArray</c> would.
/// </summary>
internal static class MessagePlan<T> where T : class, IMessage<T>
{
    /// <summary>The body's size, every nested size and string length recorded in <see cref="EncodingState"/>.</summary>
    public static readonly Func<T, EncodingState, int> Measure;

    /// <summary>Writes the body whose size the measure found (given, for the Google.Protobuf fallback).</summary>
    public static readonly Action<T, EncodingState, int> Write;

    /// <summary>Why the type is left to Google.Protobuf, or null when its plan is compiled.</summary>
    public static readonly string? NotCompiledBecause;

    static MessagePlan()
    {
        try
        {
            (Measure, Write) = PlanCompiler.Compile<T>();
        }
        catch (NotSupportedException unsupported)
        {
            NotCompiledBecause = unsupported.Message;
            Measure = static (message, _) => message.CalculateSize();
            Write = static (message, state, size) => state.WriteWithProtobuf(message, size);
        }
    }
}

/// <summary>Builds a <see cref="MessagePlan{T}"/>'s two methods as expression trees.</summary>
internal static class PlanCompiler
{
    private static readonly MethodInfo ProtobufSize = typeof(IMessage).GetMethod(nameof(IMessage.CalculateSize))!;

    public static (Func<T, EncodingState, int> Measure, Action<T, EncodingState, int> Write) Compile<T>() where T : class, IMessage<T>
    {
        var descriptor = (MessageDescriptor)typeof(T).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        if (typeof(T).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IExtendableMessage<>)))
        {
            throw new NotSupportedException("extensions");
        }
        var unknownFields = typeof(T).GetField("_unknownFields", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new NotSupportedException("no _unknownFields field");

        var message = Expression.Parameter(typeof(T), "message");
        var state = Expression.Parameter(typeof(EncodingState), "state");
        var bodySize = Expression.Parameter(typeof(int), "size");
        var size = Expression.Variable(typeof(int), "total");
        var hasUnknown = Expression.NotEqual(Expression.Field(message, unknownFields), Expression.Constant(null, unknownFields.FieldType));

        var measures = new List<Expression>();
        var writes = new List<Expression>();
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            var code = new FieldCode(field, typeof(T), message, state);
            measures.Add(code.Measure(size));
            writes.Add(code.Write());
        }

        var measureBody = Expression.Condition(
            hasUnknown,
            Expression.Call(message, ProtobufSize),
            Expression.Block([size], [Expression.Assign(size, Expression.Constant(0)), .. measures, size]));
        var writeBody = Expression.IfThenElse(
            hasUnknown,
            Expression.Call(state, nameof(EncodingState.WriteWithProtobuf), null, message, bodySize),
            Expression.Block(typeof(void), writes.Count == 0 ? [Expression.Empty()] : writes));
        return (
            Expression.Lambda<Func<T, EncodingState, int>>(measureBody, $"Measure{typeof(T).Name}", [message, state]).Compile(),
            Expression.Lambda<Action<T, EncodingState, int>>(writeBody, $"Write{typeof(T).Name}", [message, state, bodySize]).Compile());
    }
}
