using SevStack.Checks.Probes;

namespace SevStack.Checks.Host.Checks;

/// <summary>Says which kernel generation a parameter's spelling points to, so users can match advice to their kernel.</summary>
static class ParameterForm
{
    public static string Describe(ModuleParameter parameter) => parameter.Raw switch
    {
        "Y" or "N" or "y" or "n" => $"{parameter.Describe()} (bool form: kernel 5.12 or later)",
        "1" or "0" => $"{parameter.Describe()} (int form: kernel 4.16 to 5.11)",
        null => parameter.Describe(),
        _ => $"{parameter.Describe()} (unrecognised value)",
    };
}
