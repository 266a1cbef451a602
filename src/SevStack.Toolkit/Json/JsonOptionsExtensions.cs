using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SevStack.Toolkit.Json;

public static class JsonOptionsExtensions
{
    /// <summary>The generated serializer for <typeparamref name="T"/> from options whose resolver is a source-generated context.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
