using SevStack.Components.Ccache;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Ccache;

/// <summary>
/// The compiler cache runs in depend mode: a miss of a compilation that writes a dependency file (meson's -MD, Kbuild's
/// -Wp,-MMD) calls the compiler once, without the preprocessor run first that made a cold store slower than no ccache.
/// Real ccache, with a gcc on PATH that records each call before running the real one.
/// </summary>
public sealed class CcacheDependModeTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-ccache-depend");
    readonly MemoryBuildLog log = new();

    public void Dispose() => temp.Dispose();

    async Task<IReadOnlyList<string>> CompilerCallsAsync(params string[] dependencyFlags)
    {
        temp.WriteFile("src/greeting.h", "#define GREETING \"hello\"\n");
        temp.WriteFile("src/hello.c", "#include \"greeting.h\"\nconst char *greeting(void) { return GREETING; }\n");
        temp.WriteFile("bin/gcc", $"#!/bin/sh\necho \"$*\" >>{temp.Combine("calls")}\nexec /usr/bin/gcc \"$@\"\n");
        File.SetUnixFileMode(temp.Combine("bin/gcc"), (UnixFileMode)0b111_101_101);
        // ccache skips include files newer than the compilation; the test's were written just now.
        foreach (var file in Directory.GetFiles(temp.Combine("src")))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
        Directory.CreateDirectory(temp.Combine("obj"));
        var cache = new CompilerCache(temp.Combine("ccache"), temp.Path);
        var environment = new Dictionary<string, string?>(cache.Environment) { ["PATH"] = temp.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH") };
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        await runner.RunAsync(new CommandSpec("ccache", ["gcc", "-O2", .. dependencyFlags, "-c", temp.Combine("src/hello.c"), "-o", temp.Combine("obj/hello.o")])
        {
            WorkingDirectory = temp.Path,
            Environment = environment,
        });
        Assert.True(File.Exists(temp.Combine("obj/hello.o")));
        return File.ReadAllLines(temp.Combine("calls"));
    }

    [Theory]
    [InlineData("meson", new[] { "-MD", "-MQ", "obj/hello.o", "-MF", "obj/hello.d" })]
    [InlineData("kbuild", new[] { "-Wp,-MMD,obj/.hello.o.d" })]
    public async Task A_miss_with_a_dependency_file_runs_the_compiler_once_and_no_preprocessor(string _, string[] dependencyFlags)
    {
        var calls = await CompilerCallsAsync(dependencyFlags);

        Assert.Single(calls);
        Assert.DoesNotContain(" -E ", " " + calls[0] + " ");
    }
}
