using System.Linq.Expressions;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;

namespace ReportValidation.Contract;

/// <summary>
/// The measuring and writing code of one field, as Google.Protobuf's generated code does it: a singular
/// field is skipped at its default (proto3: zero, false, empty, and so also -0.0) unless it has presence
/// (messages, oneof members, `optional`), enums and int32 are sign-extended varints, repeated numbers are
/// packed unless the proto says otherwise.
/// </summary>
internal sealed class FieldCode
{
    private readonly FieldDescriptor _field;
    private readonly ParameterExpression _message;
    private readonly ParameterExpression _state;
    private readonly PropertyInfo _property;
    private readonly PropertyInfo? _presence;

    public FieldCode(FieldDescriptor field, Type messageType, ParameterExpression message, ParameterExpression state)
    {
        _field = field;
        _message = message;
        _state = state;
        if (field.IsMap)
        {
            throw new NotSupportedException($"map field {field.FullName}");
        }
        _property = messageType.GetProperty(field.PropertyName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new NotSupportedException($"no property for {field.FullName}");
        if (!field.IsRepeated && field.HasPresence && field.FieldType != FieldType.Message)
        {
            _presence = messageType.GetProperty("Has" + field.PropertyName, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new NotSupportedException($"no Has property for {field.FullName}");
        }
        _ = WireType; // refuses kinds the plans do not cover
    }

    private int FieldNumber => _field.FieldNumber;

    private int TagSize => CodedOutputStream.ComputeTagSize(FieldNumber);

    private WireFormat.WireType WireType => _field.FieldType switch
    {
        FieldType.Int32 or FieldType.Int64 or FieldType.UInt32 or FieldType.UInt64 or FieldType.Enum or FieldType.Bool => WireFormat.WireType.Varint,
        FieldType.Double => WireFormat.WireType.Fixed64,
        FieldType.Float => WireFormat.WireType.Fixed32,
        FieldType.String or FieldType.Bytes or FieldType.Message => WireFormat.WireType.LengthDelimited,
        _ => throw new NotSupportedException($"{_field.FieldType} field {_field.FullName}"),
    };

    private int FixedWidth => _field.FieldType switch
    {
        FieldType.Double => 8,
        FieldType.Float => 4,
        _ => 0,
    };

    private Expression Tag(WireFormat.WireType wireType) => Expression.Constant(WireFormat.MakeTag(FieldNumber, wireType));

    private Expression Call(string method, params Expression[] arguments) => Expression.Call(_state, method, null, arguments);

    private Expression CallGeneric(string method, Type typeArgument, params Expression[] arguments) =>
        Expression.Call(_state, method, [typeArgument], arguments);

    private static Expression StaticCall(string method, params Expression[] arguments) =>
        Expression.Call(typeof(EncodingState), method, null, arguments);

    public Expression Measure(ParameterExpression size) =>
        _field.IsRepeated ? Expression.AddAssign(size, MeasureRepeated()) : Singular(value => Expression.AddAssign(size, MeasureSingular(value)));

    public Expression Write() => _field.IsRepeated ? WriteRepeated() : Singular(WriteSingular);

    // Reads the property once, and runs the code when the field is present.
    private Expression Singular(Func<ParameterExpression, Expression> code)
    {
        var value = Expression.Variable(_property.PropertyType, _field.Name);
        var present = _presence is not null ? Expression.Property(_message, _presence) : IsSet(value);
        return Expression.Block([value], Expression.Assign(value, Expression.Property(_message, _property)), Expression.IfThen(present, code(value)));
    }

    private Expression IsSet(ParameterExpression value) => _field.FieldType switch
    {
        FieldType.Message => Expression.NotEqual(value, Expression.Constant(null, value.Type)),
        FieldType.String or FieldType.Bytes => Expression.NotEqual(Expression.Property(value, "Length"), Expression.Constant(0)),
        FieldType.Bool => value,
        FieldType.Enum => Expression.NotEqual(Expression.Convert(value, typeof(int)), Expression.Constant(0)),
        // != on doubles and floats, as the generated code: -0.0 counts as unset, NaN as set.
        _ => Expression.NotEqual(value, Expression.Default(value.Type)),
    };

    private Expression MeasureSingular(ParameterExpression value)
    {
        var tagSize = Expression.Constant(TagSize);
        return _field.FieldType switch
        {
            FieldType.Message => Expression.Add(tagSize, StaticCall(nameof(EncodingState.Delimited), MeasureMessage(value))),
            FieldType.String => Expression.Add(tagSize, Call(nameof(EncodingState.MeasureString), value)),
            FieldType.Bytes => Expression.Add(tagSize, StaticCall(nameof(EncodingState.BytesSize), value)),
            FieldType.Double or FieldType.Float => Expression.Constant(TagSize + FixedWidth),
            _ => Expression.Add(tagSize, StaticCall(nameof(EncodingState.VarintSize), ToWire(value))),
        };
    }

    private Expression WriteSingular(ParameterExpression value)
    {
        var tag = Tag(WireType);
        return _field.FieldType switch
        {
            FieldType.Message => WriteMessage(tag, value),
            FieldType.String => Call(nameof(EncodingState.WriteStringField), tag, value),
            FieldType.Bytes => Call(nameof(EncodingState.WriteBytesField), tag, value),
            FieldType.Double => Call(nameof(EncodingState.WriteFixed64Field), tag, ToWire(value)),
            FieldType.Float => Call(nameof(EncodingState.WriteFixed32Field), tag, Expression.Convert(ToWire(value), typeof(uint))),
            _ => Call(nameof(EncodingState.WriteVarintField), tag, ToWire(value)),
        };
    }

    // A number as the wire carries it: a varint's value (int32 and enums sign-extended to 64 bits) or a fixed field's bits.
    private Expression ToWire(Expression value) => _field.FieldType switch
    {
        FieldType.Int32 or FieldType.Int64 => Expression.Convert(Expression.Convert(value, typeof(long)), typeof(ulong)),
        FieldType.Enum => Expression.Convert(Expression.Convert(Expression.Convert(value, typeof(int)), typeof(long)), typeof(ulong)),
        FieldType.UInt32 or FieldType.UInt64 => Expression.Convert(value, typeof(ulong)),
        FieldType.Bool => Expression.Condition(value, Expression.Constant(1UL), Expression.Constant(0UL)),
        FieldType.Double => Expression.Call(typeof(BitConverter), nameof(BitConverter.DoubleToUInt64Bits), null, value),
        FieldType.Float => Expression.Convert(Expression.Call(typeof(BitConverter), nameof(BitConverter.SingleToUInt32Bits), null, value), typeof(ulong)),
        _ => throw new NotSupportedException($"{_field.FieldType} field {_field.FullName}"),
    };

    private Expression List => Expression.Property(_message, _property);

    // The nested type's code inlined, or its plan called (its delegate read when called: a type nested in itself is still compiling here).
    private Expression MeasureMessage(ParameterExpression message) => MessageCode.IsInlined(message.Type)
        ? MessageCode.Of(message.Type, message, _state).Measure
        : Expression.Invoke(Expression.Property(Expression.Constant(MessagePlan.Of(message.Type)), "Measure"), message, _state);

    private Expression WriteMessage(Expression tag, ParameterExpression message) => Expression.Block(
        Call(nameof(EncodingState.WriteMessageHeader), tag),
        MessageCode.IsInlined(message.Type)
            ? MessageCode.Of(message.Type, message, _state).Write
            : Expression.Invoke(Expression.Property(Expression.Constant(MessagePlan.Of(message.Type)), "Write"), message, _state));

    private Expression Sum(Func<ParameterExpression, Expression> size)
    {
        var sum = Expression.Variable(typeof(int), "sum");
        return Expression.Block(typeof(int), [sum], Expression.Assign(sum, Expression.Constant(0)), ForEach(element => Expression.AddAssign(sum, size(element))), sum);
    }

    // for (var i = 0; i < list.Count; i++) body(list[i]);
    private Expression ForEach(Func<ParameterExpression, Expression> body)
    {
        var list = Expression.Variable(_property.PropertyType, "list");
        var count = Expression.Variable(typeof(int), "count");
        var index = Expression.Variable(typeof(int), "index");
        var element = Expression.Variable(ElementType, "element");
        var done = Expression.Label("done");
        return Expression.Block([list, count, index, element],
            Expression.Assign(list, List),
            Expression.Assign(count, Expression.Property(list, "Count")),
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(index, count),
                    Expression.Block(
                        Expression.Assign(element, Expression.Property(list, "Item", index)),
                        body(element),
                        Expression.PreIncrementAssign(index)),
                    Expression.Break(done)),
                done));
    }

    private Type ElementType => _property.PropertyType.GetGenericTypeDefinition() == typeof(RepeatedField<>)
        ? _property.PropertyType.GetGenericArguments()[0]
        : throw new NotSupportedException($"repeated field {_field.FullName} is not a RepeatedField");

    private Expression MeasureRepeated()
    {
        var tagSize = Expression.Constant(TagSize);
        return _field.FieldType switch
        {
            FieldType.Message => Sum(element => Expression.Add(tagSize, StaticCall(nameof(EncodingState.Delimited), MeasureMessage(element)))),
            FieldType.String => Call(nameof(EncodingState.MeasureStrings), List, tagSize),
            FieldType.Bytes => StaticCall(nameof(EncodingState.MeasureByteStrings), List, tagSize),
            _ => CallGeneric(nameof(EncodingState.MeasureScalars), ElementType, List, ElementToWire(), Expression.Constant(FixedWidth), Expression.Constant(_field.IsPacked), tagSize),
        };
    }

    private Expression WriteRepeated() => _field.FieldType switch
    {
        FieldType.Message => ForEach(element => WriteMessage(Tag(WireType), element)),
        FieldType.String => Call(nameof(EncodingState.WriteStrings), Tag(WireType), List),
        FieldType.Bytes => Call(nameof(EncodingState.WriteByteStrings), Tag(WireType), List),
        _ => CallGeneric(nameof(EncodingState.WriteScalars), ElementType,
            Tag(_field.IsPacked ? WireFormat.WireType.LengthDelimited : WireType), List, ElementToWire(), Expression.Constant(FixedWidth), Expression.Constant(_field.IsPacked)),
    };

    // One delegate per repeated number field, compiled once: called per element, repeated numbers being rare here.
    private Expression ElementToWire()
    {
        var element = Expression.Parameter(ElementType, "element");
        var toWire = Expression.Lambda(typeof(Func<,>).MakeGenericType(ElementType, typeof(ulong)), ToWire(element), element).Compile();
        return Expression.Constant(toWire);
    }
}
