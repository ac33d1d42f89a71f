using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace ReportValidation.Benchmarks;

/// <summary>
/// Measures CPU time spent by this process (every thread, the GC's included) instead of wall time. On
/// the shared 2-core build machine a wall clock also counts the time other processes held the cores (a
/// load average of 10 makes a 15 ms read take 80 ms); CPU time does not, so before/after runs stay
/// comparable. On an idle machine a single-threaded read's CPU time is its wall time.
/// </summary>
internal sealed class ProcessCpuClock : IClock
{
    private const int ProcessCpuTimeClockId = 2; // CLOCK_PROCESS_CPUTIME_ID

    public string Title => "Process CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        if (ClockGetTime(ProcessCpuTimeClockId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
        }
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeSpec
    {
        public readonly long Seconds;
        public readonly long Nanoseconds;
    }

    // DllImport rather than LibraryImport: a blittable out struct needs no marshalling, and no unsafe code.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);
}

/// <summary>
/// Two jobs: the default one (wall time, its own process) and one timed by <see cref="ProcessCpuClock"/>
/// (in process: a custom clock is not carried into a generated benchmark process).
/// </summary>
public sealed class WallAndCpuTimeConfig : ManualConfig
{
    public WallAndCpuTimeConfig()
    {
        AddJob(Job.Default.WithId("Wall"));
        if (OperatingSystem.IsLinux())
        {
            AddJob(Job.Default.WithClock(new ProcessCpuClock()).WithToolchain(InProcessEmitToolchain.Instance).WithId("CpuTime"));
        }
    }
}

/// <summary>
/// Only the CPU-time job, in process, for microsecond-scale benchmarks on the loaded shared machine, where
/// preemption swamps a wall clock (a load average of 25 on two cores made a 20 µs method measure 20–380 µs).
/// </summary>
public sealed class CpuTimeConfig : ManualConfig
{
    public CpuTimeConfig() =>
        AddJob(Job.ShortRun.WithIterationCount(7).WithClock(new ProcessCpuClock()).WithToolchain(InProcessEmitToolchain.Instance).WithId("CpuTime"));
}
