using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>SmokeTest's image and Docker endpoint reach the docker command line only when valid: otherwise one line, exit 2, no docker run.</summary>
public sealed class SmokeTestParameterTests
{
    [Theory]
    [InlineData("--smoke-image", "busybox --privileged", "error: Invalid value for --smoke-image (from the command line): it expects a Docker image reference such as busybox, busybox:1.36 or registry.example.org:5000/team/busybox@sha256:<64 hex digits>")]
    [InlineData("--smoke-image", "Busybox", "error: Invalid value for --smoke-image (from the command line): it expects a Docker image reference such as busybox, busybox:1.36 or registry.example.org:5000/team/busybox@sha256:<64 hex digits>")]
    [InlineData("--docker-host", "/run/docker.sock", "error: Invalid value for --docker-host (from the command line): it expects a Docker endpoint: unix:///absolute/path/docker.sock, tcp://host:port or ssh://[user@]host[:port]")]
    [InlineData("--docker-host", "unix://run/docker.sock", "error: Invalid value for --docker-host (from the command line): it expects a Docker endpoint: unix:///absolute/path/docker.sock, tcp://host:port or ssh://[user@]host[:port]")]
    public async Task A_bad_value_is_one_line_and_docker_never_runs(string flag, string value, string expected)
    {
        using var bin = new TempDirectory("sevstack-fake-docker");
        var calls = bin.Combine("calls");
        File.SetUnixFileMode(bin.WriteFile("docker", $"#!/bin/sh\necho \"$*\" >> '{calls}'\n"), (UnixFileMode)0b111_101_101);
        using var repository = new TempDirectory("sevstack-repo");

        var (exit, output) = await BuildProgram.RunIsolatedWithPath(repository, bin.Path, "SmokeTest", flag, value);

        Assert.Equal(2, exit);
        Assert.Equal(expected, output.Trim());
        Assert.False(File.Exists(calls));
    }

    [Theory]
    [InlineData("registry.example.org:5000/team/busybox:1.36", "tcp://127.0.0.1:2375")]
    [InlineData("sevstack-busybox:e2e", "ssh://core@sev-host")]
    public async Task A_valid_image_and_endpoint_reach_docker_as_given(string image, string endpoint)
    {
        using var bin = new TempDirectory("sevstack-fake-docker");
        var calls = bin.Combine("calls");
        File.SetUnixFileMode(bin.WriteFile("docker", $"#!/bin/sh\necho \"$*\" >> '{calls}'\n"), (UnixFileMode)0b111_101_101);
        using var repository = new TempDirectory("sevstack-repo");

        var (_, output) = await BuildProgram.RunIsolatedWithPath(repository, bin.Path, "SmokeTest", "--smoke-image", image, "--docker-host", endpoint);

        Assert.Equal($"-H {endpoint} run --rm --runtime kata-sev {image} dmesg\n", File.ReadAllText(calls));
        Assert.Contains("dmesg printed nothing", output);
    }
}
