namespace SevStack.Engine.Tests;

/// <summary>Every value is checked when it is read, before anything runs, also for --help and --plan; each error is one line.</summary>
public class ParameterCheckTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    async Task<string> UsageError(params string[] args)
    {
        var (exit, output, build) = await host.RunAsync<SampleBuild>(args);
        Assert.True(exit == 2, output);
        Assert.Single(output.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", output);
        Assert.Empty(build.Ran);
        Assert.False(File.Exists(host.Root.Combine("compiled")));
        return output.Trim();
    }

    public static TheoryData<string[], string> BadValues => new()
    {
        { ["--jobs", "0"], "error: Invalid value for --jobs (from the command line): it expects a whole number from 1 to 64" },
        { ["--jobs", "-5"], "error: Invalid value for --jobs (from the command line): it expects a whole number from 1 to 64" },
        { ["--jobs", "99999999999999999999999"], "error: Invalid value for --jobs (from the command line): it expects a whole number from 1 to 64" },
        { ["--jobs", "65"], "error: Invalid value for --jobs (from the command line): it expects a whole number from 1 to 64" },
        { ["--release", "Bad Name"], "error: Invalid value for --release (from the command line): it expects lower-case words joined by '-'" },
        { ["--release", "../x"], "error: Invalid value for --release (from the command line): it expects lower-case words joined by '-'" },
        { ["--kernel-config", "a\nExecStartPre=/bin/sh"], "error: Invalid value for --kernel-config (from the command line): it contains a control character (a newline or tab): give the value on one line" },
        { ["--kernel-config", ""], "error: Invalid value for --kernel-config (from the command line): it is empty: give a value, or leave the parameter out for its default" },
        { ["--kernel-config="], "error: Invalid value for --kernel-config (from the command line): it is empty: give a value, or leave the parameter out for its default" },
        { ["--packages", "a", "b\u0000c"], "error: Invalid value for --packages (from the command line): it contains a control character (a newline or tab): give the value on one line" },
        { ["--parallel", "0"], "error: Invalid value for --parallel (from the command line): it expects a whole number from 1 to 1024" },
        { ["--parallel", "many"], "error: Invalid value for --parallel (from the command line): it expects a whole number from 1 to 1024" },
        { ["--verbosity", "loud"], "error: --verbosity does not accept 'loud': use one of quiet, minimal, normal, verbose" },
        { ["--no-cache=maybe"], "error: Invalid value for --no-cache (from the command line): it expects true or false" },
        { ["--skip", "Nope"], "error: Unknown target 'Nope'." },
        { ["--rebuild", "Compiler"], "error: Unknown target 'Compiler'." },
        { ["--skip", "No\npe"], "error: Invalid value for --skip (from the command line): it contains a control character" },
        { ["No\npe"], "error: Unknown target 'No\\npe'." },
        { ["--profile", "../../etc/passwd"], "error: --profile ../../etc/passwd: a profile is a name (.nuke/parameters.<name>.json), not a path" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_stops_help_plan_dry_run_and_run_with_one_line(string[] args, string expected)
    {
        foreach (var mode in new[] { "--help", "--plan", "--dry-run", "" })
        {
            string[] full = mode.Length == 0 ? ["Compile", .. args] : ["Compile", mode, .. args];
            var output = await UsageError(full);
            Assert.StartsWith(expected, output);
        }
    }

    [Fact]
    public async Task A_duplicate_key_in_a_parameter_file_is_one_line_naming_both()
    {
        host.Root.WriteFile(".nuke/parameters.json", """{ "Jobs": 3, "jobs": 4 }""");

        var output = await UsageError("--help");

        Assert.Equal($"error: {host.Root.Combine(".nuke", "parameters.json")}: \"Jobs\" and \"jobs\" set the same parameter: keep one of them", output);
    }

    [Fact]
    public async Task A_bad_value_in_a_profile_names_the_key_and_the_profile()
    {
        host.Root.WriteFile(".nuke/parameters.small.json", """{ "Jobs": -1 }""");

        var output = await UsageError("--plan", "Compile", "--profile", "small");

        Assert.Equal("error: Invalid value for --jobs (from \"Jobs\" in profile small): it expects a whole number from 1 to 64", output);
    }

    [Fact]
    public async Task Engine_options_come_from_SEVSTACK_variables_and_are_checked_there_too()
    {
        host.Environment["SEVSTACK_PARALLEL"] = "0";
        Assert.Equal("error: Invalid value for --parallel (from environment variable SEVSTACK_PARALLEL): it expects a whole number from 1 to 1024",
            await UsageError("--plan", "Compile"));

        host.Environment["SEVSTACK_PARALLEL"] = "2";
        host.Environment["SEVSTACK_VERBOSITY"] = "loud";
        Assert.Equal("error: Invalid value for --verbosity (from environment variable SEVSTACK_VERBOSITY): it expects one of quiet, minimal, normal, verbose",
            await UsageError("--help"));

        host.Environment["SEVSTACK_VERBOSITY"] = "quiet";
        var (exit, quiet, _) = await host.RunAsync<SampleBuild>("Fetch");
        Assert.True(exit == 0, quiet);
        Assert.DoesNotContain("Total", quiet);

        var (_, normal, _) = await host.RunAsync<SampleBuild>("Fetch", "--verbosity", "normal");
        Assert.Contains("Total", normal);
    }

    [Fact]
    public async Task What_a_run_does_never_comes_from_the_environment()
    {
        host.Environment["SEVSTACK_DRY_RUN"] = "true";
        host.Environment["SEVSTACK_SKIP"] = "Fetch";
        host.Environment["SEVSTACK_TARGET"] = "Broken";

        var (exit, output, build) = await host.RunAsync<SampleBuild>("Fetch");

        Assert.True(exit == 0, output);
        Assert.Equal(["Fetch"], build.Ran);
    }

    [Fact]
    public async Task A_parameter_type_of_its_own_is_parsed_when_read()
    {
        host.Environment["SEVSTACK_RELEASE"] = "sev-stack";

        var (exit, output, build) = await host.RunAsync<SampleBuild>("--plan", "Fetch");

        Assert.True(exit == 0, output);
        Assert.Equal("sev-stack", build.Release?.Value);
    }
}

/// <summary>--plan is the run's plan: what --skip and static conditions skip is marked, with the reason in words.</summary>
public class PlanSkipTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Plan_marks_what_skip_skips()
    {
        var (exit, output, _) = await host.RunAsync<SampleBuild>("--plan", "Compile", "--skip", "Fetch");

        Assert.True(exit == 0, output);
        Assert.Contains("1. Fetch    dependency of Compile, skipped (via --skip)", output);
        Assert.Contains("2. Compile  invoked\n", output);
    }
}
