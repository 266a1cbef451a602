using SevStack.Kata.Config;

namespace SevStack.Kata.Tests.Config;

public class KernelParamsTests
{
    [Theory]
    [InlineData("", "swiotlb=262144", "swiotlb=262144")]
    [InlineData("a swiotlb=1024 b", "swiotlb=262144", "a swiotlb=262144 b")]
    [InlineData("swiotlb=1 a swiotlb=2", "swiotlb=3", "swiotlb=3 a")]
    [InlineData("a  b", "initcall_debug", "a b initcall_debug")]
    [InlineData("initcall_debug", "initcall_debug", "initcall_debug")]
    public void Set_replaces_a_parameter_of_the_same_name_once(string line, string parameter, string expected) =>
        Assert.Equal(expected, KernelParams.Set(line, parameter));

    [Theory]
    [InlineData("root=/dev/vda1 ro", "root=/dev/sda1 ro")]
    [InlineData("root=/dev/vda1 root=/dev/sda1", "root=/dev/sda1")]
    [InlineData("ro", "ro")]
    public void Replace_moves_the_root_device(string line, string expected) =>
        Assert.Equal(expected, KernelParams.Replace(line, "root=/dev/vda1", "root=/dev/sda1"));
}
