namespace ReportValidation.Cli;

/// <summary>
/// What the process exit code means, for scripts (README, "Command line"). When several apply, the
/// highest wins: a run with an unreadable file exits 3 even if another report failed, since its
/// verdict is incomplete.
/// </summary>
public static class ExitCode
{
    /// <summary>Every report passes under the chosen profile (or the command was --help, --version, rules).</summary>
    public const int Pass = 0;

    /// <summary>At least one report does not pass under the chosen profile.</summary>
    public const int Fail = 1;

    /// <summary>Bad usage: an unknown command or option, a missing argument, a path that does not exist.</summary>
    public const int Usage = 2;

    /// <summary>At least one file could not be read or validated; the others were still reported.</summary>
    public const int Unreadable = 3;
}
