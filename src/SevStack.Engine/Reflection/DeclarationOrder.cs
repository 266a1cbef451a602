using System.Reflection;

namespace SevStack.Engine.Reflection;

/// <summary>Puts reflected members of one type in the order they are declared in.</summary>
public static class DeclarationOrder
{
    /// <summary>
    /// Sorts by metadata token, which follows declaration order. A natively compiled (AOT) build program has no tokens,
    /// and its reflection already lists members in metadata order, so the array is left as it is there.
    /// </summary>
    public static T[] Sort<T>(T[] members) where T : MemberInfo
    {
        if (members.Length > 1 && members[0].HasMetadataToken())
            Array.Sort(members, static (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
        return members;
    }
}
