namespace SevStack.Engine.Tests;

public class ParameterTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    async Task<SampleBuild> Resolve(params string[] args)
    {
        var (exit, output, build) = await host.RunAsync<SampleBuild>([.. args, "--plan", "Fetch"]);
        Assert.True(exit == 0, output);
        return build;
    }

    [Theory]
    [InlineData("""{ "Skip": ["Fetch"] }""", new string[0], new[] { "Compile", "Report" })]
    [InlineData("""{ "skip": true }""", new string[0], new[] { "Compile" })]
    [InlineData("""{ "Skip": false }""", new string[0], new[] { "Fetch", "Compile", "Report" })]
    [InlineData("""{ "Skip": true }""", new[] { "--skip", "Report" }, new[] { "Fetch", "Compile" })]
    public async Task Skip_in_a_parameter_file_skips_as_the_option_does_and_the_command_line_wins(string parameters, string[] args, string[] ran)
    {
        host.Root.WriteFile(".nuke/parameters.json", parameters);

        var (exit, output, build) = await host.RunAsync<SampleBuild>(["Compile", .. args]);

        Assert.True(exit == 0, output);
        Assert.Equal(ran, build.Ran);
    }

    [Fact]
    public async Task Skip_of_a_later_profile_wins_and_a_wrong_skip_is_one_line()
    {
        host.Root.WriteFile(".nuke/parameters.json", """{ "Skip": true }""");
        host.Root.WriteFile(".nuke/parameters.ci.json", """{ "Skip": ["Report"] }""");
        Assert.Equal(["Fetch", "Compile"], (await host.RunAsync<SampleBuild>("Compile", "--profile", "ci")).Build.Ran);

        host.Root.WriteFile(".nuke/parameters.json", """{ "Skip": "Fetch" }""");
        var (exit, output, _) = await host.RunAsync<SampleBuild>("Compile");
        Assert.Equal(2, exit);
        Assert.Equal("error: \"Skip\" in parameters.json: expects true (skip every target that was not named), false, or a list of target names\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Initializers_are_the_defaults()
    {
        var build = await Resolve();

        Assert.Equal("defconfig", build.KernelConfig);
        Assert.Equal(2, build.Jobs);
        Assert.Equal(Flavour.Host, build.Flavour);
        Assert.False(build.MemEncryptByDefault);
    }

    [Fact]
    public async Task Command_line_beats_environment_beats_profiles_beats_parameters_json()
    {
        host.Root.WriteFile(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "KernelConfig": "json", "Jobs": 3, "Flavour": "kata-guest" }""");
        host.Root.WriteFile(".nuke/parameters.small.json", """{ "kernelConfig": "tinyconfig", "Jobs": 4 }""");
        host.Root.WriteFile(".nuke/parameters.later.json", """{ "Jobs": 5 }""");

        var fromFiles = await Resolve("--profile", "small", "later");
        Assert.Equal(("tinyconfig", 5, Flavour.KataGuest), (fromFiles.KernelConfig, fromFiles.Jobs, fromFiles.Flavour));

        host.Environment["SEVSTACK_KERNEL_CONFIG"] = "from-env";
        host.Environment["SEVSTACK_JOBS"] = "6";
        var fromEnvironment = await Resolve("--profile", "small");
        Assert.Equal(("from-env", 6), (fromEnvironment.KernelConfig, fromEnvironment.Jobs));

        var fromCommandLine = await Resolve("--profile", "small", "--kernel-config", "file:/tmp/x", "--jobs=7", "--mem-encrypt-by-default", "--packages", "a", "b c");
        Assert.Equal(("file:/tmp/x", 7, true), (fromCommandLine.KernelConfig, fromCommandLine.Jobs, fromCommandLine.MemEncryptByDefault));
        Assert.Equal(["a", "b", "c"], fromCommandLine.Packages);
    }

    [Fact]
    public async Task Environment_names_ignore_case_and_underscores_after_the_prefix()
    {
        host.Environment["SEVSTACK_kernelconfig"] = "lower";
        Assert.Equal("lower", (await Resolve()).KernelConfig);
    }

    [Theory]
    [InlineData("KERNEL_CONFIG")]
    [InlineData("KernelConfig")]
    [InlineData("kernelconfig")]
    [InlineData("sevstack_kernel_config")]
    [InlineData("XSEVSTACK_KERNEL_CONFIG")]
    public async Task Only_SEVSTACK_prefixed_variables_set_parameters(string variable)
    {
        host.Environment[variable] = "from-env";
        host.Environment["JOBS"] = "not a number, and never read";

        var build = await Resolve();

        Assert.Equal(("defconfig", 2), (build.KernelConfig, build.Jobs));
    }

    [Fact]
    public async Task Two_spellings_of_one_variable_are_a_usage_error()
    {
        host.Environment["SEVSTACK_KERNEL_CONFIG"] = "a";
        host.Environment["SEVSTACK_KERNELCONFIG"] = "b";

        var (exit, output, _) = await host.RunAsync<SampleBuild>("--plan", "Fetch");

        Assert.Equal(2, exit);
        Assert.Equal("error: Environment variables SEVSTACK_KERNELCONFIG and SEVSTACK_KERNEL_CONFIG both set --kernel-config: unset one of them", output.Trim());
    }

    [Theory]
    [InlineData("--jobs many", "error: Invalid value for --jobs (from the command line): it expects a whole number")]
    [InlineData("--flavour guest", "error: Invalid value for --flavour (from the command line): it expects one of host, kata-guest")]
    [InlineData("--kernel-confg x", "error: Unknown option --kernel-confg. Did you mean --kernel-config? See --help for the options and parameters.")]
    [InlineData("--jobs", "error: --jobs needs a value")]
    [InlineData("--profile nope", "error: Unknown profile 'nope': ")]
    public async Task Bad_input_is_a_usage_error_naming_the_flag(string args, string expected)
    {
        var (exit, output, _) = await host.RunAsync<SampleBuild>(["Fetch", .. args.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.StartsWith(expected, output);
        Assert.Single(output.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_bad_environment_value_names_the_variable()
    {
        host.Environment["SEVSTACK_JOBS"] = "lots";

        var (exit, output, _) = await host.RunAsync<SampleBuild>("Fetch");

        Assert.Equal(2, exit);
        Assert.Equal("error: Invalid value for --jobs (from environment variable SEVSTACK_JOBS): it expects a whole number from 1 to 64", output.Trim());
    }

    [Fact]
    public async Task An_unknown_key_in_a_parameter_file_is_an_error()
    {
        host.Root.WriteFile(".nuke/parameters.json", """{ "KernelConfg": "x" }""");

        var (exit, output, _) = await host.RunAsync<SampleBuild>("Fetch");

        Assert.Equal(2, exit);
        Assert.Equal("error: Unknown parameter \"KernelConfg\" in parameters.json (did you mean \"KernelConfig\"?): remove it or fix its name", output.Trim());
    }

    [Fact]
    public async Task Secrets_never_reach_the_log_or_console()
    {
        var (exit, output, build) = await host.RunAsync<SampleBuild>("Publish", "--api-token", "s3cr3t-value", "--skip", "Compile", "Fetch");

        Assert.Equal(0, exit);
        Assert.Contains("publishing with ****", output);
        Assert.DoesNotContain("s3cr3t-value", output);
        Assert.DoesNotContain("s3cr3t-value", File.ReadAllText(host.Root.Combine("artifacts", "logs", "Publish.log")));
    }

    enum Generation { V1 = 1, V3 = 3 }

    enum Output { FullFile, DropIn }

    [Fact]
    public void Version_members_are_written_as_their_numbers_and_others_in_kebab_case_and_both_forms_parse()
    {
        Assert.Equal(["1", "3"], Parameters.ParameterValues.EnumSpellings(typeof(Generation)));
        Assert.Equal(["full-file", "drop-in"], Parameters.ParameterValues.EnumSpellings(typeof(Output)));
        Assert.Equal("3", Parameters.ParameterValues.Format(Generation.V3));
        Assert.Equal(Generation.V1, Parameters.ParameterValues.Convert(typeof(Generation), ["1"]));
        Assert.Equal(Generation.V1, Parameters.ParameterValues.Convert(typeof(Generation), ["v1"]));
        var error = Assert.Throws<FormatException>(() => Parameters.ParameterValues.Convert(typeof(Generation), ["2"]));
        Assert.Equal("expects one of 1, 3", error.Message);
    }
}
