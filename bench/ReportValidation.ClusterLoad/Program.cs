using ReportValidation.ClusterLoad;

// Drives a deployment the way a production client does (one channel, gRPC retries on UNAVAILABLE)
// for scripts/local-cluster.sh. Two commands:
//   load  --target URL --phase-file FILE [--concurrency N] [--documents N] [--max-seconds S] [--out FILE]
//         calls until FILE says "end"; every call is counted under the phase FILE names when it starts.
//   probe --targets URL,URL,...   one new document to the first target, then the same to the others.
var options = ClusterLoadOptions.Parse(args);
return options.Command switch
{
    "load" => await LoadRun.RunAsync(options),
    "probe" => await CacheProbe.RunAsync(options),
    _ => throw new ArgumentException($"unknown command '{options.Command}': load or probe"),
};
