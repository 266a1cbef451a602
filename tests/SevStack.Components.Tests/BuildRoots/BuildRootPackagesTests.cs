using SevStack.Components.BuildRoots;

namespace SevStack.Components.Tests.BuildRoots;

/// <summary>The packages of a build root one build can use: its own, the essential ones, and their dependency closure.</summary>
public sealed class BuildRootPackagesTests
{
    const string Status = """
        Package: meson
        Status: install ok installed
        Version: 1.7.0-1
        Depends: python3:any, ninja-build (>= 1.8.2) | samurai

        Package: ninja-build
        Status: install ok installed
        Version: 1.12.1-1

        Package: python3
        Status: install ok installed
        Version: 3.13.5-1
        Pre-Depends: python3-minimal (= 3.13.5-1)

        Package: python3-minimal
        Status: install ok installed
        Version: 3.13.5-1

        Package: libc6
        Status: install ok installed
        Essential: yes
        Version: 2.41-12
        Depends: libgcc-s1

        Package: libgcc-s1
        Status: install ok installed
        Version: 14.2.0-19

        Package: acpica-tools
        Status: install ok installed
        Version: 20250404-1
        Provides: iasl

        Package: linux-source-6.12
        Status: install ok installed
        Version: 6.12.117-1

        Package: removed
        Status: deinstall ok config-files
        Version: 1
        """;

    [Fact]
    public void The_closure_holds_the_build_s_packages_their_dependencies_and_the_essential_set_with_versions()
    {
        var closure = BuildRootPackages.Closure(Status, ["meson", "iasl", "missing"]);

        Assert.Equal([
            "acpica-tools=20250404-1", "libc6=2.41-12", "libgcc-s1=14.2.0-19", "meson=1.7.0-1", "missing=(not installed)",
            "ninja-build=1.12.1-1", "python3-minimal=3.13.5-1", "python3=3.13.5-1",
        ], closure);
    }

    [Fact]
    public void A_package_no_build_asked_for_stays_outside()
    {
        var closure = BuildRootPackages.Closure(Status, ["meson"]);

        Assert.DoesNotContain(closure, line => line.StartsWith("linux-source-6.12=", StringComparison.Ordinal));
        Assert.DoesNotContain(closure, line => line.StartsWith("removed=", StringComparison.Ordinal));
    }
}
