using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

/// <summary>The premise of building with <c>NM=gcc-nm</c>: on real objects it prints exactly what nm prints.</summary>
public sealed class KernelToolVariablesTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    [Theory]
    [InlineData("-m64")]
    [InlineData("-m32")]
    public async Task Gcc_nm_lists_the_same_symbols_as_nm(string bits)
    {
        using var temp = new TempDirectory();
        var source = temp.WriteFile("exports.c", """
            static int local_counter;
            int exported_value = 3;
            static int local_helper(int x) { return x + local_counter; }
            int exported_function(int x) { return local_helper(x) * exported_value; }
            extern int undefined_elsewhere(void);
            int caller(void) { return undefined_elsewhere(); }
            """);
        var obj = temp.Combine("exports.o");
        await Runner.RunAsync(new CommandSpec("gcc", bits, "-ffreestanding", "-c", "-o", obj, source));

        var nm = (await Runner.RunAsync(new CommandSpec("nm", obj) { IsQuery = true })).StandardOutput;
        var gccNm = (await Runner.RunAsync(new CommandSpec("gcc-nm", obj) { IsQuery = true })).StandardOutput;

        Assert.Contains(" T exported_function", nm);
        Assert.Contains(" t local_helper", nm);
        Assert.Contains(" U undefined_elsewhere", nm);
        Assert.Equal(nm, gccNm);
    }
}
