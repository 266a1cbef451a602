using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using SevStack.Engine.Reflection;

namespace SevStack.Engine.Parameters;

/// <summary>One declared parameter: how it is spelled, its type, the whole numbers it accepts and the default from its initializer.</summary>
public sealed record ParameterMember(MemberInfo Member, string Description, bool IsSecret, object? DefaultValue)
{
    public ValueRangeAttribute? Range => Member.GetCustomAttribute<ValueRangeAttribute>();

    public string Name => Member.Name;
    public string FlagName => "--" + Kebab(Name);
    public string NormalizedName => Normalize(Name);
    public Type Type => Member is FieldInfo f ? f.FieldType : ((PropertyInfo)Member).PropertyType;
    public bool IsFlag => ParameterValues.ElementType(Type) == typeof(bool) && !Type.IsArray;
    public bool IsList => Type.IsArray;

    /// <summary>The build or module object that declares the parameter.</summary>
    public required object Owner { get; init; }

    public void SetValue(object? value)
    {
        if (Member is FieldInfo field)
            field.SetValue(Owner, value);
        else
            ((PropertyInfo)Member).SetValue(Owner, value);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "A natively compiled build program keeps its assemblies whole (TrimmerRootAssembly in build/_build.csproj)")]
    public static IReadOnlyList<ParameterMember> Discover(object build)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var members = new List<ParameterMember>();
        foreach (var owner in BuildModules.Of(build))
            for (var type = owner.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                // Fields before properties, each in declaration order.
                MemberInfo[] declared = [.. DeclarationOrder.Sort(type.GetFields(flags | BindingFlags.DeclaredOnly)), .. DeclarationOrder.Sort(type.GetProperties(flags | BindingFlags.DeclaredOnly))];
                foreach (var member in declared)
                {
                    if (!member.IsDefined(typeof(ParameterAttribute), inherit: false) || member.GetCustomAttribute<ParameterAttribute>() is not { } attribute)
                        continue;
                    var value = member is FieldInfo f ? f.GetValue(owner) : ((PropertyInfo)member).GetValue(owner);
                    var parameter = new ParameterMember(member, attribute.Description, member.GetCustomAttribute<SecretAttribute>() is not null, value) { Owner = owner };
                    if (members.FirstOrDefault(m => m.NormalizedName == parameter.NormalizedName) is { } clash)
                        throw new UsageException($"Parameter {parameter.FlagName} is declared by both {clash.Owner.GetType().Name} and {owner.GetType().Name}: rename one");
                    members.Add(parameter);
                }
            }
        return members;
    }

    public static string Kebab(string name)
    {
        var kebab = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && char.IsLower(name[i - 1]))
                kebab.Append('-');
            kebab.Append(char.ToLowerInvariant(name[i]));
        }
        return kebab.ToString();
    }

    /// <summary>Case and every non-alphanumeric character ignored: KERNEL_CONFIG = kernel-config = KernelConfig.</summary>
    public static string Normalize(string name)
    {
        var normal = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
            if (char.IsAsciiLetterOrDigit(c))
                normal.Append(char.ToLowerInvariant(c));
        return normal.ToString();
    }
}
