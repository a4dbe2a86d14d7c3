/// The gateway's version, shown by `--version`, the start-up line and metrics.
public enum BuildInfo {
    /// The semantic version of this build.
    public static let version = "0.1.0"
}
