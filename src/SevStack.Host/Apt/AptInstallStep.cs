using SevStack.Toolkit.Processes;

namespace SevStack.Host.Apt;

/// <summary>One step of an apt install plan; each can describe itself for a dry run.</summary>
public abstract record AptInstallStep
{
    public abstract string Describe();
}

public sealed record RunCommandStep(CommandSpec Command) : AptInstallStep
{
    public override string Describe() => Command.Describe();
}

/// <summary>Writes a file (path as on the configured system).</summary>
public sealed record WriteFileStep(string Path, string Content) : AptInstallStep
{
    public override string Describe() => $"write {Path}:\n{Content}";
}

/// <summary>Refuses a downloaded apt key unless its primary key has the expected fingerprint.</summary>
public sealed record VerifyKeyStep(string KeyPath, string Fingerprint) : AptInstallStep
{
    public override string Describe() => $"gpg --show-keys --with-colons {KeyPath}  (primary key must be {Fingerprint})";
}
