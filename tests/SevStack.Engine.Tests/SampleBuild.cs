using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests;

public enum Flavour
{
    Host,
    KataGuest,
}

/// <summary>A small build with every kind of parameter, used through the real host.</summary>
internal sealed class SampleBuild : BuildBase
{
    [Parameter("Kernel base configuration")]
    public string KernelConfig = "defconfig";

    [Parameter("Jobs for make"), ValueRange(1, 64)]
    public int Jobs = 2;

    [Parameter("Build flavour")]
    public Flavour Flavour = Flavour.Host;

    [Parameter("Turn SME on by default")]
    public bool MemEncryptByDefault = false;

    [Parameter("Extra packages")]
    public string[] Packages = [];

    [Parameter("What Compile notes in the summary")]
    public string CompileNote = "1 file";

    [Parameter("Token for the API"), Secret]
    public string? ApiToken = null;

    [Parameter("Name of the release")]
    public ReleaseName? Release = null;

    public List<string> Ran { get; } = [];

    Target Fetch => _ => _
        .Description("Fetch the sources")
        .Executes(() => Ran.Add("Fetch"));

    Target Compile => _ => _
        .Description("Compile them")
        .DependsOn(Fetch)
        .Triggers(Report)
        .Executes(async c =>
        {
            Ran.Add("Compile");
            await c.Runner.RunAsync(new CommandSpec("touch", Path.Combine(RootDirectory, "compiled")) { NeedsRoot = true });
            c.Files.WriteAllText(Path.Combine(RootDirectory, "config.txt"), $"config={KernelConfig}\n");
            c.Note = CompileNote;
        });

    Target Publish => _ => _
        .Description("Publish with a token")
        .DependsOn(Compile)
        .Requires(() => ApiToken)
        .Executes(c => c.Log.Info($"publishing with {ApiToken}"));

    Target Broken => _ => _
        .Description("Runs a tool that fails")
        .Executes(async c => await c.Runner.RunAsync(new CommandSpec("bash", "-c", "for i in $(seq 30); do echo line$i; done; exit 3")));

    Target Report => _ => _
        .Description("Report what was compiled")
        .Executes(() => Ran.Add("Report"));
}
