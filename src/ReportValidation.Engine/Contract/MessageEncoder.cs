using Google.Protobuf;

namespace ReportValidation.Contract;

/// <summary>
/// Encodes a message to exactly the bytes of Google.Protobuf's <c>ToByteArray</c>, measuring each nested
/// message once. Google.Protobuf sizes a nested message again for every message around it (writing a
/// message first asks its size, which asks its children's, and so on down), and counts a string's UTF-8
/// bytes each time: a source span six levels down in a validation result was sized seven times. Here a
/// first pass records every message's size and every string's length in order, and the writing pass
/// takes them back (the plans: <see cref="MessagePlan{T}"/>, compiled once per type from its descriptor).
/// </summary>
public static class MessageEncoder
{
    [ThreadStatic]
    private static EncodingState? _idle;

    /// <summary>The message's encoding in a new array, after <paramref name="leadingSpace"/> bytes left zero for the caller.</summary>
    public static byte[] Encode<T>(T message, int leadingSpace = 0) where T : class, IMessage<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leadingSpace);
        var state = _idle ?? new EncodingState();
        _idle = null; // a fallback to Google.Protobuf never comes back here, but a re-entry would get its own state
        state.Begin();
        try
        {
            var plan = Plan<T>.Compiled;
            var encoded = new byte[leadingSpace + plan.Measure(message, state)];
            state.BeginWriting(encoded, leadingSpace);
            plan.Write(message, state);
            if (state.Position != encoded.Length)
            {
                throw new InvalidOperationException($"A {typeof(T).Name} changed while it was encoded.");
            }
            return encoded;
        }
        finally
        {
            state.End();
            _idle = state;
        }
    }

    /// <summary>
    /// Compiles the plans of the type and every type nested in it now (once per process), rather than on
    /// the first encoding: that took 1.1 s on the loaded shared machine.
    /// </summary>
    public static void Prepare<T>() where T : class, IMessage<T> => _ = Plan<T>.Compiled;

    /// <summary>Why a message type is left to Google.Protobuf, or null when its plan is compiled (for tests).</summary>
    internal static string? NotCompiledBecause(Type messageType) => MessagePlan.Of(messageType).NotCompiledBecause;

    private static class Plan<T> where T : class, IMessage<T>
    {
        public static readonly MessagePlan<T> Compiled = MessagePlan.Of<T>();
    }
}
