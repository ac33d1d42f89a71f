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
            var size = state.MeasureMessage(message);
            var encoded = new byte[leadingSpace + size];
            state.BeginWriting(encoded, leadingSpace);
            state.WriteMessage(message);
            return encoded;
        }
        finally
        {
            state.End();
            _idle = state;
        }
    }

    /// <summary>Why a message type is left to Google.Protobuf, or null when its plan is compiled (for tests).</summary>
    internal static string? NotCompiledBecause(Type messageType) =>
        (string?)typeof(MessagePlan<>).MakeGenericType(messageType).GetField(nameof(MessagePlan<>.NotCompiledBecause))!.GetValue(null);
}
