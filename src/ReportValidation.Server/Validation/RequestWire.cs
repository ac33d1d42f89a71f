namespace ReportValidation.Server.Validation;

/// <summary>
/// Where the fields of a ValidateDocumentRequest lie in its wire bytes, read without decoding them, for
/// the request digest. Only the plain shape is read: every field present at most once, a document with
/// text or content but not both. The view (field 5) only shapes the answer, so it is not hashed. Anything else (a repeated field, which protobuf
/// would merge; a field this version does not know) is left to the parsed message.
/// </summary>
public static class RequestWire
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;
    private const int ViewField = 5;

    /// <summary>A field's bytes as an offset and length into the request.</summary>
    public readonly record struct Slice(int Start, int Length)
    {
        public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> request) => request.Slice(Start, Length);
    }

    public readonly record struct DocumentFields(bool HasBody, bool IsText, Slice Body, Slice ContentType, Slice FileName);

    public readonly record struct RequestFields(DocumentFields Document, DocumentFields Previous, Slice Options);

    public static bool TryRead(ReadOnlySpan<byte> request, out RequestFields fields)
    {
        fields = default;
        Slice document = default, previous = default, options = default;
        var seen = 0;
        var position = 0;
        while (position < request.Length)
        {
            if (IsView(request, position))
            {
                if ((seen & (1 << ViewField)) != 0 || !TryVarint(request, ref position, out _) || !TryVarint(request, ref position, out _))
                {
                    return false;
                }
                seen |= 1 << ViewField;
                continue;
            }
            if (!TryField(request, ref position, out var number, out var value) || number is < 1 or > 4 || (seen & (1 << number)) != 0)
            {
                return false;
            }
            seen |= 1 << number;
            switch (number)
            {
                case 1: document = value; break;
                case 2: previous = value; break;
                case 3: options = value; break;
                // 4, request_id: echoed, not hashed
            }
        }
        if ((seen & (1 << 1)) == 0 || !TryDocument(request, document, out var documentFields) || !documentFields.HasBody)
        {
            return false;
        }
        var previousFields = default(DocumentFields);
        if ((seen & (1 << 2)) != 0 && !TryDocument(request, previous, out previousFields))
        {
            return false;
        }
        fields = new RequestFields(documentFields, previousFields, options);
        return true;
    }

    private static bool TryDocument(ReadOnlySpan<byte> request, Slice document, out DocumentFields fields)
    {
        fields = default;
        Slice body = default, contentType = default, fileName = default;
        var seen = 0;
        var message = request[..(document.Start + document.Length)];
        var position = document.Start;
        while (position < message.Length)
        {
            if (!TryField(message, ref position, out var number, out var value) || number is < 1 or > 4 || (seen & (1 << number)) != 0)
            {
                return false;
            }
            seen |= 1 << number;
            switch (number)
            {
                case 1 or 2: body = value; break;
                case 3: contentType = value; break;
                case 4: fileName = value; break;
            }
        }
        var text = (seen & (1 << 1)) != 0;
        var content = (seen & (1 << 2)) != 0;
        if (text && content)
        {
            return false;
        }
        fields = new DocumentFields(text || content, text, body, contentType, fileName);
        return true;
    }

    // The view's tag is one byte: field 5 as a varint.
    private static bool IsView(ReadOnlySpan<byte> message, int position) => message[position] == (ViewField << 3 | Varint);

    // One length-delimited field: its number and where its bytes lie. False for any other wire type or
    // a length past the end.
    private static bool TryField(ReadOnlySpan<byte> message, ref int position, out int number, out Slice value)
    {
        number = 0;
        value = default;
        if (!TryVarint(message, ref position, out var tag) || (tag & 7) != LengthDelimited || tag >> 3 > int.MaxValue)
        {
            return false;
        }
        if (!TryVarint(message, ref position, out var length) || length > (ulong)(message.Length - position))
        {
            return false;
        }
        number = (int)(tag >> 3);
        value = new Slice(position, (int)length);
        position += (int)length;
        return true;
    }

    internal static bool TryVarint(ReadOnlySpan<byte> message, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < message.Length; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }
}
