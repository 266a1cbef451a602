namespace SevStack.Build.Modules.Test;

public enum TestSuite
{
    Fast,
    E2E,
    All,
}
