namespace SevStack.Host.Tests.Support;

[CollectionDefinition(Name)]
public sealed class FixtureCollection : ICollectionFixture<FixturePackagesHolder>
{
    public const string Name = "fixture packages";
}

/// <summary>Owns the fixture packages for the collection (xunit needs a public type).</summary>
public sealed class FixturePackagesHolder : IDisposable
{
    internal FixturePackages Packages { get; } = new();

    public void Dispose() => Packages.Dispose();
}
