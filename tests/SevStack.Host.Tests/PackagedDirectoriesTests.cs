namespace SevStack.Host.Tests;

public sealed class PackagedDirectoriesTests
{
    [Fact]
    public void Folders_of_a_dpkg_deb_listing_are_read_as_absolute_paths()
    {
        const string listing = """
            drwxr-xr-x root/root         0 2025-05-20 00:00 ./
            drwxr-xr-x root/root         0 2025-05-20 00:00 ./opt/
            drwxr-xr-x root/root         0 2025-05-20 00:00 ./opt/sevstack/
            -rwxr-xr-x root/root   1234567 2025-05-20 00:00 ./opt/sevstack/bin/qemu-system-x86_64
            lrwxrwxrwx root/root         0 2025-05-20 00:00 ./usr/lib/link -> target
            drwxr-xr-x root/root         0 2025-05-20 00:00 ./usr/share/doc/a folder with spaces/
            """;

        Assert.Equal(["/opt", "/opt/sevstack", "/usr/share/doc/a folder with spaces"], PackagedDirectories.DirectoriesIn(listing));
    }
}
