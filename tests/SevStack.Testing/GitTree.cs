namespace SevStack.Testing;

/// <summary>git in a test's fixture work tree; a failure fails the test with git's own message.</summary>
public static class GitTree
{
    public static void Run(string workTree, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", ["-C", workTree, .. args]) { RedirectStandardError = true };
        using var git = System.Diagnostics.Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Xunit.Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }
}
