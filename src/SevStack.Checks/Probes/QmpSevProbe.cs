using SevStack.Toolkit.Processes;

namespace SevStack.Checks.Probes;

/// <summary>What asking QEMU for its SEV capabilities produced.</summary>
public sealed record QmpSevResult(string Command, string? QemuVersion, SevCapabilities? Capabilities, string? Problem, string? Stderr);

/// <summary>
/// Starts QEMU with no machine and a QMP channel on stdio, asks <c>query-sev-capabilities</c>, and quits.
/// KVM is requested (<c>accel=kvm:tcg</c>): under TCG, QEMU answers "KVM not enabled" even on an SEV host.
/// </summary>
public static class QmpSevProbe
{
    const string Input =
        "{\"execute\":\"qmp_capabilities\",\"id\":\"caps\"}\n" +
        "{\"execute\":\"query-sev-capabilities\",\"id\":\"sev\"}\n" +
        "{\"execute\":\"quit\",\"id\":\"quit\"}\n";

    public static CommandSpec Command(string qemuBinary) =>
        new(qemuBinary, "-machine", "none,accel=kvm:tcg", "-nodefaults", "-nographic", "-qmp", "stdio")
        {
            IsQuery = true,
            AllowFailure = true,
            StandardInput = Input,
        };

    public static async Task<QmpSevResult> RunAsync(ICommandRunner runner, string qemuBinary, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var spec = Command(qemuBinary);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        CommandResult result;
        try
        {
            result = await runner.RunAsync(spec, deadline.Token);
        }
        catch (ToolNotFoundException)
        {
            return new QmpSevResult(spec.Describe(), null, null, $"{qemuBinary} is not installed or not on PATH", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new QmpSevResult(spec.Describe(), null, null, $"QEMU did not answer within {timeout.TotalSeconds:0} s", null);
        }

        var replies = QmpReplies.Parse(result.StandardOutput);
        var reply = replies.Reply("sev") ?? replies.Responses.Skip(1).Cast<System.Text.Json.JsonElement?>().FirstOrDefault();
        var stderr = string.IsNullOrWhiteSpace(result.StandardError) ? null : result.StandardError.Trim();
        if (reply is null)
            return new QmpSevResult(spec.Describe(), replies.Version, null,
                $"QEMU exited with code {result.ExitCode} without answering query-sev-capabilities", stderr);
        return new QmpSevResult(spec.Describe(), replies.Version, SevCapabilities.FromReply(reply.Value), null, stderr);
    }
}
