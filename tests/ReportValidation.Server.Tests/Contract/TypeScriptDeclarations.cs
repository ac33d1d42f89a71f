using System.Text;
using Google.Protobuf.Reflection;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests.Contract;

/// <summary>
/// TypeScript declarations of the service's messages as the proto3 JSON mapping writes them (what the JSON
/// routes and the browser client return): every field optional, lowerCamelCase, enums as their names,
/// 64-bit integers as strings. The checked-in <c>wwwroot/js/reportvalidation-types.d.ts</c> is this text
/// (<see cref="ContractFileTests"/>); tests/contract/run.sh checks it against protoc-gen-es's JSON types.
/// </summary>
public static class TypeScriptDeclarations
{
    private static readonly Lazy<string> Generated = new(() => Generate(ValidatorReflection.Descriptor));

    public static string Text => Generated.Value;

    public static string Generate(FileDescriptor root)
    {
        var text = new StringBuilder();
        text.Append("// Generated from protos/reportvalidation/v1 by tests/ReportValidation.Server.Tests/Contract/TypeScriptDeclarations.cs;\n")
            .Append("// do not edit: REPORTVALIDATION_UPDATE_CONTRACT=1 dotnet test --filter ContractFileTests rewrites it.\n")
            .Append("// The proto3 JSON form of each message: what the JSON routes return and accept.\n");
        foreach (var file in new[] { root }.Concat(root.Dependencies).Where(f => f.Package == root.Package).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append($"\n// {file.Name}\n");
            foreach (var type in file.EnumTypes)
            {
                Enum(text, type);
            }
            foreach (var message in file.MessageTypes)
            {
                Message(text, message);
            }
        }
        return text.ToString();
    }

    private static void Message(StringBuilder text, MessageDescriptor message)
    {
        text.Append($"\n/** `{message.FullName}` */\nexport interface {NameOf(message.FullName, message.File)} {{\n");
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var oneof = field.RealContainingOneof is { } o ? $" /** one of `{o.Name}` */" : "";
            text.Append($"  {field.JsonName}?: {FieldType(field)};{oneof}\n");
        }
        text.Append("}\n");
        foreach (var type in message.EnumTypes)
        {
            Enum(text, type);
        }
        foreach (var nested in message.NestedTypes.Where(n => !n.GetOptions()?.MapEntry ?? true))
        {
            Message(text, nested);
        }
    }

    private static void Enum(StringBuilder text, EnumDescriptor type) =>
        text.Append($"\n/** `{type.FullName}` */\nexport type {NameOf(type.FullName, type.File)} =\n")
            .Append(string.Join("\n", type.Values.Select(v => $"  | \"{v.Name}\""))).Append(";\n");

    private static string FieldType(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            return $"{{ [key: string]: {Single(field.MessageType.FindFieldByNumber(2))} }}";
        }
        var single = Single(field);
        return field.IsRepeated ? (single.Contains(' ') ? $"({single})[]" : $"{single}[]") : single;
    }

    private static string Single(FieldDescriptor field) => field.FieldType switch
    {
        Google.Protobuf.Reflection.FieldType.Message => NameOf(field.MessageType.FullName, field.MessageType.File),
        Google.Protobuf.Reflection.FieldType.Enum => NameOf(field.EnumType.FullName, field.EnumType.File),
        Google.Protobuf.Reflection.FieldType.String or Google.Protobuf.Reflection.FieldType.Bytes => "string",
        Google.Protobuf.Reflection.FieldType.Bool => "boolean",
        Google.Protobuf.Reflection.FieldType.Double or Google.Protobuf.Reflection.FieldType.Float => "number | \"NaN\" | \"Infinity\" | \"-Infinity\"",
        Google.Protobuf.Reflection.FieldType.Int64 or Google.Protobuf.Reflection.FieldType.UInt64 or Google.Protobuf.Reflection.FieldType.SInt64
            or Google.Protobuf.Reflection.FieldType.Fixed64 or Google.Protobuf.Reflection.FieldType.SFixed64 => "string",
        _ => "number",
    };

    // "reportvalidation.v1.Outer.Inner" → "Outer_Inner", as protoc-gen-es names them.
    private static string NameOf(string fullName, FileDescriptor file) => fullName[(file.Package.Length + 1)..].Replace('.', '_');
}
