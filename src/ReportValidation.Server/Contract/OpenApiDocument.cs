using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Google.Rpc;
using ReportValidation.V1;

namespace ReportValidation.Server.Contract;

/// <summary>
/// The OpenAPI 3.1 description of the JSON routes, made from the proto descriptors: each RPC with a
/// google.api.http annotation is an operation, its messages are typed schemas, and errors are
/// google.rpc.Status with its details. Served at <c>/openapi.json</c>; the checked-in
/// <c>openapi.json</c> is this text (ContractFileTests compare; README, "OpenAPI").
/// </summary>
public static partial class OpenApiDocument
{
    private static readonly Lazy<string> Generated = new(() => Generate(ValidatorReflection.Descriptor.Services));

    /// <summary>The document for this build's protos.</summary>
    public static string Text => Generated.Value;

    public static string Generate(IEnumerable<ServiceDescriptor> services)
    {
        var schemas = new OpenApiSchemas("reportvalidation.v1");
        var paths = new JsonObject();
        var tags = new JsonArray();
        foreach (var service in services)
        {
            tags.Add(new JsonObject { ["name"] = service.Name, ["description"] = $"gRPC service `{service.FullName}`." });
            foreach (var method in service.Methods)
            {
                AddOperation(paths, schemas, method);
            }
        }
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = Info(),
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/", ["description"] = "the service's HTTP/1.1 port (5081 by default), where this document is served" }),
            ["security"] = new JsonArray(),
            ["tags"] = tags,
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["responses"] = new JsonObject { ["Error"] = ErrorResponse(schemas) },
                ["schemas"] = null,
            },
        };
        document["components"]!["schemas"] = schemas.Components();
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Info() => new()
    {
        ["title"] = "ReportValidation JSON API",
        ["version"] = "v1",
        ["description"] = "JSON over HTTP/1.1 for reportvalidation.v1.ReportValidator through gRPC JSON transcoding, generated from "
            + "the google.api.http annotations and messages of protos/reportvalidation/v1/. Fields are the proto3 JSON names "
            + "(lowerCamelCase), enums their names, int64 strings, bytes base64. A request with an unknown field, a value of the "
            + "wrong type or an unknown enum name is refused (400). Errors are google.rpc.Status with details (ErrorInfo, "
            + "LocalizedMessage, BadRequest).",
        ["license"] = new JsonObject { ["name"] = "Proprietary", ["identifier"] = "LicenseRef-Proprietary" },
    };

    private static void AddOperation(JsonObject paths, OpenApiSchemas schemas, MethodDescriptor method)
    {
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        if (rule is null || method.IsClientStreaming || method.IsServerStreaming)
        {
            return; // gRPC and gRPC-Web only
        }
        var (verb, template) = Route(rule);
        var operation = new JsonObject
        {
            ["operationId"] = method.Name,
            ["summary"] = Humanize(method.Name),
            ["description"] = $"gRPC method `{method.Service.FullName}/{method.Name}`.",
            ["tags"] = new JsonArray(method.Service.Name),
        };
        var parameters = PathParameters(template);
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (Body(rule, method.InputType, schemas) is { } body)
        {
            operation["requestBody"] = body;
        }
        operation["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = $"`{method.OutputType.FullName}`",
                ["content"] = Json(schemas.Reference(method.OutputType)),
            },
            ["400"] = ErrorRef(),
            ["default"] = ErrorRef(),
        };
        if (paths[template] is not JsonObject path)
        {
            paths[template] = path = new JsonObject();
        }
        path[verb] = operation;
    }

    private static (string Verb, string Template) Route(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
        _ => throw new InvalidOperationException("An HTTP rule without a pattern."),
    };

    private static JsonArray PathParameters(string template) => new(VariablePattern().Matches(template)
        .Select(match => (JsonNode)new JsonObject
        {
            ["name"] = match.Groups[1].Value,
            ["in"] = "path",
            ["required"] = true,
            ["schema"] = new JsonObject { ["type"] = "string" },
        }).ToArray());

    private static JsonObject? Body(HttpRule rule, MessageDescriptor input, OpenApiSchemas schemas)
    {
        var message = rule.Body switch
        {
            "" => null,
            "*" => input,
            var field => input.FindFieldByName(field).MessageType,
        };
        return message is null ? null : new JsonObject { ["required"] = true, ["content"] = Json(schemas.Reference(message)) };
    }

    private static JsonObject ErrorResponse(OpenApiSchemas schemas)
    {
        var details = new JsonArray(ErrorDetails.Select(detail => (JsonNode)new JsonObject
        {
            ["allOf"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["@type"] = new JsonObject { ["const"] = $"type.googleapis.com/{detail.FullName}" } },
                    ["required"] = new JsonArray("@type"),
                },
                schemas.Reference(detail)),
        }).ToArray());
        var status = schemas.Reference(Google.Rpc.Status.Descriptor.FullName, () => new JsonObject
        {
            ["type"] = "object",
            ["description"] = "`google.rpc.Status`: the gRPC status code (3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED, 4 DEADLINE_EXCEEDED…), "
                + "an English message, and details packed as google.protobuf.Any with their `@type`.",
            ["properties"] = new JsonObject
            {
                ["code"] = new JsonObject { ["type"] = "integer", ["format"] = "int32" },
                ["message"] = new JsonObject { ["type"] = "string" },
                ["details"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["oneOf"] = details } },
            },
        });
        return new JsonObject
        {
            ["description"] = "The call failed: google.rpc.Status. ErrorInfo.reason is the stable code (e.g. document.empty, "
                + "request.unknown_field); LocalizedMessage carries the text in Chinese (zh-CN) and English; BadRequest names the fields.",
            ["content"] = Json(status),
        };
    }

    private static readonly MessageDescriptor[] ErrorDetails = [ErrorInfo.Descriptor, LocalizedMessage.Descriptor, BadRequest.Descriptor];

    private static JsonObject ErrorRef() => new() { ["$ref"] = "#/components/responses/Error" };

    private static JsonObject Json(JsonObject schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    // "ValidateDocument" → "Validate document"
    private static string Humanize(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c.ToString()));

    [GeneratedRegex(@"\{([a-z_][a-z0-9_.]*)(?:=[^}]*)?\}")]
    private static partial Regex VariablePattern();
}
