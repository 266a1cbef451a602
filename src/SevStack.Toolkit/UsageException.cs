namespace SevStack.Toolkit;

/// <summary>A usage or graph error (unknown target, cycle, missing dependency, bad flag): exit code 2.</summary>
public sealed class UsageException(string message) : BuildException(message);
