using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;

namespace ReportValidation.Server.Validation;

/// <summary>A JSON value the request message cannot take, in both languages, at its field path.</summary>
public sealed record JsonViolation(string Field, string Reason, string English, string Chinese);

/// <summary>
/// Checks a JSON request body against the request message's descriptor the way the proto3 JSON mapping
/// is specified: an unknown field, a value of the wrong type or an enum name that does not exist is an
/// error, named by its field path. JSON transcoding itself skips unknown fields, so a misspelt option
/// silently became its default and changed the verdict. Paths use the proto field names
/// (<c>options.acknowledgements[0].rule_id</c>), as the service's other BadRequest details do.
/// </summary>
public static class StrictJson
{
    public const string UnknownField = "UNKNOWN_FIELD";
    public const string InvalidValue = "INVALID_VALUE";

    // A body of thousands of wrong fields gets an answer of bounded size: the first ones name the problem.
    private const int MaxViolations = 20;

    /// <summary>Violations of <paramref name="json"/> as a <paramref name="message"/>; empty when it conforms.</summary>
    public static IReadOnlyList<JsonViolation> Check(JsonElement json, MessageDescriptor message)
    {
        var violations = new List<JsonViolation>();
        CheckMessage(json, message, "", violations);
        return violations;
    }

    /// <summary>
    /// Query parameters of a JSON route: each must name a field of the request (<c>a.b</c> for nested ones),
    /// and none are taken when the body carries the whole request.
    /// </summary>
    public static IReadOnlyList<JsonViolation> CheckQuery(IEnumerable<string> names, MessageDescriptor message, bool bodyTakesAll) =>
        names.Where(name => bodyTakesAll || !IsFieldPath(message, name.Split('.')))
            .Take(MaxViolations)
            .Select(name => new JsonViolation(Shortened(name), UnknownField,
                $"{Shortened(name)}: {message.Name} takes no query parameter \"{Shortened(name)}\"{(bodyTakesAll ? " (send every field in the JSON body)" : "")}.",
                $"{Shortened(name)}：{message.Name} 不接受查询参数 \"{Shortened(name)}\"{(bodyTakesAll ? "（所有字段请放在 JSON 请求体中）" : "")}。"))
            .ToList();

    private static bool IsFieldPath(MessageDescriptor message, ReadOnlySpan<string> path)
    {
        var field = FieldNamed(message, path[0]);
        return field is not null && (path.Length == 1
            || field.FieldType == FieldType.Message && !field.IsRepeated && IsFieldPath(field.MessageType, path[1..]));
    }

    private static void CheckMessage(JsonElement json, MessageDescriptor message, string path, List<JsonViolation> violations)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            violations.Add(WrongType(path, json, "an object", "对象"));
            return;
        }
        var oneofsSet = new Dictionary<OneofDescriptor, string>();
        foreach (var property in json.EnumerateObject().TakeWhile(_ => violations.Count < MaxViolations))
        {
            var field = FieldNamed(message, property.Name);
            if (field is null)
            {
                violations.Add(Unknown(Join(path, Shortened(property.Name)), Shortened(property.Name), message));
                continue;
            }
            var fieldPath = Join(path, field.Name);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue; // proto3 JSON: null is the field's default
            }
            if (field.RealContainingOneof is { } oneof && !oneofsSet.TryAdd(oneof, field.Name))
            {
                violations.Add(new(fieldPath, InvalidValue,
                    $"{fieldPath}: only one of {OneofFields(oneof)} may be set, and {oneofsSet[oneof]} already is.",
                    $"{fieldPath}：{OneofFields(oneof)} 只能设置其中一个，已设置 {oneofsSet[oneof]}。"));
                continue;
            }
            CheckField(property.Value, field, fieldPath, violations);
        }
    }

    private static void CheckField(JsonElement json, FieldDescriptor field, string path, List<JsonViolation> violations)
    {
        if (field.IsMap)
        {
            CheckMap(json, field, path, violations);
        }
        else if (field.IsRepeated)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                violations.Add(WrongType(path, json, "an array", "数组"));
                return;
            }
            var index = 0;
            foreach (var item in json.EnumerateArray().TakeWhile(_ => violations.Count < MaxViolations))
            {
                CheckValue(item, field, $"{path}[{index++}]", violations);
            }
        }
        else
        {
            CheckValue(json, field, path, violations);
        }
    }

    private static void CheckMap(JsonElement json, FieldDescriptor field, string path, List<JsonViolation> violations)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            violations.Add(WrongType(path, json, "an object", "对象"));
            return;
        }
        var valueField = field.MessageType.FindFieldByNumber(2);
        foreach (var entry in json.EnumerateObject())
        {
            CheckValue(entry.Value, valueField, $"{path}[\"{entry.Name}\"]", violations);
        }
    }

    private static void CheckValue(JsonElement json, FieldDescriptor field, string path, List<JsonViolation> violations)
    {
        var violation = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => CheckNested(json, field.MessageType, path, violations),
            FieldType.Enum => CheckEnum(json, field.EnumType, path),
            FieldType.String => json.ValueKind == JsonValueKind.String ? null : WrongType(path, json, "a string", "字符串"),
            FieldType.Bool => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : WrongType(path, json, "true or false", "true 或 false"),
            FieldType.Bytes => IsBase64(json) ? null : WrongType(path, json, "base64 text", "base64 文本"),
            FieldType.Double or FieldType.Float => IsNumber(json) ? null : WrongType(path, json, "a number", "数字"),
            _ => CheckInteger(json, field.FieldType, path),
        };
        if (violation is not null)
        {
            violations.Add(violation);
        }
    }

    // Well-known types (Timestamp, Duration, Struct, wrappers…) have JSON forms of their own; transcoding
    // reads those. Our messages are checked field by field.
    private static JsonViolation? CheckNested(JsonElement json, MessageDescriptor message, string path, List<JsonViolation> violations)
    {
        if (message.File.Package != "google.protobuf")
        {
            CheckMessage(json, message, path, violations);
        }
        return null;
    }

    private static JsonViolation? CheckEnum(JsonElement json, EnumDescriptor type, string path)
    {
        if (json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out _))
        {
            return null; // proto3 JSON accepts the number; the service checks it is a known value
        }
        var allowed = string.Join(", ", type.Values.Select(v => v.Name));
        if (json.ValueKind == JsonValueKind.String)
        {
            var name = json.GetString()!;
            return type.FindValueByName(name) is not null ? null : new(path, InvalidValue,
                $"{path}: \"{name}\" is not a {type.Name}; allowed values: {allowed}.",
                $"{path}：\"{name}\" 不是有效的 {type.Name}；允许的值：{allowed}。");
        }
        return new(path, InvalidValue,
            $"{path}: expected a {type.Name} name, got {Kind(json).English}; allowed values: {allowed}.",
            $"{path}：应为 {type.Name} 的名称，实际为{Kind(json).Chinese}；允许的值：{allowed}。");
    }

    // Integers may be JSON numbers or strings holding one (int64 is written as a string); in range of the field.
    private static JsonViolation? CheckInteger(JsonElement json, FieldType type, string path)
    {
        var text = json.ValueKind switch
        {
            JsonValueKind.Number => json.GetRawText(),
            JsonValueKind.String => json.GetString(),
            _ => null,
        };
        var (min, max, english, chinese) = type switch
        {
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => ((decimal)int.MinValue, (decimal)int.MaxValue, "a 32-bit integer", "32 位整数"),
            FieldType.UInt32 or FieldType.Fixed32 => (0m, (decimal)uint.MaxValue, "an unsigned 32-bit integer", "32 位无符号整数"),
            FieldType.UInt64 or FieldType.Fixed64 => (0m, (decimal)ulong.MaxValue, "an unsigned 64-bit integer", "64 位无符号整数"),
            _ => ((decimal)long.MinValue, (decimal)long.MaxValue, "a 64-bit integer", "64 位整数"),
        };
        var valid = decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value) && value >= min && value <= max;
        return valid ? null : WrongType(path, json, english, chinese);
    }

    private static bool IsNumber(JsonElement json) => json.ValueKind == JsonValueKind.Number
        || json.ValueKind == JsonValueKind.String && (json.GetString() is "NaN" or "Infinity" or "-Infinity"
            || double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    // Standard or URL-safe base64, padded or not, as the proto3 JSON mapping accepts.
    private static bool IsBase64(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var text = json.GetString()!.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        var buffer = new byte[text.Length / 4 * 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static JsonViolation Unknown(string path, string name, MessageDescriptor message)
    {
        var known = message.Fields.InDeclarationOrder().Select(f => f.JsonName).ToList();
        var closest = name.Length > 64 ? null : known.MinBy(k => Distance(k, name));
        var hint = closest is not null && Distance(closest, name) <= 2 ? closest : null;
        return new(path, UnknownField,
            $"{path}: unknown field \"{name}\" in {message.Name}{(hint is null ? "" : $" (did you mean \"{hint}\"?)")}; its fields are: {string.Join(", ", known)}.",
            $"{path}：{message.Name} 中没有字段 \"{name}\"{(hint is null ? "" : $"（是否应为 \"{hint}\"？）")}；可用字段：{string.Join(", ", known)}。");
    }

    private static JsonViolation WrongType(string path, JsonElement json, string english, string chinese)
    {
        var (gotEnglish, gotChinese) = Kind(json);
        var name = path.Length == 0 ? "request body" : path;
        var nameZh = path.Length == 0 ? "请求体" : path;
        return new(path, InvalidValue, $"{name}: expected {english}, got {gotEnglish}.", $"{nameZh}：应为{chinese}，实际为{gotChinese}。");
    }

    private static (string English, string Chinese) Kind(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => ("an object", "对象"),
        JsonValueKind.Array => ("an array", "数组"),
        JsonValueKind.String => ($"the string {Quoted(json.GetString()!)}", $"字符串 {Quoted(json.GetString()!)}"),
        JsonValueKind.Number => ($"the number {json.GetRawText()}", $"数字 {json.GetRawText()}"),
        JsonValueKind.True or JsonValueKind.False => ($"{json.GetRawText()}", $"{json.GetRawText()}"),
        _ => ("null", "null"),
    };

    // Long values (a document's text) and names are not echoed whole into an error message.
    private static string Quoted(string value) => $"\"{Shortened(value)}\"";

    private static string Shortened(string value) => value.Length <= 40 ? value : $"{value[..37]}…";

    private static string OneofFields(OneofDescriptor oneof) => string.Join("/", oneof.Fields.Select(f => f.Name));

    // The proto3 JSON mapping accepts a field by its proto name or its JSON (lowerCamelCase) name.
    private static FieldDescriptor? FieldNamed(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // Edit distance, only between a misspelt name and a message's few field names.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
