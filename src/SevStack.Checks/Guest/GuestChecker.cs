using SevStack.Checks.Guest.Checks;
using SevStack.Checks.Probes;
using SevStack.Checks.Report;
using SevStack.Toolkit.Processes;

namespace SevStack.Checks.Guest;

/// <summary>CheckGuest: inside a guest, or against a saved guest kernel log.</summary>
public static class GuestChecker
{
    public static IReadOnlyList<Check<GuestFacts>> Checks { get; } =
    [
        new SevActiveInLogCheck(),
        new SevStatusMsrCheck(),
        new SwiotlbCheck(),
        new RootDeviceCheck(),
        new SevGuestDriverCheck(),
    ];

    public static async Task<CheckReport> RunAsync(GuestCheckOptions options, ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        var files = new HostFiles(options.GuestRoot);
        var (log, problem) = await KernelLogSource.LoadAsync(options.KernelLogPath, files, runner, cancellationToken);
        // A log saved elsewhere and checked here: this machine's MSRs and devices are not that guest's.
        var savedLogHere = options.KernelLogPath is not null && files.IsLiveRoot;
        return Evaluate(new GuestFacts(options.KernelLogPath ?? files.Root, options, log, problem,
            savedLogHere ? [] : SevStatusMsr.ReadAll(files),
            !savedLogHere && files.Exists(GuestFacts.SevGuestDevicePath),
            savedLogHere ? $"a saved kernel log ({options.KernelLogPath}) was checked on this machine, whose MSRs are not the guest's" : null));
    }

    /// <summary>Checks a log captured elsewhere (e.g. <c>docker run busybox dmesg</c> in a Kata SEV container); no MSR is read.</summary>
    public static CheckReport FromLog(string origin, string logText, GuestCheckOptions? options = null) =>
        Evaluate(new GuestFacts(origin, options ?? new GuestCheckOptions(), KernelLog.Parse(origin, logText), null, [],
            MsrsNotReadBecause: $"only a kernel log ({origin}) was given"));

    public static CheckReport Evaluate(GuestFacts facts) =>
        new("guest", facts.Source, [.. Checks.Select(c => c.Evaluate(facts))]);
}
