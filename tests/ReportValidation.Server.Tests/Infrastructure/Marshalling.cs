using System.Buffers;
using Grpc.Core;

namespace ReportValidation.Server.Tests.Infrastructure;

/// <summary>Runs a contextual marshaller on arrays, as gRPC runs it on the call's buffers.</summary>
public static class Marshalling
{
    public static byte[] Write<T>(Marshaller<T> marshaller, T message)
    {
        var context = new Writing();
        marshaller.ContextualSerializer(message, context);
        return context.Payload;
    }

    public static T Read<T>(Marshaller<T> marshaller, byte[] payload) => marshaller.ContextualDeserializer(new Reading(payload));

    private sealed class Writing : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private int? _declared;
        private bool _completed;

        public byte[] Payload => _completed && (_declared is null || _declared == _buffer.WrittenCount)
            ? _buffer.WrittenSpan.ToArray()
            : throw new InvalidOperationException($"payload declared {_declared}, written {_buffer.WrittenCount}, completed {_completed}");

        public override void SetPayloadLength(int payloadLength) => _declared = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => _buffer;

        public override void Complete() => _completed = true;

        public override void Complete(byte[] payload)
        {
            _buffer.Write(payload);
            _completed = true;
        }
    }

    private sealed class Reading(byte[] payload) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => payload.ToArray();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
    }
}
