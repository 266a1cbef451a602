using SevStack.Components.Ccache;

namespace SevStack.Components.Kernel;

/// <summary>The make variables that choose the tools around the kernel's compiler.</summary>
public static class KernelToolVariables
{
    /// <summary>
    /// The host programs' compiler and link flags (fixdep, kconfig's conf, objtool, modpost). Configuring and building
    /// pass the same ones: Kbuild relinks a host program whose command line changed, so differing ones relink them twice per build.
    /// </summary>
    public static IReadOnlyList<string> HostPrograms(CompilerCache? cache) =>
    [
        // Stripped: linux-headers ships these programs, and lintian calls unstripped ones an error.
        "HOSTLDFLAGS=-s",
        .. cache is null ? Array.Empty<string>() : ["HOSTCC=" + cache.CompilerCommand],
    ];

    /// <summary>The host programs' variables, the compiler, and the nm that checks every object.</summary>
    public static IReadOnlyList<string> Build(CompilerCache? cache) =>
    [
        .. HostPrograms(cache),
        .. cache is null ? Array.Empty<string>() : ["CC=" + cache.CompilerCommand],
        // Plain nm loads every plugin in /usr/lib/bfd-plugins: with clang installed that is LLVMgold and its 100 MB libLLVM,
        // 80 ms on each of the ~1300 objects Kbuild checks for exported local symbols. gcc-nm loads only gcc's own LTO plugin.
        "NM=gcc-nm",
    ];
}
