using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReportValidation.Server.Tests.Infrastructure;

/// <summary>Keeps every log line the server writes, to check what it logs and what it never logs.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId EventId, string Message, LogLevel Level)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((category, eventId, formatter(state, exception) + (exception is null ? "" : " " + exception), logLevel));
    }
}
