using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace ReportValidation.Server.Contract;

/// <summary>
/// JSON Schemas (OpenAPI 3.1) of messages and enums as the proto3 JSON mapping writes them: lowerCamelCase
/// names, enums by name, int64 as strings, bytes as base64. Every message reachable from a root is
/// added once, under its proto name (this package's without the package prefix).
/// </summary>
internal sealed class OpenApiSchemas(string package)
{
    private readonly SortedDictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);

    public JsonObject Components()
    {
        var components = new JsonObject();
        foreach (var (name, schema) in _schemas)
        {
            components[name] = schema;
        }
        return components;
    }

    /// <summary>A <c>$ref</c> to the message's schema, adding it (and what it refers to) when new.</summary>
    public JsonObject Reference(MessageDescriptor message)
    {
        var name = NameOf(message.FullName);
        if (!_schemas.ContainsKey(name))
        {
            _schemas[name] = new JsonObject(); // placeholder first: messages may refer to themselves
            _schemas[name] = Message(message);
        }
        return Ref(name);
    }

    /// <summary>A schema added by hand (the error model's pieces), under its full name.</summary>
    public JsonObject Reference(string fullName, Func<JsonObject> schema)
    {
        var name = NameOf(fullName);
        if (!_schemas.ContainsKey(name))
        {
            _schemas[name] = schema();
        }
        return Ref(name);
    }

    private JsonObject Message(MessageDescriptor message)
    {
        var properties = new JsonObject();
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var schema = Field(field);
            if (field.RealContainingOneof is { } oneof)
            {
                var others = oneof.Fields.Where(f => f != field).Select(f => f.JsonName);
                schema = new JsonObject
                {
                    ["allOf"] = new JsonArray(schema),
                    ["description"] = $"One of `{oneof.Name}`: set at most one of {field.JsonName}, {string.Join(", ", others)}.",
                };
            }
            properties[field.JsonName] = schema;
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = $"Message `{message.FullName}`.",
            ["properties"] = properties,
        };
    }

    private JsonObject Field(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Single(field.MessageType.FindFieldByNumber(2)) };
        }
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = Single(field) } : Single(field);
    }

    private JsonObject Single(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => Reference(field.MessageType),
        FieldType.Enum => Enum(field.EnumType),
        FieldType.String => new JsonObject { ["type"] = "string" },
        FieldType.Bool => new JsonObject { ["type"] = "boolean" },
        FieldType.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte", ["contentEncoding"] = "base64" },
        FieldType.Double => new JsonObject { ["type"] = "number", ["format"] = "double" },
        FieldType.Float => new JsonObject { ["type"] = "number", ["format"] = "float" },
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        FieldType.UInt32 or FieldType.Fixed32 => new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0, ["maximum"] = uint.MaxValue },
        // 64-bit integers are strings in proto3 JSON (a JavaScript number cannot hold them all).
        FieldType.UInt64 or FieldType.Fixed64 => new JsonObject { ["type"] = "string", ["format"] = "uint64", ["pattern"] = "^[0-9]+$" },
        _ => new JsonObject { ["type"] = "string", ["format"] = "int64", ["pattern"] = "^-?[0-9]+$" },
    };

    private JsonObject Enum(EnumDescriptor type) => Reference(type.FullName, () => new JsonObject
    {
        ["type"] = "string",
        ["description"] = $"Enum `{type.FullName}`, by name.",
        ["enum"] = new JsonArray(type.Values.Select(v => (JsonNode)JsonValue.Create(v.Name)!).ToArray()),
    });

    private string NameOf(string fullName) =>
        fullName.StartsWith(package + ".", StringComparison.Ordinal) ? fullName[(package.Length + 1)..] : fullName;

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };
}
