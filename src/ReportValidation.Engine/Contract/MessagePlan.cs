using System.Linq.Expressions;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ReportValidation.Contract;

/// <summary>
/// How to measure and write one message type, compiled once from its descriptor: straight-line code per
/// field in field-number order, reading the generated properties directly (no boxing, no reflection per
/// call), calling the plans of nested types directly. A message carrying unknown fields, and any type with
/// a field kind the plans do not cover (maps, groups, zigzag and fixed-width integers, extensions), is left
/// to Google.Protobuf, so every message encodes exactly as <c>ToByteArray</c> would.
/// </summary>
internal abstract class MessagePlan
{
    private static readonly Dictionary<Type, MessagePlan> Plans = [];

    /// <summary>Why the type is left to Google.Protobuf, or null when its plan is compiled.</summary>
    public string? NotCompiledBecause { get; protected set; }

    /// <summary>
    /// The plan of a message type, compiled on first use. A plan refers to its nested types' plans, made
    /// first (a type nested in itself finds its own plan, not yet compiled, and only keeps the reference).
    /// </summary>
    public static MessagePlan<T> Of<T>() where T : class, IMessage<T>
    {
        lock (Plans)
        {
            if (Plans.TryGetValue(typeof(T), out var known))
            {
                return (MessagePlan<T>)known;
            }
            var plan = new MessagePlan<T>();
            Plans.Add(typeof(T), plan);
            plan.Compile();
            return plan;
        }
    }

    public static MessagePlan Of(Type messageType) =>
        (MessagePlan)typeof(MessagePlan).GetMethod(nameof(Of), 1, [])!.MakeGenericMethod(messageType).Invoke(null, null)!;
}

internal sealed class MessagePlan<T> : MessagePlan where T : class, IMessage<T>
{
    /// <summary>Measures the body once: records its size where the message begins, then its fields' sizes, and returns it.</summary>
    public Func<T, EncodingState, int> Measure { get; private set; } = null!;

    /// <summary>Writes the body (no tag, no length), taking the sizes the measure recorded in the same order.</summary>
    public Action<T, EncodingState> Write { get; private set; } = null!;

    internal void Compile()
    {
        try
        {
            (Measure, Write) = Compiled();
        }
        catch (NotSupportedException unsupported)
        {
            NotCompiledBecause = unsupported.Message;
            Measure = static (message, state) =>
            {
                var slot = state.Reserve();
                return state.Fill(slot, message.CalculateSize());
            };
            Write = static (message, state) => state.WriteWithProtobuf(message, state.Take());
        }
    }

    private (Func<T, EncodingState, int>, Action<T, EncodingState>) Compiled()
    {
        var message = Expression.Parameter(typeof(T), "message");
        var state = Expression.Parameter(typeof(EncodingState), "state");
        var (measure, write) = MessageCode.Of(typeof(T), message, state);
        return (
            Expression.Lambda<Func<T, EncodingState, int>>(measure, $"Measure{typeof(T).Name}", [message, state]).Compile(),
            Expression.Lambda<Action<T, EncodingState>>(write, $"Write{typeof(T).Name}", [message, state]).Compile());
    }
}

/// <summary>The measuring and writing code of a message's body, for its plan or inlined into a parent's.</summary>
internal static class MessageCode
{
    private static readonly MethodInfo ProtobufSize = typeof(IMessage).GetMethod(nameof(IMessage.CalculateSize))!;

    public static MessageDescriptor DescriptorOf(Type messageType) =>
        (MessageDescriptor)messageType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>
    /// A message with no nested messages (a source span, a date) is measured and written where its parent
    /// is, rather than through its plan: they are most of the messages in a result.
    /// </summary>
    public static bool IsInlined(Type messageType) =>
        MessagePlan.Of(messageType).NotCompiledBecause is null && DescriptorOf(messageType).Fields.InDeclarationOrder().All(f => f.FieldType != FieldType.Message);

    /// <summary>Measure: records the body's size where the message begins, then its fields', and is the size. Write: takes them back.</summary>
    public static (Expression Measure, Expression Write) Of(Type messageType, ParameterExpression message, ParameterExpression state)
    {
        var descriptor = DescriptorOf(messageType);
        if (messageType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IExtendableMessage<>)))
        {
            throw new NotSupportedException("extensions");
        }
        var unknownFields = messageType.GetField("_unknownFields", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new NotSupportedException("no _unknownFields field");

        var slot = Expression.Variable(typeof(int), "slot");
        var total = Expression.Variable(typeof(int), "total");
        var size = Expression.Variable(typeof(int), "size");
        var hasUnknown = Expression.NotEqual(Expression.Field(message, unknownFields), Expression.Constant(null, unknownFields.FieldType));

        var fields = descriptor.Fields.InFieldNumberOrder().Select(field => new FieldCode(field, messageType, message, state)).ToList();
        var measureFields = fields.Select(code => code.Measure(total)).Prepend(Expression.Assign(total, Expression.Constant(0)));
        var writeFields = fields.Select(code => code.Write()).Prepend(Expression.Empty());

        var measure = Expression.Block(typeof(int), [slot, total],
            Expression.Assign(slot, Expression.Call(state, nameof(EncodingState.Reserve), null)),
            Expression.IfThenElse(hasUnknown, Expression.Assign(total, Expression.Call(message, ProtobufSize)), Expression.Block(measureFields)),
            Expression.Call(state, nameof(EncodingState.Fill), null, slot, total));
        var write = Expression.Block(typeof(void), [size],
            Expression.Assign(size, Expression.Call(state, nameof(EncodingState.Take), null)),
            Expression.IfThenElse(hasUnknown, Expression.Call(state, nameof(EncodingState.WriteWithProtobuf), null, message, size), Expression.Block(writeFields)));
        return (measure, write);
    }
}
