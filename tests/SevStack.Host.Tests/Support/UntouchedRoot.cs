using SevStack.Testing;

namespace SevStack.Host.Tests.Support;

/// <summary>One test root shared by tests that must fail before changing anything (each checks it stayed unchanged).</summary>
public sealed class UntouchedRoot : IDisposable
{
    internal DebianTestRoot Root { get; } = new();

    public void Dispose() => Root.Dispose();
}
