namespace SevStack.Kata.Config;

/// <summary>The guest root filesystem: a disk image or an initrd; Kata accepts exactly one of them.</summary>
public sealed record GuestRootfs(GuestRootfsKind Kind, string Path)
{
    public static GuestRootfs Image(string path) => new(GuestRootfsKind.Image, path);
    public static GuestRootfs Initrd(string path) => new(GuestRootfsKind.Initrd, path);

    public string Key => Kind == GuestRootfsKind.Image ? "image" : "initrd";
    public string OtherKey => Kind == GuestRootfsKind.Image ? "initrd" : "image";
}

public enum GuestRootfsKind
{
    Image,
    Initrd,
}
