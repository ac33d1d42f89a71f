using System.IO.Compression;
using Grpc.Net.Compression;
using ReportValidation.Server.Validation;

namespace ReportValidation.Server.Hosting;

/// <summary>
/// A gRPC compression provider whose decompression stops at the message limit. Grpc.AspNetCore checks
/// a compressed message's length against MaxReceiveMessageSize, then inflates it into memory with no
/// limit: a few kilobytes of gzip can inflate to gigabytes. Past the limit the call is refused as any
/// oversize message is (RESOURCE_EXHAUSTED, reason document.too_large).
/// </summary>
public sealed class BoundedDecompression(ICompressionProvider inner, long limitBytes) : ICompressionProvider
{
    public string EncodingName => inner.EncodingName;

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        inner.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream) => new Bounded(inner.CreateDecompressionStream(stream), limitBytes);

    private sealed class Bounded(Stream inner, long limitBytes) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _read += read;
            if (_read > limitBytes)
            {
                throw RequestErrors.MessageTooLarge(limitBytes);
            }
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
