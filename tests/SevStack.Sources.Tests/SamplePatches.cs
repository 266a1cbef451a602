namespace SevStack.Sources.Tests;

/// <summary>Patches for the two-file sample tree (Makefile "all:\n\techo two\n", README "one\ntwo\nthree\n") of the patch tests.</summary>
static class SamplePatches
{
    public const string AddSev = """
        --- a/Makefile
        +++ b/Makefile
        @@ -1,2 +1,3 @@
         all:
         	echo two
        +	echo sev

        """;

    public const string ReadmeUpper = """
        --- a/README
        +++ b/README
        @@ -1,3 +1,3 @@
         one
        -two
        +TWO
         three

        """;

    public const string DoesNotApply = """
        --- a/README
        +++ b/README
        @@ -1,3 +1,3 @@
         alpha
        -beta
        +gamma
         delta

        """;
}
