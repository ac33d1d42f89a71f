using System.Text;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>Wire messages to what the engine takes; rejects what cannot be mapped.</summary>
public static class RequestMapping
{
    public static InputDocument Document(Document? document, string field)
    {
        if (document is null)
        {
            throw RequestErrors.Invalid(field, $"{field} is required.");
        }
        return document.BodyCase switch
        {
            // Text arrives decoded; the engine gets it as UTF-8 whatever charset the caller named.
            V1.Document.BodyOneofCase.Text => new InputDocument(Encoding.UTF8.GetBytes(document.Text),
                WithUtf8(document.ContentType), Optional(document.FileName)),
            V1.Document.BodyOneofCase.Content => new InputDocument(document.Content.Memory,
                Optional(document.ContentType), Optional(document.FileName)),
            _ => throw RequestErrors.Invalid(field, $"{field} needs text or content."),
        };
    }

    /// <summary>Refuses a document that is missing or has neither text nor content, before anything else is done with the request.</summary>
    public static void CheckPresent(Document? document, string field)
    {
        if (document is null)
        {
            throw RequestErrors.Invalid(field, $"{field} is required.");
        }
        if (document.BodyCase == V1.Document.BodyOneofCase.None)
        {
            throw RequestErrors.Invalid(field, $"{field} needs text or content.");
        }
    }

    public static InputDocument? Previous(Document? document, string field) =>
        document is null || document.BodyCase == V1.Document.BodyOneofCase.None ? null : Document(document, field);

    public static void Check(ValidationOptions? options)
    {
        if (options is null)
        {
            return;
        }
        if (!Enum.IsDefined(options.Profile))
        {
            throw RequestErrors.Invalid("options.profile", $"Unknown profile {(int)options.Profile}.");
        }
        for (var i = 0; i < options.Acknowledgements.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Acknowledgements[i].RuleId))
            {
                throw RequestErrors.Invalid($"options.acknowledgements[{i}].rule_id", "An acknowledgement names the rule it explains.");
            }
        }
        if (options.LocalDeadline.Length > 0 && !DateOnly.TryParseExact(options.LocalDeadline, "yyyy-MM-dd", out _))
        {
            throw RequestErrors.Invalid("options.local_deadline", "local_deadline is a date written yyyy-MM-dd.");
        }
    }

    /// <summary>The content type the engine is given for text: the caller's, with the charset said to be UTF-8.</summary>
    internal static string WithUtf8(string contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "text/plain; charset=utf-8";
        }
        var parameters = contentType.Split(';').Select(p => p.Trim())
            .Where(p => !p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase));
        return string.Join("; ", parameters.Append("charset=utf-8"));
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
