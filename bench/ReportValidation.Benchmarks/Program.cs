using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ReportValidation.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
