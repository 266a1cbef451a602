using System.Globalization;
using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Smoke;

/// <summary>
/// Boots a kernel with the smoke initramfs in QEMU under TCG and watches the serial console for the marker.
/// <c>-no-reboot</c> with <c>panic=-1</c> ends a panicking boot at once instead of at the time limit.
/// </summary>
public sealed class SmokeBoot(ICommandRunner runner)
{
    /// <summary>Exit status of timeout(1) when the time limit was hit.</summary>
    const int TimedOutExitCode = 124;

    public async Task<SmokeBootResult> RunAsync(SmokeBootRequest request, CancellationToken cancellationToken = default)
    {
        foreach (var (file, what) in new[] { (request.QemuBinary, "QEMU binary"), (request.Kernel, "kernel"), (request.Initramfs, "initramfs") })
            if (!runner.IsDryRun && !File.Exists(file))
                throw new BuildException($"The smoke boot's {what} {file} does not exist; build it first.");
        Directory.CreateDirectory(request.WorkDirectory);

        var command = new CommandSpec("timeout", ["--kill-after=5", ((int)Math.Ceiling(request.TimeLimit.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            request.QemuBinary, .. QemuArguments(request)])
        {
            AllowFailure = true,
        };
        var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        var consoleLog = Path.Combine(request.WorkDirectory, request.Name + ".console.log");
        AtomicFile.WriteAllText(consoleLog, result.StandardOutput + result.StandardError);

        var report = SmokeConsole.Read(result.StandardOutput, request.Marker);
        var timedOut = result.ExitCode == TimedOutExitCode || result.ExitCode == 137;
        var failedModules = request.RequiredModules
            .Where(m => !report.Modules.Any(r => SameModule(r.Key, m) && r.Value == 0))
            .ToList();
        string? failure = runner.IsDryRun ? null
            : !report.MarkerSeen ? (timedOut ? $"no marker within {request.TimeLimit.TotalSeconds:0} s" : report.KernelPanic ?? $"QEMU exited with code {result.ExitCode} before the marker")
            : failedModules.Count > 0 ? "modules did not load: " + string.Join(", ", failedModules)
            : null;
        return new SmokeBootResult(failure is null, report.MarkerSeen, timedOut, result.Duration.TotalSeconds, report.Modules,
            report.KvmAmdSev, consoleLog, request.Firmware.ToString(), failure);
    }

    /// <summary>
    /// Boots with the firmware, and when that fails, with the kernel alone: if only the second passes the
    /// firmware is at fault. Throws one line saying which, or returns the passing firmware boot.
    /// </summary>
    public async Task<SmokeBootResult> RequirePassAsync(SmokeBootRequest request, CancellationToken cancellationToken = default)
    {
        var withFirmware = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (withFirmware.Passed || request.Firmware.Kind == SmokeFirmwareKind.Default)
            return withFirmware.Passed ? withFirmware : throw Failed(withFirmware, "the kernel (or initramfs) is at fault");
        var alone = await RunAsync(request with { Firmware = SmokeFirmware.KernelAlone(), Name = request.Name + "-kernel-alone" }, cancellationToken)
            .ConfigureAwait(false);
        throw Failed(withFirmware, alone.Passed
            ? $"the same kernel boots without it ({alone.Seconds:0.0} s), so the firmware is at fault"
            : $"the kernel alone fails too ({alone.Failure}; {alone.ConsoleLogPath}), so the kernel or QEMU is at fault");
    }

    static BuildException Failed(SmokeBootResult result, string verdict) =>
        new($"Smoke boot with {result.Firmware} failed ({result.Failure}); {verdict}; console log: {result.ConsoleLogPath}.");

    public static IReadOnlyList<string> QemuArguments(SmokeBootRequest request)
    {
        var machine = request.Firmware.RequiresSmm ? "q35,smm=on" : "q35";
        var arguments = new List<string>
        {
            "-machine", machine, "-accel", "tcg", "-m", request.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            "-nographic", "-no-reboot", "-vga", "none", "-nic", "none",
            "-kernel", request.Kernel, "-initrd", request.Initramfs, "-append", "console=ttyS0 panic=-1",
        };
        foreach (var dir in request.Firmware.SearchDirectories)
            arguments.AddRange(["-L", dir]);
        switch (request.Firmware.Kind)
        {
            case SmokeFirmwareKind.Bios:
                arguments.AddRange(["-bios", request.Firmware.Image!]);
                break;
            case SmokeFirmwareKind.Pflash:
                var vars = Path.Combine(request.WorkDirectory, request.Name + ".OVMF_VARS.fd");
                if (File.Exists(request.Firmware.VarsTemplate))
                    File.Copy(request.Firmware.VarsTemplate, vars, overwrite: true);
                if (request.Firmware.RequiresSmm)
                    arguments.AddRange(["-global", "driver=cfi.pflash01,property=secure,value=on"]);
                arguments.AddRange(["-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={request.Firmware.Image}",
                    "-drive", $"if=pflash,format=raw,unit=1,file={vars}"]);
                break;
        }
        return arguments;
    }

    static bool SameModule(string fileName, string name) =>
        Path.GetFileNameWithoutExtension(fileName).Replace('-', '_') == name.Replace('-', '_');
}
