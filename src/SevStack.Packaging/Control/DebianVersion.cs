using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Packaging.Control;

/// <summary>Asks dpkg itself whether a version string is valid, so we reject exactly what dpkg rejects.</summary>
public sealed class DebianVersion(ICommandRunner runner)
{
    public async Task ValidateAsync(string version, string packageName, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(new CommandSpec("dpkg", "--validate-version", "--", version)
        {
            IsQuery = true,
            AllowFailure = true,
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var message = (result.StandardError + result.StandardOutput).Trim().Split('\n')[0];
            var marker = message.IndexOf("bad syntax: ", StringComparison.Ordinal);
            var reason = marker >= 0 ? message[(marker + "bad syntax: ".Length)..] : message;
            throw new BuildException($"Version '{version}' of package {packageName} is rejected by dpkg ({reason}): fix the upstream version or the build suffix.");
        }
    }
}
