using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ReportValidation.EngineComparison;

/// <summary>One build of the engine, loaded with its own dependencies into a context of its own.</summary>
internal sealed class EngineBuild
{
    private readonly Assembly _engine;

    public EngineBuild(string directory)
    {
        var context = new DirectoryLoadContext(Path.GetFullPath(directory));
        _engine = context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(directory), "ReportValidation.Engine.dll"));
    }

    /// <summary>
    /// Read (decode and grid, the document disposed), Parse (<c>ReportEngine.Parse</c>) or Validate
    /// (<c>ReportEngine.Validate</c>) of the document, compiled to a call without reflection.
    /// </summary>
    public Func<int> Operation(string mode, byte[] content)
    {
        var inputType = _engine.GetType("ReportValidation.Reading.InputDocument", throwOnError: true)!;
        var input = Activator.CreateInstance(inputType, new ReadOnlyMemory<byte>(content), null, null)!;
        Expression call;
        if (mode == "Read")
        {
            var read = _engine.GetType("ReportValidation.Reading.DocumentReader", throwOnError: true)!.GetMethod("Read")!;
            call = Expression.Call(Expression.Call(read, Arguments(read, input)), typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))!);
        }
        else
        {
            var engineType = _engine.GetType("ReportValidation.ReportEngine", throwOnError: true)!;
            var engine = engineType.GetProperty("Default")!.GetValue(null)!;
            var method = engineType.GetMethods().Single(m => m.Name == mode && m.GetParameters()[0].ParameterType == inputType);
            call = Expression.Call(Expression.Constant(engine), method, Arguments(method, input));
        }
        return Expression.Lambda<Func<int>>(Expression.Block(call, Expression.Constant(1))).Compile();
    }

    // The document first; every other parameter its default.
    private static Expression[] Arguments(MethodInfo method, object input) =>
        [.. method.GetParameters().Select(p => p.Position == 0 ? (Expression)Expression.Constant(input, p.ParameterType) : Expression.Default(p.ParameterType))];

    private sealed class DirectoryLoadContext(string directory) : AssemblyLoadContext(Path.GetFileName(directory))
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}

/// <summary>CPU time of the calling thread: what the neighbours on a shared machine move least.</summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeClockId = 3; // CLOCK_THREAD_CPUTIME_ID

    public static long Nanoseconds()
    {
        if (ClockGetTime(ThreadCpuTimeClockId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport as in the benchmarks' ProcessCpuClock: a blittable out struct needs no marshalling.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);
}
